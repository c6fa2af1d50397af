import fc from 'fast-check';

import {
	amortizedPayment,
	buildSchedule,
	estimatePayment,
	MAX_CENTS,
	periodInterest,
	DEFAULT_PLAN_CATALOG,
	PERIODS_PER_YEAR,
	PAYMENT_INTERVALS,
} from '../../financing';

/**
 * The oracle: P = B·r / (1 − (1 + r)^−n) as a fraction, worked out step by step with its own
 * arithmetic (the discount factor first), then rounded half up.
 */
function exactPayment(principal: number, apr: number, n: number, periods: number): number {
	const rNum = BigInt(apr);
	const rDen = BigInt(10_000 * periods);
	// v = (1 + r)^-n = rDen^n / (rDen + rNum)^n
	const vNum = rDen ** BigInt(n);
	const vDen = (rDen + rNum) ** BigInt(n);
	// P = B·(rNum/rDen) / ((vDen − vNum)/vDen)
	const num = BigInt(principal) * rNum * vDen;
	const den = rDen * (vDen - vNum);
	const q = num / den;
	return Number(2n * (num - q * den) >= den ? q + 1n : q);
}

describe('level payments are exact half-up of the rational value', () => {
	test('24 months at 14.90% on $1,183.65 is $57.33 (the old tolerance gave $57.34)', () => {
		expect(amortizedPayment(118_365, 1_490, 24)).toBe(5_733);
		expect(exactPayment(118_365, 1_490, 24, 12)).toBe(5_733);
		const ra24 = DEFAULT_PLAN_CATALOG.find((p) => p.code === 'RA24')!;
		const estimate = estimatePayment(ra24, 118_365);
		expect(estimate.ok && estimate.value.monthlyPaymentCents).toBe(5_733);
	});

	test('property: for every amount up to the maximum, ours equals the oracle', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: MAX_CENTS }),
				fc.integer({ min: 1, max: 10_000 }),
				fc.integer({ min: 1, max: 600 }),
				fc.constantFrom(...PAYMENT_INTERVALS),
				(principal, apr, n, interval) => {
					const periods = PERIODS_PER_YEAR[interval];
					expect(amortizedPayment(principal, apr, n, periods)).toBe(
						exactPayment(principal, apr, n, periods),
					);
				},
			),
			{ numRuns: 200 },
		);
	});

	test('property: dental-size amounts at the catalog APRs match the oracle', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 100_000, max: 5_000_000 }),
				fc.constantFrom(1_490, 1_590, 1_690, 1_790),
				fc.constantFrom(24, 36, 48, 60),
				(principal, apr, n) => {
					expect(amortizedPayment(principal, apr, n)).toBe(exactPayment(principal, apr, n, 12));
				},
			),
			{ numRuns: 2_000 },
		);
	});

	test('period interest is exact past 2^53 (balance × APR)', () => {
		// 10^12 × 9999 = 9.999 × 10^15 > 2^53: exact half up of 9_999_000_000_000_000 / 120_000.
		expect(periodInterest(MAX_CENTS, 9_999, 12)).toBe(83_325_000_000);
		expect(periodInterest(999_999_999_999, 10_000, 12)).toBe(83_333_333_333);
		expect(periodInterest(10, 6_000, 12)).toBe(1); // 0.5 cent rounds up
		expect(periodInterest(10, 5_999, 12)).toBe(0);
	});
});

describe('schedules sum exactly, and the refusals near the bound are right', () => {
	test('property: payments add up to principal plus interest, none zero, at any size', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: MAX_CENTS }),
				fc.integer({ min: 0, max: 3_000 }),
				fc.integer({ min: 1, max: 120 }),
				fc.constantFrom(...PAYMENT_INTERVALS),
				(principal, apr, n, interval) => {
					const s = buildSchedule({
						principalCents: principal,
						aprBasisPoints: apr,
						interval,
						firstPaymentDate: '2026-03-01',
						term: { numberOfPayments: n },
					});
					if (!s.ok) {
						expect(s.problems.map((p) => p.code)).toEqual(['amountTooSmallForTerm']);
						return;
					}
					const total = s.value.payments.reduce((a, p) => a + p.amountCents, 0);
					expect(total).toBe(principal + s.value.totalInterestCents);
					expect(s.value.payments.every((p) => p.amountCents > 0)).toBe(true);
					expect(s.value.payments.at(-1)!.balanceAfterCents).toBe(0);
				},
			),
			{ numRuns: 300 },
		);
	});

	test('the maximum is accepted; a cent above it is refused as too large', () => {
		const at = buildSchedule({
			principalCents: MAX_CENTS,
			aprBasisPoints: 10_000,
			interval: 'monthly',
			firstPaymentDate: '2026-03-01',
			term: { numberOfPayments: 600 },
		});
		expect(at.ok).toBe(true);
		const above = buildSchedule({
			principalCents: MAX_CENTS + 1,
			interval: 'monthly',
			firstPaymentDate: '2026-03-01',
			term: { numberOfPayments: 6 },
		});
		expect(above).toMatchObject({ ok: false, problems: [{ code: 'tooLarge' }] });
	});

	test('a payment that does not cover the interest at the maximum says so', () => {
		const interest = periodInterest(MAX_CENTS, 10_000, 12);
		const s = buildSchedule({
			principalCents: MAX_CENTS,
			aprBasisPoints: 10_000,
			interval: 'monthly',
			firstPaymentDate: '2026-03-01',
			term: { paymentAmountCents: interest },
		});
		expect(s).toMatchObject({ ok: false, problems: [{ code: 'paymentDoesNotCoverInterest' }] });
		// A cent above the interest at 1%: it would take about 24,600 payments.
		const low = periodInterest(MAX_CENTS, 100, 12);
		const enough = buildSchedule({
			principalCents: MAX_CENTS,
			aprBasisPoints: 100,
			interval: 'monthly',
			firstPaymentDate: '2026-03-01',
			term: { paymentAmountCents: low + 1 },
		});
		expect(enough).toMatchObject({ ok: false, problems: [{ code: 'tooManyPayments' }] });
	});

	test('garbage terms give problems, never a throw', () => {
		for (const term of [
			null,
			5,
			'x',
			[],
			{ numberOfPayments: 1e20 },
			{ paymentAmountCents: 12.5 },
		]) {
			const s = buildSchedule({
				principalCents: 100,
				interval: 'monthly',
				firstPaymentDate: '2026-03-01',
				term: term as never,
			});
			expect(s.ok).toBe(false);
		}
	});
});
