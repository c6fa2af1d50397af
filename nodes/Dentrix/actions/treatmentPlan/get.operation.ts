import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CASES_AT_ONCE } from '../../../shared/financedCase';
import { toTreatmentPlan } from '../../shapes';
import { dentrixRead } from '../../transport';
import type { DentrixOperation } from '../types';

export const getTreatmentPlan: DentrixOperation = {
	resource: 'treatmentPlan',
	value: 'get',
	name: 'Get',
	action: 'Get a treatment plan',
	description:
		'Get a treatment plan: total, patient portion, patient and guarantor, procedures with CDT codes',
	properties: [
		{
			displayName: 'Treatment Plan',
			name: 'treatmentPlan',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Search by patient or case…',
					typeOptions: { searchListMethod: 'searchTreatmentPlans', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. tp_2001',
				},
			],
		},
	],
	// A poll's plans are read at the same time, within the run's request slots (runCache.ts).
	atOnce: async () => CASES_AT_ONCE,
	async execute(ctx: IExecuteFunctions, i: number) {
		const id = String(ctx.getNodeParameter('treatmentPlan', i, '', { extractValue: true })).trim();
		const plan = await dentrixRead(
			ctx,
			{
				method: 'GET',
				path: `/treatment-plans/${encodeURIComponent(id)}`,
			},
			{ itemIndex: i },
		);
		return toTreatmentPlan(plan as IDataObject);
	},
};
