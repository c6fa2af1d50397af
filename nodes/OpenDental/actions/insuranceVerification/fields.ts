import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerificationRulesInput } from '../../../../financing';

/** The practice's limits for the check before a visit (financing/README.md, "Insurance"). */
export const rulesFields: INodeProperties[] = [
	{
		displayName: 'Verification Max Age (Days)',
		name: 'verificationMaxAgeDays',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 0, maxValue: 730 },
		description: 'A verification older than this many days needs a look',
	},
	{
		displayName: 'Annual Maximum Threshold',
		name: 'annualMaximumThreshold',
		type: 'number',
		default: 200,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: 'Less annual maximum left than this (in dollars) needs a look',
	},
	{
		displayName: 'Check Benefit Verification',
		name: 'checkBenefitVerification',
		type: 'boolean',
		default: true,
		description:
			"Whether the plan's benefit verification (Benefits Last Verified) must be current too, not only the patient's eligibility",
	},
];

export function readRules(ctx: IExecuteFunctions, i: number): VerificationRulesInput {
	return {
		timeZone: ctx.getTimezone(),
		verificationMaxAgeDays: Number(ctx.getNodeParameter('verificationMaxAgeDays', i, 30)),
		annualMaximumThresholdCents: Math.round(
			Number(ctx.getNodeParameter('annualMaximumThreshold', i, 200)) * 100,
		),
		checkBenefitVerification: ctx.getNodeParameter('checkBenefitVerification', i, true) as boolean,
	};
}

export const todaysRecordsField: INodeProperties = {
	displayName: "Find Today's Notes",
	name: 'todaysRecords',
	type: 'options',
	default: 'perPatient',
	description:
		'How the check finds the note an earlier run of the same day left, so a re-run writes and sends nothing again',
	options: [
		{
			name: 'One Read per Patient',
			value: 'perPatient',
			description: "The patient's commlogs (any Open Dental version)",
		},
		{
			name: 'One Read for the Run',
			value: 'oneRead',
			description: 'Every commlog changed since yesterday, once (Open Dental 25.1.13 and later)',
		},
	],
};
