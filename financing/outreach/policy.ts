import { z } from 'zod';

import { isValidTimeZone } from '../dates';
import { WEEKDAYS, parseClockTime } from '../localTime';
import { parseWith } from '../parse';
import type { Result } from '../result';

/**
 * The one outreach policy every outreach template shares (issue 14): when messages may go
 * out, how many touches and how far apart, and in which order of channels. Each number is an
 * editable default. The send window defaults to 09:00–20:00 on Monday to Saturday in the
 * practice's time zone, inside the 8 a.m. to 9 p.m. calling hours of the US telemarketing
 * rules (47 CFR 64.1200(c)(1)) and the stricter 8 p.m. limit some states set.
 */
const clockTime = z.string().refine((v) => parseClockTime(v) !== null, {
	message: 'must be a time of day as HH:mm, e.g. 09:00',
});

export const OUTREACH_CHANNELS = ['text', 'email'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

export const outreachPolicySchema = z.object({
	timeZone: z.string().refine(isValidTimeZone, {
		message: 'must be an IANA time zone such as America/New_York',
	}),
	/** Messages go out only between these local times; outside them are the quiet hours. */
	sendWindow: z
		.object({ start: clockTime.default('09:00'), end: clockTime.default('20:00') })
		.default({})
		.refine((w) => (parseClockTime(w.start) ?? 0) < (parseClockTime(w.end) ?? 0), {
			message: 'the window must start before it ends, within one day (e.g. 09:00 to 20:00)',
			path: ['end'],
			params: { code: 'windowReversed' },
		}),
	sendDays: z
		.array(z.enum(WEEKDAYS))
		.min(1)
		.default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
	/** At most this many touches per recall (or per case). */
	maxTouches: z.number().int().min(1).max(12).default(3),
	/** Whole local days between two touches; at least 1, so one day never sends twice. */
	minimumDaysBetweenTouches: z.number().int().min(1).max(365).default(3),
	/** Channels of touches 1, 2, …; the first follows the patient's preference when there is one. */
	sequence: z.array(z.enum(OUTREACH_CHANNELS)).min(1).default(['text', 'email', 'text']),
	/** Open Dental's TxtMsgOk "Unknown": texting needs a clear yes unless the practice says so. */
	unknownTextConsent: z.enum(['doNotText', 'text']).default('doNotText'),
	/** Added to every text that does not already say how to stop. */
	textOptOutHint: z.string().min(1).default('Reply STOP to opt out.'),
	/** The commlog (or Dentrix note) length limit. */
	noteMaxChars: z.number().int().min(120).max(2000).default(2000),
});

export type OutreachPolicy = z.output<typeof outreachPolicySchema>;
export type OutreachPolicyInput = z.input<typeof outreachPolicySchema>;

export function parseOutreachPolicy(input: unknown): Result<OutreachPolicy> {
	return parseWith(outreachPolicySchema, input, 'outreachPolicy');
}
