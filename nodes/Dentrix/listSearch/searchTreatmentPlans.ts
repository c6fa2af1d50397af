import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dentrixRead } from '../transport';
import { listName } from './searchPatients';

/** Treatment plans for a Treatment Plan locator: "Last, First: case (status)". */
export async function searchTreatmentPlans(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const page = await dentrixRead<{ items?: IDataObject[] }>(this, {
		method: 'GET',
		path: '/treatment-plans',
		qs: { limit: 200 },
	});
	const wanted = (filter ?? '').toLowerCase();
	const results = (page.items ?? [])
		.map((plan) => ({
			name: `${listName(plan.patient as IDataObject)}: ${plan.caseName} (${plan.status})`,
			value: String(plan.id),
		}))
		.filter((r) => r.name.toLowerCase().includes(wanted));
	return { results };
}
