import {
	benefitYearOf,
	coverageStatusOn,
	parseCheckedAppointment,
	summarizeOpenDentalBenefits,
	verificationKey,
	verificationNote,
	workList,
} from '../../financing';

const covCats = [
	{ CovCatNum: 1, Description: 'General', EbenefitCat: 'General' },
	{ CovCatNum: 2, Description: 'Preventive', EbenefitCat: 'RoutinePreventive' },
	{ CovCatNum: 3, Description: 'Crowns', EbenefitCat: 'Crowns' },
];
const row = (fields: Record<string, unknown>) => ({
	BenefitNum: 1,
	PlanNum: 7,
	CovCatNum: 0,
	Percent: -1,
	MonetaryAmt: -1,
	TimePeriod: 'CalendarYear',
	QuantityQualifier: 'None',
	Quantity: 0,
	CodeNum: 0,
	procCode: '',
	CoverageLevel: 'Individual',
	...fields,
});

describe('benefitYearOf', () => {
	test.each([
		['2026-12-02', 0, '2026-01-01', '2026-12-31'],
		['2026-12-02', null, '2026-01-01', '2026-12-31'],
		['2026-12-02', 7, '2026-07-01', '2027-06-30'],
		['2026-03-15', 7, '2025-07-01', '2026-06-30'],
		['2028-02-29', 3, '2027-03-01', '2028-02-29'],
	])('%s, renewing in month %s', (date, month, start, end) => {
		expect(benefitYearOf(date, month)).toEqual({ start, end });
	});
});

describe('summarizeOpenDentalBenefits', () => {
	const benefits = [
		// Annual maximum and deductible on CovCatNum 0, as Open Dental's benefits guide writes them.
		row({ BenefitNum: 1, BenefitType: 'Limitations', MonetaryAmt: 1000 }),
		row({ BenefitNum: 2, BenefitType: 'Limitations', MonetaryAmt: 3000, CoverageLevel: 'Family' }),
		row({ BenefitNum: 3, BenefitType: 'Deductible', MonetaryAmt: 50 }),
		row({ BenefitNum: 4, BenefitType: 'Deductible', MonetaryAmt: 0, CovCatNum: 2 }),
		row({
			BenefitNum: 5,
			BenefitType: 'CoInsurance',
			CovCatNum: 2,
			Percent: 100,
			CoverageLevel: 'None',
		}),
		row({
			BenefitNum: 6,
			BenefitType: 'CoInsurance',
			CovCatNum: 3,
			Percent: 50,
			CoverageLevel: 'None',
		}),
		row({
			BenefitNum: 7,
			BenefitType: 'Limitations',
			CodeNum: 44,
			procCode: 'D0330',
			QuantityQualifier: 'Years',
			Quantity: 5,
			TimePeriod: 'None',
		}),
		// Another plan's row is not this plan's business (the caller passes one plan's rows).
	];
	const claims = [
		{
			PlanNum: 7,
			Status: 'Received',
			ProcDate: '2026-02-01',
			InsPayAmt: 300,
			InsPayEst: 300,
			DedApplied: 50,
		},
		{
			PlanNum: 7,
			Status: 'NotReceived',
			ProcDate: '2026-11-20',
			InsPayAmt: 0,
			InsPayEst: 125.5,
			DedApplied: 0,
		},
		{ PlanNum: 7, Status: 'Adjustment', ProcDate: '2026-03-01', InsPayAmt: 100, DedApplied: 0 },
		{ PlanNum: 7, Status: 'Estimate', ProcDate: '2026-12-10', InsPayEst: 900, DedApplied: 0 },
		{ PlanNum: 7, Status: 'Received', ProcDate: '2025-12-31', InsPayAmt: 999, DedApplied: 50 },
		{ PlanNum: 8, Status: 'Received', ProcDate: '2026-05-01', InsPayAmt: 999, DedApplied: 50 },
	];

	test('the numbers: maximum less used and pending, deductible applied, percents, waivers, frequencies', () => {
		const result = summarizeOpenDentalBenefits({
			date: '2026-12-04',
			plan: { planId: 7, carrierName: 'Midwest', monthRenew: 0 },
			benefits,
			covCats,
			claimProcs: claims,
		});
		expect(result).toEqual({
			ok: true,
			value: {
				planId: '7',
				carrierName: 'Midwest',
				benefitYear: { start: '2026-01-01', end: '2026-12-31' },
				annualMaximumCents: 100000,
				usedCents: 40000,
				pendingCents: 12550,
				annualMaximumRemainingCents: 47450,
				deductibleCents: 5000,
				deductibleAppliedCents: 5000,
				deductibleRemainingCents: 0,
				familyAnnualMaximumCents: 300000,
				familyDeductibleCents: null,
				percentByCategory: { Preventive: 100, Crowns: 50 },
				deductibleExemptCategories: ['Preventive'],
				frequencies: [{ procedureCode: 'D0330', times: 1, per: 'every 5 years' }],
			},
		});
	});

	test('the maximum never goes below zero; a missing maximum is null, not zero', () => {
		const over = summarizeOpenDentalBenefits({
			date: '2026-06-01',
			plan: { planId: 7, carrierName: null },
			benefits: [row({ BenefitType: 'Limitations', MonetaryAmt: 100, CovCatNum: 1 })],
			covCats,
			claimProcs: [{ PlanNum: 7, Status: 'Received', ProcDate: '2026-02-01', InsPayAmt: 300 }],
		});
		expect(over.ok && over.value.annualMaximumRemainingCents).toBe(0);
		const none = summarizeOpenDentalBenefits({
			date: '2026-06-01',
			plan: { planId: 7, carrierName: null },
			benefits: [],
			covCats,
		});
		expect(
			none.ok && [
				none.value.annualMaximumCents,
				none.value.annualMaximumRemainingCents,
				none.value.deductibleRemainingCents,
			],
		).toEqual([null, null, 0]);
	});

	test("Open Dental's -1 on an amount or a percent is a problem naming the row, never a number", () => {
		const result = summarizeOpenDentalBenefits({
			date: '2026-06-01',
			plan: { planId: 7, carrierName: 'Midwest' },
			benefits: [
				row({ BenefitNum: 11, BenefitType: 'Limitations' }),
				row({ BenefitNum: 12, BenefitType: 'Deductible', MonetaryAmt: 50 }),
				row({ BenefitNum: 13, BenefitType: 'CoInsurance', CovCatNum: 3, Percent: -1 }),
			],
			covCats,
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.field, p.code])).toEqual([
			['benefits.11.MonetaryAmt', 'emptyAmount'],
			['benefits.13.Percent', 'emptyPercent'],
		]);
	});

	test('a date that is not one is a problem', () => {
		expect(
			summarizeOpenDentalBenefits({
				date: '12/04/2026',
				plan: { planId: 7, carrierName: null },
				benefits: [],
				covCats,
			}).ok,
		).toBe(false);
	});
});

describe('coverageStatusOn', () => {
	test.each([
		[{}, 'active'],
		[{ isPending: true }, 'pending'],
		[{ effectiveDate: '2026-12-05' }, 'notYetEffective'],
		[{ termDate: '2026-12-03' }, 'ended'],
		[{ termDate: '2026-12-04' }, 'active'],
		[{ termDate: '2026-12-01', isPending: true }, 'ended'],
	])('%j on 2026-12-04: %s', (plan, status) => {
		expect(coverageStatusOn(plan, '2026-12-04')).toBe(status);
	});
});

const check = (over: Record<string, unknown> = {}) => ({
	patientId: '232',
	appointmentId: '702',
	visitDate: '2026-12-03',
	visitTime: '10:00',
	status: 'needsALook',
	findings: [
		{
			code: 'enrollmentVerificationStale',
			ordinal: 1,
			carrierName: 'Great Lakes',
			check:
				'Primary plan (Great Lakes): eligibility last verified 2026-05-16 (200 days ago, limit 30); verify again.',
		},
	],
	problems: [],
	plans: [
		{
			patPlanId: '32',
			planId: '12',
			ordinal: 1,
			carrierName: 'Great Lakes',
			enrollmentVerifiedOn: '2026-05-16',
		},
	],
	record: { key: verificationKey('232', '2026-12-02'), date: '2026-12-02', recordedToday: false },
	...over,
});

describe('checked appointments: clearinghouse, note, work list', () => {
	test("a clearinghouse's yes answers the eligibility findings; its no makes a ready visit need a look", () => {
		const yes = parseCheckedAppointment(check({ clearinghouse: { eligible: true } }));
		expect(yes.ok && [yes.value.status, yes.value.findings]).toEqual(['ready', []]);
		const no = parseCheckedAppointment(
			check({
				status: 'ready',
				findings: [],
				clearinghouse: { eligible: false, note: 'terminated 11/30' },
			}),
		);
		expect(no.ok && no.value.status).toBe('needsALook');
		expect(no.ok && no.value.findings[0]!.check).toContain('not eligible (terminated 11/30)');
	});

	test('the note carries the result and the day key', () => {
		const parsed = parseCheckedAppointment(check());
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(verificationNote(parsed.value)).toBe(
			'Insurance checked on 2026-12-02 before the visit on 2026-12-03 at 10:00 (appointment 702): needs a look: Primary plan (Great Lakes): eligibility last verified 2026-05-16 (200 days ago, limit 30); verify again. Written by automation. [iv:232:2026-12-02]',
		);
	});

	test('the work list: by visit day, time, PatNum and appointment; ready ones left out; empty when nothing', () => {
		const items = [
			check(),
			check({ patientId: '231', appointmentId: '701', status: 'ready', findings: [] }),
			check({
				patientId: '237',
				appointmentId: '703',
				visitTime: '13:00',
				status: 'problem',
				findings: [],
				problems: [
					{
						field: 'benefits.181.MonetaryAmt',
						code: 'emptyAmount',
						message: 'benefits.181.MonetaryAmt: the annual maximum is empty',
					},
				],
			}),
			check({
				patientId: '238',
				appointmentId: '708',
				visitDate: '2026-12-08',
				visitTime: '15:00',
				findings: [
					{
						code: 'noCoverageOnFile',
						ordinal: null,
						carrierName: null,
						check: 'No insurance on file: ask whether the patient has dental insurance.',
					},
				],
			}),
		].map((c) => {
			const parsed = parseCheckedAppointment(c);
			if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
			return parsed.value;
		});
		const list = workList(items, '2026-12-02');
		expect(list.text).toBe(
			[
				'Insurance to check before the visits (3 appointments, list of 2026-12-02):',
				'Thursday 2026-12-03',
				'- 10:00 PatNum 232 (appointment 702): Primary plan (Great Lakes): eligibility last verified 2026-05-16 (200 days ago, limit 30); verify again.',
				'- 13:00 PatNum 237 (appointment 703): Fix in Open Dental first: benefits.181.MonetaryAmt: the annual maximum is empty',
				'Tuesday 2026-12-08',
				'- 15:00 PatNum 238 (appointment 708): No insurance on file: ask whether the patient has dental insurance.',
			].join('\n'),
		);
		expect(list.lineCount).toBe(3);
		expect(workList([items[1]!], '2026-12-02')).toMatchObject({ lineCount: 0, text: '', days: [] });
	});
});
