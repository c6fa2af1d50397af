import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { describeBenefits, summarizeOpenDentalBenefits } from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { claimProcs, covCats, planBenefits, readPlan } from '../../insurance';
import { dateParameter, numberParameter } from '../fields';
import { optionalNumber } from '../appointment/fields';
import type { OpenDentalOperation } from '../types';

export const getBenefits: OpenDentalOperation = {
	resource: 'benefits',
	value: 'get',
	name: 'Get',
	action: "Get a plan's benefits",
	description:
		"A plan's annual maximum, deductible, coverage percent by category and frequency limits for the benefit year of a date; with a patient, what they used of it (claimprocs)",
	properties: [
		{
			displayName: 'PlanNum',
			name: 'planNum',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 11',
			description: "The insurance plan's number in Open Dental (a Coverage item's planId)",
		},
		{
			displayName: 'PatNum',
			name: 'patNum',
			type: 'string',
			default: '',
			placeholder: 'e.g. 231',
			description: 'The patient whose use of the maximum and deductible counts; empty: none used',
		},
		{
			displayName: 'Date',
			name: 'date',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-07',
			description:
				"A date in the benefit year wanted, yyyy-MM-dd; empty means today in the workflow's time zone",
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const planNum = String(numberParameter(ctx, 'planNum', i));
		const patNum = optionalNumber(ctx, 'patNum', i);
		const date = dateParameter(ctx, 'date', i);
		const plan = await readPlan(ctx, i, planNum);
		if (!plan) {
			throw new NodeOperationError(ctx.getNode(), `Open Dental has no insurance plan ${planNum}`, {
				itemIndex: i,
				description: "Use a planId from Coverage: Get Many (the plan's PlanNum).",
			});
		}
		const summary = summarizeOpenDentalBenefits({
			date,
			plan: { planId: planNum, carrierName: plan.carrierName, monthRenew: plan.monthRenew },
			benefits: await planBenefits(ctx, i, planNum),
			covCats: await covCats(ctx, i),
			claimProcs: patNum ? await claimProcs(ctx, i, patNum) : [],
		});
		if (!summary.ok) throw problemsError(ctx, i, 'The benefits cannot be read', summary.problems);
		return {
			...summary.value,
			patientId: patNum ? String(patNum) : null,
			groupName: plan.groupName,
			summary: describeBenefits(summary.value),
		};
	},
};
