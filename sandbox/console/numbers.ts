// The console's two numbers sections: the group's three numbers this week with the cases that
// need a look, and the numbers per location side by side with their four-week trend (the same
// table and bars as the weekly digest e-mail). Both from `practiceNumbers` (metrics.ts), once
// per page.
import {
	changeText,
	digestModel,
	minutesText,
	numbersTableHtml,
	percentText,
	trendsHtml,
	UNCLASSIFIED_WORDS,
	type PracticeNumbersReport,
} from '../../financing';
import { esc, table } from './html';
import { LOCATION_NAMES, practiceNumbers } from './metrics';
import type { ConsoleView } from './view';

const computed = new WeakMap<ConsoleView, PracticeNumbersReport>();

export function numbersOf(v: ConsoleView): PracticeNumbersReport {
	let report = computed.get(v);
	if (!report) computed.set(v, (report = practiceNumbers(v.all, v.timeZone, v.now)));
	return report;
}

const where = (id: string | null) => (id === null ? '' : (LOCATION_NAMES[id] ?? id));

export function numbersSection(v: ConsoleView): string {
	const r = numbersOf(v);
	const p = r.group.period;
	const t = p.timeToArrangement;
	const a = p.acceptance;
	const k = p.corrections;
	const look = r.needsALook;
	const slowest = look.slowest.map((c) => [
		esc(v.patientName(c.patientId)),
		esc(c.token ?? ''),
		esc(where(c.locationId)),
		esc(v.when(c.startedAt)),
		esc(v.when(c.arrangedAt)),
		`<span class="time-to-arrangement">${esc(minutesText(c.minutesToArrangement))}</span>`,
	]);
	const corrected = look.corrected.map((c) => [
		esc(v.patientName(c.patientId)),
		esc(`${c.arrangementId} ${c.token}`),
		esc(c.kind === 'removed' ? 'removed' : c.changes.map(changeText).join('; ')),
	]);
	const notBooked = look.approvedNotBooked.map((c) => [
		esc(v.patientName(c.patientId)),
		esc(c.token ?? ''),
		esc(where(c.locationId)),
		esc(v.when(c.decidedAt)),
	]);
	const unread = r.unclassified.map((u) => [
		esc(u.record),
		esc(u.id ?? ''),
		esc(UNCLASSIFIED_WORDS[u.reason] ?? u.reason),
	]);
	return `<section id="numbers" data-live><h2>Practice numbers</h2>
<p class="hint">This week so far (${esc(r.period.from)} to ${esc(r.period.to)}), every location, from the practice systems' records and CareCredit's decisions.</p>
<div class="numbers">
<div class="number" id="time-to-arrangement">Time-to-arrangement (median)<b>${esc(minutesText(t.medianMinutes))}</b>from the patient's yes to the arrangement written; 90th percentile ${esc(minutesText(t.p90Minutes))}; ${esc(t.cases)} case(s)</div>
<div class="number" id="case-acceptance">Financed case acceptance<b>${esc(percentText(a.arrangedPercent))}</b>${esc(a.arranged)} approved and arranged of ${esc(a.presented)} presented with CareCredit; ${esc(a.booked)} booked, ${esc(a.declined)} declined, ${esc(a.pending)} pending</div>
<div class="number" id="ledger-corrections">Ledger corrections<b>${esc(k.corrected)}</b>of ${esc(k.automated)} arrangements n8n wrote were changed or removed by staff</div>
</div>
<h3>Slowest to arrange</h3>
${table(['Patient', 'Case', 'Location', 'Yes', 'Arranged', 'Time-to-arrangement'], slowest, 'No case arranged this week yet.')}
<h3>Corrected by staff</h3>
${table(['Patient', 'Arrangement', 'What changed'], corrected, 'No automated arrangement corrected this week.')}
<h3>Approved but not booked</h3>
${table(['Patient', 'Case', 'Location', 'Approved'], notBooked, 'Every approved case is booked.')}
<h3>Records the numbers could not read</h3>
${table(['Record', 'Id', 'Why'], unread, 'None.')}
</section>`;
}

export function locationsSection(v: ConsoleView): string {
	const model = digestModel(numbersOf(v), { locationNames: LOCATION_NAMES });
	return `<section id="locations" data-live><h2>Numbers per location</h2>
<p class="hint">This week so far against last week, side by side, and the four-week trend: the weekly digest's table and bars.</p>
<div class="digest">${numbersTableHtml(model)}${trendsHtml(model)}</div>
</section>`;
}
