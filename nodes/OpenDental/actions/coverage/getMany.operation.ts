import type { IExecuteFunctions } from 'n8n-workflow';

import { coverageStatusOn } from '../../../../financing';
import { readCoverage } from '../../insurance';
import { dateParameter, numberParameter, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';

export const getManyCoverage: OpenDentalOperation = {
	resource: 'coverage',
	value: 'getMany',
	name: 'Get Many',
	action: "Get a patient's insurance plans",
	description:
		"A patient's plans, one item each, primary first: carrier, subscriber, ordinal, effective and term dates, and whether it covers the patient on a date",
	properties: [
		patNumField,
		{
			displayName: 'Active On',
			name: 'date',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-07',
			description: "The date coverage is checked for, yyyy-MM-dd; empty means today in the workflow's time zone",
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patNum', i);
		const date = dateParameter(ctx, 'date', i);
		return (await readCoverage(ctx, i, patNum)).map((plan) => {
			const coverageStatus = coverageStatusOn(plan, date);
			return { ...plan, activeOn: date, active: coverageStatus === 'active', coverageStatus };
		});
	},
};
