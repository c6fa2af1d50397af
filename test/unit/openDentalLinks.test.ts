import fc from 'fast-check';

import {
	allocateProportionally,
	buildWrites,
	choosePlanParts,
	checkOpenDentalPayPlanClose,
	checkOpenDentalPayPlanLinks,
	validateForOpenDental,
	type FinancingWrites,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}
const TODAY = { today: '2026-02-28' };

describe('allocateProportionally', () => {
	test('splits in proportion, whole cents, summing exactly', () => {
		expect(allocateProportionally(80_000, [150_000, 330_000])).toEqual([25_000, 55_000]);
		expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(allocateProportionally(0, [5, 5])).toEqual([0, 0]);
		expect(allocateProportionally(10, [0, 0])).toEqual([]);
		expect(allocateProportionally(-1, [5])).toEqual([]);
		// Products past 2^53 stay exact (BigInt).
		expect(allocateProportionally(999_999_999_999, [1_000_000_000_000, 1])).toEqual([
			999_999_999_998, 1,
		]);
	});

	test('property: the parts sum to the total and none exceeds its weight', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 8 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(weights, fraction) => {
					const whole = weights.reduce((a, b) => a + b, 0);
					fc.pre(whole > 0 && whole <= Number.MAX_SAFE_INTEGER);
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

	test('the plan goes on the fewest procedures that cover it, one of them limited', () => {
		const w = withShortfall();
		const plan = value(validateForOpenDental(w, TODAY)).payPlan!;
		expect(plan.create.body!.procNums).toEqual([5001]);
		expect(plan.links).toEqual([{ ProcNum: 5001, AmountOverride: 800 }]);
		expect(plan.parts).toEqual([{ procNum: '5001', amountCents: w.shortfallPlan!.totalCents }]);
	});

	test('choosePlanParts: the smallest single cover, else the largest in turn; one part at most short', () => {
		const p = (procNum: string, productionCents: number) => ({ procNum, productionCents });
		expect(choosePlanParts(80_000, [p('1', 150_000), p('2', 330_000)])).toEqual([
			{ procNum: '1', amountCents: 80_000, override: true },
		]);
		expect(choosePlanParts(150_000, [p('1', 150_000), p('2', 330_000)])).toEqual([
			{ procNum: '1', amountCents: 150_000, override: false },
		]);
		expect(choosePlanParts(400_000, [p('1', 150_000), p('2', 330_000), p('3', 10)])).toEqual([
			{ procNum: '2', amountCents: 330_000, override: false },
			{ procNum: '1', amountCents: 70_000, override: true },
		]);
		expect(choosePlanParts(480_011, [p('1', 150_000), p('2', 330_000), p('3', 10)])).toBeNull();
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 1, max: 8_000_000 }),
				(productions, total) => {
					const procs = productions.map((c, i) => p(String(i), c));
					const parts = choosePlanParts(total, procs);
					const sum = productions.reduce((a, b) => a + b, 0);
					if (sum < total) return expect(parts).toBeNull();
					expect(parts!.reduce((s, x) => s + x.amountCents, 0)).toBe(total);
					expect(parts!.filter((x) => x.override).length).toBeLessThanOrEqual(1);
					for (const x of parts!)
						expect(x.amountCents).toBeLessThanOrEqual(procs[Number(x.procNum)]!.productionCents);
				},
			),
		);
	});

	test('DynamicPayPlanTPOption: AwaitComplete by default, TreatAsComplete when asked', () => {
		expect(
			value(validateForOpenDental(withShortfall(), TODAY)).payPlan!.create.body!
				.DynamicPayPlanTPOption,
		).toBe('AwaitComplete');
		expect(
			value(
				validateForOpenDental(withShortfall(), TODAY, {
					dynamicPayPlanTPOption: 'TreatAsComplete',
				}),
			).payPlan!.create.body!.DynamicPayPlanTPOption,
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
		const result = validateForOpenDental(w, TODAY, { dynamicPayPlanTPOption: 'TreatAsComplete' });
		expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual([
			'downPaymentBeforeOverride',
		]);
		expect(validateForOpenDental(w, TODAY).ok).toBe(true);
	});

	test('the payment carries the clinic when the practice sets one', () => {
		expect(
			value(validateForOpenDental(withShortfall(), TODAY, { clinicNum: 2 })).payment!.body,
		).toMatchObject({
			ClinicNum: 2,
		});
		expect(value(validateForOpenDental(withShortfall(), TODAY)).payment!.body).not.toHaveProperty(
			'ClinicNum',
		);
	});
});

describe('Payment plan links and close, against what Open Dental holds', () => {
	const facts = {
		accountGuarantorId: '100',
		planProcedures: [
			{ procNum: '5001', patNum: '101', productionCents: 150_000 },
			{ procNum: '5002', patNum: '101', productionCents: 330_000 },
		],
		familyPatNums: ['100', '101'],
		plan: { payPlanNum: '1001', isDynamic: true, isLocked: false, isClosed: false },
		existingLinks: [
			{ payPlanLinkNum: '2001', linkType: 'Procedure', fKey: '5001', amountOverrideCents: 0 },
		],
	};
	const input = {
		payPlanNum: '1001',
		totalCents: 80_000,
		links: [
			{ procNum: '5001', amountCents: 25_000 },
			{ procNum: '5002', amountCents: 55_000 },
		],
	};

	test('a PUT for a link that differs, a POST for a missing one, nothing for a link already right', () => {
		const whole = {
			...input,
			totalCents: 330_000 + 25_000,
			links: [
				{ procNum: '5001', amountCents: 25_000 },
				{ procNum: '5002', amountCents: 330_000 },
			],
		};
		const linked = {
			...facts,
			existingLinks: [
				...facts.existingLinks,
				{ payPlanLinkNum: '2002', linkType: 'Procedure', fKey: '5002', amountOverrideCents: 0 },
			],
		};
		// 5002's link carries its whole production with no override: nothing to send for it.
		expect(value(checkOpenDentalPayPlanLinks(whole, linked))).toEqual([
			{ method: 'PUT', path: '/payplanlinks/2001', body: { AmountOverride: 250 } },
		]);
		expect(value(checkOpenDentalPayPlanLinks(input, facts))).toEqual([
			{ method: 'PUT', path: '/payplanlinks/2001', body: { AmountOverride: 250 } },
			{
				method: 'POST',
				path: '/payplanlinks',
				body: { PayPlanNum: 1001, LinkType: 'Procedure', FKey: 5002, AmountOverride: 550 },
			},
		]);
	});

	test('a locked or closed plan takes no links; parts must add up; procedures must be the plan’s', () => {
		const codes = (r: Result<unknown>) => (r.ok ? [] : r.problems.map((p) => p.code));
		expect(
			codes(
				checkOpenDentalPayPlanLinks(input, { ...facts, plan: { ...facts.plan, isLocked: true } }),
			),
		).toEqual(['planNotOpenForLinks']);
		expect(codes(checkOpenDentalPayPlanLinks({ ...input, totalCents: 80_001 }, facts))).toEqual([
			'linksDoNotSumToTotal',
		]);
		const foreign = { ...input, links: [{ procNum: '999', amountCents: 80_000 }] };
		expect(codes(checkOpenDentalPayPlanLinks(foreign, facts))).toEqual(['procedureNotOnPlan']);
		const tooMuch = {
			...input,
			totalCents: 200_000,
			links: [{ procNum: '5001', amountCents: 200_000 }],
		};
		expect(codes(checkOpenDentalPayPlanLinks(tooMuch, facts))).toEqual(['linkAboveProduction']);
	});

	test('only the plan this case created is closed', () => {
		const plan = { payPlanNum: '1001', patNum: '101', note: 'terms [cc:APP-1]', isClosed: false };
		const ok = value(
			checkOpenDentalPayPlanClose(
				{ payPlanNum: '1001', patNum: '101', referenceToken: '[cc:APP-1]' },
				{ plan },
			),
		);
		expect(ok.request).toEqual({ method: 'PUT', path: '/payplans/1001/Close' });
		const other = checkOpenDentalPayPlanClose(
			{ payPlanNum: '1001', patNum: '101', referenceToken: '[cc:APP-2]' },
			{ plan },
		);
		expect(other.ok ? [] : other.problems.map((p) => p.code)).toEqual(['notThisCasesPlan']);
	});
});
