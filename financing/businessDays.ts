import { addDays, isLocalDate, type LocalDate } from './dates';
import { weekdayOf } from './localTime';

/**
 * The practice's next business days: Monday to Friday, less the days it is closed (holidays it
 * names). Used to pick the appointments a morning run looks at ("the next 3 business days").
 * Pure: `today` is the practice's local date (`todayIn(timeZone, now)`).
 */
export function nextBusinessDays(
	today: LocalDate,
	count: number,
	options: { includeToday?: boolean; closedDays?: readonly LocalDate[] } = {},
): LocalDate[] {
	const closed = new Set(options.closedDays ?? []);
	const days: LocalDate[] = [];
	if (!isLocalDate(today) || !Number.isSafeInteger(count) || count <= 0) return days;
	let day = options.includeToday ? today : addDays(today, 1);
	// A year of closed days at most: a list that closes every day ends the search.
	for (let tries = 0; days.length < count && tries < count + 400; tries++) {
		const weekday = weekdayOf(day);
		if (weekday !== 'saturday' && weekday !== 'sunday' && !closed.has(day)) days.push(day);
		day = addDays(day, 1);
	}
	return days;
}
