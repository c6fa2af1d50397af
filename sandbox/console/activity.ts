// "What just happened": the console's own account of the case, read from the state after every
// action, whoever took it (staff in the console, the person acting as the patient, or n8n
// through the stand-ins' APIs), with what comes next in the practice's words.
import { todayIn } from '../../financing/dates';
import { esc, money } from './html';
import type { ConsoleView } from './view';
import { careCreditStatus, channelName, duration, isPatientChannel } from './words';

export interface Happening {
	at: string;
	text: string;
	/** What the person does next, or waits for. */
	next?: string;
}

const FINISHED_LINK =
	'Next: press the "patient finished" link in the Coordinator inbox (or n8n finds the decision within a minute).';

const quote = (text: string, max = 110) => {
	const line = text.split('\n')[0];
	return `"${line.length > max ? `${line.slice(0, max - 1)}…` : line}"`;
};

const FIELD_WORDS: Record<string, string> = {
	paymentAmount: 'payment amount',
	numberOfPayments: 'number of payments',
	firstPaymentDue: 'first payment due',
	note: 'note',
	statementNote: 'statement note',
	billingType: 'billing type',
	interval: 'how often',
};

const OPEN_DENTAL_THINGS: Array<[RegExp, string]> = [
	[/\/payplans(\/|$)/i, 'a payment plan'],
	[/\/payplancharges/i, 'payment plan charges'],
	[/\/commlogs/i, 'a communication log entry'],
	[/\/payments/i, 'a payment'],
	[/\/adjustments/i, 'an adjustment'],
];

/** CareCredit's decision in words, from the patient's name and what the approval came with. */
const DECIDED: Record<string, (who: string, approval: string) => [string, string]> = {
	Completed: (who, approval) => [`CareCredit approved ${who}: ${approval}.`, FINISHED_LINK],
	AccountFound: (who, approval) => [
		`${who} already has a CareCredit card and can use it${approval ? `: ${approval}` : ''}.`,
		FINISHED_LINK,
	],
	Declined: (who) => [`CareCredit declined ${who}'s application.`, FINISHED_LINK],
	Pending: (who) => [
		`${who}'s application is pending: CareCredit needs more time.`,
		'Next: wait for CareCredit; n8n writes the arrangement once it approves.',
	],
	CallForAuth: (who) => [
		`CareCredit asks the practice to call about ${who}'s application.`,
		FINISHED_LINK,
	],
	Expired: (who) => [
		`${who}'s application expired before it was finished.`,
		'Next: if the patient still wants financing, start a new application.',
	],
};

function decisions(v: ConsoleView): Happening[] {
	const cc = v.careCredit;
	return cc.feed
		.filter((e) => !e.repeatOf && e.sessionStatus !== 'Created')
		.flatMap((e): Happening[] => {
			const s = cc.sessions.find((x) => x.sessionId === e.sessionId);
			if (!s) return [];
			const who = v.sessionPatient(s);
			const line = s.application ? [`${money(s.application.creditLineCents)} credit line`] : [];
			const purchases = cc.transactions
				.filter((t) => t.sessionId === s.sessionId && t.transactionType === 'PURCHASE')
				.map((t) => `purchase ${money(t.amountCents)} on ${t.promoCode}`);
			const words = DECIDED[e.sessionStatus];
			if (!words) {
				const { label, meaning } = careCreditStatus(e.sessionStatus);
				return [
					{ at: e.decidedAt, text: `${who}'s CareCredit application: ${label}, ${meaning}.` },
				];
			}
			const [text, next] = words(who, [...line, ...purchases].join(', '));
			return [{ at: e.decidedAt, text, next }];
		});
}

const acceptances = (v: ConsoleView): Happening[] =>
	(v.dentrix.treatmentPlans ?? [])
		.filter((t) => t.fundingMethod === 'CareCredit' && t.acceptedAt)
		.map((t) => ({
			at: t.acceptedAt!,
			text: `${v.patientName(t.patientId)}'s treatment plan "${t.caseName}" was accepted with CareCredit (patient portion ${money(t.procedures.reduce((sum, p) => sum + p.patientPortionCents, 0))}).`,
			next: 'Next: n8n prefills the CareCredit application (it checks Dentrix about once a minute).',
		}));

function ledgerWrites(v: ConsoleView): Happening[] {
	const d = v.dentrix;
	const out: Happening[] = [];
	for (const a of d.paymentAgreements ?? []) {
		const who = v.patientName(a.guarantorId);
		if (a.createdBy === 'api') {
			out.push({
				at: a.createdAt,
				text: `n8n wrote a payment agreement to ${who}'s account: ${a.billingType}, ${money(a.paymentAmountCents)} × ${a.numberOfPayments}.`,
			});
		}
		for (const e of a.edits.filter((x) => x.source === 'console')) {
			const fields = Object.keys(e.changes).map((f) => FIELD_WORDS[f] ?? f);
			out.push({
				at: e.at,
				text: `Staff corrected ${who}'s payment agreement (${fields.join(', ')}).`,
			});
		}
	}
	for (const n of (d.ledgerNotes ?? []).filter((x) => x.createdBy === 'api')) {
		out.push({
			at: n.createdAt,
			text: `n8n wrote a note to ${v.patientName(n.patientId)}'s ledger.`,
		});
	}
	for (const p of (d.payments ?? []).filter((x) => x.createdBy === 'api')) {
		out.push({
			at: p.createdAt,
			text: `n8n posted a ${p.paymentType} payment of ${money(p.amountCents)} for ${v.patientName(p.patientId)}.`,
		});
	}
	for (const p of (d.adjustments ?? []).filter((x) => x.createdBy === 'api')) {
		out.push({
			at: p.createdAt,
			text: `n8n posted a ${p.type} adjustment of ${money(p.amountCents)} for ${v.patientName(p.patientId)}.`,
		});
	}
	return out;
}

function openDentalWrites(v: ConsoleView): Happening[] {
	return v.all.writes
		.filter((w) => w.service === 'openDental' && w.status < 300 && w.faulted !== 'before')
		.flatMap((w): Happening[] => {
			const thing = OPEN_DENTAL_THINGS.find(([pattern]) => pattern.test(w.path))?.[1];
			if (!thing) return [];
			const patNum = (w.body as { PatNum?: unknown } | null)?.PatNum;
			const whom = patNum === undefined ? '' : ` for ${v.patientName(String(patNum))}`;
			const verb = w.method === 'POST' ? 'wrote' : 'updated';
			return [{ at: w.at, text: `n8n ${verb} ${thing} in Open Dental${whom}.` }];
		});
}

function messages(v: ConsoleView): Happening[] {
	return v.all.notifications.map((m): Happening => {
		if (isPatientChannel(m.channel)) {
			return { at: m.at, text: `n8n sent the patient a message: ${quote(m.text)}` };
		}
		if (m.channel === 'review')
			return {
				at: m.at,
				text: `n8n asks a person to review a case: ${quote(m.text)}`,
				next: 'Next: read it in the Coordinator inbox.',
			};
		if (m.channel === 'ops')
			return {
				at: m.at,
				text: `n8n reports a failed workflow run: ${quote(m.text)}`,
				next: 'Next: open the run in the n8n editor.',
			};
		const ready = /application ready/i.test(m.text);
		return {
			at: m.at,
			text: `n8n messaged the ${channelName(m.channel).toLowerCase()}: ${quote(m.text)}`,
			next: ready
				? 'Next: open the application link in the Coordinator inbox and act as the patient.'
				: undefined,
		};
	});
}

/**
 * "X's financing is arranged", per approved case: the first Dentrix or Open Dental write
 * carrying its reference token and the first staff message naming it, timed from CareCredit's
 * decision (the live line of the demo, not one of the practice numbers).
 */
function arranged(v: ConsoleView): Happening[] {
	const writes = v.all.writes
		.filter((w) => (w.service === 'dentrix' || w.service === 'openDental') && w.status < 300)
		.filter((w) => w.faulted !== 'before')
		.map((w) => ({ at: w.at, text: JSON.stringify(w.body ?? '') }));
	const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
	return v.careCredit.sessions.flatMap((s): Happening[] => {
		if (!['Completed', 'AccountFound'].includes(s.status)) return [];
		const token = `[cc:${s.application?.applicationId ?? s.referenceId}]`;
		const decidedAt =
			v.careCredit.feed.find(
				(e) => e.sessionId === s.sessionId && e.sessionStatus === s.status && !e.repeatOf,
			)?.decidedAt ?? s.statusAt;
		const names = [token, s.application?.applicationId, s.referenceId].filter(Boolean) as string[];
		const written = writes.find((w) => w.text.includes(token))?.at;
		const told = v.all.notifications.find(
			(n) => !isPatientChannel(n.channel) && names.some((name) => n.text.includes(name)),
		)?.at;
		if (!written || !told) return [];
		return [
			{
				at: written > told ? written : told,
				text: `${v.sessionPatient(s)}'s financing is arranged: written to the ledger ${duration(seconds(decidedAt, written))} and the coordinator told ${duration(seconds(decidedAt, told))} after CareCredit's decision.`,
				next: 'Next: book the appointment.',
			},
		];
	});
}

/** Everything that happened, oldest first (ties keep the order a case runs in). */
export function happenings(v: ConsoleView): Happening[] {
	const prefills = v.careCredit.sessions.map((s): Happening => {
		const plan = v.sessionPlan(s);
		return {
			at: s.createdAt,
			text: `n8n prefilled a CareCredit application for ${v.sessionPatient(s)}${plan ? ` (${plan})` : ''} at ${v.merchantName(s.merchantNumber)}.`,
			next: 'Next: the Coordinator inbox gets the application link for the patient.',
		};
	});
	const all = [
		...acceptances(v),
		...prefills,
		...decisions(v),
		...ledgerWrites(v),
		...openDentalWrites(v),
		...messages(v),
		...arranged(v),
	];
	return all
		.map((h, i) => ({ h, i, t: Date.parse(h.at) }))
		.filter((x) => Number.isFinite(x.t))
		.sort((a, b) => a.t - b.t || a.i - b.i)
		.map((x) => x.h);
}

/** The line under the header: the latest thing that happened today, and what comes next. */
export function whatJustHappened(v: ConsoleView, all = happenings(v)): string {
	const latest = all[all.length - 1];
	const today = todayIn(v.timeZone, v.now);
	if (!latest || todayIn(v.timeZone, new Date(latest.at)) !== today) {
		return `<p id="what-happened" data-live>Nothing has happened yet today. To start a case, press "Accept with CareCredit" on a treatment plan under Dentrix ledger.</p>`;
	}
	return `<p id="what-happened" data-live><b>Just now</b> (${esc(v.when(latest.at))}): <span class="text">${esc(latest.text)}</span>${latest.next ? ` <span class="next">${esc(latest.next)}</span>` : ''}</p>`;
}

export function activitySection(v: ConsoleView): string {
	const recent = happenings(v).slice(-12).reverse();
	const rows = recent
		.map((h) => `<li><small>${esc(v.when(h.at))}</small> ${esc(h.text)}</li>`)
		.join('\n');
	return `<section id="activity" data-live><h2>Recent activity</h2>
${rows ? `<ul>${rows}</ul>` : '<p class="empty">Nothing yet.</p>'}</section>`;
}
