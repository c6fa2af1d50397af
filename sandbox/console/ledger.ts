// The Dentrix ledger as the practice reads it: the treatment plans to present (with the
// "Accept with CareCredit" button) and each family account's plans, payment agreements (with
// the staff correction form), ledger notes, payments and adjustments. Names, not ids.
import type {
	DentrixPatient,
	DentrixPaymentAgreement,
	DentrixState,
	DentrixTreatmentPlan,
} from '../dentrix';
import { esc, money, table } from './html';
import type { ConsoleView } from './view';
import { enteredBy, INTERVAL, NOTE_KIND, statusWord } from './words';

const portion = (t: DentrixTreatmentPlan) =>
	t.procedures.reduce((s, p) => s + p.patientPortionCents, 0);
const fee = (t: DentrixTreatmentPlan) => t.procedures.reduce((s, p) => s + p.feeCents, 0);
const procedures = (t: DentrixTreatmentPlan) =>
	t.procedures
		.map(
			(p) =>
				`<span title="${esc(p.description)}">${esc(p.cdtCode)}${p.tooth ? ` #${esc(p.tooth)}` : ''}</span>`,
		)
		.join(', ');
const canAccept = (t: DentrixTreatmentPlan) => t.status === 'proposed' || t.status === 'rejected';

/** What the plan's financing column says where there is no button. */
const financing = (v: ConsoleView, t: DentrixTreatmentPlan) =>
	t.fundingMethod
		? `${t.fundingMethod}${t.acceptedAt ? `, accepted ${v.when(t.acceptedAt)}` : ''}`
		: '—';

function plansToPresent(v: ConsoleView, d: DentrixState): string {
	const rows = d.treatmentPlans
		.filter((t) => t.status !== 'completed')
		.sort((a, b) => Number(canAccept(b)) - Number(canAccept(a)))
		.map((t) => [
			esc(v.patientName(t.patientId)),
			esc(t.caseName),
			procedures(t),
			esc(v.locationName(t.locationId).replace(/^.* - /, '')),
			esc(money(fee(t))),
			esc(money(portion(t))),
			canAccept(t)
				? `<form class="inline" method="post" action="/dentrix/treatment-plans/${esc(encodeURIComponent(t.id))}/accept"><button type="submit" id="accept-${esc(t.id)}">Accept with CareCredit</button></form>`
				: `<span class="status" id="plan-${esc(t.id)}">${esc(financing(v, t))}</span>`,
		]);
	return `<h3>Treatment plans</h3>
${table(['Patient', 'Treatment plan', 'Procedures', 'Office', 'Total fee', 'Patient portion', 'Financing'], rows, 'No open treatment plan.')}`;
}

function agreementForm(a: DentrixPaymentAgreement): string {
	const input = (name: string, label: string, value: string | number, type = 'text', size = 12) =>
		`<label>${esc(label)} <input name="${esc(name)}" type="${type}" size="${size}" value="${esc(value)}"${type === 'number' ? ' step="0.01"' : ''}></label>`;
	return `<form method="post" action="/dentrix/payment-agreements/${esc(encodeURIComponent(a.id))}/edit" id="edit-${esc(a.id)}"><fieldset><legend>Correct the ${esc(a.billingType)} agreement of ${esc(a.agreementDate)} (counts as a staff ledger correction)</legend>
${input('paymentAmount', 'Payment amount ($)', a.paymentAmountCents / 100, 'number')}${input('numberOfPayments', 'Number of payments', a.numberOfPayments, 'number')}${input('firstPaymentDue', 'First payment due', a.firstPaymentDue, 'date')}
${input('note', 'Note', a.note, 'text', 60)} <button type="submit">Save correction</button></fieldset></form>`;
}

function account(v: ConsoleView, d: DentrixState, guarantor: DentrixPatient): string {
	const members = d.patients.filter((p) => p.guarantorId === guarantor.id);
	const ids = new Set(members.map((m) => m.id));
	const mine = <T extends { guarantorId: string }>(rows: T[] | undefined) =>
		(rows ?? []).filter((r) => r.guarantorId === guarantor.id);
	const plans = d.treatmentPlans.filter((t) => ids.has(t.patientId));
	const agreements = mine(d.paymentAgreements);
	const notes = mine(d.ledgerNotes);
	const payments = mine(d.payments);
	const adjustments = mine(d.adjustments);
	const busy =
		agreements.length + notes.length + payments.length > 0 ||
		plans.some((t) => t.fundingMethod === 'CareCredit');
	const who = (id: string) => esc(v.patientName(id));
	const planRows = plans.map((t) => [
		who(t.patientId),
		esc(t.caseName),
		procedures(t),
		`<span class="status">${esc(statusWord(t.status))}</span>`,
		esc(financing(v, t)),
		esc(money(fee(t))),
		esc(money(portion(t))),
	]);
	const agreementRows = agreements.map((a) => [
		esc(a.billingType),
		`<span class="status">${esc(statusWord(a.status))}</span>`,
		esc(a.agreementDate),
		esc(money(a.totalAgreedAmountCents)),
		esc(money(a.downPaymentCents)),
		esc(
			`${money(a.paymentAmountCents)} × ${a.numberOfPayments}, ${INTERVAL[a.interval] ?? a.interval}`,
		),
		esc(a.firstPaymentDue),
		esc(a.note),
		esc(enteredBy(a.createdBy)),
		esc(a.edits.filter((e) => e.source === 'console').length),
	]);
	const office = v.locationName(guarantor.locationId).replace(/^.* - /, '');
	return `<details id="account-${esc(guarantor.id)}"${busy ? ' open' : ''}><summary>${esc(guarantor.firstName)} ${esc(guarantor.lastName)}'s account (${esc(members.map((m) => m.firstName).join(', '))}) · ${esc(office)}</summary>
<h3>Treatment plans</h3>
${table(['Patient', 'Treatment plan', 'Procedures', 'Status', 'Financing', 'Total fee', 'Patient portion'], planRows)}
<h3>Payment agreements</h3>
${table(['Billing type', 'Status', 'Agreement date', 'Total', 'Down payment', 'Payments', 'First due', 'Note', 'Entered by', 'Staff corrections'], agreementRows)}
${agreements
	.filter((a) => a.status === 'active')
	.map(agreementForm)
	.join('\n')}
<h3>Ledger notes</h3>
${table(
	['Date', 'Patient', 'Kind', 'Note', 'Written by'],
	notes.map((n) => [
		esc(n.date),
		who(n.patientId),
		esc(NOTE_KIND[n.kind] ?? n.kind),
		esc(n.text),
		esc(enteredBy(n.createdBy)),
	]),
)}
<h3>Payments</h3>
${table(
	['Date', 'Patient', 'Type', 'Amount', 'Reference', 'Note', 'Entered by'],
	payments.map((p) => [
		esc(p.date),
		who(p.patientId),
		esc(p.paymentType),
		esc(money(p.amountCents)),
		esc(p.reference),
		esc(p.note),
		esc(enteredBy(p.createdBy)),
	]),
)}
${
	adjustments.length
		? `<h3>Adjustments</h3>${table(
				['Date', 'Patient', 'Type', 'Amount', 'Reference', 'Note'],
				adjustments.map((p) => [
					esc(p.date),
					who(p.patientId),
					esc(
						`${p.type} (${p.direction === 'debit' ? 'adds to the balance' : 'takes off the balance'})`,
					),
					esc(money(p.amountCents)),
					esc(p.reference),
					esc(p.note),
				]),
			)}`
		: ''
}
</details>`;
}

export function dentrixSection(v: ConsoleView): string {
	const d = v.dentrix;
	if (!Array.isArray(d.patients))
		return `<section id="dentrix" data-live><h2>Dentrix ledger</h2><p class="empty">Dentrix has no patients.</p></section>`;
	const full: DentrixState = {
		...(d as DentrixState),
		treatmentPlans: d.treatmentPlans ?? [],
		paymentAgreements: d.paymentAgreements ?? [],
		ledgerNotes: d.ledgerNotes ?? [],
		payments: d.payments ?? [],
		adjustments: d.adjustments ?? [],
	};
	const guarantors = full.patients.filter((p) => p.guarantorId === p.id);
	return `<section id="dentrix" data-live><h2>Dentrix ledger</h2>
${plansToPresent(v, full)}
<h3>Family accounts</h3>
<p class="hint">Accounts with financing activity are open. A correction saved here counts in the practice numbers as a staff ledger correction.</p>
${guarantors.map((g) => account(v, full, g)).join('\n')}</section>`;
}
