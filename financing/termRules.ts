import { checkWindow, ledgerWindow, WINDOWS, type Report, type WriteContext } from './contract';
import { addDays, type LocalDate } from './dates';
import { formatMoney } from './money';
import { buildSchedule, type PaymentInterval } from './schedule';

/**
 * The rules every billing arrangement shares, whatever the system (a Dentrix payment agreement,
 * an Open Dental plan): the agreement date's window, the first payment within a year of it, a
 * down payment below the total, and terms equal to the schedule they build.
 */
export interface Terms {
	agreementDate: LocalDate;
	firstPaymentDate: LocalDate;
	totalCents: number;
	downPaymentCents: number;
	paymentAmountCents: number;
	numberOfPayments: number;
	aprBasisPoints: number;
	interval: PaymentInterval;
}

/** The input's own names for the terms, so each problem names the field the caller sent. */
export interface TermFields {
	agreementDate: string;
	firstPaymentDate: string;
	total: string;
	totalLabel: string;
}

export function checkAgreementDate(
	report: Report,
	names: TermFields,
	agreementDate: LocalDate,
	context: WriteContext,
	aheadDays: number,
): void {
	const [from, to] = ledgerWindow(context.today, aheadDays);
	checkWindow(
		report,
		names.agreementDate,
		agreementDate,
		from,
		to,
		'the agreement date',
		context.today,
	);
}

export function checkFirstPayment(
	report: Report,
	names: TermFields,
	terms: Pick<Terms, 'agreementDate' | 'firstPaymentDate'>,
	context: WriteContext,
): void {
	checkWindow(
		report,
		names.firstPaymentDate,
		terms.firstPaymentDate,
		terms.agreementDate,
		addDays(terms.agreementDate, WINDOWS.firstPaymentWithinDays),
		'the first payment (from the agreement date to a year after it)',
		context.today,
	);
}

export function checkDownPayment(
	report: Report,
	names: TermFields,
	terms: Pick<Terms, 'downPaymentCents' | 'totalCents'>,
): void {
	if (terms.downPaymentCents >= terms.totalCents)
		report(
			'downPaymentCents',
			'downPaymentNotBelowTotal',
			`the down payment ${formatMoney(terms.downPaymentCents)} must be less than the ${names.totalLabel} (${names.total}, ${formatMoney(terms.totalCents)}); lower the down payment or raise the total`,
		);
}

/**
 * The terms equal the schedule they build: payments of `paymentAmountCents` at the APR pay off
 * total − down payment in exactly `numberOfPayments` (the last one smaller or equal).
 */
export function checkSchedule(report: Report, t: Terms): void {
	const financed = t.totalCents - t.downPaymentCents;
	if (financed <= 0) return;
	if (t.aprBasisPoints === 0 && t.paymentAmountCents * t.numberOfPayments < financed) {
		report(
			'paymentAmountCents',
			'inconsistent',
			`${t.numberOfPayments} payments of ${formatMoney(t.paymentAmountCents)} do not cover ${formatMoney(financed)}`,
		);
		return;
	}
	const built = buildSchedule({
		principalCents: financed,
		aprBasisPoints: t.aprBasisPoints,
		interval: t.interval,
		firstPaymentDate: t.firstPaymentDate,
		term: { paymentAmountCents: t.paymentAmountCents, maxNumberOfPayments: 600 },
		field: 'paymentAmountCents',
	});
	if (!built.ok) {
		for (const p of built.problems)
			report('paymentAmountCents', p.code, p.message.replace(/^[^:]*: /, ''));
	} else if (built.value.numberOfPayments !== t.numberOfPayments) {
		report(
			'schedule',
			'scheduleMismatch',
			`payments of ${formatMoney(t.paymentAmountCents)} pay off ${formatMoney(financed)} in ${built.value.numberOfPayments} payments (the last ${formatMoney(built.value.lastPaymentCents)}), not ${t.numberOfPayments}; change the number of payments or the payment`,
		);
	}
}
