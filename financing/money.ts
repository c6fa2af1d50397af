import { safeEcho } from './patientData';
import { fail, FinancingError, ok, problem, type Result } from './result';

/**
 * Money is integer cents everywhere (docs/financing-domain.md §2). This file holds the only
 * converters between cents and the forms amounts take outside: dollars typed by a person
 * ("$1,234.50"), and dollars on each service's wire (Open Dental sends "130.00", 339 and 81.48;
 * Dentrix and CareCredit send numbers). A fraction of a cent is a problem, never a silent
 * rounding. The integer arithmetic is in exact.ts.
 */
export type Cents = number;

/**
 * The domain's maximum amount: $10,000,000,000.00. Far above any dental case, and low enough
 * that every sum of amounts stays a safe integer (products that pass 2^53 are done in BigInt).
 */
export const MAX_CENTS = 1_000_000_000_000;

export interface ParseMoneyOptions {
	/** A refund or adjustment may be negative; an amount owed may not. Default false. */
	allowNegative?: boolean;
	/** Default true: $0.00 is a valid amount unless the caller says otherwise. */
	allowZero?: boolean;
}

// Digits with optional thousands separators ("1,234" or "1234"), optional cents part.
const TYPED_AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
// What a service puts on the wire: an optional minus, digits, optional decimals. No "$", no commas.
const WIRE_AMOUNT = /^(-)?(\d+)(?:\.(\d+))?$/;

const tooLarge = (field: string) =>
	problem(field, 'tooLarge', `is above ${formatMoney(MAX_CENTS)}, the largest amount accepted`);
const fractionOfCent = (field: string, value: unknown) =>
	problem(
		field,
		'fractionOfCent',
		`${safeEcho(value)} has a fraction of a cent; enter dollars and cents`,
	);

/** A number of dollars as its exact decimal text; null for NaN/Infinity. 1e21 → "1e+21" etc. */
function numberText(value: number): string | null {
	if (!Number.isFinite(value)) return null;
	// String() gives the shortest decimal that reads back as the same double: 0.29 stays "0.29".
	const text = String(value);
	if (!/e/i.test(text)) return text;
	// Exponent forms are either below a cent (1e-7) or above the maximum (1e21): both refused.
	return Math.abs(value) < 1 ? '0.000000001' : '99999999999999999999';
}

/** Whole and fraction digits to cents; a problem for a fraction of a cent or too large. */
function digitsToCents(
	whole: string,
	fraction: string,
	negative: boolean,
	field: string,
	raw: unknown,
	options: ParseMoneyOptions,
): Result<Cents> {
	if (/[1-9]/.test(fraction.slice(2))) return fail(fractionOfCent(field, raw));
	const digits = whole.replace(/^0+/, '');
	if (digits.length > 13) return fail(tooLarge(field));
	const cents = Number(digits || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
	if (cents > MAX_CENTS) return fail(tooLarge(field));
	const signed = negative && cents !== 0 ? -cents : cents;
	if (signed < 0 && !options.allowNegative) {
		return fail(
			problem(field, 'negative', `${formatMoney(signed)} is negative; enter $0.00 or more`),
		);
	}
	if (signed === 0 && options.allowZero === false) {
		return fail(problem(field, 'zero', 'must be more than $0.00'));
	}
	return ok(signed);
}

function missing(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * Dollars typed by a person: a number (1234.5) or text ("1,234.50", "$1,234.50", "1234",
 * "-$20.00"). Returns integer cents, or a problem naming the field and saying what to enter.
 */
export function parseMoney(
	value: unknown,
	field: string,
	options: ParseMoneyOptions = {},
): Result<Cents> {
	if (missing(value)) {
		return fail(problem(field, 'required', 'enter an amount in dollars and cents, e.g. 1,234.50'));
	}
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return fail(problem(field, 'notANumber', 'is not a number'));
		const text = numberText(value);
		if (text === null) return fail(problem(field, 'notFinite', 'is not a finite amount'));
		return parseTyped(text, field, value, options);
	}
	if (typeof value !== 'string') {
		return fail(problem(field, 'notANumber', `is not an amount (got ${safeEcho(value)})`));
	}
	return parseTyped(value.trim(), field, value, options);
}

function parseTyped(
	raw: string,
	field: string,
	original: unknown,
	options: ParseMoneyOptions,
): Result<Cents> {
	let text = raw;
	let negative = false;
	// Accept "-$5", "$-5" and "-5"; the sign may sit on either side of the dollar sign.
	if (text.startsWith('-')) {
		negative = true;
		text = text.slice(1).trim();
	}
	if (text.startsWith('$')) text = text.slice(1).trim();
	if (!negative && text.startsWith('-')) {
		negative = true;
		text = text.slice(1).trim();
	}
	const match = TYPED_AMOUNT.exec(text);
	if (!match || (match[1] === undefined && !match[2])) {
		return fail(
			problem(
				field,
				'notANumber',
				`"${safeEcho(original)}" is not an amount; enter dollars and cents, e.g. 1,234.50`,
			),
		);
	}
	return digitsToCents(
		(match[1] ?? '0').replace(/,/g, ''),
		match[2] ?? '',
		negative,
		field,
		original,
		options,
	);
}

/** Same as parseMoney, but throws a FinancingError (field, code, message) on bad input. */
export function parseMoneyOrThrow(
	value: unknown,
	field: string,
	options?: ParseMoneyOptions,
): Cents {
	const result = parseMoney(value, field, options);
	if (result.ok) return result.value;
	throw new FinancingError(result.problems);
}

export interface WireMoneyOptions {
	/** Refunds and adjustments travel negative; default true (a response is read as it is). */
	allowNegative?: boolean;
}

/**
 * Dollars as a service sends them, to integer cents, exactly: numbers (339, 81.48, 1250.5) and
 * decimal strings ("130.00", "129.99", "-24.99"). No currency signs or separators (no service
 * sends them). A fraction of a cent ("12.345", 0.30000000000000004) is a problem, not rounded.
 */
export function centsFromWire(
	value: unknown,
	field = 'amount',
	options: WireMoneyOptions = {},
): Result<Cents> {
	const allow = { allowNegative: options.allowNegative ?? true };
	if (missing(value)) return fail(problem(field, 'required', 'is missing'));
	let text: string;
	if (typeof value === 'number') {
		const t = numberText(value);
		if (t === null) return fail(problem(field, 'notANumber', 'is not a finite amount'));
		text = t;
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return fail(problem(field, 'notANumber', `is not an amount (got ${safeEcho(value)})`));
	}
	const match = WIRE_AMOUNT.exec(text);
	if (!match) {
		return fail(problem(field, 'notANumber', `${safeEcho(value)} is not an amount in dollars`));
	}
	return digitsToCents(match[2]!, match[3] ?? '', match[1] === '-', field, value, allow);
}

/** centsFromWire for reading a response: null when the amount is absent or malformed. */
export function centsFromWireOrNull(value: unknown): Cents | null {
	const parsed = centsFromWire(value);
	return parsed.ok ? parsed.value : null;
}

/**
 * Cents to a dollars number for the wire (Dentrix, CareCredit, Open Dental): 13334 → 133.34.
 * Exact: for whole cents up to the maximum the double nearest n / 100 prints as the two-decimal
 * text (at most 13 significant digits), so JSON carries exactly the amount.
 */
export function centsToDollars(cents: Cents): number {
	return cents / 100;
}

/** Cents to a "1234.50" string (no symbol, no separators) for APIs that take decimal strings. */
export function centsToDecimalString(cents: Cents): string {
	return formatMoney(cents).replace(/[$,]/g, '');
}

/** "$1,234.50", "-$20.00". A value that is not whole cents is described, never thrown on. */
export function formatMoney(cents: Cents): string {
	if (!Number.isSafeInteger(cents)) return `${safeEcho(cents)} (not a whole number of cents)`;
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	const dollars = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

export function isCents(value: unknown): value is Cents {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** "14.90%" from 1490 basis points. */
export function formatBasisPoints(basisPoints: number): string {
	return `${(basisPoints / 100).toFixed(2)}%`;
}
