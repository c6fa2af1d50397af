import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeOperations } from '../shared/execute';
import { OPERATIONS, openDentalProperties } from './actions';
import { openDentalList, openDentalRequest, PAGE_SIZE } from './transport';

export class OpenDental implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Open Dental',
		name: 'openDental',
		icon: { light: 'file:openDental.svg', dark: 'file:openDental.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Patients, treatment plans, dynamic payment plans, commlogs, CareCredit payments and adjustments through Open Dental's public API",
		defaults: { name: 'Open Dental' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openDentalApi', required: true }],
		properties: openDentalProperties,
	};

	methods = {
		listSearch: {
			/** Patients GET Simple by last name, a page of 100 at a time (opendental-api.md §2.11). */
			async searchPatients(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const offset = Number(paginationToken ?? 0) || 0;
				const qs: IDataObject = { Offset: offset };
				const [last, first] = (filter ?? '').split(',').map((s) => s.trim());
				if (last) qs.LName = last;
				if (first) qs.FName = first;
				const rows = await openDentalRequest.call<
					ILoadOptionsFunctions,
					[{ method: 'GET'; path: string; qs: IDataObject }],
					Promise<IDataObject[]>
				>(this, { method: 'GET', path: '/patients/Simple', qs });
				return {
					results: (rows ?? []).map((p) => ({
						name: `${String(p.LName)}, ${String(p.FName)} (${p.Guarantor === p.PatNum ? 'own guarantor' : `guarantor ${String(p.Guarantor)}`})`,
						value: String(p.PatNum),
					})),
					paginationToken:
						(rows ?? []).length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
				};
			},

			/** The chosen patient's treatment plans; a Saved plan is the signed copy. */
			async searchTreatmentPlans(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				const patient = String(
					this.getCurrentNodeParameter('patient', { extractValue: true }) ?? '',
				).trim();
				if (!/^\d+$/.test(patient)) return { results: [] };
				const plans = await openDentalList.call(this, '/treatplans', { PatNum: patient });
				const wanted = (filter ?? '').toLowerCase();
				const results = plans
					.map((plan) => ({
						name: `${String(plan.Heading)} (${String(plan.TPStatus)}, ${String(plan.DateTP)})`,
						value: String(plan.TreatPlanNum),
					}))
					.filter((r) => r.name.toLowerCase().includes(wanted));
				return { results };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(
			this,
			OPERATIONS,
			(resource, operation) => `Unknown operation ${resource}: ${operation}`,
		);
	}
}
