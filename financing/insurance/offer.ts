import { estimatePayment, type PaymentEstimate } from '../estimate';
import { formatMoney, type Cents } from '../money';
import { DEFAULT_PLAN_CATALOG, type PromotionalPlan } from '../plans';
import { fail, ok, problem, type Result } from '../result';
import { PORTION_ESTIMATE_CAVEAT } from './portion';

/**
 * The financing offer for a patient portion: every promotional plan of the practice's catalog
 * the amount qualifies for, with its monthly payment (estimate.ts: payoff payment for deferred
 * interest, amortized for reduced APR), and the plans it does not reach with the reason. These
 * are estimates for the conversation at the chair; CareCredit decides.
 */
export interface OfferedPlan extends PaymentEstimate {
	label: string;
}

export interface PlanNotOffered {
	planCode: string;
	label: string;
	minimumPurchaseCents: Cents;
	reason: string;
}

export interface FinancingOffer {
	amountCents: Cents;
	plans: OfferedPlan[];
	notOffered: PlanNotOffered[];
	/** The smallest monthly figure among the plans offered, or null when none qualifies. */
	lowestMonthlyPaymentCents: Cents | null;
	caveat: string;
}

export const FINANCING_OFFER_CAVEAT = `Monthly figures are estimates from the practice's plan list; CareCredit decides the approval and terms. ${PORTION_ESTIMATE_CAVEAT}`;

export function financingOffer(
	patientPortionCents: Cents,
	catalog: readonly PromotionalPlan[] = DEFAULT_PLAN_CATALOG,
	field = 'patientPortionCents',
): Result<FinancingOffer> {
	if (!Number.isSafeInteger(patientPortionCents) || patientPortionCents < 0) {
		return fail(problem(field, 'invalidAmount', 'must be a whole number of cents, $0.00 or more'));
	}
	const plans: OfferedPlan[] = [];
	const notOffered: PlanNotOffered[] = [];
	for (const plan of catalog) {
		const base = {
			planCode: plan.code,
			label: plan.label,
			minimumPurchaseCents: plan.minimumPurchaseCents,
		};
		if (patientPortionCents === 0) {
			notOffered.push({ ...base, reason: 'the patient owes nothing after insurance' });
			continue;
		}
		if (patientPortionCents < plan.minimumPurchaseCents) {
			notOffered.push({
				...base,
				reason: `needs at least ${formatMoney(plan.minimumPurchaseCents)}; the patient portion is ${formatMoney(patientPortionCents)}`,
			});
			continue;
		}
		const estimate = estimatePayment(plan, patientPortionCents, field);
		if (estimate.ok) plans.push({ ...estimate.value, label: plan.label });
		else notOffered.push({ ...base, reason: estimate.problems[0]!.message });
	}
	const lowest = plans.reduce<Cents | null>(
		(min, p) => (min === null || p.monthlyPaymentCents < min ? p.monthlyPaymentCents : min),
		null,
	);
	return ok({
		amountCents: patientPortionCents,
		plans,
		notOffered,
		lowestMonthlyPaymentCents: lowest,
		caveat: FINANCING_OFFER_CAVEAT,
	});
}

/** One line per plan offered, for the coordinator's message: "DI12 …: $83.34/month for 12 months". */
export function describeOffer(offer: FinancingOffer): string[] {
	if (offer.plans.length === 0) {
		return [`No promotional plan fits a patient portion of ${formatMoney(offer.amountCents)}.`];
	}
	return offer.plans.map((p) => {
		const interest =
			p.totalInterestCents > 0 ? `, ${formatMoney(p.totalInterestCents)} interest in all` : '';
		return `${p.planCode} (${p.label}): about ${formatMoney(p.monthlyPaymentCents)}/month for ${p.months} months${interest}`;
	});
}
