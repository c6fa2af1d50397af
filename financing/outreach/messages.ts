import { formatInstantIn, localDateTimeIn } from '../dates';
import { AUTOMATION_SIGNATURE, fitNote } from '../notes';
import { fail, ok, problem, type Problem, type Result } from '../result';
import { maskEmail, maskPhone } from './address';
import type { OutreachPurpose } from './contact';
import type { OutreachChannel, OutreachPolicy } from './policy';
import type { ReplyMeaning } from './replies';
import { screenPatientText, type ScreenFacts } from './screen';

/**
 * Patient messages and the note each one leaves. A message is the practice's own template text
 * with a fixed set of placeholders, none of which carries clinical detail (no procedure, code,
 * tooth or diagnosis), so a message says nothing about a patient's health beyond what the
 * practice wrote into its template. The result is screened for tax ids and dates of birth.
 */
export const OUTREACH_PLACEHOLDERS = [
	'firstName',
	'practiceName',
	'practicePhone',
	'bookingLink',
	'dueDate',
	'appointmentDate',
	'coordinatorName',
] as const;
export type OutreachPlaceholder = (typeof OUTREACH_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface RenderRequest {
	/** The practice's template, e.g. "Hi {{firstName}}, it's time for your visit at {{practiceName}}." */
	template: string;
	values: Partial<Record<OutreachPlaceholder, string>>;
	channel: OutreachChannel;
	/** The patient's own tax id and birth date, when known, so the screen finds them in any form. */
	facts?: ScreenFacts;
}

export function renderOutreachMessage(
	request: RenderRequest,
	policy: Pick<OutreachPolicy, 'textOptOutHint'>,
): Result<{ text: string }> {
	const problems: Problem[] = [];
	if (typeof request.template !== 'string' || request.template.trim() === '') {
		return fail(problem('template', 'required', 'enter the message text'));
	}
	const text = request.template.replace(PLACEHOLDER, (whole, name: string) => {
		if (!(OUTREACH_PLACEHOLDERS as readonly string[]).includes(name)) {
			problems.push(
				problem(
					'template',
					'unknownPlaceholder',
					`{{${name}}} is not a placeholder outreach fills (${OUTREACH_PLACEHOLDERS.join(', ')}); clinical details stay out of patient messages`,
				),
			);
			return whole;
		}
		const value = request.values[name as OutreachPlaceholder];
		if (typeof value !== 'string' || value.trim() === '') {
			problems.push(problem(`values.${name}`, 'required', 'is needed by the template'));
			return whole;
		}
		if (value.length > 300) {
			problems.push(problem(`values.${name}`, 'tooLong', 'is longer than 300 characters'));
		}
		return value.trim();
	});
	if (problems.length) return fail(...problems);
	const withHint =
		request.channel === 'text' && !/\bSTOP\b/i.test(text)
			? `${text.trim()} ${policy.textOptOutHint}`
			: text.trim();
	const screened = screenPatientText(withHint, 'message', request.facts);
	return screened.length ? fail(...screened) : ok({ text: withHint });
}

const PURPOSE_WORDS: Record<OutreachPurpose, string> = {
	recall: 'Recall reminder',
	reactivation: 'Reactivation message',
	financedNotBooked: 'Reminder to book the financed treatment',
};

export interface OutreachNote {
	note: string;
	/** Open Dental commlog `Mode_` (https://opendental.com/site/apicommlogs.html). */
	mode: 'Text' | 'Email';
	sentOrReceived: 'Sent' | 'Received';
	/** The practice-local "yyyy-MM-dd HH:mm:ss" Open Dental's `CommDateTime` takes. */
	commDateTime: string;
}

/** The one commlog (or Dentrix note) for a message sent, carrying the touch key. */
export function outreachNote(
	sent: {
		purpose: OutreachPurpose;
		channel: OutreachChannel;
		touchNumber: number;
		touchKey: string;
		to: string;
		sentAt: Date;
		message: string;
	},
	policy: Pick<OutreachPolicy, 'timeZone' | 'maxTouches' | 'noteMaxChars'>,
): OutreachNote {
	const to =
		sent.channel === 'text' ? `text to ${maskPhone(sent.to)}` : `e-mail to ${maskEmail(sent.to)}`;
	const body = `${PURPOSE_WORDS[sent.purpose]} ${sent.touchNumber} of ${policy.maxTouches} sent by ${to} at ${formatInstantIn(policy.timeZone, sent.sentAt)}. ${AUTOMATION_SIGNATURE}. Message: "${sent.message}"`;
	return {
		note: fitNote(body, sent.touchKey, policy.noteMaxChars),
		mode: sent.channel === 'text' ? 'Text' : 'Email',
		sentOrReceived: 'Sent',
		commDateTime: localDateTimeIn(policy.timeZone, sent.sentAt),
	};
}

/**
 * The note that records an opt-out reply. It names the keyword only, never the reply's text
 * (a reply can carry anything); a reply longer than the keyword asks a person to read it.
 */
export function optOutNote(
	reply: ReplyMeaning & { receivedAt: Date; channel: OutreachChannel | null },
	policy: Pick<OutreachPolicy, 'timeZone' | 'noteMaxChars'>,
	/** When given, the note carries the consent key (`consentKey`) later runs read back. */
	key = '',
): OutreachNote {
	const by = reply.channel === 'email' ? 'e-mail' : 'text';
	const review = reply.exact
		? ''
		: ' The reply said more than the keyword: please read it in the messaging system.';
	const what =
		reply.kind === 'optIn'
			? 'outreach may resume'
			: 'outreach ended and no more messages will be sent';
	const body = `The patient replied ${reply.keyword ?? 'an opt-out'} by ${by} at ${formatInstantIn(policy.timeZone, reply.receivedAt)}: ${what}.${review} ${AUTOMATION_SIGNATURE}.`;
	return {
		note: fitNote(body, key, policy.noteMaxChars),
		mode: reply.channel === 'email' ? 'Email' : 'Text',
		sentOrReceived: 'Received',
		commDateTime: localDateTimeIn(policy.timeZone, reply.receivedAt),
	};
}
