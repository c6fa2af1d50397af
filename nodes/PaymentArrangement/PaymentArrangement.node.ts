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

import { arrangementProperties, findOperation } from './actions';

/**
 * A thin n8n shell over the financing domain (no HTTP): build the writes of domain.md §7,
 * validate them for a PMS, compare them with what staff entered.
 */
export class PaymentArrangement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Payment Arrangement',
		name: 'paymentArrangement',
		icon: { light: 'file:paymentArrangement.svg', dark: 'file:paymentArrangement.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Build, validate and compare the payment arrangement of a CareCredit-financed treatment plan',
		defaults: { name: 'Payment Arrangement' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Validate routes to two outputs, the other operations to one.
		outputs: `={{ $parameter["operation"] === "validate" ? [{ "type": "main", "displayName": "Valid" }, { "type": "main", "displayName": "Needs Review" }] : [{ "type": "main" }] }}`,
		properties: arrangementProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const outputs: INodeExecutionData[][] = operation === 'validate' ? [[], []] : [[]];
		for (let i = 0; i < items.length; i++) {
			try {
				const found = findOperation(this.getNodeParameter('operation', i) as string);
				if (!found) {
					throw new NodeOperationError(this.getNode(), `Unknown operation ${operation}`, {
						itemIndex: i,
					});
				}
				const { json, output } = await found.execute.call(this, i);
				outputs[output]!.push({ json, pairedItem: { item: i } });
			} catch (error) {
				const nodeError =
					error instanceof NodeOperationError || error instanceof NodeApiError
						? error
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
				if (!this.continueOnFail()) throw nodeError;
				// Only `error` and `details`: n8n routes such items to the error output when chosen.
				const details: IDataObject = {};
				if (nodeError.description) details.description = nodeError.description;
				if (nodeError.context.problems) details.problems = nodeError.context.problems;
				outputs[0]!.push({ json: { error: nodeError.message, details }, pairedItem: { item: i } });
			}
		}
		return outputs;
	}
}
