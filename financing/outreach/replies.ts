/**
 * Replies to outreach texts. The opt-out keywords are the ones carriers and messaging providers
 * honor (Twilio: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT,
 * https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out; AWS adds OPT-OUT and
 * REMOVE); opt-in START, UNSTOP, YES; help HELP, INFO. Providers act only on a reply that is
 * exactly a keyword. US rules also count a keyword inside a longer reply ("please stop texting
 * me") as revoking consent (47 CFR 64.1200(a)(10)), so such a reply ends outreach too and is
 * marked for a person to read (`exact: false`): "cancel my appointment" stops the messages
 * rather than risk one too many.
 */
export const OPT_OUT_KEYWORDS = [
	'STOP',
	'STOPALL',
	'STOP ALL',
	'UNSUBSCRIBE',
	'CANCEL',
	'END',
	'QUIT',
	'REVOKE',
	'OPTOUT',
	'OPT OUT',
	'OPT-OUT',
	'REMOVE',
] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export interface ReplyMeaning {
	kind: 'optOut' | 'optIn' | 'help' | 'other';
	/** The keyword found, upper case; null for other replies. */
	keyword: string | null;
	/** True when the reply is the keyword alone; false when found inside a longer reply. */
	exact: boolean;
}

function normalize(text: string): string {
	return text
		.toUpperCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

// The single-word keywords, looked for inside a longer reply.
const OPT_OUT_WORDS = new Set<string>(OPT_OUT_KEYWORDS.filter((k) => !k.includes(' ')));

/** What a reply means for outreach. Anything that is not text is `other`. */
export function classifyReply(text: unknown): ReplyMeaning {
	if (typeof text !== 'string') return { kind: 'other', keyword: null, exact: false };
	const body = normalize(text);
	const is = (list: readonly string[]) => list.includes(body);
	if (is(OPT_OUT_KEYWORDS)) return { kind: 'optOut', keyword: body, exact: true };
	if (is(OPT_IN_KEYWORDS)) return { kind: 'optIn', keyword: body, exact: true };
	if (is(HELP_KEYWORDS)) return { kind: 'help', keyword: body, exact: true };
	if (/\bOPT OUT\b/.test(body)) return { kind: 'optOut', keyword: 'OPT OUT', exact: false };
	const word = body.split(' ').find((w) => OPT_OUT_WORDS.has(w));
	if (word) return { kind: 'optOut', keyword: word, exact: false };
	return { kind: 'other', keyword: null, exact: false };
}
