import {
	choosePromotionalPlan,
	DEFAULT_PLAN_CATALOG,
	parsePlanCatalog,
	type PromotionalPlanRule,
} from '../../financing';

describe('default catalog (docs/financing-domain.md §2)', () => {
	test('codes, terms, APRs, minimums and fees', () => {
		expect(
			DEFAULT_PLAN_CATALOG.map((p) => [
				p.code,
				p.kind,
				p.months,
				p.aprBasisPoints,
				p.minimumPurchaseCents,
				p.merchantFeeBasisPoints,
			]),
		).toEqual([
			['DI6', 'deferredInterest', 6, 0, 20_000, 500],
			['DI12', 'deferredInterest', 12, 0, 20_000, 990],
			['DI18', 'deferredInterest', 18, 0, 20_000, 1_350],
			['DI24', 'deferredInterest', 24, 0, 20_000, 1_350],
			['RA24', 'reducedApr', 24, 1_490, 100_000, 500],
			['RA36', 'reducedApr', 36, 1_590, 100_000, 500],
			['RA48', 'reducedApr', 48, 1_690, 100_000, 500],
			['RA60', 'reducedApr', 60, 1_790, 100_000, 500],
		]);
		expect(DEFAULT_PLAN_CATALOG.every((p) => p.minimumMonthlyPaymentCents === 3_000)).toBe(true);
		expect(DEFAULT_PLAN_CATALOG[4]!.label).toBe('24 months at 14.90% APR, fixed monthly payments');
		expect(DEFAULT_PLAN_CATALOG[1]!.label).toBe('No interest if paid in full within 12 months');
	});

	test('the default catalog passes its own validation', () => {
		expect(parsePlanCatalog(DEFAULT_PLAN_CATALOG).ok).toBe(true);
	});
});

describe("a practice's own catalog", () => {
	test('is accepted and defaulted', () => {
		const result = parsePlanCatalog([
			{
				code: 'DI9',
				kind: 'deferredInterest',
				months: 9,
				aprBasisPoints: 0,
				minimumPurchaseCents: 50_000,
				label: '9 months no interest',
			},
		]);
		expect(result).toEqual({
			ok: true,
			value: [
				{
					code: 'DI9',
					kind: 'deferredInterest',
					months: 9,
					aprBasisPoints: 0,
					minimumPurchaseCents: 50_000,
					label: '9 months no interest',
					merchantFeeBasisPoints: 0,
					minimumMonthlyPaymentCents: 3_000,
				},
			],
		});
	});

	test('reports every mistake at once with the field', () => {
		const result = parsePlanCatalog([
			{
				code: 'RA24',
				kind: 'reducedApr',
				months: 24,
				aprBasisPoints: 0,
				minimumPurchaseCents: 100_000,
				label: 'x',
			},
			{
				code: 'RA24',
				kind: 'reducedApr',
				months: 0,
				aprBasisPoints: 1_490,
				minimumPurchaseCents: -1,
				label: 'y',
			},
			{
				code: 'DI6',
				kind: 'deferredInterest',
				months: 6,
				aprBasisPoints: 2_999,
				minimumPurchaseCents: 0,
				label: 'z',
			},
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.field, p.code])).toEqual(
			expect.arrayContaining([
				['catalog.0.aprBasisPoints', 'aprRequired'],
				['catalog.1.months', 'tooSmall'],
				['catalog.1.minimumPurchaseCents', 'tooSmall'],
				['catalog.2.aprBasisPoints', 'aprNotAllowed'],
			]),
		);
	});

	test('duplicate codes and an empty catalog are refused, garbage never throws', () => {
		const plan = {
			code: 'DI6',
			kind: 'deferredInterest',
			months: 6,
			aprBasisPoints: 0,
			minimumPurchaseCents: 0,
			label: 'a',
		};
		expect(parsePlanCatalog([plan, plan])).toMatchObject({
			ok: false,
			problems: [{ field: 'catalog.1.code', code: 'duplicatePlanCode' }],
		});
		expect(parsePlanCatalog([])).toMatchObject({ ok: false, problems: [{ field: 'catalog' }] });
		expect(parsePlanCatalog('DI12')).toMatchObject({ ok: false });
		expect(parsePlanCatalog(null)).toMatchObject({ ok: false });
	});
});

describe('choosing a promotional plan', () => {
	const longestDI: PromotionalPlanRule = { rule: 'longestDeferredInterest' };

	test.each<[string, number, PromotionalPlanRule, string]>([
		['the longest deferred-interest plan', 480_000, longestDI, 'DI24'],
		['deferred interest from exactly $200', 20_000, longestDI, 'DI24'],
		['the longest reduced-APR plan', 500_000, { rule: 'longestReducedApr' }, 'RA60'],
		[
			'the lowest monthly payment over $5,000 (RA60 ≈ $126.70 < DI24 ≈ $208.34)',
			500_000,
			{ rule: 'lowestMonthlyPayment' },
			'RA60',
		],
		[
			'the lowest monthly payment when only DI qualifies',
			50_000,
			{ rule: 'lowestMonthlyPayment' },
			'DI24',
		],
		['a fixed plan', 480_000, { rule: 'fixed', code: 'DI12' }, 'DI12'],
	])('%s', (_name, amount, rule, code) => {
		const result = choosePromotionalPlan(amount, DEFAULT_PLAN_CATALOG, rule);
		expect(result).toMatchObject({ ok: true, value: { plan: { code }, chosenBy: 'policy' } });
	});

	test('the plan CareCredit reported wins and is marked as the purchase', () => {
		expect(choosePromotionalPlan(480_000, DEFAULT_PLAN_CATALOG, longestDI, 'dI12')).toMatchObject({
			ok: true,
			value: { plan: { code: 'DI12' }, chosenBy: 'purchase' },
		});
	});

	test.each<[string, number, PromotionalPlanRule, string | null, string]>([
		['below $200 for deferred interest', 19_999, longestDI, null, 'minimumPurchaseNotMet'],
		[
			'below $1,000 for reduced APR',
			99_999,
			{ rule: 'longestReducedApr' },
			null,
			'minimumPurchaseNotMet',
		],
		[
			'a reported plan whose minimum is not met',
			80_000,
			longestDI,
			'RA24',
			'minimumPurchaseNotMet',
		],
		['a reported plan outside the catalog', 80_000, longestDI, 'ZZ99', 'unknownPromotionalPlan'],
		[
			'a fixed plan outside the catalog',
			80_000,
			{ rule: 'fixed', code: 'X' },
			null,
			'unknownPromotionalPlan',
		],
		[
			'a fixed plan whose minimum is not met',
			80_000,
			{ rule: 'fixed', code: 'RA36' },
			null,
			'minimumPurchaseNotMet',
		],
		['a policy that does not guess', 80_000, { rule: 'none' }, null, 'noPlanChosen'],
	])('problem: %s', (_name, amount, rule, known, code) => {
		const result = choosePromotionalPlan(amount, DEFAULT_PLAN_CATALOG, rule, known);
		expect(result).toMatchObject({ ok: false, problems: [{ field: 'promotionalPlan', code }] });
	});

	test('the minimum-not-met message says the amounts', () => {
		const result = choosePromotionalPlan(15_000, DEFAULT_PLAN_CATALOG, longestDI);
		expect(result).toEqual({
			ok: false,
			problems: [
				{
					field: 'promotionalPlan',
					code: 'minimumPurchaseNotMet',
					message:
						'promotionalPlan: $150.00 is below the smallest deferred-interest plan minimum ($200.00)',
				},
			],
		});
	});
});
