import fc from 'fast-check';

import {
	amortizedPayment,
	buildSchedule,
	compareLocalDates,
	dueDates,
	PAYMENT_INTERVALS,
	type PaymentSchedule,
	type Result,
} from '../../financing';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

const amounts = (s: PaymentSchedule) => s.payments.map((p) => p.amountCents);

describe('due dates', () => {
	test.each([
		[
			'monthly from a month-end anchor in a leap year',
			'2028-01-31',
			'monthly',
			['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31'],
		],
		[
			'monthly from a month-end anchor in a common year',
			'2026-01-31',
			'monthly',
			['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'],
		],
		[
			'monthly from the 30th across February',
			'2027-12-30',
			'monthly',
			['2027-12-30', '2028-01-30', '2028-02-29', '2028-03-30', '2028-04-30'],
		],
		[
			'monthly from a leap day',
			'2028-02-29',
			'monthly',
			['2028-02-29', '2028-03-29', '2028-04-29', '2028-05-29', '2028-06-29'],
		],
		[
			'semi-monthly from the 1st: 1st and 16th',
			'2026-01-01',
			'semiMonthly',
			['2026-01-01', '2026-01-16', '2026-02-01', '2026-02-16', '2026-03-01'],
		],
		[
			'semi-monthly from the 31st: 16th and month end',
			'2026-01-31',
			'semiMonthly',
			['2026-01-31', '2026-02-16', '2026-02-28', '2026-03-16', '2026-03-31'],
		],
		[
			'semi-monthly from the 15th: 15th and 30th, clamped in February',
			'2028-01-15',
			'semiMonthly',
			['2028-01-15', '2028-01-30', '2028-02-15', '2028-02-29', '2028-03-15'],
		],
		[
			'bi-weekly',
			'2026-02-20',
			'biWeekly',
			['2026-02-20', '2026-03-06', '2026-03-20', '2026-04-03', '2026-04-17'],
		],
		[
			'weekly through a leap day',
			'2028-02-22',
			'weekly',
			['2028-02-22', '2028-02-29', '2028-03-07', '2028-03-14', '2028-03-21'],
		],
		[
			'weekly across the year end',
			'2026-12-24',
			'weekly',
			['2026-12-24', '2026-12-31', '2027-01-07', '2027-01-14', '2027-01-21'],
		],
	] as const)('%s', (_name, first, interval, expected) => {
		expect(dueDates(first, interval, 5)).toEqual(expected);
	});
});

describe('amortization against published figures', () => {
	// Standard annuity formula P = B·r / (1 − (1 + r)^−n), r = APR / 12 (CFPB, "What is
	// amortization"; any loan amortization table). Values checked by hand with the formula:
	test.each([
		['$10,000 at 6% for 36 months = $304.22', 1_000_000, 600, 36, 30_422],
		['$20,000 at 5% for 60 months = $377.42', 2_000_000, 500, 60, 37_742],
		[
			'$100,000 at 6% for 30 years = $599.55 (the classic mortgage table row)',
			10_000_000,
			600,
			360,
			59_955,
		],
		['$200,000 at 6.5% for 30 years = $1,264.14', 20_000_000, 650, 360, 126_414],
		['$1,000 at 14.90% for 24 months = $48.44 (docs/financing-domain.md §2 RA24)', 100_000, 1_490, 24, 4_844],
		['$1,000 at 0% for 12 months = $83.34 (rounded up)', 100_000, 0, 12, 8_334],
	])('%s', (_name, principal, apr, n, payment) => {
		expect(amortizedPayment(principal, apr, n)).toBe(payment);
	});

	test('$10,000 at 6% for 36 months: the full schedule sums to principal plus interest', () => {
		const s = value(
			buildSchedule({
				principalCents: 1_000_000,
				aprBasisPoints: 600,
				interval: 'monthly',
				firstPaymentDate: '2026-04-01',
				term: { numberOfPayments: 36 },
			}),
		);
		expect(s.paymentAmountCents).toBe(30_422);
		// First month: interest on $10,000 at 0.5% is exactly $50.00, principal $254.22.
		expect(s.payments[0]).toEqual({
			number: 1,
			dueDate: '2026-04-01',
			amountCents: 30_422,
			principalCents: 25_422,
			interestCents: 5_000,
			balanceAfterCents: 974_578,
		});
		// Textbook tables show total interest $951.90 (exact payment 304.2194 × 36 − 10,000); with
		// interest rounded to the cent each month it is $951.88 and the last payment $304.18
		// (checked independently: round(balance × 0.005) month by month).
		expect(s.totalInterestCents).toBe(95_188);
		expect(s.lastPaymentCents).toBe(30_418);
		expect(amounts(s).reduce((a, b) => a + b, 0)).toBe(1_000_000 + s.totalInterestCents);
		expect(s.payments[35]).toMatchObject({ dueDate: '2029-03-01', balanceAfterCents: 0 });
	});
});

describe('schedules that do not divide evenly', () => {
	test('$1,000 over 12 monthly payments at 0%: 11 × $83.34 and a last payment of $83.26', () => {
		const s = value(
			buildSchedule({
				principalCents: 100_000,
				interval: 'monthly',
				firstPaymentDate: '2028-01-31',
				term: { numberOfPayments: 12 },
			}),
		);
		expect(amounts(s)).toEqual([...Array(11).fill(8_334), 8_326]);
		expect(s.payments.map((p) => p.dueDate).slice(0, 3)).toEqual([
			'2028-01-31',
			'2028-02-29',
			'2028-03-31',
		]);
		expect(s.lastDueDate).toBe('2028-12-31');
		expect(s.totalPaidCents).toBe(100_000);
	});

	test('$100.01 over 3 payments: 33.34, 33.34, 33.33', () => {
		const s = value(
			buildSchedule({
				principalCents: 10_001,
				interval: 'biWeekly',
				firstPaymentDate: '2026-03-06',
				term: { numberOfPayments: 3 },
			}),
		);
		expect(amounts(s)).toEqual([3_334, 3_334, 3_333]);
	});

	test('10 cents over 4 payments spreads evenly rather than leaving a $0 payment', () => {
		// Over 4, rounding up gives 3 cents and a 1-cent last payment. Over 6, rounding up to 2
		// cents would leave 10 − 5 × 2 = 0 for the last, so the cents are spread instead.
		expect(
			amounts(
				value(
					buildSchedule({
						principalCents: 10,
						interval: 'weekly',
						firstPaymentDate: '2026-03-02',
						term: { numberOfPayments: 4 },
					}),
				),
			),
		).toEqual([3, 3, 3, 1]);
		expect(
			amounts(
				value(
					buildSchedule({
						principalCents: 10,
						interval: 'weekly',
						firstPaymentDate: '2026-03-02',
						term: { numberOfPayments: 6 },
					}),
				),
			),
		).toEqual([2, 2, 2, 2, 1, 1]);
	});

	test('a fixed payment: $800 at $150 is 5 × $150 and $50', () => {
		const s = value(
			buildSchedule({
				principalCents: 80_000,
				interval: 'monthly',
				firstPaymentDate: '2026-04-01',
				term: { paymentAmountCents: 15_000 },
			}),
		);
		expect(amounts(s)).toEqual([15_000, 15_000, 15_000, 15_000, 15_000, 5_000]);
		expect(s.numberOfPayments).toBe(6);
	});
});

describe('schedule problems', () => {
	const base = { interval: 'monthly' as const, firstPaymentDate: '2026-04-01' };

	test('a $0 schedule is a problem, not an empty list, unless asked for', () => {
		expect(
			buildSchedule({ ...base, principalCents: 0, term: { numberOfPayments: 6 } }),
		).toMatchObject({ ok: false, problems: [{ code: 'zeroTotal' }] });
		expect(
			buildSchedule({
				...base,
				principalCents: 0,
				term: { numberOfPayments: 6 },
				allowZeroTotal: true,
			}),
		).toMatchObject({ ok: true, value: { payments: [], totalPaidCents: 0 } });
	});

	test('more payments than cents', () => {
		expect(
			buildSchedule({ ...base, principalCents: 3, term: { numberOfPayments: 4 } }),
		).toMatchObject({ ok: false, problems: [{ code: 'amountTooSmallForTerm' }] });
	});

	test('a payment that does not cover the interest, or would take too long', () => {
		expect(
			buildSchedule({
				...base,
				principalCents: 1_000_000,
				aprBasisPoints: 1_200,
				term: { paymentAmountCents: 10_000 },
			}),
		).toMatchObject({ ok: false, problems: [{ code: 'paymentDoesNotCoverInterest' }] });
		expect(
			buildSchedule({
				...base,
				principalCents: 1_000_000,
				term: { paymentAmountCents: 1_000, maxNumberOfPayments: 24 },
			}),
		).toMatchObject({ ok: false, problems: [{ code: 'tooManyPayments' }] });
	});

	test('every bad input at once', () => {
		const result = buildSchedule({
			principalCents: -5,
			aprBasisPoints: 1.5,
			interval: 'daily' as never,
			firstPaymentDate: '2025-02-30',
			term: { numberOfPayments: 0 },
		});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems.map((p) => p.code).sort()).toEqual([
				'invalidAmount',
				'invalidApr',
				'invalidDate',
				'invalidInterval',
				'invalidNumberOfPayments',
			]);
		}
	});
});

describe('properties: every schedule sums to the cent, no payment is zero or negative', () => {
	const interval = fc.constantFrom(...PAYMENT_INTERVALS);
	const apr = fc.oneof(
		fc.constant(0),
		fc.constantFrom(1_490, 1_590, 1_690, 1_790, 2_999),
		fc.integer({ min: 1, max: 3_600 }),
	);
	const firstDate = fc
		.date({
			min: new Date('2026-01-01T00:00:00Z'),
			max: new Date('2030-12-31T00:00:00Z'),
			noInvalidDate: true,
		})
		.map((d) => d.toISOString().slice(0, 10));

	function checkSchedule(s: PaymentSchedule, principal: number) {
		const list = amounts(s);
		expect(list.every((a) => Number.isSafeInteger(a) && a > 0)).toBe(true);
		expect(list.reduce((a, b) => a + b, 0)).toBe(principal + s.totalInterestCents);
		expect(s.totalPaidCents).toBe(principal + s.totalInterestCents);
		expect(
			s.payments.every(
				(p) => p.interestCents >= 0 && p.amountCents === p.principalCents + p.interestCents,
			),
		).toBe(true);
		expect(s.payments[s.payments.length - 1]!.balanceAfterCents).toBe(0);
		for (let i = 1; i < s.payments.length; i++) {
			expect(compareLocalDates(s.payments[i]!.dueDate, s.payments[i - 1]!.dueDate)).toBeGreaterThan(
				0,
			);
		}
	}

	test('by number of payments', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.integer({ min: 1, max: 120 }),
				interval,
				apr,
				firstDate,
				(principal, n, iv, rate, first) => {
					const result = buildSchedule({
						principalCents: principal,
						aprBasisPoints: rate,
						interval: iv,
						firstPaymentDate: first,
						term: { numberOfPayments: n },
					});
					if (!result.ok) {
						// Only a few cents spread over many payments may be refused; $1 a payment always works.
						expect(result.problems.map((p) => p.code)).toEqual(['amountTooSmallForTerm']);
						expect(principal).toBeLessThan(100 * n);
						return;
					}
					checkSchedule(result.value, principal);
					expect(result.value.numberOfPayments).toBe(n);
					expect(result.value.firstPaymentDate).toBe(first);
					if (rate === 0) expect(result.value.totalInterestCents).toBe(0);
					else if (principal >= 100 * n)
						expect(result.value.totalInterestCents).toBeGreaterThanOrEqual(0);
				},
			),
			{ numRuns: 500 },
		);
	});

	test('by payment amount', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.integer({ min: 1, max: 1_000_000 }),
				interval,
				apr,
				(principal, payment, iv, rate) => {
					const result = buildSchedule({
						principalCents: principal,
						aprBasisPoints: rate,
						interval: iv,
						firstPaymentDate: '2026-04-01',
						term: { paymentAmountCents: payment, maxNumberOfPayments: 600 },
					});
					if (!result.ok) {
						expect(['paymentDoesNotCoverInterest', 'tooManyPayments']).toContain(
							result.problems[0]!.code,
						);
						return;
					}
					checkSchedule(result.value, principal);
					const list = amounts(result.value);
					expect(list.slice(0, -1).every((a) => a === payment)).toBe(true);
					expect(list[list.length - 1]!).toBeLessThanOrEqual(payment);
				},
			),
			{ numRuns: 300 },
		);
	});

	test('a principal of at least $1 per payment is always scheduled', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 120 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				interval,
				apr,
				(n, extra, iv, rate) => {
					const principal = Math.min(10_000_000, 100 * n + extra);
					expect(
						buildSchedule({
							principalCents: principal,
							aprBasisPoints: rate,
							interval: iv,
							firstPaymentDate: '2028-01-31',
							term: { numberOfPayments: n },
						}).ok,
					).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('in-house plans with interest: exactly the payments asked for', () => {
	// The terms a ledger keeps (payment, APR, principal) must describe the same schedule again:
	// run at that payment, the balance is paid in exactly the number of payments of the plan.
	function readBack(principal: number, apr: number, payment: number): number {
		const again = buildSchedule({
			principalCents: principal,
			aprBasisPoints: apr,
			interval: 'monthly',
			firstPaymentDate: '2026-12-01',
			term: { paymentAmountCents: payment, maxNumberOfPayments: 600 },
		});
		return value(again).numberOfPayments;
	}

	function planOf(principal: number, apr: number, n: number): PaymentSchedule {
		return value(
			buildSchedule({
				principalCents: principal,
				aprBasisPoints: apr,
				interval: 'monthly',
				firstPaymentDate: '2026-12-01',
				term: { numberOfPayments: n },
			}),
		);
	}

	test('$1,500 at 12% over 6: six payments, no seventh cent', () => {
		const s = planOf(150_000, 1_200, 6);
		expect(s.numberOfPayments).toBe(6);
		expect(
			amounts(s)
				.slice(0, 5)
				.every((a) => a === s.paymentAmountCents),
		).toBe(true);
		expect(s.lastPaymentCents).toBeLessThanOrEqual(s.paymentAmountCents);
		expect(amounts(s).reduce((a, b) => a + b, 0)).toBe(150_000 + s.totalInterestCents);
		expect(readBack(150_000, 1_200, s.paymentAmountCents)).toBe(6);
	});

	test('the payment is the annuity payment to within the cents of rounding', () => {
		for (const [principal, apr, n] of [
			[150_000, 1_200, 6],
			[100_000, 1_800, 12],
			[249_999, 999, 24],
		] as const) {
			const s = planOf(principal, apr, n);
			const textbook = amortizedPayment(principal, apr, n, 12);
			expect(Math.abs(s.paymentAmountCents - textbook)).toBeLessThanOrEqual(1);
		}
	});

	test('over many principals, APRs and terms', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2_500, max: 50_000 }),
				fc.oneof(
					fc.constantFrom(100, 599, 1_200, 1_800, 2_499, 2_999),
					fc.integer({ min: 1, max: 3_600 }),
				),
				fc.integer({ min: 1, max: 72 }),
				(perPayment, apr, n) => {
					// At least $25 a payment, the in-house plan's default minimum payment.
					const principal = perPayment * n + (perPayment % n);
					const s = planOf(principal, apr, n);
					const list = amounts(s);
					expect(list).toHaveLength(n);
					expect(list.slice(0, -1).every((a) => a === s.paymentAmountCents)).toBe(true);
					expect(s.lastPaymentCents).toBeGreaterThan(0);
					expect(s.lastPaymentCents).toBeLessThanOrEqual(s.paymentAmountCents);
					expect(list.reduce((a, b) => a + b, 0)).toBe(principal + s.totalInterestCents);
					expect(s.payments[n - 1]!.balanceAfterCents).toBe(0);
					expect(readBack(principal, apr, s.paymentAmountCents)).toBe(n);
				},
			),
			{ numRuns: 1_500 },
		);
	});

	test('a grid of principals, APRs and terms reads back to the same count', () => {
		let mismatches = 0;
		for (let principal = 10_000; principal <= 1_000_000; principal += 9_973) {
			for (const apr of [100, 990, 1_200, 1_490, 2_000, 2_999]) {
				for (const n of [2, 3, 6, 9, 12, 18, 24, 36]) {
					const s = planOf(principal, apr, n);
					if (s.numberOfPayments !== n || readBack(principal, apr, s.paymentAmountCents) !== n)
						mismatches++;
				}
			}
		}
		expect(mismatches).toBe(0);
	});
});
