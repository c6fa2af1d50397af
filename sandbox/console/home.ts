// The console's main page: one section per part of the practice's day, in the order of
// SECTIONS. A later part (an insurance verification work list, the outreach sent to each
// patient with their opt-outs, the practice numbers per location) is one more entry there:
// an id, a title for the header, and a function from the view to a `<section data-live>`.
import type { SandboxResponse } from '../core/types';
import { activitySection, happenings, whatJustHappened } from './activity';
import { applicationsSection } from './applications';
import { esc, linkify, type NavLink, page } from './html';
import { dentrixSection } from './ledger';
import { locationsSection, numbersSection } from './numbers';
import { openDentalSection } from './openDental';
import { outreachSection } from './outreach';
import type { ConsoleView } from './view';
import { channelName, isPatientChannel } from './words';

interface Section {
	id: string;
	title: string;
	render(view: ConsoleView): string;
}

type Message = ConsoleView['all']['notifications'][number];

function message(v: ConsoleView, m: Message): string {
	const to = (m.body as { to?: { email?: unknown; cellPhone?: unknown } } | null)?.to;
	const address = [to?.email, to?.cellPhone].filter((x) => typeof x === 'string' && x).join(' · ');
	return `<div class="msg" id="message-${esc(m.id)}" data-channel="${esc(m.channel)}"><small><span class="label">${esc(channelName(m.channel))}</span> · ${esc(v.when(m.at))}${address ? ` · to ${esc(address)}` : ''}</small>
${linkify(m.text)}</div>`;
}

const newestFirst = (v: ConsoleView, patients: boolean) =>
	[...v.all.notifications]
		.reverse()
		.filter((m) => isPatientChannel(m.channel) === patients)
		.map((m) => message(v, m))
		.join('\n');

const inboxSection = (v: ConsoleView) =>
	`<section id="inbox" data-live><h2>Coordinator inbox</h2>
${newestFirst(v, false) || '<p class="empty">No messages yet. n8n posts here when an application is ready for the patient, when CareCredit has decided, and when a case needs a person.</p>'}</section>`;

const patientsSection = (v: ConsoleView) =>
	`<section id="patients" data-live><h2>Messages sent to patients</h2>
${newestFirst(v, true) || '<p class="empty">No message sent to a patient yet.</p>'}</section>`;

export const SECTIONS: Section[] = [
	{ id: 'numbers', title: 'Practice numbers', render: numbersSection },
	{ id: 'locations', title: 'Numbers per location', render: locationsSection },
	{ id: 'inbox', title: 'Coordinator inbox', render: inboxSection },
	{ id: 'carecredit', title: 'CareCredit applications', render: applicationsSection },
	{ id: 'patients', title: 'Sent to patients', render: patientsSection },
	{ id: 'dentrix', title: 'Dentrix ledger', render: dentrixSection },
	{ id: 'opendental', title: 'Open Dental', render: openDentalSection },
	{ id: 'outreach', title: 'Outreach', render: outreachSection },
	{ id: 'activity', title: 'Recent activity', render: activitySection },
];

export const NAV: NavLink[] = SECTIONS.map((s) => [s.id, s.title]);

export function home(v: ConsoleView): SandboxResponse {
	return page(
		v,
		`${v.practiceName} · practice console`,
		SECTIONS.map((s) => s.render(v)).join('\n'),
		{ nav: NAV, line: whatJustHappened(v, happenings(v)) },
	);
}
