import { z } from 'zod';

import { parseWith } from '../parse';
import { fail, ok, problem, type Problem, type Result } from '../result';
import { normalizeEmail, normalizeUsPhone } from './address';
import type { OutreachChannel, OutreachPolicy } from './policy';

/**
 * Who may be contacted, and how. The fields are Open Dental's patient fields
 * (https://opendental.com/site/apipatients.html): `PatStatus`, `TxtMsgOk` ("Unknown", "Yes",
 * "No"), `PreferContactMethod` and `PreferRecallMethod` ("None", "DoNotCall", "HmPhone",
 * "WkPhone", "WirelessPh", "Email", "SeeNotes", "Mail", "TextMessage"), `WirelessPhone`,
 * `Email`; a Dentrix node fills the same fields from the modeled contract.
 * "Do Not Call" as the recall method is the practice's "do not recall" (tools such as Dental
 * Intelligence skip those patients).
 */
const PATIENT_STATUSES = [
	'patient',
	'nonPatient',
	'inactive',
	'archived',
	'deceased',
	'prospective',
] as const;
const CONTACT_METHODS = {
	none: 'none',
	donotcall: 'doNotCall',
	hmphone: 'homePhone',
	homephone: 'homePhone',
	wkphone: 'workPhone',
	workphone: 'workPhone',
	wirelessph: 'wirelessPhone',
	wirelessphone: 'wirelessPhone',
	email: 'email',
	seenotes: 'seeNotes',
	mail: 'mail',
	textmessage: 'textMessage',
	text: 'textMessage',
} as const;
export type ContactMethod = (typeof CONTACT_METHODS)[keyof typeof CONTACT_METHODS];
export type PatientStatus = (typeof PATIENT_STATUSES)[number];
export type OutreachPurpose = 'recall' | 'reactivation' | 'financedNotBooked';

const squash = (v: string) =>
	v
		.trim()
		.toLowerCase()
		.replace(/[\s_-]/g, '');

const contactMethod = z
	.string()
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v.trim() === '') return 'none' as ContactMethod;
		const method = (CONTACT_METHODS as Record<string, ContactMethod>)[squash(v)];
		if (method) return method;
		ctx.addIssue({
			code: 'custom',
			message: `"${v}" is not a contact method (None, DoNotCall, HmPhone, WkPhone, WirelessPh, Email, SeeNotes, Mail, TextMessage)`,
			params: { code: 'unknownContactMethod' },
		});
		return z.NEVER;
	});

const patientStatus = z.string().transform((v, ctx) => {
	const status = PATIENT_STATUSES.find((s) => s.toLowerCase() === squash(v));
	if (status) return status;
	ctx.addIssue({
		code: 'custom',
		message: `"${v}" is not a patient status (Patient, NonPatient, Inactive, Archived, Deceased, Prospective)`,
		params: { code: 'unknownPatientStatus' },
	});
	return z.NEVER;
});

const textConsent = z
	.union([z.boolean(), z.string()])
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v === '') return 'unknown' as const;
		if (typeof v === 'boolean') return v ? ('yes' as const) : ('no' as const);
		const s = squash(v);
		if (s === 'yes' || s === 'true') return 'yes' as const;
		if (s === 'no' || s === 'false') return 'no' as const;
		if (s === 'unknown') return 'unknown' as const;
		ctx.addIssue({
			code: 'custom',
			message: `"${v}" is not Yes, No or Unknown`,
			params: { code: 'unknownTextConsent' },
		});
		return z.NEVER;
	});

export const outreachPatientSchema = z.object({
	patientId: z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String),
	status: patientStatus,
	textOk: textConsent,
	preferredContactMethod: contactMethod,
	preferredRecallMethod: contactMethod,
	wirelessPhone: z.string().nullable().optional(),
	email: z.string().nullable().optional(),
});

export type OutreachPatientInput = z.input<typeof outreachPatientSchema>;
export type OutreachPatient = z.output<typeof outreachPatientSchema>;

export interface Reach {
	patientId: string;
	/** The channels outreach may use, with the normalized address. */
	addresses: Partial<Record<OutreachChannel, string>>;
	/** The patient's preferred method for this purpose. */
	preference: ContactMethod;
}

export type ReachOutcome =
	| { kind: 'reachable'; reach: Reach }
	/** Never contacted: deceased, not an active patient, or "do not contact". */
	| { kind: 'doNotContact'; reason: 'deceased' | 'notActive' | 'doNotContact'; text: string }
	/** A person contacts the patient: the preferred method is one automation does not use. */
	| { kind: 'staff'; reason: 'prefersCall' | 'prefersMail' | 'seeNotes'; text: string };

const isBlank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';

/**
 * Reads a patient's contact record for one purpose (recall and reactivation follow the recall
 * method; "financed but not booked" the contact method). Problems: a malformed phone or e-mail,
 * or no channel outreach may use; nothing is sent to that patient.
 */
export function reachFor(
	input: unknown,
	purpose: OutreachPurpose,
	policy: Pick<OutreachPolicy, 'unknownTextConsent'>,
	optedOut: ReadonlySet<OutreachChannel> = new Set(),
): Result<ReachOutcome> {
	const parsed = parseWith(outreachPatientSchema, input, 'patient');
	if (!parsed.ok) return parsed;
	const p = parsed.value;
	const preference =
		purpose === 'financedNotBooked' ? p.preferredContactMethod : p.preferredRecallMethod;
	const prefField =
		purpose === 'financedNotBooked' ? 'preferredContactMethod' : 'preferredRecallMethod';
	if (p.status === 'deceased') {
		return ok({ kind: 'doNotContact', reason: 'deceased', text: 'The patient is deceased.' });
	}
	if (p.status !== 'patient') {
		return ok({
			kind: 'doNotContact',
			reason: 'notActive',
			text: `The patient's status is ${p.status}.`,
		});
	}
	if (preference === 'doNotCall') {
		return ok({
			kind: 'doNotContact',
			reason: 'doNotContact',
			text: `The patient's ${prefField} is Do Not Call.`,
		});
	}
	const problems: Problem[] = [];
	const addresses: Partial<Record<OutreachChannel, string>> = {};
	if (!isBlank(p.wirelessPhone)) {
		const phone = normalizeUsPhone(p.wirelessPhone, 'patient.wirelessPhone');
		if (!phone.ok) problems.push(...phone.problems);
		const consent =
			p.textOk === 'yes' || (p.textOk === 'unknown' && policy.unknownTextConsent === 'text');
		if (phone.ok && consent && !optedOut.has('text')) addresses.text = phone.value;
	}
	if (!isBlank(p.email)) {
		const email = normalizeEmail(p.email, 'patient.email');
		if (!email.ok) problems.push(...email.problems);
		else if (!optedOut.has('email')) addresses.email = email.value;
	}
	if (problems.length) return fail(...problems);
	if (preference === 'homePhone' || preference === 'workPhone') {
		return ok({ kind: 'staff', reason: 'prefersCall', text: 'The patient prefers a phone call.' });
	}
	if (preference === 'mail')
		return ok({ kind: 'staff', reason: 'prefersMail', text: 'The patient prefers mail.' });
	if (preference === 'seeNotes') {
		return ok({
			kind: 'staff',
			reason: 'seeNotes',
			text: "The patient's contact preference says: see notes.",
		});
	}
	if (!addresses.text && !addresses.email) {
		return fail(
			problem(
				'patient',
				'noReachableChannel',
				`has no channel outreach may use: ${reachDetail(p, policy, optedOut)}`,
			),
		);
	}
	return ok({ kind: 'reachable', reach: { patientId: p.patientId, addresses, preference } });
}

function reachDetail(
	p: OutreachPatient,
	policy: Pick<OutreachPolicy, 'unknownTextConsent'>,
	optedOut: ReadonlySet<OutreachChannel>,
): string {
	const text = isBlank(p.wirelessPhone)
		? 'no wireless phone'
		: optedOut.has('text')
			? 'opted out of texts'
			: p.textOk === 'no' || policy.unknownTextConsent === 'doNotText'
				? `texting not allowed (Text OK: ${p.textOk})`
				: 'no text';
	const email = isBlank(p.email) ? 'no e-mail' : 'opted out of e-mail';
	return `${text}, ${email}; add a way to reach the patient or contact them in person`;
}

/**
 * The channel of touch `n` (1-based): the first touch follows the patient's preference (text
 * for TextMessage or WirelessPh, e-mail for Email) when that channel is open; later touches
 * follow the practice's sequence (its last entry repeats). A channel that is not open gives
 * way to the other one.
 */
export function channelForTouch(
	reach: Reach,
	touchNumber: number,
	sequence: readonly OutreachChannel[],
): { channel: OutreachChannel; to: string; bySequence: boolean } {
	const preferred: OutreachChannel | null =
		reach.preference === 'textMessage' || reach.preference === 'wirelessPhone'
			? 'text'
			: reach.preference === 'email'
				? 'email'
				: null;
	const planned =
		touchNumber === 1 && preferred
			? preferred
			: sequence[Math.min(touchNumber, sequence.length) - 1]!;
	const channel: OutreachChannel = reach.addresses[planned]
		? planned
		: planned === 'text'
			? 'email'
			: 'text';
	return {
		channel,
		to: reach.addresses[channel]!,
		bySequence: !(touchNumber === 1 && preferred === channel),
	};
}
