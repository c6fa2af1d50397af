import { formatMoney, type Cents } from './money';
import type { PromotionalPlan, PromotionalPlanKind } from './plans';
import { fail, ok, problem, type Result } from './result';
import { amortizeByCount } from './schedule';

/**
 * What the patient is expected to pay CareCredit each month on a promotional plan.
 * - deferredInterest (docs/financing-domain.md §7): the payoff payment, amount / months rounded UP to the cent
 *   so the promotion is paid off in time; the last payment absorbs the rounding and is smaller.
 *   CareCredit's calculator never shows less than $30 a month, recorded as minimumPaymentCents.
 * - reducedApr (docs/financing-domain.md §2): ordinary amortization at the plan's APR, monthly, the payment
 *   rounded half up to the cent, interest each month on the declining balance rounded half up,
 *   the last payment absorbing the rounding.
 */
export interface PaymentEstimate {
	planCode: string;
	kind: PromotionalPlanKind;
	months: number;
	aprBasisPoints: number;
	amountCents: Cents;
	/** The monthly figure recorded on the financing record: payoff (DI) or amortized (RA). */
	monthlyPaymentCents: Cents;
	/** Deferred interest only: amount / months rounded up; null for reduced APR. */
	payoffPaymentCents: Cents | null;
	/** max(monthly payment, the plan's $30 floor), never more than the amount itself. */
	minimumPaymentCents: Cents;
	lastPaymentCents: Cents;
	numberOfPayments: number;
	totalPaidCents: Cents;
	totalInterestCents: Cents;
}

export function estimatePayment(
	plan: PromotionalPlan,
	amountCents: Cents,
	field = 'amountFinancedCents',
): Result<PaymentEstimate> {
	if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
		return fail(
			problem(field, 'invalidAmount', `must be more than $0.00 (got ${formatMoney(amountCents)})`),
		);
	}
	if (amountCents < plan.minimumPurchaseCents) {
		return fail(
			problem(
				field,
				'minimumPurchaseNotMet',
				`${plan.code} (${plan.label}) needs a purchase of at least ${formatMoney(plan.minimumPurchaseCents)}; this one is ${formatMoney(amountCents)}`,
			),
		);
	}
	// Deferred interest: no interest if paid in full within the term, so APR 0 here.
	const apr = plan.kind === 'deferredInterest' ? 0 : plan.aprBasisPoints;
	const run = amortizeByCount(amountCents, apr, plan.months, 12, field, 'halfUp');
	if (!run.ok) return run;
	const { amounts, interests } = run.value;
	const monthly = amounts[0]!;
	const totalInterestCents = interests.reduce((a, b) => a + b, 0);
	const floor = plan.kind === 'deferredInterest' ? plan.minimumMonthlyPaymentCents : 0;
	return ok({
		planCode: plan.code,
		kind: plan.kind,
		months: plan.months,
		aprBasisPoints: apr,
		amountCents,
		monthlyPaymentCents: monthly,
		payoffPaymentCents: plan.kind === 'deferredInterest' ? monthly : null,
		minimumPaymentCents: Math.min(amountCents, Math.max(monthly, floor)),
		lastPaymentCents: amounts[amounts.length - 1]!,
		numberOfPayments: amounts.length,
		totalPaidCents: amountCents + totalInterestCents,
		totalInterestCents,
	});
}
