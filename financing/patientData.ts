import { daysInMonth } from './dates';
import type { Problem } from './result';

/**
 * The patient data screen: one check every free-text field passes before it is written anywhere
 * (notes, commlogs, agreement and payment notes, adjustment notes, messages), and `safeEcho` for
 * every error message that quotes input (docs/financing-domain.md §7, "Patient data in n8n").
 * A tax id or a date of birth is refused with the field named; the value is never repeated.
 * The rules, and why, are in financing/README.md ("Patient data screen").
 */

/** A full date more than this many years before today is taken for a date of birth. */
export const BIRTH_DATE_WINDOW_YEARS = 2;

const MONTHS = [
	'jan',
	'feb',
	'mar',
	'apr',
	'may',
	'jun',
	'jul',
	'aug',
	'sep',
	'oct',
	'nov',
	'dec',
] as const;
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';

interface Candidate {
	index: number;
	end: number;
	/** Every reading of the text as year, month, day (a numeric date can be US or day-first). */
	readings: Array<[year: number, month: number, day: number, twoDigitYear: boolean]>;
}

function monthNumber(name: string): number {
	return MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
}

const DATE_PATTERNS: Array<{
	pattern: RegExp;
	read: (m: RegExpExecArray) => Candidate['readings'];
}> = [
	{
		// 1969-09-14, 1969/9/14, 1969.09.14
		pattern: /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g,
		read: (m) => [[+m[1]!, +m[3]!, +m[4]!, false]],
	},
	{
		// 09/14/1969, 9-14-1969, 14.09.1969, 09/14/69
		pattern: /(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/g,
		read: (m) => {
			const two = m[4]!.length === 2;
			return [
				[+m[4]!, +m[1]!, +m[3]!, two],
				[+m[4]!, +m[3]!, +m[1]!, two],
			];
		},
	},
	{
		// Sep 14, 1969; September 14th 1969; Sept. 14 '69
		pattern: new RegExp(
			String.raw`(?<![a-z])${MONTH}\s*(\d{1,2})${ORDINAL},?\s*'?(\d{4}|\d{2})(?!\d)`,
			'gi',
		),
		read: (m) => [[+m[3]!, monthNumber(m[1]!), +m[2]!, m[3]!.length === 2]],
	},
	{
		// 14 September 1969; 14th of Sep, 1969; 14-Sep-1969
		pattern: new RegExp(
			String.raw`(?<!\d)(\d{1,2})${ORDINAL}[\s-]*(?:of\s+)?${MONTH}[\s,-]*'?(\d{4}|\d{2})(?!\d)`,
			'gi',
		),
		read: (m) => [[+m[3]!, monthNumber(m[2]!), +m[1]!, m[3]!.length === 2]],
	},
	{
		// 19690914 or 09141969, standing alone (not part of an id such as TXN-20261120-0001)
		pattern: /(?<![\dA-Za-z_-])(\d{8})(?!\d)/g,
		read: (m) => {
			const s = m[1]!;
			return [
				[+s.slice(0, 4), +s.slice(4, 6), +s.slice(6), false],
				[+s.slice(4), +s.slice(0, 2), +s.slice(2, 4), false],
			];
		},
	},
];

const BIRTH_BEFORE =
	/(?:born|birth\w*|dob|d\.o\.b\.?|(?:^|[^a-z])b\.)\s*(?:on|date|day)?\s*(?:is|was)?\s*[:#=-]?\s*\(?\s*$/i;
const BIRTH_AFTER = /^\s*[)\]]?\s*[(-]?\s*(?:dob|d\.o\.b|birth|born)/i;

// Tax ids: 123-45-6789, 123 45 6789, 123.45.6789 (one separator kind), or nine digits alone.
const SEPARATED_TAX_ID = /(?<!\d)(?<!\d[-.])\d{3}([- .])\d{2}\1\d{4}(?!\d)(?![-.]\d)/;
// Nine digits not glued to other digits, nor to an id's letters (APP-123456789 is an id).
const PLAIN_TAX_ID = /(?<![\dA-Za-z_])(?<![\dA-Za-z_][-.])\d{9}(?!\d)(?![-.]\d)/;
// Nine digits right after a tax-id word, whatever sits between them (SSN-123456789).
const NAMED_TAX_ID =
	/(?:ssn|s\.s\.n|social security(?: number| no)?|tax ?id|itin|tin)\W{0,6}\d[\d -]{7,10}\d/i;
// The reference token `[cc:...]` and the 16-digit merchant number are not patient data.
const TOKENS = /\[\s*cc\s*:[^\]]*\]/gi;

function parseToday(today: unknown): [number, number, number] | null {
	if (typeof today !== 'string') return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
	return m ? [+m[1]!, +m[2]!, +m[3]!] : null;
}

function isRealDate(y: number, m: number, d: number): boolean {
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function birthWordNear(text: string, c: Candidate): boolean {
	return (
		BIRTH_BEFORE.test(text.slice(Math.max(0, c.index - 28), c.index)) ||
		BIRTH_AFTER.test(text.slice(c.end, c.end + 16))
	);
}

function candidates(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const { pattern, read } of DATE_PATTERNS) {
		pattern.lastIndex = 0;
		for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
			found.push({ index: m.index, end: m.index + m[0].length, readings: read(m) });
		}
	}
	return found;
}

/** Whether one reading is a date of birth: next to a birth word, or older than the window. */
function readsAsBirthDate(
	reading: Candidate['readings'][number],
	today: [number, number, number] | null,
	nearBirthWord: boolean,
): boolean {
	const [rawYear, month, day, twoDigit] = reading;
	let year = rawYear;
	if (twoDigit) {
		// A two-digit year is this century unless that lands more than 10 years ahead.
		const now = today?.[0] ?? 2000;
		year = 2000 + rawYear <= now + 10 ? 2000 + rawYear : 1900 + rawYear;
	}
	if (!isRealDate(year, month, day)) return false;
	if (nearBirthWord || !today) return true;
	const [ty, tm, td] = today;
	return (
		year * 10_000 + month * 100 + day < (ty - BIRTH_DATE_WINDOW_YEARS) * 10_000 + tm * 100 + td
	);
}

export type PatientDataKind = 'taxId' | 'dateOfBirth';

/**
 * What patient data the text seems to carry. `today` (the practice's local date, yyyy-MM-dd) sets
 * the date-of-birth window; without it every full date counts (the safe side).
 */
export function findPatientData(text: string, today?: string): PatientDataKind[] {
	const plain = text.normalize('NFKC').replace(TOKENS, ' ');
	const kinds: PatientDataKind[] = [];
	if (SEPARATED_TAX_ID.test(plain) || PLAIN_TAX_ID.test(plain) || NAMED_TAX_ID.test(plain))
		kinds.push('taxId');
	const day = parseToday(today);
	const isBirthDate = candidates(plain).some((c) => {
		const near = birthWordNear(plain, c);
		return c.readings.some((r) => readsAsBirthDate(r, day, near));
	});
	if (isBirthDate) kinds.push('dateOfBirth');
	return kinds;
}

export function looksLikePatientData(value: unknown, today?: string): boolean {
	if (typeof value === 'number' || typeof value === 'bigint') value = String(value);
	return typeof value === 'string' && findPatientData(value, today).length > 0;
}

const WHAT: Record<PatientDataKind, string> = {
	taxId: 'a tax id (SSN)',
	dateOfBirth: 'a date of birth',
};

/**
 * The screen every free-text field passes: a problem per kind of patient data found, naming the
 * field and never quoting the value. Non-strings pass (their type is checked elsewhere).
 */
export function screenPatientData(value: unknown, field: string, today: string): Problem[] {
	if (typeof value !== 'string') return [];
	return findPatientData(value, today).map((kind) => ({
		field,
		code: kind === 'taxId' ? 'taxIdInText' : 'dateOfBirthInText',
		message: `${field}: looks like it contains ${WHAT[kind]}; remove it (patient data is never written to the ledger or a message)`,
	}));
}

/**
 * Text from outside (a service's error message) with every tax id and date of birth in it replaced
 * by "(hidden)", the rest kept. Never throws. `datesNamedOnly`: a date is hidden only next to a
 * birth word ("DOB", "born"), for text that speaks of old visits (a message to staff).
 */
export function hidePatientData(
	text: unknown,
	today?: string,
	o: { datesNamedOnly?: boolean } = {},
): string {
	if (typeof text !== 'string') return '';
	const day = parseToday(today);
	const ranges: Array<[number, number]> = [];
	for (const pattern of [SEPARATED_TAX_ID, PLAIN_TAX_ID, NAMED_TAX_ID]) {
		const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
		for (let m = all.exec(text); m; m = all.exec(text))
			ranges.push([m.index, m.index + m[0].length]);
	}
	for (const c of candidates(text)) {
		const near = birthWordNear(text, c);
		if (o.datesNamedOnly && !near) continue;
		if (c.readings.some((r) => readsAsBirthDate(r, day, near))) ranges.push([c.index, c.end]);
	}
	let out = '';
	let at = 0;
	for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
		if (to <= at) continue;
		out += `${text.slice(at, Math.max(at, from))}(hidden)`;
		at = to;
	}
	return out + text.slice(at);
}

/** Control characters and the marks that flip text direction: never echoed. */
function isInvisible(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** How long an echoed value may be before it is cut. */
export const ECHO_MAX_CHARS = 24;
const HIDDEN = '(hidden: it looks like a tax id or a date of birth)';

/**
 * A value as an error message may quote it: cut to a short prefix, control and direction
 * characters removed, and hidden entirely when it looks like a tax id or a date of birth.
 * Never throws, whatever the value.
 */
export function safeEcho(value: unknown, today?: string): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
	if (typeof value === 'object') return value instanceof Date ? 'a date object' : 'an object';
	const text = String(value);
	if (looksLikePatientData(text, today)) return HIDDEN;
	const chars = Array.from(text, (ch) => (isInvisible(ch.codePointAt(0)!) ? ' ' : ch));
	return chars.slice(0, ECHO_MAX_CHARS).join('') + (chars.length > ECHO_MAX_CHARS ? '…' : '');
}
