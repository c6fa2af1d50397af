import fc from 'fast-check';

import {
	allocateProportionally,
	buildWrites,
	validateForOpenDental,
	type FinancingWrites,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('allocateProportionally', () => {
	test('splits in proportion, whole cents, summing exactly', () => {
		expect(allocateProportionally(80_000, [150_000, 330_000])).toEqual([25_000, 55_000]);
		expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(allocateProportionally(0, [5, 5])).toEqual([0, 0]);
		expect(allocateProportionally(10, [0, 0])).toEqual([]);
		expect(allocateProportionally(-1, [5])).toEqual([]);
	});

	test('property: the parts sum to the total and none exceeds its weight', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 8 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(weights, fraction) => {
					const whole = weights.reduce((a, b) => a + b, 0);
					fc.pre(whole > 0);
					const total = Math.floor(whole * fraction);
					const parts = allocateProportionally(total, weights);
					expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
					parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i]!));
				},
			),
		);
	});
});

describe('Open Dental shortfall plan links (AmountOverride)', () => {
	const withShortfall = (): FinancingWrites =>
		value(buildWrites(crownAndImplant(), approvedDecision(), policy(), NEAR_MIDNIGHT));

	test('the plan total is spread over the procedures by their patient portions', () => {
		const w = withShortfall();
		const od = value(validateForOpenDental(w));
		expect(od.payPlanLinks).toEqual([
			{ ProcNum: 5001, AmountOverride: 250 },
			{ ProcNum: 5002, AmountOverride: 550 },
		]);
		expect(od.payPlan!.procNums).toEqual([5001, 5002]);
		const total = od.payPlanLinks.reduce((s, l) => s + Math.round(l.AmountOverride * 100), 0);
		expect(total).toBe(w.shortfallPlan!.totalCents);
	});

	test('DynamicPayPlanTPOption: AwaitComplete by default, TreatAsComplete when asked', () => {
		expect(value(validateForOpenDental(withShortfall())).payPlan!.DynamicPayPlanTPOption).toBe(
			'AwaitComplete',
		);
		expect(
			value(validateForOpenDental(withShortfall(), { dynamicPayPlanTPOption: 'TreatAsComplete' }))
				.payPlan!.DynamicPayPlanTPOption,
		).toBe('TreatAsComplete');
	});

	test('TreatAsComplete with a down payment is a review problem (charged before the override)', () => {
		const w = value(
			buildWrites(
				crownAndImplant(),
				approvedDecision(),
				policyWith('shortfallPlan', { downPayment: { rule: 'fixed', amountCents: 10_000 } }),
				NEAR_MIDNIGHT,
			),
		);
		const result = validateForOpenDental(w, { dynamicPayPlanTPOption: 'TreatAsComplete' });
		expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual([
			'downPaymentBeforeOverride',
		]);
		expect(validateForOpenDental(w).ok).toBe(true);
	});

	test('the payment carries the clinic when the practice sets one', () => {
		expect(value(validateForOpenDental(withShortfall(), { clinicNum: 2 })).payment).toMatchObject({
			ClinicNum: 2,
		});
		expect(value(validateForOpenDental(withShortfall())).payment).not.toHaveProperty('ClinicNum');
	});
});
