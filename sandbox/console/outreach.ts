// Outreach per patient: every text and e-mail the practice sent, when and why (the note each
// message left in Open Dental or Dentrix, with its outreach key), and the opt-outs, newest first.
// "Why" comes from the key (recall, reactivation, financed but not booked, coordinator task).
import { findConsentKeys, findTouchKeys } from '../../financing/outreach';
import { esc, table } from './html';
import type { ConsoleView } from './view';

const PURPOSE: Record<string, string> = {
	recall: 'Recall',
	reactivation: 'Reactivation',
	financedNotBooked: 'Financed, not booked',
};

const digits = (v: string | null | undefined) =>
	(v ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');

interface Row {
	patient: string;
	at: string;
	channel: string;
	what: string;
	why: string;
}

export function outreachSection(v: ConsoleView): string {
	const od = v.openDental;
	const dx = v.dentrix;
	// Who a number or an address belongs to, in either practice system.
	const byPhone = new Map<string, string>();
	const byEmail = new Map<string, string>();
	for (const p of od.patients ?? []) {
		if (digits(p.WirelessPhone)) byPhone.set(digits(p.WirelessPhone), v.patientName(p.PatNum));
		if (p.Email) byEmail.set(p.Email.toLowerCase(), v.patientName(p.PatNum));
	}
	for (const p of dx.patients ?? []) {
		const cell = digits(p.phones?.cell);
		if (cell && !byPhone.has(cell)) byPhone.set(cell, `${p.firstName} ${p.lastName}`);
		if (p.email && !byEmail.has(p.email.toLowerCase()))
			byEmail.set(p.email.toLowerCase(), `${p.firstName} ${p.lastName}`);
	}
	const rows: Row[] = [];
	for (const m of v.all.twilio?.messages ?? []) {
		const patientPhone = m.direction === 'inbound' ? m.from : m.to;
		rows.push({
			patient: byPhone.get(digits(patientPhone)) ?? patientPhone,
			at: m.createdAt,
			channel: m.direction === 'inbound' ? 'Text reply' : 'Text',
			what: m.body,
			why: '',
		});
	}
	for (const m of v.all.mail ?? []) {
		const to = (m.to[0] ?? '').toLowerCase();
		rows.push({
			patient: byEmail.get(to) ?? to,
			at: m.at,
			channel: 'E-mail',
			what: `${m.subject}: ${m.text}`,
			why: '',
		});
	}
	// Why: the notes carrying outreach keys (Open Dental commlogs, Dentrix continuing care contacts).
	const notes: Array<{ patient: string; at: string; note: string }> = [];
	for (const c of od.commlogs ?? []) {
		if (findTouchKeys(c.Note).length || findConsentKeys(c.Note).length)
			notes.push({ patient: v.patientName(c.PatNum), at: c.CommDateTime, note: c.Note });
	}
	for (const c of dx.continuingCare ?? []) {
		for (const contact of c.contacts)
			if (findTouchKeys(contact.note).length)
				notes.push({ patient: v.patientName(c.patientId), at: contact.at, note: contact.note });
	}
	for (const n of notes) {
		const touch = findTouchKeys(n.note)[0];
		const consent = findConsentKeys(n.note)[0];
		rows.push({
			patient: n.patient,
			at: n.at,
			channel: 'Note',
			what: n.note,
			why: touch
				? `${PURPOSE[touch.purpose] ?? touch.purpose}, ${touch.touch === 'task' ? 'coordinator task' : `touch ${touch.touch}`} (${touch.subjectId})`
				: consent
					? consent.kind === 'optOut'
						? 'Opt-out recorded'
						: 'Opt-in recorded'
					: '',
		});
	}
	const time = (at: string) =>
		/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(at) ? at.slice(0, 16) : v.when(at);
	rows.sort((a, b) => a.patient.localeCompare(b.patient) || time(b.at).localeCompare(time(a.at)));
	const optOuts = (v.all.twilio?.optOuts ?? []).map((o) => [
		esc(byPhone.get(digits(o.phone)) ?? o.phone),
		esc(o.keyword),
		esc(v.when(o.at)),
		esc(o.optedBackInAt ? `opted back in ${v.when(o.optedBackInAt)}` : 'opted out'),
	]);
	return `<section id="outreach" data-live><h2>Outreach</h2>
<p class="hint">Per patient, newest first: each text and e-mail sent, the replies, and the note each message left in the practice system, which says why (recall, reactivation, financed but not booked).</p>
${table(
	['Patient', 'When', 'Channel', 'What', 'Why'],
	rows.map((r) => [esc(r.patient), esc(time(r.at)), esc(r.channel), esc(r.what), esc(r.why)]),
)}
<h3>Opt-outs</h3>${table(['Patient', 'Keyword', 'When', 'Now'], optOuts)}</section>`;
}
