import type { INodeProperties } from 'n8n-workflow';

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
		options: OPERATIONS.map((o) => ({
			name: o.name,
			value: o.value,
			action: o.action,
			description: o.description,
		})),
		default: 'build',
	},
	...OPERATIONS.flatMap((o) =>
		o.properties.map((p) => ({
			...p,
			displayOptions: {
				...p.displayOptions,
				show: { ...p.displayOptions?.show, operation: [o.value] },
			},
		})),
	),
];
