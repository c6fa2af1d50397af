import { fail, ok, problem, type Result } from '../result';
import type { OutreachPurpose } from './contact';

/**
 * The touch key: one per patient, subject (recall, reactivation item, financed case) and touch,
 * carried by the commlog (or Dentrix note) of every message sent, e.g. `[out:recall:101:40:2]`.
 * A run finds the keys already written and never sends that touch again, so a re-run the same
 * day sends nothing twice (the same idea as the `[cc:…]` reference token, financing/README.md).
 */
const PURPOSE_CODES: Record<OutreachPurpose, string> = {
	recall: 'recall',
	reactivation: 'react',
	financedNotBooked: 'fnb',
};
const PURPOSE_BY_CODE = new Map(
	Object.entries(PURPOSE_CODES).map(([purpose, code]) => [code, purpose as OutreachPurpose]),
);

// Ids that survive a PMS note: the same characters the reference token allows.
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const KEY_PATTERN =
	/\[\s*out\s*:\s*(recall|react|fnb)\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*:\s*(\d{1,2}|task)\s*\]/gi;

export interface FoundTouchKey {
	key: string;
	purpose: OutreachPurpose;
	patientId: string;
	subjectId: string;
	/** The touch number, or `task` for the coordinator task of a financed case. */
	touch: number | 'task';
}

function build(
	purpose: OutreachPurpose,
	patientId: string,
	subjectId: string,
	touch: string,
): Result<string> {
	for (const [field, id] of [
		['patientId', patientId],
		['subjectId', subjectId],
	] as const) {
		if (!ID.test(id)) {
			return fail(
				problem(
					field,
					'invalidId',
					'cannot go into a note safely (letters, digits, ".", "_" or "-" only)',
				),
			);
		}
	}
	return ok(`[out:${PURPOSE_CODES[purpose]}:${patientId}:${subjectId}:${touch}]`);
}

export function touchKey(
	purpose: OutreachPurpose,
	patientId: string,
	subjectId: string,
	touchNumber: number,
): Result<string> {
	if (!Number.isInteger(touchNumber) || touchNumber < 1 || touchNumber > 99) {
		return fail(
			problem('touchNumber', 'invalidTouchNumber', 'must be a whole number from 1 to 99'),
		);
	}
	return build(purpose, patientId, subjectId, String(touchNumber));
}

/** The key of the coordinator task that comes first for a financed case not booked. */
export function coordinatorTaskKey(patientId: string, caseId: string): Result<string> {
	return build('financedNotBooked', patientId, caseId, 'task');
}

/**
 * The consent key an opt-out (or a later opt-in) note carries, e.g. `[out:stop:101]`, or with the
 * reply's id `[out:stop:101:SM5f…]` so each reply is recorded once and STOP, START, STOP all count: the reply
 * is recorded in the practice system, and every later run reads it back from the patient's notes,
 * so a STOP ends outreach for good (until the patient opts back in), whatever the channel.
 */
const CONSENT_PATTERN =
	/\[\s*out\s*:\s*(stop|start)\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*(?::\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*)?\]/gi;

export interface FoundConsentKey {
	key: string;
	kind: 'optOut' | 'optIn';
	patientId: string;
}

export function consentKey(
	patientId: string,
	kind: 'optOut' | 'optIn',
	replyId = '',
): Result<string> {
	for (const [field, id] of [
		['patientId', patientId],
		['replyId', replyId || 'x'],
	] as const) {
		if (ID.test(id)) continue;
		return fail(
			problem(
				field,
				'invalidId',
				'cannot go into a note safely (letters, digits, ".", "_" or "-" only)',
			),
		);
	}
	return ok(
		`[out:${kind === 'optOut' ? 'stop' : 'start'}:${patientId}${replyId ? `:${replyId}` : ''}]`,
	);
}

/** Every consent key in a note, in order. */
export function findConsentKeys(text: unknown): FoundConsentKey[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(CONSENT_PATTERN)].map((m) => {
		const kind = m[1]!.toLowerCase() === 'stop' ? ('optOut' as const) : ('optIn' as const);
		return {
			key: `[out:${kind === 'optOut' ? 'stop' : 'start'}:${m[2]}${m[3] ? `:${m[3]}` : ''}]`,
			kind,
			patientId: m[2]!,
		};
	});
}

/** Every touch key in a note, normalized, in order (tolerates the spaces PMS notes add). */
export function findTouchKeys(text: unknown): FoundTouchKey[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(KEY_PATTERN)].map((m) => {
		const code = m[1]!.toLowerCase();
		const touch = m[4]!.toLowerCase() === 'task' ? ('task' as const) : Number(m[4]);
		return {
			key: `[out:${code}:${m[2]}:${m[3]}:${touch}]`,
			purpose: PURPOSE_BY_CODE.get(code)!,
			patientId: m[2]!,
			subjectId: m[3]!,
			touch,
		};
	});
}
