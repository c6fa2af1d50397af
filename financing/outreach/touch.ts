import { z } from 'zod';

import { addDays, type LocalDate } from '../dates';
import { instantAtLocal, localClockIn, parseClockTime, parseInstantIn } from '../localTime';
import { both, parseWith } from '../parse';
import { fail, ok, problem, prefixProblems, type Problem, type Result } from '../result';
import { channelForTouch, reachFor } from './contact';
import { findConsentKeys, findTouchKeys, touchKey } from './keys';
import { parseOutreachPolicy, type OutreachChannel, type OutreachPolicy } from './policy';
import { nextSendTime } from './quietHours';
import { classifyReply, type ReplyMeaning } from './replies';

/**
 * The next touch for one patient and one subject (a recall, a reactivation item, a financed
 * case), from the outreach policy and what already happened. Every outreach template asks this
 * one function, so the rules are the same everywhere: who may be contacted, which channel,
 * quiet hours, at most K touches a minimum number of days apart, and a STOP that ends it.
 */
const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);

export const touchRequestSchema = z.object({
	purpose: z.enum(['recall', 'reactivation', 'financedNotBooked']),
	patient: z.unknown(),
	/** The recall (RecallNum), reactivation item or financed case (the reference token's id). */
	subjectId: id,
	/** For recalls: the due date (Open Dental's 0001-01-01 means none) and type. */
	recall: z
		.object({ dueDate: z.string().nullable().optional(), recallTypeId: id.nullable().optional() })
		.optional(),
	/** The practice's recall types; a recall of another type is a problem. */
	recallTypeIds: z.array(id).optional(),
	history: z
		.object({
			/** Touches already made (Open Dental's recall list `NumRemind`). */
			touchesSent: z.number().int().min(0).optional(),
			/** When the last one was made (`LastRemind`, a date or date-time). */
			lastTouchAt: z.string().nullable().optional(),
			/** The patient's commlogs or notes; touch keys in them count as touches made. */
			notes: z
				.array(z.object({ text: z.string(), at: z.string().nullable().optional() }))
				.optional(),
			/** Replies received (text messages, e-mails). */
			replies: z
				.array(
					z.object({
						text: z.string(),
						receivedAt: z.string(),
						channel: z.enum(['text', 'email']).optional(),
					}),
				)
				.optional(),
		})
		.optional(),
});

export type TouchRequest = z.input<typeof touchRequestSchema>;

export interface OptOutSeen extends ReplyMeaning {
	receivedAt: string;
	channel: OutreachChannel | null;
}

export type TouchPlan =
	| {
			action: 'send';
			touchNumber: number;
			touchKey: string;
			channel: OutreachChannel;
			/** E.164 number or e-mail address. */
			to: string;
			/** ISO instant: now, or the next send time when now is in quiet hours. */
			sendAt: string;
			deferred: boolean;
			/** Whether the channel came from the practice's sequence (else the patient's preference). */
			bySequence: boolean;
	  }
	| { action: 'wait'; touchNumber: number; until: string; reason: 'minimumGap'; text: string }
	| {
			action: 'staffTask';
			touchNumber: number;
			touchKey: string;
			reason: 'prefersCall' | 'prefersMail' | 'seeNotes';
			text: string;
	  }
	| {
			action: 'stop';
			reason: 'optedOut' | 'maxTouchesReached';
			text: string;
			optOut: OptOutSeen | null;
	  }
	| { action: 'skip'; reason: 'deceased' | 'notActive' | 'doNotContact'; text: string };

export function planTouch(request: unknown, policyInput: unknown, now: Date): Result<TouchPlan> {
	const parsed = both(
		parseOutreachPolicy(policyInput),
		parseWith(touchRequestSchema, request, 'touch'),
	);
	if (!parsed.ok) return parsed;
	const [policy, req] = parsed.value;
	const problems: Problem[] = [];
	if (req.purpose === 'recall') problems.push(...recallProblems(req));

	// Replies: the latest opt-out or opt-in decides; an opt-out ends outreach.
	let optOut: OptOutSeen | null = null;
	let lastConsentAt = -Infinity;
	for (const [i, reply] of (req.history?.replies ?? []).entries()) {
		const at = parseInstantIn(
			reply.receivedAt,
			policy.timeZone,
			`touch.history.replies.${i}.receivedAt`,
		);
		if (!at.ok) {
			problems.push(...at.problems);
			continue;
		}
		const meaning = classifyReply(reply.text);
		if (meaning.kind !== 'optOut' && meaning.kind !== 'optIn') continue;
		if (at.value.getTime() < lastConsentAt) continue;
		lastConsentAt = at.value.getTime();
		optOut =
			meaning.kind === 'optOut'
				? { ...meaning, receivedAt: at.value.toISOString(), channel: reply.channel ?? null }
				: null;
	}

	// Replies recorded in the practice system (the consent key of an opt-out or opt-in note).
	const patientKey = patientIdOf(req.patient);
	for (const [i, note] of (req.history?.notes ?? []).entries()) {
		for (const key of findConsentKeys(note.text)) {
			if (key.patientId !== patientKey) continue;
			const at = note.at
				? parseInstantIn(note.at, policy.timeZone, `touch.history.notes.${i}.at`)
				: null;
			if (at && !at.ok) {
				problems.push(...at.problems);
				continue;
			}
			const time = at ? at.value.getTime() : -Infinity;
			if (time < lastConsentAt) continue;
			lastConsentAt = time;
			optOut =
				key.kind === 'optOut'
					? {
							kind: 'optOut',
							keyword: 'STOP',
							exact: true,
							receivedAt: at ? at.value.toISOString() : '',
							channel: null,
						}
					: null;
		}
	}

	// Touches made: the larger of the practice system's count and the keys found in the notes;
	// the last touch is the latest of their times.
	let sent = req.history?.touchesSent ?? 0;
	const times: Date[] = [];
	if (req.history?.lastTouchAt) {
		const at = parseInstantIn(
			req.history.lastTouchAt,
			policy.timeZone,
			'touch.history.lastTouchAt',
		);
		if (at.ok) times.push(at.value);
		else problems.push(...at.problems);
	}
	const patientId = patientKey;
	for (const [i, note] of (req.history?.notes ?? []).entries()) {
		for (const key of findTouchKeys(note.text)) {
			if (key.purpose !== req.purpose || key.touch === 'task') continue;
			if (key.subjectId !== req.subjectId || key.patientId !== patientId) continue;
			sent = Math.max(sent, key.touch);
			if (!note.at) continue;
			const at = parseInstantIn(note.at, policy.timeZone, `touch.history.notes.${i}.at`);
			if (at.ok) times.push(at.value);
			else problems.push(...at.problems);
		}
	}
	const lastTouch = times.reduce<Date | null>((a, b) => (!a || b > a ? b : a), null);
	if (problems.length) return fail(...problems);

	if (optOut) {
		const seen = optOut;
		return ok({
			action: 'stop',
			reason: 'optedOut',
			text: `The patient replied ${seen.keyword}${seen.exact ? '' : ' inside a longer reply (a person should read it)'}; outreach ended.`,
			optOut: seen,
		});
	}
	if (sent >= policy.maxTouches) {
		return ok({
			action: 'stop',
			reason: 'maxTouchesReached',
			text: `${sent} of at most ${policy.maxTouches} touches made; outreach for this ${req.purpose === 'recall' ? 'recall' : 'case'} is done.`,
			optOut: null,
		});
	}
	const reach = reachFor(req.patient, req.purpose, policy);
	if (!reach.ok) return fail(...prefixProblems('touch', reach.problems));
	const touchNumber = sent + 1;
	const key = touchKey(req.purpose, patientId, req.subjectId, touchNumber);
	if (!key.ok) return fail(...prefixProblems('touch', key.problems));
	const outcome = reach.value;
	if (outcome.kind === 'doNotContact')
		return ok({ action: 'skip', reason: outcome.reason, text: outcome.text });
	if (lastTouch) {
		const earliest = earliestNextTouch(policy, lastTouch);
		if (now.getTime() < earliest.getTime()) {
			return ok({
				action: 'wait',
				touchNumber,
				until: earliest.toISOString(),
				reason: 'minimumGap',
				text: `Touch ${touchNumber} waits: at least ${policy.minimumDaysBetweenTouches} days after the last one.`,
			});
		}
	}
	if (outcome.kind === 'staff') {
		return ok({
			action: 'staffTask',
			touchNumber,
			touchKey: key.value,
			reason: outcome.reason,
			text: outcome.text,
		});
	}
	const { channel, to, bySequence } = channelForTouch(outcome.reach, touchNumber, policy.sequence);
	const when = nextSendTime(policy, now);
	return ok({
		action: 'send',
		touchNumber,
		touchKey: key.value,
		channel,
		to,
		sendAt: when.at.toISOString(),
		deferred: when.deferred,
		bySequence,
	});
}

function patientIdOf(patient: unknown): string {
	const raw =
		typeof patient === 'object' && patient !== null
			? (patient as { patientId?: unknown }).patientId
			: '';
	return typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
}

/** The start of the send window, `minimumDaysBetweenTouches` local days after the last touch. */
function earliestNextTouch(policy: OutreachPolicy, last: Date): Date {
	const day: LocalDate = addDays(
		localClockIn(policy.timeZone, last).date,
		policy.minimumDaysBetweenTouches,
	);
	return instantAtLocal(policy.timeZone, day, parseClockTime(policy.sendWindow.start)!);
}

function recallProblems(req: z.output<typeof touchRequestSchema>): Problem[] {
	const problems: Problem[] = [];
	const due = req.recall?.dueDate;
	if (!due || due === '0001-01-01') {
		problems.push(
			problem(
				'touch.recall.dueDate',
				'noDueDate',
				'the recall has no due date; set it in the practice system',
			),
		);
	} else if (!/^\d{4}-\d{2}-\d{2}$/.test(due.slice(0, 10))) {
		problems.push(
			problem('touch.recall.dueDate', 'invalidDate', 'is not a date in the form yyyy-MM-dd'),
		);
	}
	const type = req.recall?.recallTypeId;
	if (req.recallTypeIds && (!type || !req.recallTypeIds.includes(type))) {
		problems.push(
			problem(
				'touch.recall.recallTypeId',
				'unknownRecallType',
				`${type ? `recall type ${type}` : 'the recall has no type and'} is not one of the practice's recall types (${req.recallTypeIds.join(', ')})`,
			),
		);
	}
	return problems;
}
