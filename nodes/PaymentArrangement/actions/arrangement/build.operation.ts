import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	buildWrites,
	ok,
	locationFor,
	mergePolicy,
	parseMoney,
	parsePracticePolicy,
	planWithEstimatedPortion,
	portionUnchangedSinceApplication,
	type BuildWritesOverrides,
	type FinancingDecision,
	type PracticePolicyInput,
	type Result,
	type TreatmentPlanInput,
} from '../../../../financing';
import { objectParameter, problemsError } from '../../../shared/parameters';
import type { ArrangementOperation } from '../types';

/** Practice policy parameters; every default comes from the financing domain (policy.ts). */
const policyFields = {
	displayName: 'Practice Policy',
	name: 'policy',
	type: 'collection' as const,
	placeholder: 'Add Policy Setting',
	default: {},
	description: "The practice's choices; anything not set here uses the documented default",
	options: [
		{
			displayName: 'Post CareCredit Payment',
			name: 'postCareCreditPayment',
			type: 'options' as const,
			default: 'whenPurchaseDone',
			options: [
				{
					name: 'When the Purchase Is Done',
					value: 'whenPurchaseDone',
					description:
						"Once CareCredit reports the patient's purchase, keyed by its transaction ID",
				},
				{ name: 'Never', value: 'never', description: 'The practice posts it by hand' },
			],
		},
		{
			displayName: 'CareCredit Payment Posting',
			name: 'posting',
			type: 'options' as const,
			default: 'gross',
			options: [
				{ name: 'Gross', value: 'gross', description: 'Post the purchase amount' },
				{ name: 'Net', value: 'net', description: 'Post the purchase less the merchant fee' },
			],
		},
		{
			displayName: 'Financing Record Billing Type',
			name: 'financingBillingType',
			type: 'string' as const,
			default: '',
			placeholder: 'e.g. Third-Party Financing - No Statements',
			description: 'Dentrix billing type that marks a case CareCredit pays',
		},
		{
			displayName: 'In-House Plan Billing Type',
			name: 'shortfallBillingType',
			type: 'string' as const,
			default: '',
			placeholder: 'e.g. Payment Agreement',
		},
		{
			displayName: 'In-House Plan Payments',
			name: 'shortfallPayments',
			type: 'number' as const,
			default: 6,
			typeOptions: { minValue: 1 },
			description: 'Target number of payments for the balance CareCredit does not cover',
		},
		{
			displayName: 'Merchant Fee Adjustment',
			name: 'merchantFeeAdjustment',
			type: 'boolean' as const,
			default: false,
			description: 'Whether to write the merchant fee as an adjustment when posting gross',
		},
		{
			displayName: 'Policy (JSON)',
			name: 'policyJson',
			type: 'json' as const,
			default: '{}',
			description:
				'Any other setting of the practice policy as JSON (see financing/README.md), e.g. {"shortfallPlan": {"downPayment": {"rule": "percent", "percentBasisPoints": 2000}}}',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string' as const,
			default: '',
			placeholder: 'e.g. America/Chicago',
			description:
				"The practice's time zone for agreement and due dates; empty means the workflow's",
		},
	],
};

type PolicyParams = {
	postCareCreditPayment?: string | boolean;
	posting?: 'gross' | 'net';
	financingBillingType?: string;
	shortfallBillingType?: string;
	shortfallPayments?: number;
	merchantFeeAdjustment?: boolean;
	policyJson?: unknown;
	timeZone?: string;
};

/** A JSON parameter as given (an expression's array or object), or parsed from its text. */
function jsonParameter(ctx: IExecuteFunctions, i: number, name: string): unknown {
	const value = ctx.getNodeParameter(name, i, '') as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return [];
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw problemsError(ctx, i, 'The locations', [
			{ field: name, code: 'invalidJson', message: `${name}: is not valid JSON` },
		]);
	}
}

/** Parameters layered over the JSON policy, the workflow's time zone as the default zone. */
function policyFrom(ctx: IExecuteFunctions, i: number): PracticePolicyInput {
	const p = ctx.getNodeParameter('policy', i, {}) as PolicyParams;
	let base: IDataObject = {};
	if (typeof p.policyJson === 'object' && p.policyJson !== null) base = p.policyJson as IDataObject;
	else if (typeof p.policyJson === 'string' && p.policyJson.trim() !== '') {
		try {
			base = JSON.parse(p.policyJson) as IDataObject;
		} catch {
			throw problemsError(ctx, i, 'The practice policy', [
				{
					field: 'policy.policyJson',
					code: 'invalidJson',
					message: 'policy.policyJson: is not valid JSON',
				},
			]);
		}
	}
	const section = (name: string) => ({ ...((base[name] as IDataObject | undefined) ?? {}) });
	const careCreditPayment = section('careCreditPayment');
	const post = p.postCareCreditPayment;
	if (post === true || post === false) careCreditPayment.post = post ? 'whenPurchaseDone' : 'never';
	else if (post) careCreditPayment.post = post;
	if (p.posting) careCreditPayment.posting = p.posting;
	if (p.merchantFeeAdjustment !== undefined)
		careCreditPayment.merchantFeeAdjustment = p.merchantFeeAdjustment;
	const financingRecord = section('financingRecord');
	if (p.financingBillingType) financingRecord.billingType = p.financingBillingType;
	const shortfallPlan = section('shortfallPlan');
	if (p.shortfallBillingType) shortfallPlan.billingType = p.shortfallBillingType;
	if (p.shortfallPayments !== undefined) {
		shortfallPlan.term = {
			...((shortfallPlan.term as IDataObject) ?? {}),
			rule: 'numberOfPayments',
			numberOfPayments: p.shortfallPayments,
		};
	}
	return {
		...base,
		// docs/financing-domain.md §7: the practice's zone, defaulting to the n8n workflow's.
		timeZone: p.timeZone || (base.timeZone as string | undefined) || ctx.getTimezone(),
		careCreditPayment,
		financingRecord,
		shortfallPlan,
	} as PracticePolicyInput;
}

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
		const located = locationFor(jsonParameter(ctx, i, 'locations'), decision);
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
		const where = location
			? {
					name: location.name,
					merchantNumber: location.merchantNumber,
					pmsLocationId: location.pmsLocationId,
					timeZone: location.timeZone,
					coordinatorWebhookUrl: location.coordinatorWebhookUrl,
				}
			: null;
		return {
			json: { ...(writes.value as unknown as IDataObject), location: where },
			output: 0,
		};
	},
};
