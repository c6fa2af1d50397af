import { nextBusinessDays } from '../../financing';

describe('nextBusinessDays', () => {
	test.each([
		// Wednesday 2026-12-02: Thursday, Friday, then Monday
		['2026-12-02', 3, {}, ['2026-12-03', '2026-12-04', '2026-12-07']],
		// Friday: the weekend is skipped
		['2026-12-04', 1, {}, ['2026-12-07']],
		// Saturday, with today: still Monday first
		['2026-12-05', 1, { includeToday: true }, ['2026-12-07']],
		// A weekday with today
		['2026-12-07', 2, { includeToday: true }, ['2026-12-07', '2026-12-08']],
		// Christmas and the day after closed, across the year end
		[
			'2026-12-23',
			3,
			{ closedDays: ['2026-12-24', '2026-12-25'] },
			['2026-12-28', '2026-12-29', '2026-12-30'],
		],
		['2026-12-30', 3, { closedDays: ['2027-01-01'] }, ['2026-12-31', '2027-01-04', '2027-01-05']],
		// Leap day
		['2028-02-28', 2, {}, ['2028-02-29', '2028-03-01']],
	])('%s, %i days, %j', (today, count, options, expected) => {
		expect(nextBusinessDays(today, count, options)).toEqual(expected);
	});

	test.each([
		['not a date', 3],
		['2026-12-02', 0],
		['2026-12-02', -1],
		['2026-12-02', 1.5],
	])('%s, %d: no days, never a throw', (today, count) => {
		expect(nextBusinessDays(today, count)).toEqual([]);
	});
});
