import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildProperties, findOperation, OPERATIONS } from './registry';

export class CareCredit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CareCredit',
		name: 'careCredit',
		icon: { light: 'file:careCredit.svg', dark: 'file:careCredit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Prefill CareCredit applications, get decisions, look up accounts and charge purchases',
		defaults: { name: 'CareCredit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'careCreditApi',
				required: true,
				displayOptions: {
					show: {
						resource: [...new Set(OPERATIONS.filter((op) => op.usesApi).map((op) => op.resource))],
					},
				},
			},
		],
		properties: buildProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const outcome = await runItem.call(this, i).then(
				(result) => ({ result }),
				(error: unknown) => ({ error: asNodeError(this, error, i) }),
			);
			if ('error' in outcome) {
				if (!this.continueOnFail()) throw outcome.error;
				// The item carries its error; n8n routes it to the error output when that is chosen.
				// Only `error` and `details` keys: n8n's error output recognises such an item as failed.
				const { message, description, httpCode } = outcome.error as NodeApiError;
				const details: IDataObject = {};
				if (description) details.description = description;
				if (httpCode) details.httpCode = httpCode;
				returnData.push({ json: { error: message, details }, pairedItem: { item: i } });
				continue;
			}
			for (const json of Array.isArray(outcome.result) ? outcome.result : [outcome.result]) {
				returnData.push({ json, pairedItem: { item: i } });
			}
		}
		return [returnData];
	}
}

async function runItem(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const resource = this.getNodeParameter('resource', i) as string;
	const operation = this.getNodeParameter('operation', i) as string;
	const action = findOperation(resource, operation);
	if (!action) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not known`,
			{
				itemIndex: i,
			},
		);
	}
	return await action.execute.call(this, i);
}

/** Errors leave the node as n8n's own kinds, with the item index; nothing else is wrapped. */
function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
