import type { INodeProperties } from 'n8n-workflow';

import { operationOptions, scoped } from '../../shared/registry';
import { build } from './arrangement/build.operation';
import { compare } from './arrangement/compare.operation';
import { findLocation } from './arrangement/findLocation.operation';
import { validate } from './arrangement/validate.operation';
import type { ArrangementOperation } from './types';

/** The one list of operations: options and dispatch both come from it. */
export const OPERATIONS: ArrangementOperation[] = [build, validate, compare, findLocation];

/** No Resource parameter: the operations are the arrangement's own. */
export const arrangementProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: operationOptions(OPERATIONS),
		default: 'build',
	},
	...OPERATIONS.flatMap((o) => scoped(o.properties, { operation: [o.value] })),
];
