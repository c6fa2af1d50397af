import type { INodeProperties } from 'n8n-workflow';

import { operationOptions, scoped } from '../../shared/registry';
import { buildReactivationList } from './list/buildReactivationList.operation';
import { planFinancedFollowUp } from './plan/planFinancedFollowUp.operation';
import { planMessage } from './plan/planMessage.operation';
import { readReply } from './reply/readReply.operation';
import { summarize } from './summary/summarize.operation';
import type { OutreachOperation } from './types';

/** The one list of operations: options and dispatch both come from it. */
export const OPERATIONS: OutreachOperation[] = [
	planMessage,
	planFinancedFollowUp,
	buildReactivationList,
	readReply,
	summarize,
];

/** No Resource parameter: the operations are outreach's own. */
export const outreachProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: operationOptions(OPERATIONS as Array<Parameters<typeof operationOptions>[0][number]>),
		default: 'planMessage',
	},
	...OPERATIONS.flatMap((o) => scoped(o.properties, { operation: [o.value] })),
];
