import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { openDentalList } from '../transport';

/** The chosen patient's treatment plans for a Treatment Plan locator; a Saved plan is the signed copy. */
export async function searchTreatmentPlans(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const patient = String(
		this.getCurrentNodeParameter('patient', { extractValue: true }) ?? '',
	).trim();
	if (!/^\d+$/.test(patient)) return { results: [] };
	const plans = await openDentalList(this, '/treatplans', { PatNum: patient });
	const wanted = (filter ?? '').toLowerCase();
	const results = plans
		.map((plan) => ({
			name: `${String(plan.Heading)} (${String(plan.TPStatus)}, ${String(plan.DateTP)})`,
			value: String(plan.TreatPlanNum),
		}))
		.filter((r) => r.name.toLowerCase().includes(wanted));
	return { results };
}
