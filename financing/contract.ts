import { z } from 'zod/v3';

import { addDays, compareLocalDates, isLocalDate, type LocalDate } from './dates';
import { MAX_CENTS, formatMoney } from './money';
import { safeEcho, screenPatientData } from './patientData';
import { fail, ok, problem, zodProblems, type Problem, type Result } from './result';

/**
 * The toolkit every per-system contract (financing/dentrix, openDental, careCredit) is built
 * from: strict field schemas with bounds, a field-by-field parse that reports every problem at
 * once, cross-field rules that run as soon as the fields they read are valid, date windows and
 * the patient data screen. Nothing here throws, whatever the input.
 */

/** One HTTP request a writer sends, built only from a checked input. Amounts in dollars. */
export interface WireRequest<B extends object = Record<string, unknown>> {
	method: 'POST' | 'PUT';
	path: string;
	body?: B;
}

/** What a check needs besides the input: the practice's local date (docs/financing-domain.md §7). */
export interface WriteContext {
	/** Today in the practice's time zone, yyyy-MM-dd (`todayIn(timeZone, now)`). */
	today: LocalDate;
}

/** A checked request. `checkedByWriter` lists the rules left to the writer (facts not given). */
export interface Checked<R> {
	request: R;
	checkedByWriter: string[];
}

/** Date windows relative to today (financing/README.md, "Windows and bounds"). */
export const WINDOWS = {
	/** An agreement, plan or note dated up to 90 days back (entered late), never far ahead. */
	pastDays: 90,
	/** An agreement may be dated up to 30 days ahead (Dentrix); payments and notes never. */
	agreementAheadDays: 30,
	/** The first payment falls within a year of the agreement date. */
	firstPaymentWithinDays: 366,
} as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TOKEN = /^\[cc:[A-Za-z0-9][A-Za-z0-9._-]{0,63}\]$/;

const typeMessage = (what: string) => ({
	errorMap: (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) =>
		issue.code === 'invalid_type'
			? { message: issue.received === 'undefined' ? 'is required' : `must be ${what}` }
			: { message: ctx.defaultError },
});

/** Integer cents from `min` to the domain's maximum ($10 billion). */
export function centsField(min = 0, max = MAX_CENTS) {
	return z
		.number(typeMessage('a whole number of cents (a number, e.g. 12500 for $125.00)'))
		.int('must be a whole number of cents (12.5 cents is not an amount)')
		.min(min, `must be at least ${formatMoney(min)}`)
		.max(max, `must be at most ${formatMoney(max)}`);
}

/** A whole number from min to max. */
export function wholeField(min: number, max: number, unit = '') {
	const range = `from ${min} to ${max}${unit}`;
	return z
		.number(typeMessage(`a whole number ${range}`))
		.int(`must be a whole number ${range}`)
		.min(min, `must be ${range}`)
		.max(max, `must be ${range}`);
}

export const basisPointsField = () => wholeField(0, 10_000, ' basis points (1490 = 14.90%)');

/** A practice-system id (Dentrix pat_1001, a CareCredit reference): compared exactly. */
export function idField(what: string) {
	return z.string(typeMessage(`${what} as text`)).superRefine((s, ctx) => {
		if (s === '')
			ctx.addIssue({ code: 'custom', message: `is empty; map ${what}`, params: { code: 'empty' } });
		else if (!ID.test(s))
			ctx.addIssue({
				code: 'custom',
				message: `is not ${what} (letters, digits, ".", "_" or "-", at most 64)`,
				params: { code: 'invalidId' },
			});
	});
}

/** An Open Dental key (PatNum, ProcNum, DefNum...): digits only, no leading zero, safe integer. */
export function openDentalNumberField(what: string) {
	return z.string(typeMessage(`${what} as text of digits, e.g. "101"`)).superRefine((s, ctx) => {
		if (s === '')
			ctx.addIssue({ code: 'custom', message: `is empty; map ${what}`, params: { code: 'empty' } });
		else if (!/^[1-9]\d{0,15}$/.test(s) || !Number.isSafeInteger(Number(s)))
			ctx.addIssue({
				code: 'custom',
				message: `is not an Open Dental number (${what}: digits only, e.g. 101)`,
				params: { code: 'notAnOpenDentalId' },
			});
	});
}

export const referenceTokenField = () =>
	z.string(typeMessage('the case reference as text')).refine((s) => TOKEN.test(s), {
		message: 'must look like [cc:APP-123456] (the CareCredit application or reference id)',
		params: { code: 'invalidReference' },
	});

/** yyyy-MM-dd and a real calendar date; the window is a rule (it needs today). Empty is missing. */
export const dateField = () =>
	z.string(typeMessage('a date written yyyy-MM-dd')).superRefine((s, ctx) => {
		if (s.trim() === '')
			ctx.addIssue({ code: 'custom', message: 'is required', params: { code: 'required' } });
		else if (!isLocalDate(s))
			ctx.addIssue({
				code: 'custom',
				message: 'must be a real date written yyyy-MM-dd, e.g. 2026-03-01',
				params: { code: 'invalidDate' },
			});
	});

/** Free text up to `max` characters (screened for patient data by a rule). */
export function textField(max: number, min = 0) {
	return z
		.string(typeMessage('text'))
		.min(min, min === 1 ? 'is required' : `needs at least ${min} characters`)
		.max(max, `is too long (at most ${max} characters)`);
}

export function enumField<T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values as unknown as [T[number], ...T[number][]], {
		errorMap: (issue) => ({
			message:
				issue.code === 'invalid_type' && issue.received === 'undefined'
					? 'is required'
					: `must be one of ${values.join(', ')}`,
		}),
	});
}

type Shape = Record<string, z.ZodTypeAny>;
export type Values<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
export type Report = (field: string, code: string, message: string) => void;

export interface Rule<S extends Shape> {
	reads: Array<keyof S & string>;
	check: (values: Values<S>, report: Report) => void;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses an object field by field against a strict shape: every field's problem at once,
 * unknown fields refused, and each rule run as soon as the fields it reads are valid (a bad
 * date elsewhere does not hide a down payment above the total).
 */
export function checkShape<S extends Shape>(
	input: unknown,
	shape: S,
	rules: ReadonlyArray<Rule<S>>,
	prefix: string,
): Result<Values<S>> {
	const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
	if (!isPlainObject(input)) {
		return fail(
			problem(
				prefix || 'input',
				'notAnObject',
				`must be an object of fields, not ${safeEcho(input)}`,
			),
		);
	}
	const problems: Problem[] = [];
	const values: Partial<Values<S>> = {};
	for (const key of Object.keys(shape)) {
		const parsed = shape[key]!.safeParse(input[key]);
		if (parsed.success) values[key as keyof S] = parsed.data;
		else problems.push(...zodProblems(parsed.error, at(key)));
	}
	const unknown = Object.keys(input).filter((k) => !(k in shape));
	if (unknown.length > 0) {
		problems.push(
			problem(
				prefix || 'input',
				'unknownField',
				`has fields this request does not take: ${unknown
					.slice(0, 5)
					.map((k) => safeEcho(k))
					.join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`,
			),
		);
	}
	const report: Report = (field, code, message) => problems.push(problem(at(field), code, message));
	for (const rule of rules) {
		if (rule.reads.every((k) => k in values)) rule.check(values as Values<S>, report);
	}
	return problems.length > 0 ? fail(...problems) : ok(values as Values<S>);
}

/** A rule: the date lies within [from, to] (both inclusive). */
export function checkWindow(
	report: Report,
	field: string,
	date: LocalDate,
	from: LocalDate,
	to: LocalDate,
	what: string,
	today: LocalDate,
): void {
	if (!isLocalDate(from) || !isLocalDate(to)) {
		report(field, 'noToday', 'cannot be checked: today is not a date (yyyy-MM-dd)');
	} else if (compareLocalDates(date, from) < 0 || compareLocalDates(date, to) > 0) {
		// A bound worked out from another input date is echoed only when it cannot be a birth date.
		report(
			field,
			'dateOutOfWindow',
			`${what} must fall between ${safeEcho(from, today)} and ${safeEcho(to, today)}`,
		);
	}
}

/** [today − 90 days, today + aheadDays]: the window for a date the writer puts on the ledger. */
export function ledgerWindow(today: LocalDate, aheadDays = 0): [LocalDate, LocalDate] {
	if (!isLocalDate(today)) return ['', ''];
	return [addDays(today, -WINDOWS.pastDays), addDays(today, aheadDays)];
}

/** Screens free-text fields for a tax id or date of birth (financing/patientData.ts). */
export function screenFields(
	report: Report,
	today: LocalDate,
	texts: Record<string, unknown>,
): void {
	for (const [field, value] of Object.entries(texts)) {
		for (const p of screenPatientData(value, field, today))
			report(field, p.code, p.message.slice(field.length + 2));
	}
}

/** Checks the context (today) itself; a check never runs on an unknown date. */
export function contextProblems(context: unknown): Problem[] {
	const today = isPlainObject(context) ? context.today : undefined;
	return isLocalDate(today)
		? []
		: [problem('context.today', 'required', "must be the practice's local date, yyyy-MM-dd")];
}

/** The text of a rule a writer checks with facts Validate does not have. */
export const byWriter = (field: string, rule: string) =>
	`${field}: ${rule} (checked by the writer)`;

export { ok, fail, problem, safeEcho, type Problem, type Result };
