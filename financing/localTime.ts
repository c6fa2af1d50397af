import { addDays, formatterFor, parseLocalDate, type LocalDate } from './dates';
import { fail, ok, problem, type Result } from './result';

/**
 * Wall-clock time in the practice's zone, both ways: an instant to its local date and minute of
 * the day, and a local date and time back to the instant. Quiet hours, business days and the
 * Monday weeks of the practice's numbers are all local (financing/README.md, "Conventions").
 * Pure: the zone is always an argument and Intl does the zone arithmetic.
 */

export const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a local date (calendar arithmetic, no zone). */
export function weekdayOf(date: LocalDate): Weekday {
	const [y, m, d] = date.split('-').map(Number);
	// getUTCDay: 0 = Sunday; shift so that 0 = Monday.
	return WEEKDAYS[(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7]!;
}

/** The Monday that starts the week of a local date (weeks start on Monday). */
export function mondayOf(date: LocalDate): LocalDate {
	return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
}

export interface LocalClock {
	date: LocalDate;
	/** Minutes since local midnight, 0..1439. */
	minutes: number;
}

/** The practice's local date and minute of the day at an instant (RangeError for an unknown zone). */
export function localClockIn(timeZone: string, instant: Date): LocalClock {
	const p: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(instant)) p[part.type] = part.value;
	return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** "HH:mm" to minutes since midnight; null when it is not a time of day. */
export function parseClockTime(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function offsetMinutes(timeZone: string, utcMillis: number): number {
	const clock = localClockIn(timeZone, new Date(utcMillis));
	const [y, m, d] = clock.date.split('-').map(Number);
	const wall = Date.UTC(y!, m! - 1, d!) + clock.minutes * 60_000;
	return Math.round((wall - Math.floor(utcMillis / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which the practice's clock shows `date` and `minutes`. A local time skipped by
 * a daylight-saving change (02:30 on the spring-forward day) is read with the offset before the
 * change, which lands after the gap (03:30); a repeated one (the fall-back hour) is its first
 * occurrence.
 */
export function instantAtLocal(timeZone: string, date: LocalDate, minutes: number): Date {
	const [y, m, d] = date.split('-').map(Number);
	const wall = Date.UTC(y!, m! - 1, d!) + minutes * 60_000;
	// Two candidate offsets: the one just before and just after the wall time read as UTC.
	const candidates = [
		offsetMinutes(timeZone, wall - 86_400_000),
		offsetMinutes(timeZone, wall + 86_400_000),
	]
		.map((offset) => wall - offset * 60_000)
		.sort((a, b) => a - b);
	for (const candidate of candidates) {
		const clock = localClockIn(timeZone, new Date(candidate));
		if (clock.date === date && clock.minutes === minutes) return new Date(candidate);
	}
	// In a gap: the wall time never shows; the later candidate lands just after the change.
	return new Date(candidates[1]!);
}

const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant from the forms the practice systems give: ISO 8601 with a zone ("…Z", "…-05:00"),
 * or a local date-time without one ("2026-03-02 09:15:00", Open Dental's form, which is the
 * practice's local time), or a bare local date (its local midnight). Never throws.
 */
export function parseInstantIn(value: unknown, timeZone: string, field: string): Result<Date> {
	if (value instanceof Date) {
		return Number.isFinite(value.getTime())
			? ok(value)
			: fail(problem(field, 'invalidDateTime', 'is not a valid date and time'));
	}
	if (typeof value !== 'string' || value.trim() === '') {
		return fail(problem(field, 'required', 'enter a date and time, e.g. 2026-03-02T14:30:00Z'));
	}
	const text = value.trim();
	if (ZONED_INSTANT.test(text)) {
		const millis = Date.parse(text);
		if (Number.isFinite(millis)) return ok(new Date(millis));
	}
	const local = LOCAL_DATE_TIME.exec(text);
	const datePart = local ? local[1]! : text;
	const date = parseLocalDate(datePart, field);
	if (date.ok && (local || /^\d{4}-\d{2}-\d{2}$/.test(text))) {
		const hours = local ? Number(local[2]) : 0;
		const mins = local ? Number(local[3]) : 0;
		const secs = local?.[4] ? Number(local[4]) : 0;
		// The seconds are kept: "09:15:59" is a minute later than "09:15:00" reads otherwise.
		if (hours < 24 && mins < 60 && secs < 60)
			return ok(
				new Date(instantAtLocal(timeZone, datePart, hours * 60 + mins).getTime() + secs * 1000),
			);
	}
	return fail(
		problem(
			field,
			'invalidDateTime',
			'is not a date and time; use 2026-03-02T14:30:00Z or the practice-local 2026-03-02 09:30:00',
		),
	);
}

/** Whole minutes from one instant to another (negative when `to` is earlier). */
export function minutesBetween(from: Date, to: Date): number {
	return Math.round((to.getTime() - from.getTime()) / 60_000);
}
