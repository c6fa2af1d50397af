import {
	addDays,
	addMonths,
	daysInMonth,
	formatLocalDate,
	parseLocalDate,
	type LocalDate,
} from './dates';

/** Dentrix's payment agreement intervals (docs/financing-domain.md §3). */
export const PAYMENT_INTERVALS = ['monthly', 'semiMonthly', 'biWeekly', 'weekly'] as const;
export type PaymentInterval = (typeof PAYMENT_INTERVALS)[number];

/** Periods per year, used to turn an annual rate into a per-payment rate (APR / periods). */
export const PERIODS_PER_YEAR: Record<PaymentInterval, number> = {
	monthly: 12,
	semiMonthly: 24,
	biWeekly: 26,
	weekly: 52,
};

/**
 * Every due date from the first one.
 * - monthly: same day each month, clamped at month end (Jan 31 → Feb 28/29 → Mar 31).
 * - semiMonthly (modeled; Dentrix does not publish its rule): two days a month, 15 days apart.
 *   From the first date's day d: days a = (d ≤ 15 ? d : d − 15) and a + 15, the later one
 *   clamped at month end. First date Jan 31 → Feb 16, Feb 28/29, Mar 16, Mar 31, ...
 * - biWeekly: every 14 days; weekly: every 7 days.
 */
export function dueDates(
	firstPaymentDate: LocalDate,
	interval: PaymentInterval,
	count: number,
): LocalDate[] {
	const dates: LocalDate[] = [];
	if (interval === 'monthly') {
		const anchor = Number(firstPaymentDate.slice(8, 10));
		for (let k = 0; k < count; k++) dates.push(addMonths(firstPaymentDate, k, anchor));
	} else if (interval === 'semiMonthly') {
		const first = parseLocalDate(firstPaymentDate);
		if (!first.ok) return [];
		const { year, month, day } = first.value;
		const early = day <= 15 ? day : day - 15;
		const start = day <= 15 ? 0 : 1; // index of the first payment within its month's pair
		for (let k = 0; k < count; k++) {
			const position = start + k;
			const index = year * 12 + (month - 1) + Math.floor(position / 2);
			const y = Math.floor(index / 12);
			const m = (index % 12) + 1;
			const d = position % 2 === 0 ? early : Math.min(early + 15, daysInMonth(y, m));
			dates.push(formatLocalDate({ year: y, month: m, day: d }));
		}
	} else {
		const step = interval === 'biWeekly' ? 14 : 7;
		for (let k = 0; k < count; k++) dates.push(addDays(firstPaymentDate, k * step));
	}
	return dates;
}
