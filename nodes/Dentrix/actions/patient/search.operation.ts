import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { dentrixList, dentrixRead } from '../../transport';
import type { DentrixOperation } from '../types';
import {
	listFields,
	listOptions,
	patientDataOptions,
	readPatientDataOptions,
} from '../../../shared/parameters';

export const searchPatients: DentrixOperation = {
	resource: 'patient',
	value: 'search',
	name: 'Search',
	action: 'Search patients',
	description: 'Search patients by name, date of birth or guarantor',
	properties: [
		{
			displayName: 'Name',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: 'e.g. Whitaker, Daniel',
			description: 'First, last or preferred name, or "Last, First"; partial and case-insensitive',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Date of Birth',
					name: 'dateOfBirth',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1979-04-12',
					description: 'Exact date of birth, yyyy-MM-dd',
				},
				{
					displayName: 'Guarantor ID',
					name: 'guarantorId',
					type: 'string',
					default: '',
					placeholder: 'e.g. pat_1001',
					description: "Only the members of this guarantor's account",
				},
			],
		},
		...listFields(),
		patientDataOptions,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = { search: ctx.getNodeParameter('search', i, '') as string };
		for (const key of ['dateOfBirth', 'guarantorId']) {
			if (filters[key]) qs[key] = String(filters[key]).trim();
		}
		const options = readPatientDataOptions(ctx, i);
		const found = await dentrixList(ctx, '/patients', qs, listOptions(ctx, i));
		if (!options.includeTaxId) return found.map((p) => toPatient(p, options));
		// The tax id comes only from a single-patient read with include=taxId (docs/dentrix-api.md).
		const full: IDataObject[] = [];
		for (const p of found) {
			const patient = await dentrixRead(
				ctx,
				{
					method: 'GET',
					path: `/patients/${encodeURIComponent(String(p.id))}`,
					qs: { include: 'taxId' },
				},
				{ itemIndex: i },
			);
			full.push(toPatient(patient as IDataObject, options));
		}
		return full;
	},
};
