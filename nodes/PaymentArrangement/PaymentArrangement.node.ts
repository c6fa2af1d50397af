import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runPerItem } from '../shared/execute';
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
		const operation = this.getNodeParameter('operation', 0) as string;
		return await runPerItem(this, operation === 'validate' ? [[], []] : [[]], async (i) => {
			const found = findOperation(this.getNodeParameter('operation', i) as string);
			if (!found) {
				throw new NodeOperationError(this.getNode(), `Unknown operation ${operation}`, {
					itemIndex: i,
				});
			}
			return await found.execute.call(this, i);
		});
	}
}
