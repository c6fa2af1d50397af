import { addDays, type LocalDate } from '../dates';
import { localClockIn } from '../localTime';
import { parseWith } from '../parse';
import { ok, type Result } from '../result';
import { practiceNumbersOptionsSchema, type PracticeNumbersOptions } from './practiceNumbers';
import { lastWeek, weeksEndingWith, type DateRange } from './stats';

/**
 * Which days a run of the numbers must read, before anything is read: the period and its trend
 * weeks (as practiceNumbers will report them), and `readFrom`, LOOK_BACK_DAYS before the first
 * of them. A case started in the weeks reported can have been decided or presented a little
 * earlier, and an arrangement written in them can belong to a case decided before: records from
 * `readFrom` on tie those to their case; older ones change none of the figures.
 */
export const LOOK_BACK_DAYS = 30;

export interface NumbersWindow {
	period: DateRange;
	weeks: DateRange[];
	/** The first and last day reported (period and trend weeks together). */
	from: LocalDate;
	to: LocalDate;
	readFrom: LocalDate;
}

export function numbersWindow(options: PracticeNumbersOptions, now: Date): Result<NumbersWindow> {
	const parsed = parseWith(practiceNumbersOptionsSchema, options, 'options');
	if (!parsed.ok) return parsed;
	const o = parsed.value;
	const period = o.period ?? lastWeek(localClockIn(o.timeZone, now).date);
	const weeks = weeksEndingWith(period.to, o.trendWeeks);
	const from = weeks[0]!.from < period.from ? weeks[0]!.from : period.from;
	const to = period.to > weeks[weeks.length - 1]!.to ? period.to : weeks[weeks.length - 1]!.to;
	return ok({ period, weeks, from, to, readFrom: addDays(from, -LOOK_BACK_DAYS) });
}
