import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isLocalDate, todayIn } from '../../../../financing';
import { toDentrixCoverage } from '../../insuranceShapes';
import { dentrixList } from '../../transport';
import type { DentrixOperation } from '../types';
import { locatorValue, patientLocator } from '../fields';

export const getManyInsurance: DentrixOperation = {
	resource: 'insurance',
	value: 'getMany',
	name: 'Get Many',
	action: "Get a patient's insurance coverage",
	description:
		"A patient's coverages, primary first: carrier, subscriber, dates, eligibility status and when it was verified, and the benefits (annual maximum, used, deductible, percent by category, frequencies). Modeled contract.",
	properties: [
		patientLocator('patient', 'Patient', 'The patient whose coverage to get'),
		{
			displayName: 'Active On',
			name: 'date',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-07',
			description:
				"The date coverage is checked for, yyyy-MM-dd; empty means today in the workflow's time zone",
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patientId = locatorValue(ctx, 'patient', i);
		const date =
			String(ctx.getNodeParameter('date', i, '') ?? '').trim() ||
			todayIn(ctx.getTimezone(), new Date());
		if (!isLocalDate(date)) {
			throw new NodeOperationError(ctx.getNode(), `date "${date}" is not a date`, {
				itemIndex: i,
				description: 'Write dates as yyyy-MM-dd, e.g. 2026-12-07.',
			});
		}
		const rows = await dentrixList(
			ctx,
			`/patients/${encodeURIComponent(patientId)}/insurance`,
			{},
			{
				returnAll: true,
				limit: 0,
				itemIndex: i,
			},
		);
		return rows.map((c) => toDentrixCoverage(c, date));
	},
};
