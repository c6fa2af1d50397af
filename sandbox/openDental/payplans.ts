// Dynamic payment plan arithmetic: the plan's amount is its attached production (never a number the
// caller sends, docs/opendental-api-notes.md §2.1 and the forum thread in docs/opendental-sandbox.md), the
// terms text Open Dental prepends to the Note, and the charges issued as they come due.
import type { ChargeFrequency, OdPayPlan, OpenDentalState } from './types';

export interface Installment {
	date: string;
	principalCents: number;
	interestCents: number;
	isDownPayment: boolean;
	/** What the charge pays for: the first attached procedure or adjustment. */
	linkType: 'Procedure' | 'Adjustment';
	fKey: number;
}

const PERIODS_PER_YEAR: Record<ChargeFrequency, number> = {
	Weekly: 52,
	EveryOtherWeek: 26,
	Monthly: 12,
	Quarterly: 4,
	OrdinalWeekday: 12,
};

export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
	return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

const addDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The n-th same weekday of the month n months on (e.g. every 2nd Tuesday). */
function ordinalWeekday(start: string, months: number): string {
	const s = new Date(`${start}T00:00:00Z`);
	const ordinal = Math.min(4, Math.floor((s.getUTCDate() - 1) / 7) + 1);
	const first = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + months, 1));
	const offset = (s.getUTCDay() - first.getUTCDay() + 7) % 7;
	return new Date(
		Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1 + offset + (ordinal - 1) * 7),
	)
		.toISOString()
		.slice(0, 10);
}

export function dueDate(
	plan: Pick<OdPayPlan, 'DatePayPlanStart' | 'ChargeFrequency'>,
	index: number,
): string {
	const start = plan.DatePayPlanStart;
	switch (plan.ChargeFrequency) {
		case 'Weekly':
			return addDays(start, 7 * index);
		case 'EveryOtherWeek':
			return addDays(start, 14 * index);
		case 'Quarterly':
			return addMonths(start, 3 * index);
		case 'OrdinalWeekday':
			return index === 0 ? start : ordinalWeekday(start, index);
		default:
			return addMonths(start, index);
	}
}

/** Attached production per link: its AmountOverride, else the procedure's patient portion or the adjustment amount. */
export function linkAmounts(state: OpenDentalState, payPlanNum: number) {
	return state.payPlanLinks
		.filter((l) => l.PayPlanNum === payPlanNum)
		.map((l) => {
			const proc =
				l.LinkType === 'Procedure' ? state.procedures.find((p) => p.ProcNum === l.FKey) : undefined;
			const adj =
				l.LinkType === 'Adjustment'
					? state.adjustments.find((a) => a.AdjNum === l.FKey)
					: undefined;
			const own = proc ? proc.ProcFeeCents - proc.InsEstCents : (adj?.AdjAmtCents ?? 0);
			return {
				link: l,
				cents: l.AmountOverrideCents > 0 ? l.AmountOverrideCents : own,
				complete: proc ? proc.ProcStatus === 'C' : true,
			};
		});
}

export const principalOf = (state: OpenDentalState, payPlanNum: number) =>
	linkAmounts(state, payPlanNum).reduce((s, l) => s + l.cents, 0);

/** PayAmt that pays `cents` off in `n` payments (rounded up to the cent so n payments suffice). */
export function payAmtFor(
	cents: number,
	n: number,
	apr: number,
	frequency: ChargeFrequency,
): number {
	const r = apr / 100 / PERIODS_PER_YEAR[frequency];
	if (r === 0) return Math.ceil(cents / n);
	return Math.ceil((cents * r) / (1 - Math.pow(1 + r, -n)));
}

/** Every installment of the plan, down payment first; interest on the balance from DateInterestStart. */
export function fullSchedule(state: OpenDentalState, plan: OdPayPlan): Installment[] {
	const links = linkAmounts(state, plan.PayPlanNum);
	const first = links[0]?.link;
	const ref = { linkType: first?.LinkType ?? 'Procedure', fKey: first?.FKey ?? 0 } as const;
	const out: Installment[] = [];
	let balance = links.reduce((s, l) => s + l.cents, 0);
	if (plan.DownPaymentCents > 0) {
		out.push({
			date: plan.PayPlanDate,
			principalCents: plan.DownPaymentCents,
			interestCents: 0,
			isDownPayment: true,
			...ref,
		});
		balance -= plan.DownPaymentCents;
	}
	const rate = plan.APR / 100 / PERIODS_PER_YEAR[plan.ChargeFrequency];
	for (let i = 0; balance > 0 && plan.PayAmtCents > 0 && i < 1000; i++) {
		const date = dueDate(plan, i);
		const interest = date >= plan.DateInterestStart ? Math.round(balance * rate) : 0;
		const principal = Math.min(balance, Math.max(1, plan.PayAmtCents - interest));
		out.push({
			date,
			principalCents: principal,
			interestCents: interest,
			isDownPayment: false,
			...ref,
		});
		balance -= principal;
	}
	return out;
}

/**
 * Charges issued so far: Open Dental issues a dynamic plan's charges as they come due, and under
 * AwaitComplete only once the attached procedures are complete (modeled: all of them).
 */
export function issuedCharges(
	state: OpenDentalState,
	plan: OdPayPlan,
	today: string,
): Installment[] {
	if (
		plan.DynamicPayPlanTPOption === 'AwaitComplete' &&
		linkAmounts(state, plan.PayPlanNum).some((l) => !l.complete)
	)
		return [];
	const until = plan.DateClosed && plan.DateClosed < today ? plan.DateClosed : today;
	return fullSchedule(state, plan).filter((c) => c.date <= until);
}

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const money = (cents: number) => (cents / 100).toFixed(2);

/**
 * The terms Open Dental stores in the Note, in the wording of its own examples
 * (docs/opendental-api-notes.md §2.1): "11/05/2024 - Date of Agreement: 11/05/2024, Total Amount: 70.00,
 * APR: 0, Total Cost of Loan: 70.00, <note>". Line breaks become spaces (§1.5).
 */
export function termsNote(
	state: OpenDentalState,
	plan: OdPayPlan,
	today: string,
	userNote: string,
): string {
	const principal = principalOf(state, plan.PayPlanNum);
	const interest = fullSchedule(state, plan).reduce((s, c) => s + c.interestCents, 0);
	const terms = `${usDate(today)} - Date of Agreement: ${usDate(plan.PayPlanDate)}, Total Amount: ${money(principal)}, APR: ${plan.APR}, Total Cost of Loan: ${money(principal + interest)}`;
	const note = userNote.replace(/\r?\n|\r/g, ' ');
	return note ? `${terms}, ${note}` : terms;
}
