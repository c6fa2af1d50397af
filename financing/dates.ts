import { safeEcho } from './patientData';
import { fail, ok, problem, type Result } from './result';

/**
 * Plain local dates as `yyyy-MM-dd` strings. Agreement and due dates are the practice's
 * local dates, never the server's UTC date (docs/financing-domain.md §7, "Dates and time zones"); this module
 * does calendar arithmetic on them without any time zone, and converts an instant to a local
 * date only through Intl with an explicit zone.
 */
export type LocalDate = string;

export interface DateParts {
	year: number;
	month: number; // 1..12
	day: number; // 1..31
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parses `yyyy-MM-dd` and rejects dates that do not exist (2025-02-30, 2026-13-01). */
export function parseLocalDate(value: unknown, field = 'date'): Result<DateParts> {
	if (typeof value !== 'string' || value === '') {
		return fail(problem(field, 'required', 'enter a date as yyyy-MM-dd, e.g. 2026-03-01'));
	}
	const match = DATE_PATTERN.exec(value);
	if (!match) {
		return fail(
			problem(field, 'invalidDate', `"${safeEcho(value)}" is not a date in the form yyyy-MM-dd`),
		);
	}
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return fail(problem(field, 'invalidDate', `${safeEcho(value)} is not a real calendar date`));
	}
	return ok({ year, month, day });
}

export function isLocalDate(value: unknown): value is LocalDate {
	return parseLocalDate(value).ok;
}

export function formatLocalDate(parts: DateParts): LocalDate {
	return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

// Internal: callers pass dates already validated; a malformed one is a programming error.
function partsOf(date: LocalDate): DateParts {
	const parsed = parseLocalDate(date);
	if (!parsed.ok) throw new RangeError(parsed.problems[0]?.message ?? `invalid date ${date}`);
	return parsed.value;
}

/** Day count since 1970-01-01, calendar arithmetic only (Date.UTC has no time zone). */
function toDayNumber(parts: DateParts): number {
	return Math.round(Date.UTC(parts.year, parts.month - 1, parts.day) / 86_400_000);
}

function fromDayNumber(dayNumber: number): LocalDate {
	const d = new Date(dayNumber * 86_400_000);
	return formatLocalDate({
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
	});
}

export function addDays(date: LocalDate, days: number): LocalDate {
	return fromDayNumber(toDayNumber(partsOf(date)) + days);
}

/**
 * Adds calendar months keeping the anchor day, clamped at month end: Jan 31 + 1 → Feb 28 (29
 * in a leap year), + 2 → Mar 31. `anchorDay` defaults to the date's own day; pass the original
 * anchor when stepping from an already clamped date.
 */
export function addMonths(date: LocalDate, months: number, anchorDay?: number): LocalDate {
	const parts = partsOf(date);
	const index = parts.year * 12 + (parts.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const day = Math.min(anchorDay ?? parts.day, daysInMonth(year, month));
	return formatLocalDate({ year, month, day });
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
	return toDayNumber(partsOf(a)) - toDayNumber(partsOf(b));
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
	return compareLocalDates(to, from);
}

/**
 * One formatter per zone, made once: building an Intl.DateTimeFormat costs far more than using
 * one (a poll of 50 cases asks for a few hundred; the practice's numbers convert every record's
 * timestamps). Its parts: the local date, hour and minute, and the zone's short name. An unknown
 * zone throws RangeError, not kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZoneName: 'short',
		});
		// Zones are few (the practice's); a flood of distinct strings cannot grow it without end.
		if (formatters.size >= 64) formatters.clear();
		formatters.set(timeZone, format);
	}
	return format;
}

export function isValidTimeZone(timeZone: unknown): boolean {
	if (typeof timeZone !== 'string' || timeZone === '') return false;
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

function zonedParts(timeZone: string, instant: Date): Record<string, string> {
	const parts = formatterFor(timeZone).formatToParts(instant);
	const out: Record<string, string> = {};
	for (const part of parts) out[part.type] = part.value;
	return out;
}

/**
 * The practice's local date at an instant: 2026-03-01T04:30Z is still 2026-02-28 in
 * America/New_York. Throws RangeError for an unknown zone (policies are validated before use).
 */
export function todayIn(timeZone: string, now: Date): LocalDate {
	const p = zonedParts(timeZone, now);
	return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-02-28 23:30 EST": a timestamp in the practice's zone for notes people read. */
export function formatInstantIn(timeZone: string, instant: Date): string {
	const p = zonedParts(timeZone, instant);
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "2026-02-28 23:30:05": Open Dental's date-time format (https://www.opendental.com/site/apiimplementation.html), local to the zone. */
export function localDateTimeIn(timeZone: string, instant: Date): string {
	const p = zonedParts(timeZone, instant);
	const seconds = String(instant.getUTCSeconds()).padStart(2, '0');
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${seconds}`;
}
