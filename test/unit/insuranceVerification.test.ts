import {
	verificationWorkList,
	verifyBeforeVisit,
	type VerificationInput,
	type VerificationResult,
} from '../../financing';

const RULES = {
	timeZone: 'America/New_York',
	verificationMaxAgeDays: 30,
	annualMaximumThresholdCents: 200_00,
};
// Already 2026-03-02 in UTC, still 2026-03-01 in New York: "today" is the practice's day.
const NOW = new Date('2026-03-02T03:00:00Z'); // 2026-03-01 22:00 EST

const goodPlan = {
	ordinal: 1,
	carrierName: 'Delta Dental',
	effectiveDate: '2025-01-01',
	termDate: '0001-01-01',
	enrollmentVerifiedOn: '2026-02-20',
	benefitsVerifiedOn: '2026-02-20',
	annualMaximumRemainingCents: 1_200_00,
	deductibleRemainingCents: 0,
	benefitYear: { start: '2026-01-01', end: '2026-12-31' },
};

function verify(input: VerificationInput, rules = RULES): VerificationResult {
	const result = verifyBeforeVisit(input, rules, NOW);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('checks before a visit', () => {
	test('all good: ready, no findings (an Open Dental AptDateTime is read as its date)', () => {
		expect(
			verify({
				patientId: 101,
				appointmentId: 7,
				visitDate: '2026-03-04 09:30:00',
				plans: [goodPlan],
			}),
		).toEqual({
			patientId: '101',
			appointmentId: '7',
			visitDate: '2026-03-04',
			ready: true,
			findings: [],
		});
	});

	test.each([
		[
			'coverage ended before the visit',
			{ termDate: '2026-02-28' },
			'coverageEnded',
			'Primary plan (Delta Dental) ended 2026-02-28, before the visit on 2026-03-04: ask for the current insurance.',
		],
		[
			'coverage starts after the visit',
			{ effectiveDate: '2026-04-01' },
			'coverageNotYetEffective',
			'Primary plan (Delta Dental) starts 2026-04-01, after the visit on 2026-03-04: confirm the start date.',
		],
		[
			'coverage marked pending',
			{ isPending: true },
			'coveragePending',
			'Primary plan (Delta Dental) is marked pending: confirm it is active.',
		],
		[
			'eligibility never verified',
			{ enrollmentVerifiedOn: '0001-01-01' },
			'enrollmentNeverVerified',
			'Primary plan (Delta Dental): eligibility never verified; verify with the carrier.',
		],
		// Today in New York is 2026-03-01: 2026-01-29 is 31 days ago, over the limit of 30.
		[
			'benefits verified too long ago',
			{ benefitsVerifiedOn: '2026-01-29' },
			'benefitsVerificationStale',
			'Primary plan (Delta Dental): benefits last verified 2026-01-29 (31 days ago, limit 30); verify again.',
		],
		[
			'annual maximum nearly used up',
			{ annualMaximumRemainingCents: 150_00 },
			'annualMaximumLow',
			'Primary plan (Delta Dental): only $150.00 of the annual maximum is left; tell the patient before the visit.',
		],
		[
			'annual maximum used up',
			{ annualMaximumRemainingCents: 0 },
			'annualMaximumUsedUp',
			'Primary plan (Delta Dental): the annual maximum is used up; the patient pays in full.',
		],
		[
			'deductible not met',
			{ deductibleRemainingCents: 50_00 },
			'deductibleNotMet',
			'Primary plan (Delta Dental): $50.00 of the deductible is not met yet; the patient may owe it at the visit.',
		],
	])('%s', (_name, change, code, check) => {
		const result = verify({
			patientId: 1,
			visitDate: '2026-03-04',
			plans: [{ ...goodPlan, ...change }],
		});
		expect(result.ready).toBe(false);
		expect(result.findings).toEqual([{ code, ordinal: 1, carrierName: 'Delta Dental', check }]);
	});

	test('verified exactly at the limit is still fresh (30 days on the practice’s calendar)', () => {
		expect(
			verify({
				patientId: 1,
				visitDate: '2026-03-04',
				plans: [{ ...goodPlan, benefitsVerifiedOn: '2026-01-30' }],
			}).ready,
		).toBe(true);
	});

	test('no plan on file is a finding, not a problem', () => {
		expect(
			verify({ patientId: 1, visitDate: '2026-03-04', plans: [] }).findings.map((f) => f.code),
		).toEqual(['noCoverageOnFile']);
	});

	test('a secondary plan is named as such', () => {
		const result = verify({
			patientId: 1,
			visitDate: '2026-03-04',
			plans: [
				goodPlan,
				{ ...goodPlan, ordinal: 2, carrierName: 'MetLife', termDate: '2026-01-31' },
			],
		});
		expect(result.findings.map((f) => f.check)).toEqual([
			'Secondary plan (MetLife) ended 2026-01-31, before the visit on 2026-03-04: ask for the current insurance.',
		]);
	});

	test.each([
		[
			'a plan with no carrier',
			{ carrierName: '  ' },
			'verification.plans.0.carrierName',
			'noCarrier',
		],
		[
			"Open Dental's -1 as the maximum left",
			{ annualMaximumRemainingCents: -1 },
			'verification.plans.0.annualMaximumRemainingCents',
			'emptyAmount',
		],
		[
			'a visit outside the benefit year',
			{ benefitYear: { start: '2025-01-01', end: '2025-12-31' } },
			'verification.plans.0.benefitYear',
			'dateOutsideBenefitYear',
		],
		[
			'a date that is not one',
			{ termDate: '2026-02-30' },
			'verification.plans.0.termDate',
			'invalidDate',
		],
	])('bad input: %s is a problem naming the field', (_name, change, field, code) => {
		const result = verifyBeforeVisit(
			{ patientId: 1, visitDate: '2026-03-04', plans: [{ ...goodPlan, ...change }] },
			RULES,
			NOW,
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.problems.map((p) => [p.field, p.code])).toContainEqual([field, code]);
	});

	test('bad rules are problems too', () => {
		const result = verifyBeforeVisit(
			{ patientId: 1, visitDate: '2026-03-04', plans: [] },
			{ timeZone: 'Mars/Olympus' },
			NOW,
		);
		expect(result).toMatchObject({ ok: false, problems: [{ field: 'rules.timeZone' }] });
	});
});

describe('the front desk work list', () => {
	test('grouped by visit day, ready patients left out, the same order on every run', () => {
		const a = verify({
			patientId: 20,
			appointmentId: 2,
			visitDate: '2026-03-05',
			plans: [{ ...goodPlan, deductibleRemainingCents: 10_00 }],
		});
		const b = verify({
			patientId: 10,
			appointmentId: 1,
			visitDate: '2026-03-04',
			plans: [{ ...goodPlan, isPending: true, annualMaximumRemainingCents: 0 }],
		});
		const c = verify({ patientId: 5, visitDate: '2026-03-04', plans: [goodPlan] });
		const d = verify({ patientId: 3, appointmentId: 9, visitDate: '2026-03-05', plans: [] });
		const list = verificationWorkList([a, b, c, d]);
		expect(list).toEqual([
			{
				visitDate: '2026-03-04',
				lines: [
					{
						patientId: '10',
						appointmentId: '1',
						check: 'Primary plan (Delta Dental) is marked pending: confirm it is active.',
					},
					{
						patientId: '10',
						appointmentId: '1',
						check:
							'Primary plan (Delta Dental): the annual maximum is used up; the patient pays in full.',
					},
				],
			},
			{
				visitDate: '2026-03-05',
				lines: [
					{
						patientId: '3',
						appointmentId: '9',
						check: 'No insurance on file: ask whether the patient has dental insurance.',
					},
					{
						patientId: '20',
						appointmentId: '2',
						check:
							'Primary plan (Delta Dental): $10.00 of the deductible is not met yet; the patient may owe it at the visit.',
					},
				],
			},
		]);
		expect(verificationWorkList([d, c, b, a])).toEqual(list);
	});
});
