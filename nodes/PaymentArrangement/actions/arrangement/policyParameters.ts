import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PracticePolicyInput } from '../../../../financing';
import { itemParameter } from '../../../shared/itemParameter';
import { problemsError } from '../../../shared/parameters';

/** Practice policy parameters; every default comes from the financing domain (policy.ts). */
export const policyFields = {
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

/** Parameters layered over the JSON policy, the workflow's time zone as the default zone. */
export function policyFrom(ctx: IExecuteFunctions, i: number): PracticePolicyInput {
	const p = itemParameter(ctx, 'policy', i, {}) as PolicyParams;
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
