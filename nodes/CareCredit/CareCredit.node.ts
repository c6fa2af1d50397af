import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeOperations } from '../shared/execute';
import { careCreditProperties, OPERATIONS } from './actions';

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
		properties: careCreditProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, OPERATIONS);
	}
}
