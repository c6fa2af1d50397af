import { fail, FinancingError, ok, problem, type Result } from './result';

/**
 * Money is integer cents everywhere (domain.md §2: "Money is integer cents everywhere;
 * rounding is explicit and tested"). Every helper here either keeps integers exact or rounds
 * with a named rule.
 */
export type Cents = number;

/** Largest amount accepted from outside: $10 billion keeps every product below 2^53. */
export const MAX_CENTS = 1_000_000_000_000;

export interface ParseMoneyOptions {
	/** A refund or adjustment may be negative; an amount owed may not. Default false. */
	allowNegative?: boolean;
	/** Default true: $0.00 is a valid amount unless the caller says otherwise. */
	allowZero?: boolean;
}

// Digits with optional thousands separators ("1,234" or "1234"), optional cents part.
const AMOUNT_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/**
 * Parses the forms amounts arrive in: a number of dollars (1234.5) or a string ("1,234.50",
 * "$1,234.50", "1234", "-$20.00"). Returns integer cents, or a problem naming the field.
 */
export function parseMoney(
	value: unknown,
	field: string,
	options: ParseMoneyOptions = {},
): Result<Cents> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return fail(problem(field, 'required', 'enter an amount in dollars and cents, e.g. 1,234.50'));
	}
	let text: string;
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return fail(problem(field, 'notANumber', 'is not a number'));
		if (!Number.isFinite(value)) return fail(problem(field, 'notFinite', 'is not a finite amount'));
		// String() gives the shortest decimal that round-trips, so 0.29 stays "0.29" (not 28.999...).
		text = String(value);
		if (/e/i.test(text)) {
			return Math.abs(value) < 1
				? fail(
						problem(
							field,
							'fractionOfCent',
							`${text} has a fraction of a cent; enter dollars and cents`,
						),
					)
				: fail(
						problem(field, 'tooLarge', `${formatMoney(MAX_CENTS)} is the largest amount accepted`),
					);
		}
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return fail(problem(field, 'notANumber', `is not an amount (got ${typeof value})`));
	}
	return parseAmountText(text, field, options);
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

function parseAmountText(raw: string, field: string, options: ParseMoneyOptions): Result<Cents> {
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
	const match = AMOUNT_PATTERN.exec(text);
	if (!match || (match[1] === undefined && (match[2] === undefined || match[2] === ''))) {
		return fail(
			problem(
				field,
				'notANumber',
				`"${raw}" is not an amount; enter dollars and cents, e.g. 1,234.50`,
			),
		);
	}
	const whole = (match[1] ?? '0').replace(/,/g, '');
	const fraction = match[2] ?? '';
	if (/[1-9]/.test(fraction.slice(2))) {
		return fail(
			problem(
				field,
				'fractionOfCent',
				`$${whole}.${fraction} has a fraction of a cent; enter dollars and cents`,
			),
		);
	}
	if (whole.replace(/^0+/, '').length > 13) {
		return fail(
			problem(field, 'tooLarge', `${formatMoney(MAX_CENTS)} is the largest amount accepted`),
		);
	}
	const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
	if (cents > MAX_CENTS) {
		return fail(
			problem(field, 'tooLarge', `${formatMoney(MAX_CENTS)} is the largest amount accepted`),
		);
	}
	const signed = negative && cents !== 0 ? -cents : cents;
	if (signed < 0 && !options.allowNegative) {
		return fail(
			problem(
				field,
				'negative',
				`${formatMoney(signed)} is negative; enter an amount of $0.00 or more`,
			),
		);
	}
	if (signed === 0 && options.allowZero === false) {
		return fail(problem(field, 'zero', 'must be more than $0.00'));
	}
	return ok(signed);
}

/** "$1,234.50", "-$20.00". A value that is not whole cents is shown as-is rather than thrown on. */
export function formatMoney(cents: Cents): string {
	if (!Number.isSafeInteger(cents)) return `${String(cents)} cents (not a whole number of cents)`;
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	const dollars = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents to a dollars number for APIs that take numbers (Open Dental `PayAmt`): 123450 → 1234.5. */
export function centsToDollars(cents: Cents): number {
	return cents / 100;
}

/** Cents to a "1234.50" string (no symbol, no separators) for APIs that take decimal strings. */
export function centsToDecimalString(cents: Cents): string {
	return formatMoney(cents).replace(/[$,]/g, '');
}

export function isCents(value: unknown): value is Cents {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

// Tolerance for floating-point results that should have been exact (e.g. 2.4999999999 for 2.5).
function epsilonFor(x: number): number {
	return 1e-9 * Math.max(1, Math.abs(x));
}

/** Rounds a real number of cents to a whole cent, halves away from zero (2.5 → 3, -2.5 → -3). */
export function roundHalfUp(x: number): Cents {
	const rounded = Math.floor(Math.abs(x) + 0.5 + epsilonFor(x));
	return x < 0 ? -rounded : rounded;
}

/** Rounds a real number of cents up to the next whole cent (used for payoff payments). */
export function ceilCents(x: number): Cents {
	return Math.ceil(x - epsilonFor(x));
}

/** Rounds a real number of cents down to a whole cent. */
export function floorCents(x: number): Cents {
	return Math.floor(x + epsilonFor(x));
}

/** Exact integer division rounding halves up, for non-negative integers (no floating error). */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
	const quotient = Math.floor(numerator / denominator);
	const remainder = numerator - quotient * denominator;
	return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/** Exact integer division rounding up, for non-negative integers. */
export function divideCeil(numerator: number, denominator: number): number {
	const quotient = Math.floor(numerator / denominator);
	return numerator - quotient * denominator > 0 ? quotient + 1 : quotient;
}

/**
 * Splits a total into n whole-cent parts that sum exactly to the total; the first
 * `total mod n` parts carry one extra cent ($100.01 / 3 → 33.34, 33.34, 33.33).
 */
export function splitEvenly(total: Cents, n: number): Cents[] {
	if (!Number.isSafeInteger(total) || !Number.isInteger(n) || n < 1) return [];
	const sign = total < 0 ? -1 : 1;
	const abs = Math.abs(total);
	const base = Math.floor(abs / n);
	const extra = abs - base * n;
	return Array.from({ length: n }, (_v, i) => sign * (base + (i < extra ? 1 : 0)));
}

/**
 * Splits a total across weights in proportion, in whole cents summing exactly to the total
 * (largest remainder; ties go to the earlier part). No part exceeds its weight when the total
 * is at most the sum of the weights. Used to attach an Open Dental plan for part of the
 * procedures' patient portions (opendental-api.md: the plan amount is the attached production).
 */
export function allocateProportionally(total: Cents, weights: readonly Cents[]): Cents[] {
	const whole = sum(weights);
	if (!Number.isSafeInteger(total) || total < 0 || whole <= 0 || weights.some((w) => w < 0))
		return [];
	const parts = weights.map((w) => Math.floor((total * w) / whole));
	const order = weights
		.map((w, i) => ({ i, rest: (total * w) % whole }))
		.sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (let k = 0, left = total - sum(parts); left > 0; k++, left--) parts[order[k].i] += 1;
	return parts;
}

/** Applies a rate in basis points (1490 = 14.90%) to an amount, rounding half up. */
export function percentOf(amount: Cents, basisPoints: number): Cents {
	return divideRoundHalfUp(amount * basisPoints, 10_000);
}

/** "14.90%" from 1490 basis points. */
export function formatBasisPoints(basisPoints: number): string {
	return `${(basisPoints / 100).toFixed(2)}%`;
}

export function sum(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
