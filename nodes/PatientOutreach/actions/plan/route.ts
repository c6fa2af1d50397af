import type { IDataObject } from 'n8n-workflow';

import {
	formatInstantIn,
	outreachNote,
	renderOutreachMessage,
	type OutreachPolicy,
	type OutreachPurpose,
	type Problem,
	type TouchPlan,
} from '../../../../financing';
import type { MessageSetup } from '../message';

/** The outputs of the planning operations. */
export const TEXT = 0;
export const EMAIL = 1;
export const STAFF = 2;
export const NO_MESSAGE = 3;
export const PLAN_OUTPUTS = ['Text', 'E-Mail', 'Staff', 'No Message'];

export interface Routed {
	json: IDataObject;
	output: number;
}

export interface Subject {
	purpose: OutreachPurpose;
	patientId: string;
	subjectId: string;
	/** For the summary: who and what, as staff say it. */
	label: string;
}

const WORDS: Record<OutreachPurpose, string> = {
	recall: 'recall reminder',
	reactivation: 'reactivation message',
	financedNotBooked: 'reminder to book the financed treatment',
};

/** An item-level problem: to a person, nothing sent to that patient; the rest goes on. */
export function needsReview(subject: Subject, found: Problem[]): Routed {
	// The domain names fields from its request ("touch.patient.email"): the patient's field is enough.
	const problems = found.map((p) => ({
		...p,
		field: p.field.replace(/^touch\./, ''),
		message: p.message.replace(/^touch\./, ''),
	}));
	return {
		output: STAFF,
		json: {
			...base(subject),
			action: 'needsReview',
			problems,
			summary: `${subject.label}: nothing sent, needs review: ${problems.map((p) => p.message).join('; ')}`,
		},
	};
}

function base(s: Subject): IDataObject {
	return { purpose: s.purpose, patientId: s.patientId, subjectId: s.subjectId };
}

/**
 * A touch plan (financing `planTouch`) as an output item: a message ready to send with the note
 * it leaves, a staff task, or nothing now (and why). A send in quiet hours is held: nothing is
 * sent or written, and the next run in the send window sends it.
 */
export function routeTouch(
	subject: Subject,
	plan: TouchPlan,
	message: MessageSetup,
	policy: OutreachPolicy,
	now: Date,
	facts: { taxId?: string | null; birthdate?: string | null } = {},
): Routed {
	const what = WORDS[subject.purpose];
	if (plan.action === 'send') {
		if (plan.deferred) {
			return {
				output: NO_MESSAGE,
				json: {
					...base(subject),
					action: 'held',
					reason: 'quietHours',
					channel: plan.channel,
					touchNumber: plan.touchNumber,
					sendAt: plan.sendAt,
					summary: `${subject.label}: ${what} ${plan.touchNumber} held for quiet hours until ${formatInstantIn(policy.timeZone, new Date(plan.sendAt))}`,
				},
			};
		}
		const template = plan.channel === 'text' ? message.text : message.emailText;
		const body = renderOutreachMessage(
			{ template, values: message.values, channel: plan.channel, facts },
			policy,
		);
		const subjectLine =
			plan.channel === 'email'
				? renderOutreachMessage(
						{ template: message.emailSubject, values: message.values, channel: 'email', facts },
						policy,
					)
				: null;
		const problems = [
			...(body.ok ? [] : body.problems.map((p) => ({ ...p, field: `message.${p.field}` }))),
			...(subjectLine && !subjectLine.ok
				? subjectLine.problems.map((p) => ({ ...p, field: `message.emailSubject` }))
				: []),
		];
		if (!body.ok || (subjectLine && !subjectLine.ok)) return needsReview(subject, problems);
		const note = outreachNote(
			{
				purpose: subject.purpose,
				channel: plan.channel,
				touchNumber: plan.touchNumber,
				touchKey: plan.touchKey,
				to: plan.to,
				sentAt: now,
				message: body.value.text,
			},
			policy,
		);
		return {
			output: plan.channel === 'text' ? TEXT : EMAIL,
			json: {
				...base(subject),
				action: 'send',
				channel: plan.channel,
				to: plan.to,
				touchNumber: plan.touchNumber,
				touchKey: plan.touchKey,
				bySequence: plan.bySequence,
				...(subjectLine?.ok ? { subject: subjectLine.value.text } : {}),
				text: body.value.text,
				note: note.note,
				noteMode: note.mode,
				noteDateTime: note.commDateTime,
				summary: `${subject.label}: ${what} ${plan.touchNumber} of ${policy.maxTouches} by ${plan.channel === 'text' ? 'text' : 'e-mail'}`,
			},
		};
	}
	if (plan.action === 'staffTask') {
		return {
			output: STAFF,
			json: {
				...base(subject),
				action: 'staffTask',
				reason: plan.reason,
				touchNumber: plan.touchNumber,
				touchKey: plan.touchKey,
				text: plan.text,
				summary: `${subject.label}: please contact in person (${plan.text})`,
			},
		};
	}
	const reason = plan.reason;
	const extra: IDataObject =
		plan.action === 'wait'
			? { touchNumber: plan.touchNumber, until: plan.until }
			: plan.action === 'stop' && plan.optOut
				? { optOut: { ...plan.optOut } }
				: {};
	return {
		output: NO_MESSAGE,
		json: {
			...base(subject),
			action: plan.action,
			reason,
			...extra,
			text: plan.text,
			summary: `${subject.label}: nothing sent (${plan.text})`,
		},
	};
}
