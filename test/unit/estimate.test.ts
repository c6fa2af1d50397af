import {
	DEFAULT_PLAN_CATALOG,
	estimatePayment,
	findPlan,
	type PromotionalPlan,
} from '../../financing';

const plan = (code: string): PromotionalPlan => findPlan(DEFAULT_PLAN_CATALOG, code)!;

describe('deferred interest: payoff payment and the $30 floor (docs/financing-domain.md §7)', () => {
	test('$1,000 over 12 months: $83.34 rounded up, the last payment smaller', () => {
		// 100000 / 12 = 8333.33 → 8334; 11 × 8334 = 91674; last = 8326.
		expect(estimatePayment(plan('DI12'), 100_000)).toEqual({
			ok: true,
			value: {
				planCode: 'DI12',
				kind: 'deferredInterest',
				months: 12,
				aprBasisPoints: 0,
				amountCents: 100_000,
				monthlyPaymentCents: 8_334,
				payoffPaymentCents: 8_334,
				minimumPaymentCents: 8_334,
				lastPaymentCents: 8_326,
				numberOfPayments: 12,
				totalPaidCents: 100_000,
				totalInterestCents: 0,
			},
		});
	});

	test('$200 over 24 months: payoff $8.34 but CareCredit shows at least $30', () => {
		const result = estimatePayment(plan('DI24'), 20_000);
		expect(result).toMatchObject({
			ok: true,
			value: {
				payoffPaymentCents: 834,
				minimumPaymentCents: 3_000,
				lastPaymentCents: 818,
				totalPaidCents: 20_000,
			},
		});
	});

	test('$4,800 over 24 months divides evenly', () => {
		expect(estimatePayment(plan('DI24'), 480_000)).toMatchObject({
			ok: true,
			value: { payoffPaymentCents: 20_000, lastPaymentCents: 20_000 },
		});
	});

	test('$100.01 over 3 months (a practice plan without a minimum): 33.34, 33.34, 33.33', () => {
		const threeMonths: PromotionalPlan = {
			...plan('DI6'),
			code: 'DI3',
			months: 3,
			minimumPurchaseCents: 0,
		};
		expect(estimatePayment(threeMonths, 10_001)).toMatchObject({
			ok: true,
			value: { payoffPaymentCents: 3_334, lastPaymentCents: 3_333, minimumPaymentCents: 3_334 },
		});
		// The floor never exceeds the amount itself.
		expect(estimatePayment(threeMonths, 2_000)).toMatchObject({
			ok: true,
			value: { payoffPaymentCents: 667, minimumPaymentCents: 2_000 },
		});
	});
});

describe('reduced APR: ordinary amortization (docs/financing-domain.md §2)', () => {
	test('$1,000 at 14.90% for 24 months: $48.44 a month', () => {
		// P = 1000 × r / (1 − (1 + r)^−24), r = 0.149 / 12 → 48.439 → $48.44.
		const result = estimatePayment(plan('RA24'), 100_000);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.monthlyPaymentCents).toBe(4_844);
		expect(result.value.payoffPaymentCents).toBeNull();
		expect(result.value.minimumPaymentCents).toBe(4_844);
		expect(result.value.numberOfPayments).toBe(24);
		// Checked independently: interest each month = round(balance × 0.149 / 12), summed.
		expect(result.value.totalInterestCents).toBe(16_255);
		expect(result.value.lastPaymentCents).toBe(4_843);
		expect(4_844 * 23 + result.value.lastPaymentCents).toBe(result.value.totalPaidCents);
		expect(result.value.totalPaidCents).toBe(100_000 + result.value.totalInterestCents);
	});

	test('$5,000 at 17.90% for 60 months: $126.70 a month', () => {
		expect(estimatePayment(plan('RA60'), 500_000)).toMatchObject({
			ok: true,
			value: { monthlyPaymentCents: 12_670, aprBasisPoints: 1_790 },
		});
	});
});

describe('problems', () => {
	test('an amount below the plan minimum names the field', () => {
		expect(estimatePayment(plan('RA24'), 99_999)).toEqual({
			ok: false,
			problems: [
				{
					field: 'amountFinancedCents',
					code: 'minimumPurchaseNotMet',
					message:
						'amountFinancedCents: RA24 (24 months at 14.90% APR, fixed monthly payments) needs a purchase of at least $1,000.00; this one is $999.99',
				},
			],
		});
	});

	test.each([0, -100, 12.5, Number.NaN])('%p is not an amount', (amount) => {
		expect(estimatePayment(plan('DI12'), amount)).toMatchObject({
			ok: false,
			problems: [{ code: 'invalidAmount' }],
		});
	});
});
