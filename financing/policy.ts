import { z } from 'zod/v3';

import { isValidTimeZone } from './dates';
import { DEFAULT_PLAN_CATALOG, planCatalogSchema, promotionalPlanRuleSchema } from './plans';
import { fail, ok, zodProblems, type Result } from './result';
import { PAYMENT_INTERVALS } from './schedule';

/**
 * The practice's policy: every number a practice might disagree with, each with a documented
 * default (financing/README.md lists them). Only `timeZone` is required; the caller defaults it
 * to the n8n workflow's time zone (docs/financing-domain.md §7, "Dates and time zones").
 */
const cents = z.number().int('must be a whole number of cents').min(0);

const firstPaymentRuleSchema = z.discriminatedUnion('rule', [
	// N days after the agreement date.
	z.object({
		rule: z.literal('daysAfterAgreement'),
		days: z.number().int().min(0).max(365).default(30),
	}),
	// A fixed day of the month (1..28 so every month has it), at least N days after agreement.
	z.object({
		rule: z.literal('dayOfMonth'),
		day: z.number().int().min(1).max(28),
		minimumDaysAfterAgreement: z.number().int().min(0).max(60).default(14),
	}),
]);

const downPaymentRuleSchema = z.discriminatedUnion('rule', [
	z.object({ rule: z.literal('none') }),
	// A share of the shortfall, in basis points (2000 = 20%), rounded half up to the cent.
	z.object({ rule: z.literal('percent'), percentBasisPoints: z.number().int().min(0).max(10_000) }),
	// A fixed amount, capped at the shortfall.
	z.object({ rule: z.literal('fixed'), amountCents: cents }),
]);

const shortfallTermSchema = z.discriminatedUnion('rule', [
	// A target number of payments, fewer when a payment would fall below minimumPaymentCents.
	z.object({
		rule: z.literal('numberOfPayments'),
		numberOfPayments: z.number().int().min(1).max(120).default(6),
		minimumPaymentCents: cents.default(25_00),
	}),
	// A target payment; as many payments as that takes, up to maxNumberOfPayments.
	z.object({
		rule: z.literal('paymentAmount'),
		paymentAmountCents: z.number().int().min(1),
		maxNumberOfPayments: z.number().int().min(1).max(120).default(24),
	}),
]);

export const practicePolicySchema = z.object({
	timeZone: z.string().refine(isValidTimeZone, {
		message: 'must be an IANA time zone such as America/New_York',
	}),
	/** Which of the docs/financing-domain.md §7 writes to produce (the audit note and message always are). */
	writes: z
		.object({
			careCreditPayment: z.boolean().default(true),
			financingRecord: z.boolean().default(true),
			shortfallPlan: z.boolean().default(true),
		})
		.default({}),
	careCreditPayment: z
		.object({
			// When to post it: once CareCredit reports the patient's purchase done (keyed by its
			// transaction id), or never (the practice posts it by hand).
			post: z.enum(['whenPurchaseDone', 'never']).default('whenPurchaseDone'),
			// gross: post the purchase amount (Open Dental's manual: full amount); net: less the fee.
			posting: z.enum(['gross', 'net']).default('gross'),
			// With gross posting, also write the merchant fee as an adjustment.
			merchantFeeAdjustment: z.boolean().default(false),
			paymentType: z.string().min(1).default('CareCredit Payment'), // Dentrix's type (docs/financing-domain.md §3)
			feeAdjustmentType: z.string().min(1).default('CareCredit Merchant Fee'),
		})
		.default({}),
	financingRecord: z
		.object({
			// Dentrix billing type that marks third-party financing (docs/financing-domain.md §7).
			billingType: z.string().min(1).default('Third-Party Financing - No Statements'),
			// Estimated first CareCredit due date, days after the agreement (modeled; CareCredit's
			// statement sets the real one).
			firstDueDays: z.number().int().min(0).max(90).default(30),
		})
		.default({}),
	shortfallPlan: z
		.object({
			arrangementType: z.string().min(1).default('In-house payment plan'),
			billingType: z.string().min(1).default('Payment Agreement'),
			interval: z.enum(PAYMENT_INTERVALS).default('monthly'),
			firstPayment: firstPaymentRuleSchema.default({ rule: 'daysAfterAgreement', days: 30 }),
			downPayment: downPaymentRuleSchema.default({ rule: 'none' }),
			// A shortfall at or below this is collected at the visit instead of a plan.
			collectInFullBelowCents: cents.default(50_00),
			term: shortfallTermSchema.default({
				rule: 'numberOfPayments',
				numberOfPayments: 6,
				minimumPaymentCents: 25_00,
			}),
			// In-house APR (docs/financing-domain.md §7: 0 unless the practice says otherwise); written as Open
			// Dental's APR and as Dentrix's Annual Finance Charge %.
			aprBasisPoints: z.number().int().min(0).max(10_000).default(0),
			// Days after a due date before a payment counts as late (Dentrix allows 0..30, §3).
			gracePeriodDays: z.number().int().min(0).max(90).default(10),
			annualLateChargeBasisPoints: z.number().int().min(0).max(10_000).default(0),
			minimumLateChargeCents: cents.default(0),
			minimumBalanceToChargeCents: cents.default(0),
		})
		.default({}),
	promotionalPlanRule: promotionalPlanRuleSchema.default({ rule: 'longestDeferredInterest' }),
	planCatalog: planCatalogSchema.default(() => DEFAULT_PLAN_CATALOG.map((p) => ({ ...p }))),
	notes: z
		.object({
			// Dentrix billing-statement note holds at most 82 characters (docs/financing-domain.md §3).
			statementNoteMaxChars: z.number().int().min(10).max(82).default(82),
			// Limits the project's Dentrix contract documents (docs/dentrix-api.md, modeled):
			// payment agreement note and ledger note 2000, payment/adjustment note 255.
			paymentAgreementNoteMaxChars: z.number().int().min(40).max(2000).default(2000),
			ledgerNoteMaxChars: z.number().int().min(80).max(2000).default(2000),
			paymentNoteMaxChars: z.number().int().min(40).max(255).default(255),
		})
		.default({}),
	openDental: z
		.object({
			planCategory: z.number().int().min(0).default(0), // definition.DefNum, 0 = None
			commType: z.string().min(1).default('Financial'),
			careCreditPayType: z.number().int().min(0).nullable().default(null), // definition.DefNum
		})
		.default({}),
});

export type PracticePolicy = z.output<typeof practicePolicySchema>;
export type PracticePolicyInput = z.input<typeof practicePolicySchema>;
export type FirstPaymentRule = PracticePolicy['shortfallPlan']['firstPayment'];
export type DownPaymentRule = PracticePolicy['shortfallPlan']['downPayment'];
export type ShortfallTermRule = PracticePolicy['shortfallPlan']['term'];

/** Validates a practice's policy and fills every default; all problems at once, never throws. */
export function parsePracticePolicy(input: unknown): Result<PracticePolicy> {
	const parsed = practicePolicySchema.safeParse(input);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, 'policy'));
}

/** The all-defaults policy for a time zone. */
export function defaultPracticePolicy(timeZone: string): PracticePolicy {
	return practicePolicySchema.parse({ timeZone });
}
