import type { FinancingDecision } from './decision';
import type { PaymentEstimate } from './estimate';
import { formatBasisPoints, formatMoney } from './money';
import { looksLikePatientData, safeEcho } from './patientData';
import type { PaymentInterval } from './dueDates';

/**
 * Note and message texts. A note must keep its reference token even when shortened (the
 * writer looks for it before every write, docs/financing-domain.md §7), so text is cut, never the token.
 * No tax id or date of birth ever appears here (docs/financing-domain.md §7, "Patient data in n8n").
 */
export const AUTOMATION_SIGNATURE = 'Written by automation';

/** `text token`, shortening the text with "..." so the whole fits in `max` characters. */
export function fitNote(text: string, token: string, max: number): string {
	const tail = token === '' ? '' : ` ${token}`;
	const room = max - tail.length;
	if (text.length <= room) return `${text}${tail}`;
	if (room <= 3) return token.slice(0, max);
	return `${text.slice(0, room - 3).trimEnd()}...${tail}`;
}

/** Shortens text to `max` characters with "...". */
export function truncate(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 3)).trimEnd()}...`;
}

export const INTERVAL_WORDS: Record<PaymentInterval, string> = {
	monthly: 'monthly',
	semiMonthly: 'twice a month',
	biWeekly: 'every two weeks',
	weekly: 'weekly',
};

/** "6 x $133.34 monthly from 2026-04-01 (last $133.30)". */
export function describePayments(
	count: number,
	payment: number,
	last: number,
	interval: PaymentInterval,
	first: string,
): string {
	const lastPart = count > 1 && last !== payment ? ` (last ${formatMoney(last)})` : '';
	return `${count} x ${formatMoney(payment)} ${INTERVAL_WORDS[interval]} from ${first}${lastPart}`;
}

/**
 * What the patient pays CareCredit, worded so a billing person reads it right. When the payoff
 * payment is below CareCredit's minimum (a small deferred-interest purchase), the minimum is what
 * the patient pays; the payoff figure is given as what would clear the promotion in time.
 */
export function describeCareCreditPayments(
	estimate: Pick<PaymentEstimate, 'monthlyPaymentCents' | 'minimumPaymentCents' | 'months'>,
): string {
	const months = estimate.months;
	if (estimate.minimumPaymentCents > estimate.monthlyPaymentCents) {
		return `the patient pays CareCredit at least ${formatMoney(estimate.minimumPaymentCents)}/mo (CareCredit's minimum payment); ${formatMoney(estimate.monthlyPaymentCents)}/mo would already pay it off within the ${months}-month promotion`;
	}
	return `est. ${formatMoney(estimate.monthlyPaymentCents)}/mo to CareCredit for ${months} months`;
}

export function describeApr(aprBasisPoints: number): string {
	return `APR ${formatBasisPoints(aprBasisPoints)}`;
}

function who(decision: FinancingDecision, patientName?: string | null): string {
	// A name field that carries a tax id or a date of birth is left out (patientData.ts).
	const name =
		typeof patientName === 'string' && !looksLikePatientData(patientName) ? patientName : '';
	return name
		? `${name} (patient ${safeEcho(decision.pms.patientId)})`
		: `patient ${safeEcho(decision.pms.patientId)}`;
}

/**
 * The coordinator message for a decision that writes nothing (docs/financing-domain.md §1 branches: declined,
 * pending / call for auth / expired, error). Approved cases get theirs from buildWrites.
 */
export function decisionMessage(decision: FinancingDecision, patientName?: string | null): string {
	const person = who(decision, patientName);
	const raw = decision.rawStatus ? ` (CareCredit status: ${safeEcho(decision.rawStatus)})` : '';
	switch (decision.status) {
		case 'approved':
			return `CareCredit approved ${person}${raw}; the payment arrangement is being prepared.`;
		case 'declined':
			return `CareCredit did not approve financing for ${person}${raw}. Nothing was written to the ledger; please discuss other ways to pay.`;
		case 'pending':
			return `CareCredit has not decided yet for ${person}${raw}. Nothing was written; the case is being followed.`;
		case 'callForAuth':
			return `CareCredit asks the practice to call for authorization for ${person}${raw}. Nothing was written; please call CareCredit.`;
		case 'expired':
			return `The CareCredit session for ${person} expired${raw}. Nothing was written; start a new application if the patient still wants financing.`;
		case 'cancelled':
			return `The CareCredit application for ${person} was cancelled${raw}. Nothing was written.`;
		case 'error':
			return `CareCredit returned an error for ${person}${raw}. Nothing was written; the case is in the review queue.`;
	}
}
