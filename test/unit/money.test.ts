import fc from 'fast-check';

import {
	centsFromWire,
	centsFromWireOrNull,
	centsToDollars,
	divideCeil,
	divideRoundHalfUp,
	FinancingError,
	formatMoney,
	MAX_CENTS,
	parseMoney,
	parseMoneyOrThrow,
	percentOf,
	roundHalfUp,
	splitEvenly,
} from '../../financing';

describe('parseMoney', () => {
	test.each<[unknown, number]>([
		[1234.5, 123_450],
		['1,234.50', 123_450],
		['$1,234.50', 123_450],
		['1234', 123_400],
		['1,234', 123_400],
		[' $5 ', 500],
		['.5', 50],
		['12.340', 1_234],
		[0.29, 29], // 0.29 * 100 is 28.999... in floating point
		[0, 0],
		['0.00', 0],
	])('%p → %p cents', (input, cents) => {
		expect(parseMoney(input, 'amount')).toEqual({ ok: true, value: cents });
	});

	test('negative amounts only where allowed', () => {
		expect(parseMoney('-$20.00', 'refund', { allowNegative: true })).toEqual({
			ok: true,
			value: -2_000,
		});
		expect(parseMoney('$-20.00', 'refund', { allowNegative: true })).toEqual({
			ok: true,
			value: -2_000,
		});
		expect(parseMoney(-5, 'estimatedFee')).toEqual({
			ok: false,
			problems: [
				{
					field: 'estimatedFee',
					code: 'negative',
					message: 'estimatedFee: -$5.00 is negative; enter $0.00 or more',
				},
			],
		});
	});

	test('a fraction of a cent names the field in plain language', () => {
		expect(parseMoney(12.345, 'estimatedFee')).toEqual({
			ok: false,
			problems: [
				{
					field: 'estimatedFee',
					code: 'fractionOfCent',
					message: 'estimatedFee: 12.345 has a fraction of a cent; enter dollars and cents',
				},
			],
		});
		expect(parseMoney('1,234.567', 'purchaseAmount')).toMatchObject({
			ok: false,
			problems: [{ code: 'fractionOfCent' }],
		});
		// $1.005 is refused, not rounded to $1.01.
		expect(parseMoney(1.005, 'x')).toMatchObject({
			ok: false,
			problems: [{ code: 'fractionOfCent' }],
		});
		expect(parseMoney(1e-7, 'x')).toMatchObject({
			ok: false,
			problems: [{ code: 'fractionOfCent' }],
		});
	});

	test.each<[unknown, string]>([
		[Number.NaN, 'notANumber'],
		[Number.POSITIVE_INFINITY, 'notFinite'],
		[Number.NEGATIVE_INFINITY, 'notFinite'],
		['', 'required'],
		['   ', 'required'],
		[null, 'required'],
		[undefined, 'required'],
		['abc', 'notANumber'],
		['1,23,4', 'notANumber'],
		['12.34.5', 'notANumber'],
		['$', 'notANumber'],
		[{}, 'notANumber'],
		[true, 'notANumber'],
		[1e20, 'tooLarge'],
		['99999999999999', 'tooLarge'],
	])('%p is refused with %s', (input, code) => {
		const result = parseMoney(input, 'estimatedFee');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems).toHaveLength(1);
			expect(result.problems[0]).toMatchObject({ field: 'estimatedFee', code });
			expect(result.problems[0]!.message.startsWith('estimatedFee: ')).toBe(true);
		}
	});

	test('zero can be refused', () => {
		expect(parseMoney('0', 'paymentAmount', { allowZero: false })).toMatchObject({
			ok: false,
			problems: [{ code: 'zero' }],
		});
	});

	test('parseMoneyOrThrow throws a typed error carrying field and code', () => {
		expect(parseMoneyOrThrow('$10.10', 'x')).toBe(1_010);
		let caught: unknown;
		try {
			parseMoneyOrThrow('12.345', 'estimatedFee');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(FinancingError);
		expect(caught).toMatchObject({ field: 'estimatedFee', code: 'fractionOfCent' });
	});
});

describe('formatMoney', () => {
	test.each([
		[123_450, '$1,234.50'],
		[0, '$0.00'],
		[5, '$0.05'],
		[-2_000, '-$20.00'],
		[100_000_000, '$1,000,000.00'],
		[99, '$0.99'],
	])('%p → %s', (cents, text) => {
		expect(formatMoney(cents)).toBe(text);
	});

	test('never throws on a value that is not whole cents', () => {
		expect(formatMoney(1.5)).toContain('not a whole number of cents');
	});
});

describe('rounding helpers', () => {
	test('roundHalfUp rounds halves away from zero, exactly on the double it is given', () => {
		expect(roundHalfUp(2.5)).toBe(3);
		expect(roundHalfUp(2.4)).toBe(2);
		expect(roundHalfUp(-2.5)).toBe(-3);
		// The old tolerance made this 101; 1.005 * 100 is 100.49999999999999, below the half.
		expect(roundHalfUp(1.005 * 100)).toBe(100);
		expect(roundHalfUp(30421.937)).toBe(30422);
		expect(roundHalfUp(-0.2)).toBe(0);
		expect(roundHalfUp(Number.NaN)).toBeNaN();
	});

	test('exact integer division', () => {
		expect(divideRoundHalfUp(5, 2)).toBe(3);
		expect(divideRoundHalfUp(4, 3)).toBe(1);
		expect(divideRoundHalfUp(0, 7)).toBe(0);
		expect(divideCeil(100_000, 12)).toBe(8_334);
		expect(divideCeil(120, 12)).toBe(10);
		// Exact at the top of the safe range, where the float quotient lands next to an integer.
		expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 2)).toBe(4_503_599_627_370_496);
		expect(divideCeil(Number.MAX_SAFE_INTEGER - 1, 3)).toBe(3_002_399_751_580_330);
		expect(divideCeil(1.5, 2)).toBeNaN();
	});

	test('splitEvenly: parts sum exactly, larger parts first', () => {
		expect(splitEvenly(10_001, 3)).toEqual([3_334, 3_334, 3_333]);
		expect(splitEvenly(100_000, 12)).toEqual([...Array(4).fill(8_334), ...Array(8).fill(8_333)]);
		expect(splitEvenly(-5, 2)).toEqual([-3, -2]);
		expect(splitEvenly(7, 0)).toEqual([]);
	});

	test('percentOf applies basis points, rounding half up', () => {
		expect(percentOf(400_000, 990)).toBe(39_600);
		expect(percentOf(25_000, 500)).toBe(1_250); // docs/financing-domain.md §7: charged $250, fee 5% → $12.50
		expect(percentOf(1, 5_000)).toBe(1); // half a cent rounds up
	});
});

describe('properties', () => {
	test('formatMoney then parseMoney gives back the same cents', () => {
		fc.assert(
			fc.property(fc.integer({ min: -MAX_CENTS, max: MAX_CENTS }), (cents) => {
				expect(parseMoney(formatMoney(cents), 'x', { allowNegative: true })).toEqual({
					ok: true,
					value: cents,
				});
			}),
		);
	});

	test('a dollars number with at most two decimals parses to its cents exactly', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
				expect(parseMoney(cents / 100, 'x')).toEqual({ ok: true, value: cents });
			}),
		);
	});

	test('splitEvenly always sums to the total with parts differing by at most one cent', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 1, max: 400 }),
				(total, n) => {
					const parts = splitEvenly(total, n);
					expect(parts).toHaveLength(n);
					expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
					expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
				},
			),
		);
	});
});

describe('centsFromWire: dollars as each service sends them', () => {
	test.each<[unknown, number]>([
		['130.00', 13_000], // Open Dental procedurelogs ProcFee
		['339', 33_900], // Open Dental payments PayAmt
		[339, 33_900],
		[81.48, 8_148], // Open Dental payplans PayAmt
		['129.99', 12_999],
		[-24.99, -2_499], // Open Dental adjustments AdjAmt
		['-24.99', -2_499],
		[0, 0],
		['0.1', 10],
		[1250.5, 125_050], // Dentrix and CareCredit amounts
		['130.000', 13_000],
		[10_000_000_000, 1_000_000_000_000],
	])('%p → %p cents', (wire, cents) => {
		expect(centsFromWire(wire)).toEqual({ ok: true, value: cents });
	});

	test.each<[unknown, string]>([
		['12.345', 'fractionOfCent'],
		[0.1 + 0.2, 'fractionOfCent'], // 0.30000000000000004: a float error, never rounded silently
		[1e-7, 'fractionOfCent'],
		[1e20, 'tooLarge'],
		[1e21, 'tooLarge'],
		['$1,234.50', 'notANumber'], // no service sends signs or separators
		['1e3', 'notANumber'],
		[' ', 'required'],
		[null, 'required'],
		[undefined, 'required'],
		[true, 'notANumber'],
		[[], 'notANumber'],
		[{}, 'notANumber'],
		[Number.NaN, 'notANumber'],
		[Number.POSITIVE_INFINITY, 'notANumber'],
	])('%p is refused with %s', (wire, code) => {
		const result = centsFromWire(wire, 'PayAmt');
		expect(result).toMatchObject({ ok: false, problems: [{ field: 'PayAmt', code }] });
	});

	test('a refund may be refused when negative amounts are not expected', () => {
		expect(centsFromWire(-5, 'x', { allowNegative: false })).toMatchObject({
			ok: false,
			problems: [{ code: 'negative' }],
		});
		expect(centsFromWireOrNull('x')).toBeNull();
		expect(centsFromWireOrNull('')).toBeNull();
		expect(centsFromWireOrNull('81.48')).toBe(8_148);
	});

	test('a long or patient-data value is never echoed whole', () => {
		const long = centsFromWire('9'.repeat(10_000) + 'x');
		expect(long.ok ? '' : long.problems[0]!.message.length).toBeLessThan(120);
		const ssn = centsFromWire('123-45-6789');
		expect(ssn.ok ? '' : ssn.problems[0]!.message).not.toContain('6789');
	});

	test('property: cents to the wire and back is exact, as a number and as text', () => {
		fc.assert(
			fc.property(fc.integer({ min: -MAX_CENTS, max: MAX_CENTS }), (cents) => {
				const dollars = centsToDollars(cents);
				expect(centsFromWire(dollars)).toEqual({ ok: true, value: cents });
				expect(centsFromWire(JSON.parse(JSON.stringify(dollars)))).toEqual({
					ok: true,
					value: cents,
				});
				expect(centsFromWire(dollars.toFixed(2))).toEqual({ ok: true, value: cents });
			}),
		);
	});
});
