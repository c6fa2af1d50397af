// Open Dental's records the automation reads back: payment plans, payments, adjustments and
// communication log entries, newest first, with patients' names and Open Dental's own
// definitions (payment types) in words.
import { esc, money, table } from './html';
import type { ConsoleView } from './view';

const FREQUENCY: Record<string, string> = {
	Weekly: 'weekly',
	EveryOtherWeek: 'every other week',
	Monthly: 'monthly',
	Quarterly: 'quarterly',
	OrdinalWeekday: 'monthly, on a weekday',
};

const NEWEST = 50;
const newest = <T>(rows: T[] | undefined): T[] => [...(rows ?? [])].reverse().slice(0, NEWEST);

export function openDentalSection(v: ConsoleView): string {
	const od = v.openDental;
	const who = (patNum: number) => esc(v.patientName(patNum));
	const definition = (defNum: number) =>
		od.definitions?.find((d) => d.DefNum === defNum)?.ItemName ?? `type ${defNum}`;
	const parts = [
		`<h3>Payment plans</h3>${table(
			[
				'Date',
				'Patient',
				'Guarantor',
				'Payment',
				'Down payment',
				'Interest (APR)',
				'Note',
				'Closed',
			],
			newest(od.payPlans).map((p) => [
				esc(p.PayPlanDate),
				who(p.PatNum),
				who(p.Guarantor),
				esc(`${money(p.PayAmtCents)} ${FREQUENCY[p.ChargeFrequency] ?? p.ChargeFrequency}`),
				esc(money(p.DownPaymentCents)),
				esc(`${p.APR}%`),
				esc(p.Note),
				esc(p.IsClosed ? (p.DateClosed ?? 'yes') : 'no'),
			]),
		)}`,
		`<h3>Payments</h3>${table(
			['Date', 'Patient', 'Type', 'Amount', 'Note'],
			newest(od.payments).map((p) => [
				esc(p.PayDate),
				who(p.PatNum),
				esc(definition(p.PayType)),
				esc(money(p.PayAmtCents)),
				esc(p.PayNote),
			]),
		)}`,
		`<h3>Adjustments</h3>${table(
			['Date', 'Patient', 'Type', 'Amount', 'Note'],
			newest(od.adjustments).map((a) => [
				esc(a.AdjDate),
				who(a.PatNum),
				esc(definition(a.AdjType)),
				esc(money(a.AdjAmtCents)),
				esc(a.AdjNote),
			]),
		)}`,
		`<h3>Communication log</h3>${table(
			['When (practice time)', 'Patient', 'Note'],
			newest(od.commlogs).map((c) => [esc(c.CommDateTime), who(c.PatNum), esc(c.Note)]),
		)}`,
	];
	return `<section id="opendental" data-live><h2>Open Dental</h2>
<p class="hint">Newest first, up to ${NEWEST} of each.</p>
${parts.join('\n')}</section>`;
}
