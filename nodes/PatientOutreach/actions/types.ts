import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/registry';

/** A per-item operation; `output` is the index of the output the item leaves by. */
export type PlanOperation = Operation<{ json: IDataObject; output: number }>;

/** An operation over all input items at once (a list, a summary): one list of items per output. */
export interface ListOperation extends Omit<Operation<unknown>, 'execute'> {
	executeAll(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

export type OutreachOperation = PlanOperation | ListOperation;

export const isListOperation = (o: OutreachOperation): o is ListOperation => 'executeAll' in o;
