import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { dentrixProperties, findOperation } from './actions';
import { dentrixRead } from './transport';

type Page = { items?: IDataObject[]; total?: number };

const name = (p: IDataObject | undefined) => `${p?.lastName ?? ''}, ${p?.firstName ?? ''}`;

/**
 * The item a failing input leaves by (Continue On Fail, or the error output). Only `error` and
 * `details` keys: n8n routes such items to the error output, and replaces the json of an item
 * that carries `error` itself with the message alone (n8n-core normalizeNodeErrors).
 */
function errorItem(error: NodeApiError | NodeOperationError, i: number): INodeExecutionData {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	if (error.context.problems) details.problems = error.context.problems;
	if (error.context.existingAgreementId)
		details.existingAgreementId = error.context.existingAgreementId;
	return { json: { error: error.message, details }, pairedItem: { item: i } };
}

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
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const resource = this.getNodeParameter('resource', i) as string;
				const operation = this.getNodeParameter('operation', i) as string;
				const found = findOperation(resource, operation);
				if (!found) {
					throw new NodeOperationError(
						this.getNode(),
						`Unknown operation ${resource}: ${operation}`,
						{
							itemIndex: i,
						},
					);
				}
				const result = await found.execute.call(this, i);
				for (const json of Array.isArray(result) ? result : [result]) {
					out.push({ json, pairedItem: { item: i } });
				}
			} catch (error) {
				const nodeError =
					error instanceof NodeOperationError || error instanceof NodeApiError
						? error
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
				if (!this.continueOnFail()) throw nodeError;
				out.push(errorItem(nodeError, i));
			}
		}
		return [out];
	}
}
