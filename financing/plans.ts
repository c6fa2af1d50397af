import { z } from 'zod/v3';

import { formatBasisPoints, formatMoney, type Cents } from './money';
import { safeEcho } from './patientData';
import { fail, ok, problem, zodProblems, type Result } from './result';

/**
 * The promotional plan catalog. docs/financing-domain.md §2 ("Promotional financing") lists the commonly
 * published terms and warns that sources disagree and each practice's agreement decides, so
 * these are editable defaults, never constants buried in code.
 *
 * Stable codes (saved workflows refer to them; labels may change freely):
 *   DI6, DI12, DI18, DI24   deferred interest, no interest if paid in full within N months
 *   RA24, RA36, RA48, RA60  reduced APR, fixed monthly payments for N months
 */
export type PromotionalPlanKind = 'deferredInterest' | 'reducedApr';

export interface PromotionalPlan {
	code: string;
	kind: PromotionalPlanKind;
	months: number;
	/** APR in basis points (1490 = 14.90%); 0 for deferred interest during the promotion. */
	aprBasisPoints: number;
	minimumPurchaseCents: Cents;
	label: string;
	/** Merchant discount the practice pays, for reconciliation only (docs/financing-domain.md §2, approximate). */
	merchantFeeBasisPoints: number;
	/** Smallest monthly payment CareCredit's calculator shows ($30, docs/financing-domain.md §2 and §7). */
	minimumMonthlyPaymentCents: Cents;
}

const DEFERRED_MINIMUM = 200_00; // $200 or more (docs/financing-domain.md §2)
const REDUCED_APR_MINIMUM = 1_000_00; // $1,000 or more (docs/financing-domain.md §2)
const CALCULATOR_FLOOR = 30_00; // never less than $30 a month (docs/financing-domain.md §7)

function deferred(months: number, merchantFeeBasisPoints: number): PromotionalPlan {
	return {
		code: `DI${months}`,
		kind: 'deferredInterest',
		months,
		aprBasisPoints: 0,
		minimumPurchaseCents: DEFERRED_MINIMUM,
		label: `No interest if paid in full within ${months} months`,
		merchantFeeBasisPoints,
		minimumMonthlyPaymentCents: CALCULATOR_FLOOR,
	};
}

function reducedApr(months: number, aprBasisPoints: number): PromotionalPlan {
	return {
		code: `RA${months}`,
		kind: 'reducedApr',
		months,
		aprBasisPoints,
		minimumPurchaseCents: REDUCED_APR_MINIMUM,
		label: `${months} months at ${formatBasisPoints(aprBasisPoints)} APR, fixed monthly payments`,
		// 5% for the 24 to 60 month fixed plans (docs/financing-domain.md §2).
		merchantFeeBasisPoints: 500,
		minimumMonthlyPaymentCents: CALCULATOR_FLOOR,
	};
}

/**
 * Defaults as docs/financing-domain.md §2: fees about 5% (6), 9.9% (12), 13.5% (18), 5% (24 to 60 month fixed
 * plans). DI24 has no public fee figure; 13.5% follows docs/carecredit-api.md's modeled value.
 */
export const DEFAULT_PLAN_CATALOG: readonly PromotionalPlan[] = Object.freeze([
	deferred(6, 500),
	deferred(12, 990),
	deferred(18, 1350),
	deferred(24, 1350),
	reducedApr(24, 1490),
	reducedApr(36, 1590),
	reducedApr(48, 1690),
	reducedApr(60, 1790),
]);

export const promotionalPlanSchema = z
	.object({
		code: z
			.string()
			.regex(/^[A-Za-z0-9_-]{1,32}$/, 'use letters, digits, - or _ (at most 32), e.g. DI12'),
		kind: z.enum(['deferredInterest', 'reducedApr']),
		months: z.number().int().min(1).max(120),
		aprBasisPoints: z.number().int().min(0).max(10_000),
		minimumPurchaseCents: z.number().int().min(0),
		label: z.string().min(1).max(120),
		merchantFeeBasisPoints: z.number().int().min(0).max(10_000).default(0),
		minimumMonthlyPaymentCents: z.number().int().min(0).default(CALCULATOR_FLOOR),
	})
	.superRefine((plan, ctx) => {
		if (plan.kind === 'reducedApr' && plan.aprBasisPoints === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['aprBasisPoints'],
				message: 'a reduced-APR plan needs an APR above 0 (1490 means 14.90%)',
				params: { code: 'aprRequired' },
			});
		}
		if (plan.kind === 'deferredInterest' && plan.aprBasisPoints !== 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['aprBasisPoints'],
				message: 'a deferred-interest plan charges no interest during the promotion; use 0',
				params: { code: 'aprNotAllowed' },
			});
		}
	});

export const planCatalogSchema = z
	.array(promotionalPlanSchema)
	.min(1)
	.superRefine((plans, ctx) => {
		const seen = new Set<string>();
		plans.forEach((plan, i) => {
			if (seen.has(plan.code)) {
				ctx.addIssue({
					code: 'custom',
					path: [i, 'code'],
					message: `plan code ${plan.code} appears twice; codes must be unique`,
					params: { code: 'duplicatePlanCode' },
				});
			}
			seen.add(plan.code);
		});
	});

/** Validates a practice's own catalog; every problem at once, never throws. */
export function parsePlanCatalog(input: unknown): Result<PromotionalPlan[]> {
	const parsed = planCatalogSchema.safeParse(input);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, 'catalog'));
}

export function findPlan(
	catalog: readonly PromotionalPlan[],
	code: string,
): PromotionalPlan | undefined {
	return catalog.find((plan) => plan.code.toUpperCase() === code.trim().toUpperCase());
}

/**
 * How to pick a plan when CareCredit did not say which one the purchase used (docs/financing-domain.md §7).
 * - longestDeferredInterest: the longest DI plan whose minimum the amount meets (default).
 * - longestReducedApr: the longest reduced-APR plan whose minimum the amount meets.
 * - lowestMonthlyPayment: any eligible plan with the smallest recorded monthly payment.
 * - fixed: always `code` (a problem if the amount does not qualify).
 * - none: do not guess; the case goes to review.
 */
export type PromotionalPlanRule =
	| { rule: 'longestDeferredInterest' }
	| { rule: 'longestReducedApr' }
	| { rule: 'lowestMonthlyPayment' }
	| { rule: 'fixed'; code: string }
	| { rule: 'none' };

export const promotionalPlanRuleSchema = z.discriminatedUnion('rule', [
	z.object({ rule: z.literal('longestDeferredInterest') }),
	z.object({ rule: z.literal('longestReducedApr') }),
	z.object({ rule: z.literal('lowestMonthlyPayment') }),
	z.object({ rule: z.literal('fixed'), code: z.string().min(1) }),
	z.object({ rule: z.literal('none') }),
]);

export interface ChosenPlan {
	plan: PromotionalPlan;
	/** `purchase`: CareCredit reported it; `policy`: the practice's rule picked it. */
	chosenBy: 'purchase' | 'policy';
}

function minimumNotMet(field: string, plan: PromotionalPlan, amount: Cents) {
	return problem(
		field,
		'minimumPurchaseNotMet',
		`${plan.code} (${plan.label}) needs a purchase of at least ${formatMoney(plan.minimumPurchaseCents)}; this one is ${formatMoney(amount)}`,
	);
}

// Approximate monthly figure for comparing plans: payoff for DI, amortized for reduced APR.
function comparableMonthly(plan: PromotionalPlan, amount: Cents): number {
	const r = plan.aprBasisPoints / 10_000 / 12;
	if (r === 0) return amount / plan.months;
	return (amount * r) / (1 - Math.pow(1 + r, -plan.months));
}

/**
 * Resolves the plan for an amount: the one CareCredit reported (`knownCode`) if any, else the
 * policy rule's pick. Problems: unknownPromotionalPlan, minimumPurchaseNotMet, noPlanChosen.
 */
export function choosePromotionalPlan(
	amount: Cents,
	catalog: readonly PromotionalPlan[],
	rule: PromotionalPlanRule,
	knownCode?: string | null,
	field = 'promotionalPlan',
): Result<ChosenPlan> {
	if (knownCode) {
		const plan = findPlan(catalog, knownCode);
		if (!plan) {
			return fail(
				problem(
					field,
					'unknownPromotionalPlan',
					`CareCredit reported plan "${safeEcho(knownCode)}", which is not in the practice's plan catalog`,
				),
			);
		}
		if (amount < plan.minimumPurchaseCents) return fail(minimumNotMet(field, plan, amount));
		return ok({ plan, chosenBy: 'purchase' });
	}
	const eligible = (kind?: PromotionalPlanKind) =>
		catalog.filter(
			(p) => (kind === undefined || p.kind === kind) && amount >= p.minimumPurchaseCents,
		);
	const longest = (plans: PromotionalPlan[]) =>
		plans.reduce<PromotionalPlan | undefined>(
			(best, p) => (!best || p.months > best.months ? p : best),
			undefined,
		);
	let picked: PromotionalPlan | undefined;
	let kindLabel = '';
	switch (rule.rule) {
		case 'none':
			return fail(
				problem(
					field,
					'noPlanChosen',
					'CareCredit did not report a promotional plan and the practice policy does not pick one; choose the plan by hand',
				),
			);
		case 'fixed': {
			const plan = findPlan(catalog, rule.code);
			if (!plan) {
				return fail(
					problem(
						field,
						'unknownPromotionalPlan',
						`the policy's plan "${safeEcho(rule.code)}" is not in the plan catalog`,
					),
				);
			}
			if (amount < plan.minimumPurchaseCents) return fail(minimumNotMet(field, plan, amount));
			return ok({ plan, chosenBy: 'policy' });
		}
		case 'longestDeferredInterest':
			picked = longest(eligible('deferredInterest'));
			kindLabel = 'deferred-interest ';
			break;
		case 'longestReducedApr':
			picked = longest(eligible('reducedApr'));
			kindLabel = 'reduced-APR ';
			break;
		case 'lowestMonthlyPayment':
			picked = eligible().reduce<PromotionalPlan | undefined>(
				(best, p) =>
					!best || comparableMonthly(p, amount) < comparableMonthly(best, amount) ? p : best,
				undefined,
			);
			break;
	}
	if (!picked) {
		const candidates = catalog.filter(
			(p) =>
				kindLabel === '' ||
				p.kind === (rule.rule === 'longestReducedApr' ? 'reducedApr' : 'deferredInterest'),
		);
		const smallest = Math.min(...candidates.map((p) => p.minimumPurchaseCents));
		return fail(
			problem(
				field,
				'minimumPurchaseNotMet',
				`${formatMoney(amount)} is below the smallest ${kindLabel}plan minimum (${Number.isFinite(smallest) ? formatMoney(smallest) : 'no such plan in the catalog'})`,
			),
		);
	}
	return ok({ plan: picked, chosenBy: 'policy' });
}
