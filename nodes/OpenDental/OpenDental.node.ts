import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeOperations } from '../shared/execute';
import { OPERATIONS, openDentalProperties } from './actions';
import { searchPatients } from './listSearch/searchPatients';
import { searchTreatmentPlans } from './listSearch/searchTreatmentPlans';

export class OpenDental implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Open Dental',
		name: 'openDental',
		icon: { light: 'file:openDental.svg', dark: 'file:openDental.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Patients with contact preferences, treatment plans, dynamic payment plans, commlogs, CareCredit payments, adjustments, appointments and recalls through Open Dental's public API",
		defaults: { name: 'Open Dental' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDentalApi', required: true }],
		properties: openDentalProperties,
	};

	methods = { listSearch: { searchPatients, searchTreatmentPlans } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, OPERATIONS);
	}
}
