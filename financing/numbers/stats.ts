import { addDays, daysBetween, type LocalDate } from '../dates';
import { mondayOf } from '../localTime';

/**
 * Percentiles and weeks for the practice's numbers.
 * - Median: the middle value, or the mean of the two middle values of an even count.
 * - 90th percentile: nearest rank, the value at rank ⌈0.9·n⌉ of the sorted values, so it is
 *   always a time a real case took (for 10 cases, the 9th fastest).
 * - Weeks start on Monday, in the practice's time zone.
 */
export interface DurationStats {
	cases: number;
	medianMinutes: number | null;
	p90Minutes: number | null;
}

export function durationStats(minutes: number[]): DurationStats {
	const n = minutes.length;
	if (n === 0) return { cases: 0, medianMinutes: null, p90Minutes: null };
	const sorted = Float64Array.from(minutes).sort();
	const mid = Math.floor(n / 2);
	const median = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
	return { cases: n, medianMinutes: median, p90Minutes: sorted[Math.ceil(0.9 * n) - 1]! };
}

/** A share as a percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

export interface DateRange {
	from: LocalDate;
	to: LocalDate;
}

/** The last complete Monday-to-Sunday week before `today`. */
export function lastWeek(today: LocalDate): DateRange {
	const monday = addDays(mondayOf(today), -7);
	return { from: monday, to: addDays(monday, 6) };
}

/** `count` weeks, oldest first, the last one being the week that holds `date`. */
export function weeksEndingWith(date: LocalDate, count: number): DateRange[] {
	const last = mondayOf(date);
	return Array.from({ length: count }, (_v, i) => {
		const from = addDays(last, -7 * (count - 1 - i));
		return { from, to: addDays(from, 6) };
	});
}

/** The index of the week (from `weeks`) that holds `date`, or -1. O(1): no scan. */
export function weekIndex(weeks: readonly DateRange[], date: LocalDate): number {
	if (weeks.length === 0) return -1;
	const i = Math.floor(daysBetween(weeks[0]!.from, date) / 7);
	return i >= 0 && i < weeks.length ? i : -1;
}

export function inRange(range: DateRange, date: LocalDate): boolean {
	return date >= range.from && date <= range.to;
}
