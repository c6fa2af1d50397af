import type { INodeProperties } from 'n8n-workflow';

import { operationOptions, scoped } from '../../shared/registry';
import { build } from './build.operation';
import { compare } from './compare.operation';
import type { ArrangementOperation } from './types';
import { validate } from './validate.operation';

/** The one list of operations: options and dispatch both come from it. */
export const OPERATIONS: ArrangementOperation[] = [build, validate, compare];

export function findOperation(value: string): ArrangementOperation | undefined {
	return OPERATIONS.find((o) => o.value === value);
}

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
