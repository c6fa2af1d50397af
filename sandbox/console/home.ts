// The console's main page: the practice numbers, the coordinator inbox, CareCredit sessions,
// each Dentrix account's ledger (with the staff controls) and Open Dental's records.
import type { CareCreditState } from '../careCredit';
import type { SandboxResponse, SandboxState } from '../core/types';
import type { DentrixPatient, DentrixPaymentAgreement, DentrixState } from '../dentrix';
import { esc, money, page, table, when } from './html';
import { practiceNumbers } from './metrics';

const button = (action: string, label: string, id: string): string =>
	`<form class="inline" method="post" action="${esc(action)}"><button type="submit" id="${esc(id)}">${esc(label)}</button></form>`;

function numbersSection(all: SandboxState): string {
	const n = practiceNumbers(all);
	const median = n.timeToArrangement.medianMinutes;
	const rows = n.cases
		.filter((c) => c.decidedAt)
		.map((c) => [
			esc(c.patient),
			esc(c.token),
			esc(when(c.decidedAt)),
			esc(when(c.arrangedAt) || 'not yet'),
			esc(when(c.notifiedAt) || 'not yet'),
			esc(c.minutesToArrangement ?? ''),
			esc(c.minutesToCoordinator ?? ''),
		]);
	return `<section id="numbers"><h2>Practice numbers</h2>
<div class="numbers">
<div class="number" id="time-to-arrangement">Time-to-arrangement (median)<b>${median === null ? '—' : `${esc(median)} min`}</b>${esc(n.timeToArrangement.cases)} approved case(s) arranged and coordinator told</div>
<div class="number" id="case-acceptance">Financed case acceptance<b>${n.caseAcceptance.percent === null ? '—' : `${esc(n.caseAcceptance.percent)}%`}</b>${esc(n.caseAcceptance.approvedAndArranged)} approved and arranged of ${esc(n.caseAcceptance.presented)} presented with CareCredit</div>
<div class="number" id="ledger-corrections">Ledger correction volume<b>${esc(n.ledgerCorrections.editedByStaff)}</b>of ${esc(n.ledgerCorrections.automatedAgreements)} automated agreements edited by staff (${esc(n.ledgerCorrections.edits)} edits)</div>
</div>
<h3>Approved cases</h3>
${table(['Patient', 'Reference token', 'Decided', 'Arrangement written', 'Coordinator told', 'Minutes to arrangement', 'Minutes to coordinator'], rows, 'No approved CareCredit decision yet.')}
</section>`;
}

function inboxSection(all: SandboxState): string {
	const messages = [...all.notifications]
		.reverse()
		.map(
			(m) =>
				`<div class="msg" data-channel="${esc(m.channel)}"><small>#${esc(m.channel)} · ${esc(when(m.at))}</small>\n${esc(m.text)}</div>`,
		)
		.join('\n');
	return `<section id="inbox"><h2>Coordinator inbox</h2>
<p>Slack-style incoming webhook: <code>POST /hooks/{channel}</code> with <code>{"text": "..."}</code>.</p>
${messages || '<p class="empty">No messages yet.</p>'}</section>`;
}

function careCreditSection(all: SandboxState): string {
	const state = all.careCredit as CareCreditState;
	const location = (merchantNumber: string) =>
		state.merchants.find((m) => m.merchantNumber === merchantNumber)?.name ?? merchantNumber;
	const rows = [...state.sessions].reverse().map((s) => {
		const a = s.applicants[0];
		const line = s.application?.creditLineCents;
		const promos = state.transactions
			.filter((t) => t.sessionId === s.sessionId && t.transactionType === 'PURCHASE')
			.map((t) => `${t.promoCode} ${money(t.amountCents)}`)
			.join(', ');
		return [
			esc(when(s.createdAt)),
			esc(a ? `${a.firstName} ${a.lastName}` : ''),
			esc(location(s.merchantNumber)),
			`<span class="status" data-session="${esc(s.sessionId)}">${esc(s.status)}</span>`,
			esc(line ? money(line) : ''),
			esc(promos),
			esc(s.application?.applicationId ?? s.referenceId),
			esc(s.transactionInfo.invoiceNumber),
			`<a href="/portal/${esc(encodeURIComponent(s.sessionId))}">Act as patient</a>`,
		];
	});
	return `<section id="carecredit"><h2>CareCredit sessions</h2>
${table(['Created', 'Applicant', 'Location', 'Status', 'Credit line', 'Purchase', 'Application / reference', 'Invoice (plan)', ''], rows, 'No CareCredit application yet.')}</section>`;
}

function agreementEditForm(a: DentrixPaymentAgreement): string {
	const input = (name: string, value: string | number, type = 'text') =>
		`<label>${esc(name)} <input name="${esc(name)}" type="${type}" value="${esc(value)}"${type === 'number' ? ' step="0.01"' : ''}></label>`;
	return `<form method="post" action="/dentrix/payment-agreements/${esc(a.id)}/edit" id="edit-${esc(a.id)}"><fieldset><legend>Edit agreement ${esc(a.id)} as staff</legend>
${input('paymentAmount', a.paymentAmountCents / 100, 'number')}${input('numberOfPayments', a.numberOfPayments, 'number')}${input('firstPaymentDue', a.firstPaymentDue)}
<label>note <input name="note" size="60" value="${esc(a.note)}"></label> <button type="submit">Save edit</button></fieldset></form>`;
}

function accountSection(d: DentrixState, guarantor: DentrixPatient): string {
	const members = d.patients.filter((p) => p.guarantorId === guarantor.id);
	const name = (id: string) => {
		const p = d.patients.find((x) => x.id === id);
		return p ? `${p.firstName} ${p.lastName}` : id;
	};
	const ids = new Set(members.map((m) => m.id));
	const plans = d.treatmentPlans.filter((t) => ids.has(t.patientId));
	const agreements = d.paymentAgreements.filter((a) => a.guarantorId === guarantor.id);
	const notes = d.ledgerNotes.filter((n) => n.guarantorId === guarantor.id);
	const payments = d.payments.filter((p) => p.guarantorId === guarantor.id);
	const adjustments = (d.adjustments ?? []).filter((p) => p.guarantorId === guarantor.id);
	const busy =
		agreements.length + notes.length + payments.length > 0 ||
		plans.some((t) => t.fundingMethod === 'CareCredit' || t.status === 'proposed');
	const planRows = plans.map((t) => {
		const portion = t.procedures.reduce((s, p) => s + p.patientPortionCents, 0);
		const fee = t.procedures.reduce((s, p) => s + p.feeCents, 0);
		const canAccept = t.status === 'proposed' || t.status === 'rejected';
		return [
			esc(t.id),
			esc(name(t.patientId)),
			esc(t.caseName),
			esc(t.procedures.map((p) => `${p.cdtCode}${p.tooth ? ` #${p.tooth}` : ''}`).join(', ')),
			`<span class="status">${esc(t.status)}</span>`,
			esc(t.fundingMethod ?? ''),
			esc(money(fee)),
			esc(money(portion)),
			canAccept
				? button(
						`/dentrix/treatment-plans/${t.id}/accept`,
						'Accept with CareCredit',
						`accept-${t.id}`,
					)
				: esc(when(t.acceptedAt)),
		];
	});
	const agreementRows = agreements.map((a) => [
		esc(a.id),
		`<span class="status">${esc(a.status)}</span>`,
		esc(a.billingType),
		esc(a.agreementDate),
		esc(money(a.totalAgreedAmountCents)),
		esc(money(a.downPaymentCents)),
		esc(`${money(a.paymentAmountCents)} × ${a.numberOfPayments} ${a.interval}`),
		esc(a.firstPaymentDue),
		esc(a.note),
		esc(a.createdBy),
		esc(a.edits.filter((e) => e.source === 'console').length),
	]);
	return `<details id="account-${esc(guarantor.id)}"${busy ? ' open' : ''}><summary>${esc(guarantor.lastName)}, ${esc(guarantor.firstName)} — account ${esc(guarantor.id)} (${esc(members.map((m) => m.firstName).join(', '))})</summary>
<h3>Treatment plans</h3>
${table(['Plan', 'Patient', 'Case', 'Procedures', 'Status', 'Funding', 'Total fee', 'Patient portion', ''], planRows)}
<h3>Payment agreements</h3>
${table(['Agreement', 'Status', 'Billing type', 'Date', 'Total', 'Down', 'Payments', 'First due', 'Note', 'Created by', 'Staff edits'], agreementRows)}
${agreements
	.filter((a) => a.status === 'active')
	.map(agreementEditForm)
	.join('\n')}
<h3>Ledger notes</h3>
${table(
	['Date', 'Patient', 'Kind', 'Note', 'By'],
	notes.map((n) => [
		esc(n.date),
		esc(name(n.patientId)),
		esc(n.kind),
		esc(n.text),
		esc(n.createdBy),
	]),
)}
<h3>Payments</h3>
${table(
	['Date', 'Patient', 'Type', 'Amount', 'Reference', 'Note', 'By'],
	payments.map((p) => [
		esc(p.date),
		esc(name(p.patientId)),
		esc(p.paymentType),
		esc(money(p.amountCents)),
		esc(p.reference),
		esc(p.note),
		esc(p.createdBy),
	]),
)}
${
	adjustments.length
		? `<h3>Adjustments</h3>${table(
				['Date', 'Patient', 'Type', 'Amount', 'Reference', 'Note'],
				adjustments.map((p) => [
					esc(p.date),
					esc(name(p.patientId)),
					esc(`${p.type} (${p.direction})`),
					esc(money(p.amountCents)),
					esc(p.reference),
					esc(p.note),
				]),
			)}`
		: ''
}
</details>`;
}

function dentrixSection(all: SandboxState): string {
	const d = all.dentrix as Partial<DentrixState>;
	if (!Array.isArray(d.patients))
		return `<section id="dentrix"><h2>Dentrix ledger</h2><p class="empty">The Dentrix stand-in has no patients.</p></section>`;
	const full: DentrixState = {
		...(d as DentrixState),
		treatmentPlans: d.treatmentPlans ?? [],
		paymentAgreements: d.paymentAgreements ?? [],
		ledgerNotes: d.ledgerNotes ?? [],
		payments: d.payments ?? [],
		adjustments: d.adjustments ?? [],
	};
	const guarantors = full.patients.filter((p) => p.guarantorId === p.id);
	return `<section id="dentrix"><h2>Dentrix ledger</h2>
<p>Each guarantor account: treatment plans, payment agreements, ledger notes and payments. Staff edits made here count as ledger corrections.</p>
${guarantors.map((g) => accountSection(full, g)).join('\n')}</section>`;
}

/** Open Dental's records as its API names them, shown generically so any field is visible. */
function openDentalSection(all: SandboxState): string {
	const od: Record<string, unknown> = { ...all.openDental };
	const wanted = /^(payplans?|payplancharges|payplanlinks|commlogs?|payments?|adjustments?)$/i;
	const parts = Object.entries(od)
		.filter(([key, value]) => wanted.test(key) && Array.isArray(value))
		.map(([key, value]) => {
			const rows = value as Array<Record<string, unknown>>;
			const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
				.filter((c) => rows.some((r) => r[c] === null || typeof r[c] !== 'object'))
				.slice(0, 12);
			return `<h3>${esc(key)}</h3>${table(
				columns,
				[...rows]
					.reverse()
					.slice(0, 100)
					.map((r) =>
						columns.map((c) => esc(typeof r[c] === 'object' && r[c] !== null ? '' : r[c])),
					),
			)}`;
		});
	return `<section id="opendental"><h2>Open Dental</h2>${parts.join('\n') || '<p class="empty">No Open Dental records.</p>'}</section>`;
}

export function home(all: SandboxState): SandboxResponse {
	return page(
		'Practice console (sandbox)',
		[
			numbersSection(all),
			inboxSection(all),
			careCreditSection(all),
			dentrixSection(all),
			openDentalSection(all),
		].join('\n'),
	);
}
