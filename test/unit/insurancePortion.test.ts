import fc from 'fast-check';

import {
	DEFAULT_PLAN_CATALOG,
	comparePortions,
	describeOffer,
	estimatePatientPortion,
	financingOffer,
	portionSnapshotOf,
	type PortionEstimate,
	type PortionEstimateInput,
} from '../../financing';

const YEAR = { start: '2026-01-01', end: '2026-12-31' };

function estimate(input: PortionEstimateInput): PortionEstimate {
	const result = estimatePatientPortion(input);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

function problemsOf(input: unknown) {
	const result = estimatePatientPortion(input);
	if (result.ok) throw new Error('expected problems');
	return result.problems.map((p) => ({ field: p.field, code: p.code }));
}

describe("the practice system's own estimate (Open Dental's saved plan)", () => {
	test('FeeAmt − PriInsAmt − SecInsAmt − Discount = PatAmt, per procedure and in total', () => {
		// The two rows of Open Dental's ProcTPs example: 204 − 80 − 0 − 54 = 70 and 57 − 57 = 0.
		const result = estimate({
			procedures: [
				{
					procedureId: 1154,
					cdtCode: 'D2393',
					feeCents: 204_00,
					discountCents: 54_00,
					insuranceEstimate: { primaryCents: 80_00, secondaryCents: 0, patientCents: 70_00 },
				},
				{
					procedureId: 1167,
					cdtCode: 'D0140',
					feeCents: 57_00,
					insuranceEstimate: { primaryCents: 57_00, patientCents: 0 },
				},
			],
		});
		expect(result.procedures.map((p) => [p.procedureId, p.patientPortionCents, p.source])).toEqual([
			['1154', 70_00, 'pmsEstimate'],
			['1167', 0, 'pmsEstimate'],
		]);
		expect(result.totals).toEqual({
			feeCents: 261_00,
			discountCents: 54_00,
			primaryInsuranceCents: 137_00,
			secondaryInsuranceCents: 0,
			practiceDiscountCents: 0,
			patientPortionCents: 70_00,
		});
		expect(result.basis).toBe('pmsEstimate');
		expect(result.procedures[0]!.reasons[0]!.text).toBe(
			"the practice system's saved estimate: fee $204.00 − primary $80.00 − secondary $0.00 − discount $54.00 = $70.00",
		);
		expect(result.caveat).toMatch(/estimate, not a promise of payment/);
		expect(result.caveat).toMatch(/deductible has not been met/);
	});

	test('a PatAmt that does not match the other figures is a problem, never a guess', () => {
		expect(
			problemsOf({
				procedures: [
					{
						procedureId: 1,
						feeCents: 204_00,
						insuranceEstimate: { primaryCents: 80_00, patientCents: 100_00 },
					},
				],
			}),
		).toEqual([
			{
				field: 'estimate.procedures.0.insuranceEstimate.patientCents',
				code: 'patientAmountDisagrees',
			},
		]);
	});

	test('insurance plus discount above the fee is a problem', () => {
		expect(
			problemsOf({
				procedures: [
					{
						procedureId: 1,
						feeCents: 100_00,
						discountCents: 30_00,
						insuranceEstimate: { primaryCents: 80_00 },
					},
				],
			}),
		).toEqual([{ field: 'estimate.procedures.0.insuranceEstimate', code: 'insuranceAboveFee' }]);
	});
});

describe('from coverage, when the practice system has no estimate', () => {
	const primary = {
		carrierName: 'Delta Dental',
		benefitYear: YEAR,
		percentByCategory: { Preventive: 100, Basic: 80, Major: 50, Orthodontics: 0 },
		deductibleRemainingCents: 50_00,
		annualMaximumRemainingCents: 600_00,
		deductibleExemptCategories: ['preventive'],
	};

	test('deductible, percent and annual maximum, in the plan order, each with its reason', () => {
		const result = estimate({
			serviceDate: '2026-03-10',
			procedures: [
				{ procedureId: 'A', category: 'Preventive', feeCents: 120_00 },
				{ procedureId: 'B', category: 'Basic', feeCents: 204_00, discountCents: 54_00 },
				{ procedureId: 'C', category: 'Major', feeCents: 1_500_00 },
			],
			coverage: { primary },
		});
		// A: exempt from the deductible, 100% = 120.00; max left 480.00.
		// B: allowed 150.00, deductible 50.00, 80% of 100.00 = 80.00; max left 400.00.
		// C: 50% of 1,500.00 = 750.00, capped at 400.00; patient 1,100.00.
		expect(result.procedures.map((p) => [p.primaryInsuranceCents, p.patientPortionCents])).toEqual([
			[120_00, 0],
			[80_00, 70_00],
			[400_00, 1_100_00],
		]);
		expect(result.totals.patientPortionCents).toBe(1_170_00);
		expect(result.remaining.primary).toEqual({ deductibleCents: 0, annualMaximumCents: 0 });
		expect(result.procedures[0]!.reasons.map((r) => r.rule)).toEqual([
			'deductibleExempt',
			'coveragePercent',
		]);
		expect(result.procedures[1]!.reasons.map((r) => r.rule)).toEqual([
			'procedureDiscount',
			'deductible',
			'coveragePercent',
		]);
		expect(result.procedures[2]!.reasons.map((r) => [r.rule, r.amountCents])).toEqual([
			['coveragePercent', 750_00],
			['annualMaximum', 400_00],
		]);
		expect(result.procedures[2]!.reasons[1]!.text).toBe(
			'primary: the annual maximum left ($400.00) limits insurance to $400.00',
		);
	});

	test('a category covered at 0% leaves the deductible for the next procedure', () => {
		const result = estimate({
			serviceDate: '2026-03-10',
			procedures: [
				{ procedureId: 1, category: 'Orthodontics', feeCents: 300_00 },
				{ procedureId: 2, category: 'Basic', feeCents: 100_00 },
			],
			coverage: { primary: { ...primary, deductibleExemptCategories: [] } },
		});
		expect(result.procedures.map((p) => p.patientPortionCents)).toEqual([300_00, 60_00]);
	});

	test('secondary pays on the allowed amount, never more than what the primary left', () => {
		const result = estimate({
			serviceDate: '2026-06-01',
			procedures: [{ procedureId: 1, category: 'basic ', feeCents: 200_00 }],
			coverage: {
				primary: { ...primary, deductibleRemainingCents: 0 },
				secondary: {
					carrierName: 'MetLife',
					benefitYear: YEAR,
					percentByCategory: { Basic: 50 },
					deductibleRemainingCents: 25_00,
					annualMaximumRemainingCents: null,
				},
			},
		});
		// Primary 80% of 200 = 160. Secondary 50% of (200 − 25) = 87.50, limited to 40.00.
		expect(result.procedures[0]).toMatchObject({
			primaryInsuranceCents: 160_00,
			secondaryInsuranceCents: 40_00,
			patientPortionCents: 0,
		});
		expect(result.procedures[0]!.reasons.at(-1)!.rule).toBe('secondaryLimitedToRemainder');
		expect(result.remaining.secondary).toEqual({ deductibleCents: 0, annualMaximumCents: null });
	});

	test('an insurance share is rounded down to the cent (the patient portion is never understated)', () => {
		const result = estimate({
			serviceDate: '2026-03-10',
			procedures: [{ procedureId: 1, category: 'Basic', feeCents: 33_33 }],
			coverage: { primary: { ...primary, deductibleRemainingCents: 0 } },
		});
		// 80% of 33.33 = 26.664 → 26.66; the patient pays 6.67.
		expect(result.procedures[0]).toMatchObject({
			primaryInsuranceCents: 26_66,
			patientPortionCents: 6_67,
		});
	});

	test('no insurance on file: the fee less discounts, said so', () => {
		const result = estimate({
			procedures: [{ procedureId: 1, feeCents: 500_00, discountCents: 25_00 }],
		});
		expect(result.basis).toBe('noInsurance');
		expect(result.totals.patientPortionCents).toBe(475_00);
		expect(result.procedures[0]!.reasons.map((r) => r.rule)).toEqual([
			'procedureDiscount',
			'noInsurance',
		]);
	});

	test('a practice discount is split across procedures and they still add up to the total', () => {
		const result = estimate({
			procedures: [
				{ procedureId: 1, feeCents: 100_00 },
				{ procedureId: 2, feeCents: 100_00 },
				{ procedureId: 3, feeCents: 100_00 },
			],
			patientDiscount: { rule: 'amount', amountCents: 100_00 },
		});
		expect(result.procedures.map((p) => p.practiceDiscountCents)).toEqual([33_34, 33_33, 33_33]);
		expect(result.procedures.map((p) => p.patientPortionCents)).toEqual([66_66, 66_67, 66_67]);
		expect(result.totals.patientPortionCents).toBe(200_00);
	});
});

describe('bad input: every problem names its field', () => {
	const plan = {
		carrierName: 'Delta Dental',
		benefitYear: YEAR,
		percentByCategory: { Basic: 80 },
		deductibleRemainingCents: 0,
		annualMaximumRemainingCents: 1_000_00,
	};
	const procedure = { procedureId: 1, category: 'Basic', feeCents: 100_00 };

	test.each([
		[
			'an unknown category',
			{
				serviceDate: '2026-03-01',
				procedures: [{ ...procedure, category: 'Implants' }],
				coverage: { primary: plan },
			},
			[{ field: 'estimate.procedures.0.category', code: 'unknownCategory' }],
		],
		[
			"Open Dental's -1 as the deductible",
			{
				serviceDate: '2026-03-01',
				procedures: [procedure],
				coverage: { primary: { ...plan, deductibleRemainingCents: -1 } },
			},
			[{ field: 'estimate.coverage.primary.deductibleRemainingCents', code: 'emptyAmount' }],
		],
		[
			"Open Dental's -1 as a percent",
			{
				serviceDate: '2026-03-01',
				procedures: [procedure],
				coverage: { primary: { ...plan, percentByCategory: { Basic: -1 } } },
			},
			[{ field: 'estimate.coverage.primary.percentByCategory.Basic', code: 'emptyPercent' }],
		],
		[
			"Open Dental's -1.00 once turned into cents (-100) as the annual maximum",
			{
				serviceDate: '2026-03-01',
				procedures: [procedure],
				coverage: { primary: { ...plan, annualMaximumRemainingCents: -100 } },
			},
			[{ field: 'estimate.coverage.primary.annualMaximumRemainingCents', code: 'emptyAmount' }],
		],
		[
			'a negative fee',
			{ procedures: [{ ...procedure, feeCents: -5_000 }] },
			[{ field: 'estimate.procedures.0.feeCents', code: 'negative' }],
		],
		[
			'a benefit year that does not hold the date',
			{ serviceDate: '2027-01-05', procedures: [procedure], coverage: { primary: plan } },
			[{ field: 'estimate.coverage.primary.benefitYear', code: 'dateOutsideBenefitYear' }],
		],
		[
			'a plan with no carrier',
			{
				serviceDate: '2026-03-01',
				procedures: [procedure],
				coverage: { primary: { ...plan, carrierName: '' } },
			},
			[{ field: 'estimate.coverage.primary.carrierName', code: 'noCarrier' }],
		],
		[
			'a plan whose carrier is missing altogether',
			{
				serviceDate: '2026-03-01',
				procedures: [procedure],
				coverage: { primary: { ...plan, carrierName: undefined } },
			},
			[{ field: 'estimate.coverage.primary.carrierName', code: 'noCarrier' }],
		],
		[
			'a secondary plan without a primary',
			{ serviceDate: '2026-03-01', procedures: [procedure], coverage: { secondary: plan } },
			[{ field: 'estimate.coverage.secondary', code: 'secondaryWithoutPrimary' }],
		],
		[
			'no date for a coverage estimate',
			{ procedures: [procedure], coverage: { primary: plan } },
			[{ field: 'estimate.serviceDate', code: 'required' }],
		],
		[
			'a discount above the fee',
			{ procedures: [{ ...procedure, discountCents: 200_00 }] },
			[{ field: 'estimate.procedures.0.discountCents', code: 'discountAboveFee' }],
		],
		['no procedures', { procedures: [] }, [{ field: 'estimate.procedures', code: 'tooSmall' }]],
	])('%s', (_name, input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});

	test('messages begin with the field and say what to do', () => {
		const result = estimatePatientPortion({
			serviceDate: '2026-03-01',
			procedures: [procedure],
			coverage: { primary: { ...plan, deductibleRemainingCents: -1 } },
		});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems[0]!.message).toBe(
				"estimate.coverage.primary.deductibleRemainingCents: holds Open Dental's -1, which means empty; fill in the amount in the practice system or leave the field out",
			);
		}
	});
});

describe('properties', () => {
	const categories = ['Preventive', 'Basic', 'Major'];
	const planArb = fc.record({
		carrierName: fc.constant('Carrier'),
		benefitYear: fc.constant(YEAR),
		percentByCategory: fc.record({
			Preventive: fc.integer({ min: 0, max: 100 }),
			Basic: fc.integer({ min: 0, max: 100 }),
			Major: fc.integer({ min: 0, max: 100 }),
		}),
		deductibleRemainingCents: fc.integer({ min: 0, max: 200_00 }),
		annualMaximumRemainingCents: fc.option(fc.integer({ min: 0, max: 3_000_00 }), { nil: null }),
		deductibleExemptCategories: fc.subarray(categories),
	});
	const procedureArb = fc
		.record({
			category: fc.constantFrom(...categories),
			feeCents: fc.integer({ min: 0, max: 10_000_00 }),
			discountShare: fc.integer({ min: 0, max: 100 }),
			pms: fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
				nil: null,
			}),
		})
		.map(({ category, feeCents, discountShare, pms }) => {
			const discountCents = Math.floor((feeCents * discountShare) / 200);
			const left = feeCents - discountCents;
			const primary = pms ? Math.floor((left * pms[0]) / 100) : 0;
			const secondary = pms ? Math.floor(((left - primary) * pms[1]) / 100) : 0;
			return {
				category,
				feeCents,
				discountCents,
				insuranceEstimate: pms ? { primaryCents: primary, secondaryCents: secondary } : null,
			};
		});
	const inputArb = fc.record({
		procedures: fc.array(procedureArb, { minLength: 1, maxLength: 8 }),
		primary: fc.option(planArb, { nil: null }),
		secondary: fc.option(planArb, { nil: null }),
		discount: fc.option(
			fc.oneof(
				fc.record({
					rule: fc.constant('percent' as const),
					basisPoints: fc.integer({ min: 0, max: 10_000 }),
				}),
				fc.record({
					rule: fc.constant('amount' as const),
					amountCents: fc.integer({ min: 0, max: 20_000_00 }),
				}),
			),
			{ nil: undefined },
		),
	});

	test('per-procedure figures sum exactly to the totals; every figure is whole cents within the fee', () => {
		fc.assert(
			fc.property(inputArb, ({ procedures, primary, secondary, discount }) => {
				const result = estimate({
					serviceDate: '2026-05-05',
					procedures: procedures.map((p, i) => ({ ...p, procedureId: i + 1 })),
					coverage: {
						primary: primary ?? (secondary ? secondary : null),
						secondary: primary ? secondary : null,
					},
					patientDiscount: discount,
				});
				const sum = (pick: (p: (typeof result.procedures)[number]) => number) =>
					result.procedures.reduce((a, p) => a + pick(p), 0);
				expect(sum((p) => p.patientPortionCents)).toBe(result.totals.patientPortionCents);
				expect(sum((p) => p.primaryInsuranceCents)).toBe(result.totals.primaryInsuranceCents);
				expect(sum((p) => p.secondaryInsuranceCents)).toBe(result.totals.secondaryInsuranceCents);
				expect(sum((p) => p.practiceDiscountCents)).toBe(result.totals.practiceDiscountCents);
				for (const p of result.procedures) {
					expect(Number.isSafeInteger(p.patientPortionCents)).toBe(true);
					expect(p.patientPortionCents).toBeGreaterThanOrEqual(0);
					expect(
						p.discountCents +
							p.primaryInsuranceCents +
							p.secondaryInsuranceCents +
							p.practiceDiscountCents +
							p.patientPortionCents,
					).toBe(p.feeCents);
					expect(p.reasons.length).toBeGreaterThan(0);
				}
				const used = result.procedures
					.filter((p) => p.source === 'coverage')
					.reduce((a, p) => a + p.primaryInsuranceCents, 0);
				const plan = primary ?? secondary;
				if (plan && plan.annualMaximumRemainingCents !== null) {
					expect(used).toBeLessThanOrEqual(plan.annualMaximumRemainingCents);
				}
			}),
		);
	});
});

describe('a portion that changed after the application was sent', () => {
	const sent = {
		patientPortionCents: 1_200_00,
		procedures: [
			{ procedureId: 'A', patientPortionCents: 700_00 },
			{ procedureId: 'B', patientPortionCents: 500_00 },
		],
	};

	test('unchanged: nothing to do', () => {
		const result = comparePortions(sent, sent, 1_500_00);
		expect(result).toMatchObject({
			ok: true,
			value: { changed: false, action: 'none', differenceCents: 0, procedures: [] },
		});
	});

	test('changed: what changed, per procedure, and whether the approval still covers it', () => {
		const result = comparePortions(
			sent,
			{
				patientPortionCents: 1_650_00,
				procedures: [
					{ procedureId: 'A', patientPortionCents: 900_00 },
					{ procedureId: 'C', patientPortionCents: 750_00 },
				],
			},
			1_500_00,
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			changed: true,
			action: 'review',
			differenceCents: 450_00,
			approvedAmountCovers: false,
		});
		expect(result.value.procedures).toEqual([
			{ procedureId: 'A', change: 'changed', previousCents: 700_00, currentCents: 900_00 },
			{ procedureId: 'C', change: 'added', previousCents: null, currentCents: 750_00 },
			{ procedureId: 'B', change: 'removed', previousCents: 500_00, currentCents: null },
		]);
		expect(result.value.message).toBe(
			'The patient portion changed after the application was sent: $1,200.00 → $1,650.00 (procedure A $700.00 → $900.00; procedure C added ($750.00); procedure B removed (was $500.00)). The approved amount no longer covers it. Nothing was re-financed; please review with the patient.',
		);
	});

	test('an estimate snapshot compares with a re-verified estimate', () => {
		const before = estimate({
			procedures: [
				{ procedureId: 1, feeCents: 1_000_00, insuranceEstimate: { primaryCents: 400_00 } },
			],
		});
		const after = estimate({
			procedures: [
				{ procedureId: 1, feeCents: 1_000_00, insuranceEstimate: { primaryCents: 250_00 } },
			],
		});
		const result = comparePortions(portionSnapshotOf(before), portionSnapshotOf(after), 800_00);
		expect(result).toMatchObject({
			ok: true,
			value: { changed: true, differenceCents: 150_00, approvedAmountCovers: true },
		});
	});

	test('a snapshot that is not one is a problem naming its side', () => {
		const result = comparePortions({ patientPortionCents: -5 }, { patientPortionCents: '12' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems.map((p) => p.field)).toEqual([
				'sent.patientPortionCents',
				'current.patientPortionCents',
			]);
		}
	});
});

describe('the financing offer', () => {
	test('$1,000: every plan of the default catalog qualifies, with its monthly payment', () => {
		const result = financingOffer(1_000_00);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.plans.map((p) => [p.planCode, p.monthlyPaymentCents])).toEqual([
			['DI6', 166_67],
			['DI12', 83_34],
			['DI18', 55_56],
			['DI24', 41_67],
			['RA24', 48_44],
			['RA36', 35_11],
			['RA48', 28_80],
			['RA60', 25_34],
		]);
		expect(result.value.lowestMonthlyPaymentCents).toBe(25_34);
		expect(describeOffer(result.value)[1]).toBe(
			'DI12 (No interest if paid in full within 12 months): about $83.34/month for 12 months',
		);
	});

	test('$500: the deferred-interest plans only; the reduced-APR plans say why not', () => {
		const result = financingOffer(500_00, DEFAULT_PLAN_CATALOG);
		expect(result.ok && result.value.plans.map((p) => p.planCode)).toEqual([
			'DI6',
			'DI12',
			'DI18',
			'DI24',
		]);
		expect(result.ok && result.value.notOffered[0]).toEqual({
			planCode: 'RA24',
			label: '24 months at 14.90% APR, fixed monthly payments',
			minimumPurchaseCents: 1_000_00,
			reason: 'needs at least $1,000.00; the patient portion is $500.00',
		});
	});

	test('nothing owed, nothing offered; a negative amount is a problem', () => {
		const none = financingOffer(0);
		expect(none.ok && none.value.plans).toEqual([]);
		expect(none.ok && describeOffer(none.value)).toEqual([
			'No promotional plan fits a patient portion of $0.00.',
		]);
		expect(financingOffer(-1)).toMatchObject({
			ok: false,
			problems: [{ field: 'patientPortionCents', code: 'invalidAmount' }],
		});
	});
});
