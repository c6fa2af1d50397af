// CareCredit applications the practice's n8n prefilled, newest first: who, for which treatment
// plan, CareCredit's status in words, and the page to act as the patient.
import type { Session } from '../careCredit';
import { esc, money, table } from './html';
import type { ConsoleView } from './view';
import { careCreditStatus } from './words';

/** CareCredit's status in words, its own term kept for a call with CareCredit. */
export function statusCell(s: Session, id = ''): string {
	const { label, meaning } = careCreditStatus(s.status);
	return `<span class="status"${id ? ` id="${esc(id)}"` : ''} data-session="${esc(s.sessionId)}" data-status="${esc(s.status)}">${esc(label)}</span><br><span class="meaning">${esc(meaning)} (CareCredit: ${esc(s.status)})</span>`;
}

/** The application's number at CareCredit: its application id, else the prefill's reference. */
export const applicationNumber = (s: Session): string =>
	s.application?.applicationId ??
	(s.status === 'AccountFound'
		? `cardholder, reference ${s.referenceId}`
		: `none yet (reference ${s.referenceId})`);

export function purchases(v: ConsoleView, s: Session): string {
	const cc = v.careCredit;
	return cc.transactions
		.filter((t) => t.sessionId === s.sessionId && t.transactionType === 'PURCHASE')
		.map(
			(t) =>
				`${money(t.amountCents)} on ${t.promoCode} (${cc.settings.promotions[t.promoCode]?.description ?? 'promotional plan'})`,
		)
		.join('; ');
}

export function applicationsSection(v: ConsoleView): string {
	const rows = [...v.careCredit.sessions].reverse().map((s) => {
		const line = s.application?.creditLineCents;
		return [
			esc(v.when(s.createdAt)),
			esc(v.sessionPatient(s)),
			esc(v.sessionPlan(s)),
			esc(v.merchantName(s.merchantNumber).replace(/^.* - /, '')),
			statusCell(s),
			esc(line ? money(line) : ''),
			esc(purchases(v, s)),
			esc(applicationNumber(s)),
			`<a href="/portal/${esc(encodeURIComponent(s.sessionId))}" target="_blank" rel="noopener">Open as the patient</a>`,
		];
	});
	return `<section id="carecredit" data-live><h2>CareCredit applications</h2>
${table(['Started', 'Patient', 'Treatment plan', 'Office', 'Status', 'Credit line', 'Purchase', 'Application number', "Patient's page"], rows, 'No CareCredit application yet. n8n prefills one when a treatment plan is accepted with CareCredit.')}</section>`;
}
