import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeOperations } from '../shared/execute';
import { dentrixProperties, OPERATIONS } from './actions';
import { searchPatients } from './listSearch/searchPatients';
import { searchTreatmentPlans } from './listSearch/searchTreatmentPlans';

export class Dentrix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dentrix',
		name: 'dentrix',
		icon: { light: 'file:dentrix.svg', dark: 'file:dentrix.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Patients, treatment plans, payment agreements, ledger notes, CareCredit payments, continuing care and insurance eligibility in Dentrix (modeled API)',
		defaults: { name: 'Dentrix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dentrixApi', required: true }],
		properties: dentrixProperties,
	};

	methods = { listSearch: { searchPatients, searchTreatmentPlans } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, OPERATIONS);
	}
}
