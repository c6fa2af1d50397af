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
import { dentrixProperties, OPERATIONS } from './actions';
import { dentrixRead } from './transport';

type Page = { items?: IDataObject[]; total?: number };

const name = (p: IDataObject | undefined) => `${p?.lastName ?? ''}, ${p?.firstName ?? ''}`;

export class Dentrix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dentrix',
		name: 'dentrix',
		icon: { light: 'file:dentrix.svg', dark: 'file:dentrix.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Patients, treatment plans, payment agreements, ledger notes and CareCredit payments in Dentrix (modeled API)',
		defaults: { name: 'Dentrix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dentrixApi', required: true }],
		properties: dentrixProperties,
	};

	methods = {
		listSearch: {
			async searchPatients(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const offset = Number(paginationToken ?? 0) || 0;
				const page = await dentrixRead.call<
					ILoadOptionsFunctions,
					[{ method: 'GET'; path: string; qs: IDataObject }],
					Promise<Page>
				>(this, {
					method: 'GET',
					path: '/patients',
					qs: { search: filter ?? '', limit: 50, offset },
				});
				const items = page.items ?? [];
				const next = offset + items.length;
				return {
					results: items.map((p) => {
						const guarantor = p.guarantor as IDataObject | undefined;
						const own = guarantor?.id === p.id;
						return {
							name: `${name(p)} (${own ? 'own guarantor' : `guarantor ${name(guarantor)}`})`,
							value: String(p.id),
						};
					}),
					paginationToken: next < (page.total ?? 0) ? String(next) : undefined,
				};
			},

			async searchTreatmentPlans(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				const page = await dentrixRead.call<
					ILoadOptionsFunctions,
					[{ method: 'GET'; path: string; qs: IDataObject }],
					Promise<Page>
				>(this, {
					method: 'GET',
					path: '/treatment-plans',
					qs: { limit: 200 },
				});
				const wanted = (filter ?? '').toLowerCase();
				const results = (page.items ?? [])
					.map((plan) => ({
						name: `${name(plan.patient as IDataObject)}: ${plan.caseName} (${plan.status})`,
						value: String(plan.id),
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
