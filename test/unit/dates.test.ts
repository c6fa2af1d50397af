import {
	addDays,
	addMonths,
	compareLocalDates,
	daysBetween,
	formatInstantIn,
	isLocalDate,
	isValidTimeZone,
	localDateTimeIn,
	parseLocalDate,
	todayIn,
} from '../../financing';

describe('parseLocalDate', () => {
	test.each([
		['2028-02-29', true], // leap year
		['2000-02-29', true], // divisible by 400
		['2026-02-29', false],
		['2100-02-29', false], // divisible by 100, not 400
		['2025-02-30', false],
		['2026-04-31', false],
		['2026-13-01', false],
		['2026-00-10', false],
		['2026-3-1', false],
		['03/01/2026', false],
		['2026-03-01T00:00:00Z', false],
		['', false],
	])('%s valid: %s', (text, valid) => {
		expect(isLocalDate(text)).toBe(valid);
	});

	test('names the field and says why', () => {
		expect(parseLocalDate('2025-02-30', 'firstPaymentDate')).toEqual({
			ok: false,
			problems: [
				{
					field: 'firstPaymentDate',
					code: 'invalidDate',
					message: 'firstPaymentDate: 2025-02-30 is not a real calendar date',
				},
			],
		});
		expect(parseLocalDate(20260301, 'd')).toMatchObject({
			ok: false,
			problems: [{ code: 'required' }],
		});
		expect(parseLocalDate('2026-03-01')).toEqual({
			ok: true,
			value: { year: 2026, month: 3, day: 1 },
		});
	});
});

describe('calendar arithmetic', () => {
	test.each([
		['2026-01-31', 1, undefined, '2026-02-28'],
		['2028-01-31', 1, undefined, '2028-02-29'],
		['2028-02-29', 1, 31, '2028-03-31'], // the anchor day comes back after a clamped month
		['2028-02-29', 1, undefined, '2028-03-29'],
		['2026-12-15', 1, undefined, '2027-01-15'],
		['2026-03-31', -1, undefined, '2026-02-28'],
		['2026-01-31', 3, undefined, '2026-04-30'],
		['2028-01-31', 13, undefined, '2029-02-28'],
	])('addMonths(%s, %i, anchor %p) = %s', (date, months, anchor, expected) => {
		expect(addMonths(date, months, anchor)).toBe(expected);
	});

	test.each([
		['2028-02-28', 1, '2028-02-29'],
		['2026-02-28', 1, '2026-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-03-07', 1, '2026-03-08'], // US DST starts 2026-03-08: plain dates do not care
		['2026-02-28', 30, '2026-03-30'],
		['2026-03-01', -1, '2026-02-28'],
	])('addDays(%s, %i) = %s', (date, days, expected) => {
		expect(addDays(date, days)).toBe(expected);
	});

	test('compare and days between', () => {
		expect(compareLocalDates('2026-02-28', '2026-03-01')).toBeLessThan(0);
		expect(compareLocalDates('2026-03-01', '2026-03-01')).toBe(0);
		expect(compareLocalDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
		expect(daysBetween('2026-02-28', '2026-03-30')).toBe(30);
		expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
	});
});

describe('the practice local date (docs/financing-domain.md §7: never the server UTC date)', () => {
	test.each([
		// 23:30 EST on the 28th, already March 1st in UTC.
		['2026-03-01T04:30:00Z', 'America/New_York', '2026-02-28'],
		['2026-03-01T05:00:00Z', 'America/New_York', '2026-03-01'],
		// After DST starts (2026-03-08) New York is UTC-4: 03:30Z is 23:30 on the 8th,
		// 04:30Z is 00:30 on the 9th (under EST it would still be the 8th).
		['2026-03-09T03:30:00Z', 'America/New_York', '2026-03-08'],
		['2026-03-09T04:30:00Z', 'America/New_York', '2026-03-09'],
		// DST ends 2026-11-01 in Los Angeles: 07:30Z is 00:30 PDT on the 1st.
		['2026-11-01T07:30:00Z', 'America/Los_Angeles', '2026-11-01'],
		['2026-11-01T06:30:00Z', 'America/Los_Angeles', '2026-10-31'],
		// A zone ahead of UTC: noon UTC on Feb 28 is already March 1 in Auckland (NZDT +13).
		['2026-02-28T12:00:00Z', 'Pacific/Auckland', '2026-03-01'],
		// Leap day in Phoenix (no DST, UTC-7).
		['2028-03-01T06:59:00Z', 'America/Phoenix', '2028-02-29'],
	])('%s in %s is %s', (instant, zone, expected) => {
		expect(todayIn(zone, new Date(instant))).toBe(expected);
	});

	test('timestamps for notes are written in the practice zone', () => {
		expect(formatInstantIn('America/New_York', new Date('2026-03-01T04:30:00Z'))).toBe(
			'2026-02-28 23:30 EST',
		);
		expect(formatInstantIn('America/New_York', new Date('2026-07-01T04:30:00Z'))).toBe(
			'2026-07-01 00:30 EDT',
		);
		expect(localDateTimeIn('America/Chicago', new Date('2026-03-01T04:30:15Z'))).toBe(
			'2026-02-28 22:30:15',
		);
	});

	test('time zones are checked', () => {
		expect(isValidTimeZone('America/New_York')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
		expect(isValidTimeZone(undefined)).toBe(false);
	});
});
