// The insurance verification work list: Open Dental's scheduled appointments of the next week,
// each with its "Ins Verified" field, when the patient's eligibility was last verified, and what
// today's check by the automation recorded (the commlog carrying `[iv:<PatNum>:<today>]`, written
// by the Insurance Verification: Record Check step); then the last message to the front desk.
import { addDays, todayIn } from '../../financing/dates';
import { esc, linkify, table } from './html';
import type { ConsoleView } from './view';

const DAYS_AHEAD = 7;

function todaysCheck(note: string | undefined): string {
	if (!note) return 'not checked today';
	const result = /: (ready|needs a look|could not be checked)[:.]/.exec(note)?.[1];
	const detail = note
		.replace(/^.*?: (ready|needs a look|could not be checked)[:.]?\s*/, '')
		.replace(/\s*Written by automation\..*$/, '');
	return result === 'ready'
		? 'Ready'
		: `${result === 'needs a look' ? 'Needs a look' : 'Could not be checked'}: ${detail}`;
}

export function insuranceSection(v: ConsoleView): string {
	const od = v.openDental;
	const today = todayIn(v.timeZone, v.now);
	const last = addDays(today, DAYS_AHEAD);
	const field = (aptNum: number) =>
		od.apptFields?.find((f) => f.AptNum === aptNum && f.FieldName === 'Ins Verified')?.FieldValue ??
		'';
	const verified = (patNum: number) =>
		(od.patPlans ?? [])
			.filter((p) => p.PatNum === patNum)
			.sort((a, b) => a.Ordinal - b.Ordinal)
			.map((p) => {
				const row = od.insVerifies?.find(
					(r) => r.VerifyType === 'PatientEnrollment' && r.FKey === p.PatPlanNum,
				);
				const on = row && !row.DateLastVerified.startsWith('0001') ? row.DateLastVerified : 'never';
				return `${p.Ordinal === 1 ? 'primary' : `plan ${p.Ordinal}`} ${on}`;
			})
			.join(', ') || 'no insurance on file';
	const rows = (od.appointments ?? [])
		.filter(
			(a) =>
				a.AptStatus === 'Scheduled' &&
				a.AptDateTime.slice(0, 10) > today &&
				a.AptDateTime.slice(0, 10) <= last,
		)
		.sort((a, b) => a.AptDateTime.localeCompare(b.AptDateTime))
		.map((a) => {
			const key = `[iv:${a.PatNum}:${today}]`;
			const note = od.commlogs?.find((c) => c.PatNum === a.PatNum && c.Note.includes(key))?.Note;
			const clinic = od.clinics?.find((c) => c.ClinicNum === a.ClinicNum)?.Abbr ?? '';
			return [
				esc(a.AptDateTime.slice(0, 16)),
				esc(v.patientName(a.PatNum)),
				esc(clinic),
				esc(field(a.AptNum) || '—'),
				esc(verified(a.PatNum)),
				`<span class="check">${esc(todaysCheck(note))}</span>`,
			];
		});
	const sent = [...v.all.notifications].reverse().find((m) => m.channel === 'frontdesk');
	return `<section id="insurance" data-live><h2>Insurance verification</h2>
<p class="hint">Scheduled Open Dental appointments of the next ${DAYS_AHEAD} days and today's check (${esc(today)}, practice time).</p>
${table(['Visit', 'Patient', 'Clinic', 'Ins Verified', 'Eligibility last verified', "Today's check"], rows, 'No scheduled appointment in the next week.')}
<h3>Last work list sent to the front desk</h3>
${sent ? `<div class="msg" id="worklist"><small>${esc(v.when(sent.at))}</small>\n${linkify(sent.text)}</div>` : '<p class="empty">No work list sent yet: the morning insurance check posts one when anything needs a look.</p>'}
</section>`;
}
