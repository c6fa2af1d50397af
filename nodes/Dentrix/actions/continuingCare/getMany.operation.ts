import type { IExecuteFunctions } from 'n8n-workflow';

import { dentrixList } from '../../transport';
import { locatorValue, patientLocator } from '../fields';
import type { DentrixOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { careTypes, toContinuingCare } from './shapes';

export const getManyContinuingCare: DentrixOperation = {
	resource: 'continuingCare',
	value: 'getMany',
	name: 'Get Many',
	action: "Get a patient's continuing care",
	description: "A patient's continuing care records, each with its type checked (modeled contract)",
	properties: [patientLocator('patient', 'Patient', 'The patient'), ...listFields()],
	async execute(ctx: IExecuteFunctions, i: number) {
		const id = locatorValue(ctx, 'patient', i);
		const rows = await dentrixList(
			ctx,
			`/patients/${encodeURIComponent(id)}/continuing-care`,
			{},
			listOptions(ctx, i),
		);
		const known = rows.length > 0 ? await careTypes(ctx, i) : null;
		return rows.map((c) => toContinuingCare(c, known));
	},
};
