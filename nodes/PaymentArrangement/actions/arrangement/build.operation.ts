import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	buildWrites,
	ok,
	locationFor,
	locationSummary,
	mergePolicy,
	parseMoney,
	parsePracticePolicy,
	planWithEstimatedPortion,
	portionUnchangedSinceApplication,
	type BuildWritesOverrides,
	type FinancingDecision,
	type Result,
	type TreatmentPlanInput,
} from '../../../../financing';
import { locationsParameter, objectParameter, problemsError } from '../../../shared/parameters';
import type { ArrangementOperation } from '../types';
import { policyFields, policyFrom } from './policyParameters';

/** The plan with the portion to finance, checked against the portion the application was sent with. */
function portionToFinance(
	ctx: IExecuteFunctions,
	i: number,
	plan: TreatmentPlanInput,
	decision: FinancingDecision,
): Result<TreatmentPlanInput> {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const chosen = options.patientPortion === 'estimate' ? planWithEstimatedPortion(plan) : ok(plan);
	const sentText = String(options.portionAtApplication ?? '').trim();
	if (!chosen.ok || !sentText) return chosen;
	const sent = parseMoney(sentText, 'options.portionAtApplication');
	if (!sent.ok) return sent;
	const unchanged = portionUnchangedSinceApplication(
		chosen.value,
		sent.value,
		decision.approvedAmountCents ?? null,
	);
	return unchanged.ok ? chosen : unchanged;
}

export const build: ArrangementOperation = {
	value: 'build',
	name: 'Build',
	action: 'Build a payment arrangement',
	description:
		'Build the ledger writes of an approved CareCredit decision: payment, financing record, in-house plan, audit note, message',
	properties: [
		{
			displayName: 'Decision',
			name: 'decision',
			type: 'json',
			default: '={{ $json.decision ?? $json }}',
			required: true,
			description:
				"The financing decision as the CareCredit node and trigger output it; map it from that node's item when the input is another node's",
		},
		{
			displayName: 'Treatment Plan',
			name: 'treatmentPlan',
			type: 'json',
			default: '={{ $json.treatmentPlan ?? $json }}',
			required: true,
			description:
				"The treatment plan as the Dentrix or Open Dental node outputs it (Treatment Plan: Get); map it from that node's item when the input is another node's",
		},
		policyFields,
		{
			displayName: 'Locations',
			name: 'locations',
			type: 'json',
			default: '[]',
			description:
				'The practice\'s locations, as in the Practice settings ([{"name", "merchantNumber", "pmsLocationId", "timeZone", "coordinatorWebhookUrl", "policyOverride"}]): the case\'s entry is found by its location ID or merchant number, and its policy override is laid over the policy above. Empty: one practice, one policy.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Agreement Date',
					name: 'agreementDate',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-20',
					description: "Date as yyyy-MM-dd; empty means today in the practice's time zone",
				},
				{
					displayName: 'First Payment Date',
					name: 'firstPaymentDate',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-12-20',
					description: 'First in-house payment, yyyy-MM-dd; empty means the policy rule',
				},
				{
					displayName: 'Merchant Fee',
					name: 'merchantFee',
					type: 'string',
					default: '',
					placeholder: 'e.g. 172.50',
					description:
						'The fee CareCredit reported for the purchase, in dollars; empty means the catalog estimate',
				},
				{
					displayName: 'Patient Portion',
					name: 'patientPortion',
					type: 'options',
					default: 'plan',
					options: [
						{
							name: "The Plan's",
							value: 'plan',
							description: "The treatment plan's patient portion",
						},
						{
							name: 'Estimate After Insurance',
							value: 'estimate',
							description:
								"The plan's estimate after insurance (portionEstimate of Open Dental Treatment Plan: Get)",
						},
					],
				},
				{
					displayName: 'Portion Sent With Application',
					name: 'portionAtApplication',
					type: 'string',
					default: '',
					placeholder: 'e.g. 3250.01',
					description:
						'The patient portion the CareCredit application was prefilled with, in dollars; a different portion now sends the case to review, never financed by itself',
				},
			],
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const decision = objectParameter(
			ctx,
			i,
			'decision',
			'Decision',
		) as unknown as FinancingDecision;
		let plan = objectParameter(
			ctx,
			i,
			'treatmentPlan',
			'Treatment Plan',
		) as unknown as TreatmentPlanInput;
		const located = locationFor(locationsParameter(ctx, i, 'locations'), decision);
		if (!located.ok) throw problemsError(ctx, i, 'The case has no location', located.problems);
		const location = located.value;
		const portion = portionToFinance(ctx, i, plan, decision);
		if (!portion.ok) throw problemsError(ctx, i, 'The arrangement was not built', portion.problems);
		plan = portion.value;
		const group = policyFrom(ctx, i) as unknown as Record<string, unknown>;
		const merged = location ? mergePolicy(group, location.policyOverride) : group;
		if (location?.timeZone) merged.timeZone = location.timeZone;
		const policy = parsePracticePolicy(merged);
		if (!policy.ok) throw problemsError(ctx, i, 'The practice policy', policy.problems);
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		const overrides: BuildWritesOverrides = {};
		if (options.agreementDate) overrides.agreementDate = String(options.agreementDate).trim();
		if (options.firstPaymentDate)
			overrides.firstPaymentDate = String(options.firstPaymentDate).trim();
		if (options.merchantFee) {
			const fee = parseMoney(options.merchantFee, 'careCreditPayment.merchantFee');
			if (!fee.ok) throw problemsError(ctx, i, 'The arrangement was not built', fee.problems);
			overrides.actualMerchantFeeCents = fee.value;
		}
		const writes = buildWrites(plan, decision, policy.value, new Date(), overrides);
		if (!writes.ok) throw problemsError(ctx, i, 'The arrangement was not built', writes.problems);
		// The location travels with the writes: its name and its coordinator's channel.
		return {
			json: {
				...(writes.value as unknown as IDataObject),
				location: location ? locationSummary(location) : null,
			},
			output: 0,
		};
	},
};
