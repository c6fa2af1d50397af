import fc from 'fast-check';

import {
	buildWrites,
	compareTerms,
	defaultPracticePolicy,
	durationStats,
	practiceNumbers,
	recordedTermsFromAuditNote,
	type PracticeNumbersReport,
	type PracticeRecords,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, NEW_YORK } from './fixtures';

const TZ = 'America/New_York';
const NOW = new Date('2026-03-09T15:00:00Z'); // Monday: last week is Mar 2–8

/** An audit note in the words arrangement.ts writes (financing/README.md, "Writes"). */
function auditNote(
	token: string,
	shortfall?: { total: string; pay: string; n: number; first: string },
): string {
	const inHouse = shortfall
		? `In-house balance after CareCredit ${shortfall.total}: down payment $0.00, ${shortfall.n} x ${shortfall.pay} monthly from ${shortfall.first} (last $133.30), APR 0.00%.`
		: 'No in-house balance.';
	return `2026-03-02 10:30 EST CareCredit approved: application ${token.slice(4, -1)} for patient 1 (guarantor 1), decided 2026-03-02 10:20 EST. Promotional plan DI24: No interest if paid in full within 24 months. Approved $4,000.00; patient portion $4,800.00; financed by CareCredit $4,000.00; est. $166.67/mo to CareCredit (minimum $166.67) for 24 months from about 2026-04-01. CareCredit payment $4,000.00 (gross). ${inHouse} Written by automation. ${token}`;
}

const decision = (
	id: string,
	patientId: string,
	planId: string,
	locationId: string,
	decidedAt: string,
	status = 'approved',
) =>
	approvedDecision({
		applicationId: id,
		status: status as 'approved',
		rawStatus: status,
		decidedAt,
		approvedAmountCents: status === 'approved' ? 400_000 : null,
		pms: { patientId, guarantorId: patientId, treatmentPlanId: planId, locationId },
	});

const SHORTFALL = { total: '$800.00', pay: '$133.34', n: 6, first: '2026-04-01' };
const AGREED = {
	totalCents: 800_00,
	downPaymentCents: 0,
	paymentCents: 133_34,
	numberOfPayments: 6,
	firstPaymentDate: '2026-04-01',
	interval: 'monthly' as const,
	aprBasisPoints: 0,
};

const records: PracticeRecords = {
	presentations: [
		{
			treatmentPlanId: 9,
			patientId: 101,
			locationId: 'L1',
			presentedAt: '2026-03-02 09:00:00',
			acceptedAt: '2026-03-02T15:00:00Z',
			procedureIds: [5001, 5002],
		},
		{
			treatmentPlanId: 10,
			patientId: 102,
			locationId: 'L1',
			presentedAt: '2026-03-03T13:00:00Z',
			procedureIds: [6001],
		},
		{
			treatmentPlanId: 11,
			patientId: 201,
			locationId: 'L2',
			presentedAt: '2026-03-04T15:00:00Z',
			acceptedAt: '2026-03-04T15:00:00Z',
			procedureIds: [1],
		},
		{
			treatmentPlanId: 12,
			patientId: 202,
			locationId: 'L2',
			presentedAt: '2026-03-05T15:00:00Z',
			procedureIds: [2],
		},
		{
			treatmentPlanId: 13,
			patientId: 203,
			locationId: 'L2',
			presentedAt: '2026-03-06T13:00:00Z',
			acceptedAt: '2026-03-06T14:00:00Z',
			procedureIds: [7001],
		},
		{
			treatmentPlanId: 14,
			patientId: 103,
			locationId: 'L1',
			presentedAt: '2026-02-24T14:00:00Z',
			procedureIds: [8001],
		},
	],
	decisions: [
		decision('APP-A', '101', '9', 'L1', '2026-03-02T15:20:00Z'),
		decision('APP-B', '102', '10', 'L1', '2026-03-03T14:00:00Z'),
		decision('APP-C', '201', '11', 'L2', '2026-03-04T16:00:00Z', 'declined'),
		decision('APP-D', '202', '12', 'L2', '2026-03-05T16:00:00Z', 'pending'),
		decision('APP-E0', '203', '13', 'L2', '2026-03-06T14:30:00Z', 'pending'),
		decision('APP-E', '203', '13', 'L2', '2026-03-06T15:00:00Z'),
		decision('APP-F', '103', '14', 'L1', '2026-02-24T15:00:00Z'),
		{ applicationId: 'APP-X', decidedAt: '2026-03-03T10:00:00Z' },
	],
	auditNotes: [
		{
			noteId: 'n1',
			patientId: 101,
			writtenAt: '2026-03-02T15:30:00Z',
			text: auditNote('[cc:APP-A]', SHORTFALL),
		},
		// Open Dental turns the line breaks into spaces and may change the case of nothing else.
		{
			noteId: 'n2',
			patientId: 102,
			writtenAt: '2026-03-03 11:00:00',
			text: auditNote('[ cc:APP-B ]', SHORTFALL).replace(/\. /g, '.\n'),
		},
		{
			noteId: 'n3',
			patientId: 203,
			writtenAt: '2026-03-06T20:00:00Z',
			text: auditNote('[cc:APP-E]', SHORTFALL),
		},
		{
			noteId: 'n4',
			patientId: 103,
			writtenAt: '2026-02-24T15:10:00Z',
			text: auditNote('[cc:APP-F]'),
		},
		{
			noteId: 'n5',
			patientId: 104,
			writtenAt: '2026-03-04T15:10:00Z',
			text: 'CareCredit approved; written by automation, token lost.',
		},
		{
			noteId: 'n6',
			patientId: 105,
			writtenAt: '2026-03-04T15:10:00Z',
			text: auditNote('[cc:APP-ZZZ]'),
		},
	],
	arrangements: [
		{
			arrangementId: 'pa1',
			patientId: 101,
			createdAt: '2026-03-02T15:31:00Z',
			createdBy: 'automation',
			note: 'In-house plan [cc:APP-A]',
			current: AGREED,
		},
		{
			arrangementId: 'pa2',
			patientId: 102,
			createdAt: '2026-03-03T16:01:00Z',
			createdBy: 'automation',
			note: 'In-house plan [cc:APP-B]',
			current: { ...AGREED, paymentCents: 150_00, numberOfPayments: 5 },
			lastStaffEditAt: '2026-03-04T18:00:00Z',
		},
		{
			arrangementId: 'pp3',
			patientId: 203,
			createdAt: '2026-03-06T20:01:00Z',
			createdBy: 'automation',
			note: '[cc:APP-E]',
			current: null,
			removedAt: '2026-03-07 09:00:00',
		},
		{
			arrangementId: 'pa4',
			patientId: 104,
			createdAt: '2026-03-04T15:11:00Z',
			createdBy: 'automation',
			note: 'note rewritten by staff',
			current: AGREED,
		},
		{
			arrangementId: 'pa5',
			patientId: 106,
			createdAt: '2026-03-04T15:11:00Z',
			createdBy: 'staff',
			note: 'a plan staff made',
			current: AGREED,
		},
	],
	appointments: [
		{
			appointmentId: 70,
			patientId: 101,
			status: 'Scheduled',
			bookedAt: '2026-03-03T14:00:00Z',
			procedureIds: [5001],
		},
		{
			appointmentId: 71,
			patientId: 203,
			status: 'Scheduled',
			bookedAt: '2026-03-07T14:00:00Z',
			procedureIds: [],
		},
		{
			appointmentId: 72,
			patientId: 203,
			status: 'Broken',
			bookedAt: '2026-03-07T14:00:00Z',
			procedureIds: [7001],
		},
		{
			appointmentId: 73,
			patientId: 999,
			status: 'Scheduled',
			bookedAt: '2026-03-07T14:00:00Z',
			procedureIds: [],
		},
	],
};

function numbers(input: PracticeRecords = records, options = {}): PracticeNumbersReport {
	const result = practiceNumbers(input, { timeZone: TZ, ...options }, NOW);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('the three numbers from hand-made records', () => {
	const report = numbers();

	test('last week, Monday to Sunday in the practice’s zone, and the four-week trend', () => {
		expect(report.period).toEqual({ from: '2026-03-02', to: '2026-03-08' });
		expect(report.weeks.map((w) => w.from)).toEqual([
			'2026-02-09',
			'2026-02-16',
			'2026-02-23',
			'2026-03-02',
		]);
	});

	test('the group', () => {
		const p = report.group.period;
		expect(p.acceptance).toEqual({
			presented: 5,
			applicationsCompleted: 4,
			approved: 3,
			arranged: 3,
			booked: 1,
			declined: 1,
			pending: 1,
			otherOutcome: 0,
			noDecision: 0,
			arrangedPercent: 60,
			bookedPercent: 20,
		});
		// A: 10:00 yes → 10:30 note = 30; B: decision 14:00Z → note 11:00 EST (16:00Z) = 120;
		// E: 14:00Z yes → 20:00Z note = 360. Median 120, 90th percentile the 3rd of 3 = 360.
		expect(p.timeToArrangement).toEqual({ cases: 3, medianMinutes: 120, p90Minutes: 360 });
		expect(p.timeToBooked).toEqual({ cases: 1, medianMinutes: 23 * 60, p90Minutes: 23 * 60 });
		expect(p.corrections).toEqual({
			automated: 3,
			corrected: 2,
			changed: 1,
			removed: 1,
			percent: 66.7,
		});
	});

	test('per location, side by side', () => {
		expect(report.locations.map((l) => l.locationId)).toEqual(['L1', 'L2']);
		const [l1, l2] = report.locations;
		expect(l1!.period.timeToArrangement).toEqual({ cases: 2, medianMinutes: 75, p90Minutes: 120 });
		expect(l1!.period.acceptance).toMatchObject({
			presented: 2,
			approved: 2,
			arranged: 2,
			booked: 1,
			arrangedPercent: 100,
		});
		expect(l2!.period.acceptance).toMatchObject({
			presented: 3,
			approved: 1,
			declined: 1,
			pending: 1,
			arrangedPercent: 33.3,
		});
		expect(l2!.period.corrections).toMatchObject({ automated: 1, removed: 1 });
		// The week before holds case F (L1) only: 10 minutes to the audit note.
		expect(l1!.weeks[2]!.timeToArrangement).toEqual({
			cases: 1,
			medianMinutes: 10,
			p90Minutes: 10,
		});
		expect(l2!.weeks[2]!.acceptance.presented).toBe(0);
		expect(report.group.weeks[3]).toEqual(report.group.period);
	});

	test('the cases that need a look', () => {
		expect(report.needsALook.slowest.map((c) => [c.token, c.minutesToArrangement])).toEqual([
			['[cc:APP-E]', 360],
			['[cc:APP-B]', 120],
			['[cc:APP-A]', 30],
		]);
		expect(report.needsALook.corrected).toEqual([
			{
				arrangementId: 'pa2',
				token: '[cc:APP-B]',
				patientId: '102',
				locationId: 'L1',
				kind: 'changed',
				changes: [
					{
						field: 'paymentCents',
						recorded: 133_34,
						current: 150_00,
						text: 'paymentCents: $133.34 → $150.00',
					},
					{ field: 'numberOfPayments', recorded: 6, current: 5, text: 'numberOfPayments: 6 → 5' },
				],
				createdAt: '2026-03-03T16:01:00.000Z',
				correctedAt: '2026-03-04T18:00:00.000Z',
				text: 'Arrangement pa2 [cc:APP-B] was changed by staff: paymentCents: $133.34 → $150.00; numberOfPayments: 6 → 5.',
			},
			expect.objectContaining({
				arrangementId: 'pp3',
				kind: 'removed',
				correctedAt: '2026-03-07T14:00:00.000Z',
				text: 'Arrangement pp3 [cc:APP-E] was removed by staff.',
			}),
		]);
		expect(report.needsALook.approvedNotBooked.map((c) => c.token)).toEqual([
			'[cc:APP-F]',
			'[cc:APP-B]',
			'[cc:APP-E]',
		]);
	});

	test('what it cannot interpret is listed, never guessed', () => {
		expect(report.unclassified.map((u) => [u.record, u.id, u.reason])).toEqual([
			['decision', null, 'invalidRecord'],
			['auditNote', 'n5', 'noReferenceToken'],
			['auditNote', 'n6', 'noDecisionForToken'],
			['arrangement', 'pa4', 'editedBeyondRecognition'],
			['appointment', '71', 'appointmentWithoutProcedures'],
		]);
		expect(report.read).toEqual({
			presentation: 6,
			application: 0,
			decision: 8,
			auditNote: 6,
			arrangement: 5,
			appointment: 4,
		});
	});

	test('one location asked for: its numbers, and the group made of it', () => {
		const only = numbers(records, { locationIds: ['L2'] });
		expect(only.locations.map((l) => l.locationId)).toEqual(['L2']);
		expect(only.group.period).toEqual(only.locations[0]!.period);
	});

	test('a custom period', () => {
		const feb = numbers(records, { period: { from: '2026-02-23', to: '2026-03-01' } });
		expect(feb.group.period.acceptance.presented).toBe(1);
		expect(feb.weeks.at(-1)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
	});
});

describe('what the audit note records (the note buildWrites writes)', () => {
	test('an in-house plan: the Dentrix agreement as written compares equal; a staff edit shows', () => {
		const built = buildWrites(
			crownAndImplant(),
			approvedDecision(),
			defaultPracticePolicy(NEW_YORK),
			NEAR_MIDNIGHT,
		);
		if (!built.ok) throw new Error(JSON.stringify(built.problems));
		const a = built.value.dentrixPaymentAgreement!;
		const asWritten = {
			totalCents: a.totalAgreedAmountCents,
			downPaymentCents: a.downPaymentCents,
			paymentCents: a.paymentAmountCents,
			numberOfPayments: a.numberOfPayments,
			firstPaymentDate: a.firstPaymentDue,
			interval: a.interval,
			aprBasisPoints: a.annualFinanceChargeBasisPoints,
		};
		const recorded = recordedTermsFromAuditNote(built.value.auditNote.replace(/ /g, '\n'));
		expect(recorded.shortfallPlan).toEqual(asWritten);
		expect(compareTerms(recorded.shortfallPlan!, asWritten)).toEqual({ compared: 7, changes: [] });
		expect(
			compareTerms(recorded.shortfallPlan!, {
				...asWritten,
				firstPaymentDate: '2026-05-01',
			}).changes.map((c) => c.field),
		).toEqual(['firstPaymentDate']);
	});

	test('fully financed: the financing record (Dentrix agreement) as written compares equal', () => {
		const built = buildWrites(
			crownAndImplant(),
			approvedDecision({ approvedAmountCents: 500_000, creditLineCents: 500_000 }),
			defaultPracticePolicy(NEW_YORK),
			NEAR_MIDNIGHT,
		);
		if (!built.ok) throw new Error(JSON.stringify(built.problems));
		const a = built.value.dentrixPaymentAgreement!;
		const recorded = recordedTermsFromAuditNote(built.value.auditNote);
		expect(recorded.shortfallPlan).toBeNull();
		expect(
			compareTerms(recorded.financingRecord!, {
				totalCents: a.totalAgreedAmountCents,
				downPaymentCents: a.downPaymentCents,
				paymentCents: a.paymentAmountCents,
				numberOfPayments: a.numberOfPayments,
				firstPaymentDate: a.firstPaymentDue,
				interval: a.interval,
			}),
		).toEqual({ compared: 6, changes: [] });
	});
});

describe('corrections that cannot be compared', () => {
	test('an arrangement whose terms share nothing with the note, or whose note records no terms', () => {
		const report = numbers({
			decisions: [
				decision('APP-G', '1', '1', 'L1', '2026-03-03T14:00:00Z'),
				decision('APP-H', '2', '2', 'L1', '2026-03-03T14:00:00Z'),
			],
			auditNotes: [
				{
					noteId: 'g',
					patientId: 1,
					writtenAt: '2026-03-03T14:05:00Z',
					text: auditNote('[cc:APP-G]', SHORTFALL),
				},
				{
					noteId: 'h',
					patientId: 2,
					writtenAt: '2026-03-03T14:05:00Z',
					text: 'CareCredit approved. Written by automation. [cc:APP-H]',
				},
			],
			arrangements: [
				{
					arrangementId: 'g1',
					patientId: 1,
					createdAt: '2026-03-03T14:06:00Z',
					createdBy: 'automation',
					note: '[cc:APP-G]',
					current: {},
				},
				{
					arrangementId: 'h1',
					patientId: 2,
					createdAt: '2026-03-03T14:06:00Z',
					note: '[cc:APP-H]',
					current: AGREED,
				},
			],
		});
		expect(report.unclassified.map((u) => [u.id, u.reason])).toEqual([
			['g1', 'editedBeyondRecognition'],
			['h1', 'noRecordedTerms'],
			['APP-G', 'caseWithoutProcedures'],
			['APP-H', 'caseWithoutProcedures'],
		]);
		expect(report.group.period.corrections.automated).toBe(0);
	});
});

describe('properties on generated records', () => {
	const caseArb = fc.record({
		location: fc.constantFrom('L1', 'L2', 'L3'),
		status: fc.constantFrom('approved', 'declined', 'pending', 'expired'),
		startMinute: fc.integer({ min: 0, max: 35 * 24 * 60 }),
		arrangedAfter: fc.option(fc.integer({ min: 0, max: 5 * 24 * 60 }), { nil: null }),
		bookedAfter: fc.option(fc.integer({ min: 0, max: 9 * 24 * 60 }), { nil: null }),
	});

	test('the group is the sum of its locations; funnels only narrow', () => {
		fc.assert(
			fc.property(fc.array(caseArb, { maxLength: 40 }), (cases) => {
				const base = Date.parse('2026-02-05T12:00:00Z');
				const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
				const input = {
					presentations: [] as unknown[],
					decisions: [] as unknown[],
					auditNotes: [] as unknown[],
					appointments: [] as unknown[],
				};
				cases.forEach((c, i) => {
					const id = `APP-${i}`;
					input.presentations.push({
						treatmentPlanId: i,
						patientId: i,
						locationId: c.location,
						presentedAt: at(c.startMinute),
						procedureIds: [i],
					});
					input.decisions.push(
						decision(id, String(i), String(i), c.location, at(c.startMinute + 5), c.status),
					);
					if (c.status !== 'approved') return;
					if (c.arrangedAfter !== null)
						input.auditNotes.push({
							noteId: i,
							patientId: i,
							writtenAt: at(c.startMinute + 5 + c.arrangedAfter),
							text: auditNote(`[cc:${id}]`),
						});
					if (c.bookedAfter !== null)
						input.appointments.push({
							appointmentId: i,
							patientId: i,
							status: 'Scheduled',
							bookedAt: at(c.startMinute + c.bookedAfter),
							procedureIds: [i],
						});
				});
				const report = numbers(input);
				for (const slot of [
					(l: (typeof report)['group']) => l.period,
					(l: (typeof report)['group']) => l.weeks[1]!,
				]) {
					const group = slot(report.group);
					const parts = report.locations.map(slot);
					for (const key of [
						'presented',
						'approved',
						'arranged',
						'booked',
						'declined',
						'pending',
						'otherOutcome',
					] as const) {
						expect(parts.reduce((a, p) => a + p.acceptance[key], 0)).toBe(group.acceptance[key]);
					}
					expect(parts.reduce((a, p) => a + p.timeToArrangement.cases, 0)).toBe(
						group.timeToArrangement.cases,
					);
					const a = group.acceptance;
					expect(a.booked).toBeLessThanOrEqual(a.approved);
					expect(a.arranged).toBeLessThanOrEqual(a.approved);
					expect(a.approved + a.declined + a.pending + a.otherOutcome + a.noDecision).toBe(
						a.presented,
					);
					expect(group.timeToArrangement.cases).toBe(a.arranged);
				}
				expect(report.unclassified).toEqual([]);
			}),
			{ numRuns: 60 },
		);
	});
});

describe('bad options', () => {
	test.each([
		[{ timeZone: 'Nowhere/City' }, 'options.timeZone'],
		[{ timeZone: TZ, period: { from: '2026-03-08', to: '2026-03-02' } }, 'options.period.to'],
		[{ timeZone: TZ, period: { from: '2026-02-30', to: '2026-03-02' } }, 'options.period.from'],
	])('%j', (options, field) => {
		expect(practiceNumbers(records, options, NOW)).toMatchObject({
			ok: false,
			problems: [{ field }],
		});
	});
});

describe('percentiles on hand-made data', () => {
	test.each([
		[[], { cases: 0, medianMinutes: null, p90Minutes: null }],
		[[7], { cases: 1, medianMinutes: 7, p90Minutes: 7 }],
		[[10, 2], { cases: 2, medianMinutes: 6, p90Minutes: 10 }],
		[[5, 1, 3], { cases: 3, medianMinutes: 3, p90Minutes: 5 }],
		[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { cases: 10, medianMinutes: 5.5, p90Minutes: 9 }],
		[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { cases: 11, medianMinutes: 6, p90Minutes: 10 }],
		[
			[100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
			{ cases: 20, medianMinutes: 1, p90Minutes: 1 },
		],
	])('%j', (values, expected) => {
		expect(durationStats(values)).toEqual(expected);
	});

	test('property: the 90th percentile is a value taken, at least 90% of values are at or below it, and fewer than 90% below', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 200 }),
				(values) => {
					const { p90Minutes, medianMinutes } = durationStats(values);
					expect(values).toContain(p90Minutes);
					const atOrBelow = values.filter((v) => v <= p90Minutes!).length;
					const below = values.filter((v) => v < p90Minutes!).length;
					expect(atOrBelow / values.length).toBeGreaterThanOrEqual(0.9);
					expect(below / values.length).toBeLessThan(0.9);
					expect(values.filter((v) => v < medianMinutes!).length).toBeLessThanOrEqual(
						values.length / 2,
					);
					expect(values.filter((v) => v > medianMinutes!).length).toBeLessThanOrEqual(
						values.length / 2,
					);
				},
			),
		);
	});
});

describe('cases read only for their token', () => {
	test('an approved case older than the weeks reported is not listed for its missing procedures', () => {
		const report = numbers({
			decisions: [
				decision('APP-OLD', '1', '1', 'L1', '2026-01-05T14:00:00Z'),
				decision('APP-NEW', '2', '2', 'L1', '2026-03-03T14:00:00Z'),
			],
		});
		expect(report.unclassified.map((u) => [u.id, u.reason])).toEqual([
			['APP-NEW', 'caseWithoutProcedures'],
		]);
	});
});
