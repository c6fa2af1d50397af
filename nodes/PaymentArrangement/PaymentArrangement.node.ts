import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runPerItem } from '../shared/execute';
import { findOperation } from '../shared/registry';
import { arrangementProperties, OPERATIONS } from './actions';
import { NEEDS_REVIEW } from './actions/arrangement/validate.operation';

/**
 * A thin n8n shell over the financing domain (no HTTP): build the writes of docs/financing-domain.md §7,
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
			"Build, validate and compare the payment arrangement of a CareCredit-financed treatment plan; find a case's location",
		defaults: { name: 'Payment Arrangement' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Validate routes to two outputs, the other operations to one.
		outputs: `={{ $parameter["operation"] === "validate" ? [{ "type": "main", "displayName": "Valid" }, { "type": "main", "displayName": "Needs Review" }] : [{ "type": "main" }] }}`,
		properties: arrangementProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const validating = this.getNodeParameter('operation', 0) === 'validate';
		// Validate's failing items go to Needs Review with Continue On Fail: never out of Valid.
		return await runPerItem(
			this,
			validating ? [[], []] : [[]],
			async (i) => {
				const operation = this.getNodeParameter('operation', i) as string;
				const found = findOperation(OPERATIONS, operation);
				if (!found) {
					throw new NodeOperationError(
						this.getNode(),
						`The operation "${operation}" is not known`,
						{
							itemIndex: i,
						},
					);
				}
				return await found.execute(this, i);
			},
			validating ? NEEDS_REVIEW : 0,
		);
	}
}
