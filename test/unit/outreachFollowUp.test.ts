import {
	coordinatorTaskKey,
	financedNotBooked,
	orderReactivation,
	type FinancedCaseInput,
} from '../../financing';

const RULES = {
	timeZone: 'America/New_York',
	coordinatorTaskAfterDays: 3,
	patientMessageAfterDays: 7,
};
// Approved Sunday 2026-03-01 at 21:00 EST, already Monday in UTC.
const APPROVED = '2026-03-02T02:00:00Z';
const day = (n: number) => new Date(Date.parse('2026-03-01T17:00:00Z') + n * 86_400_000); // noon EST, n days later

const financed: FinancedCaseInput = {
	caseId: '[cc:APP-123456]',
	patientId: 101,
	approvedAt: APPROVED,
	procedureIds: [5001, 5002],
	appointments: [],
	notes: [],
};

function step(input: FinancedCaseInput, now: Date) {
	const result = financedNotBooked(input, RULES, now);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('financed but not booked', () => {
	const taskNote = {
		text: `Coordinator task created. ${(coordinatorTaskKey('101', 'APP-123456') as { value: string }).value}`,
	};

	test('day by day: wait, the coordinator task first, then the patient', () => {
		expect(step(financed, day(1))).toMatchObject({
			action: 'wait',
			until: '2026-03-04',
			daysSinceApproval: 1,
		});
		expect(step(financed, day(3))).toEqual({
			action: 'coordinatorTask',
			taskKey: '[out:fnb:101:APP-123456:task]',
			daysSinceApproval: 3,
			text: 'CareCredit approved this case 3 days ago and no appointment holds its procedures: please call the patient to book.',
		});
		expect(step({ ...financed, notes: [taskNote] }, day(5))).toMatchObject({
			action: 'wait',
			until: '2026-03-08',
		});
		expect(step({ ...financed, notes: [taskNote] }, day(7))).toMatchObject({
			action: 'patientOutreach',
			subjectId: 'APP-123456',
			daysSinceApproval: 7,
		});
	});

	test('a task not yet made is made before any patient message, however late', () => {
		expect(step(financed, day(20))).toMatchObject({ action: 'coordinatorTask' });
	});

	test('stops as soon as an appointment holds a financed procedure', () => {
		const booked = {
			...financed,
			notes: [taskNote],
			appointments: [{ appointmentId: 77, status: 'Scheduled', procedureIds: [5002] }],
		};
		expect(step(booked, day(9))).toEqual({
			action: 'stop',
			reason: 'booked',
			appointmentIds: ['77'],
			text: 'Booked (appointment 77); follow-up ends.',
		});
	});

	test('broken or unrelated appointments do not stop it', () => {
		const other = {
			...financed,
			appointments: [
				{ appointmentId: 1, status: 'Broken', procedureIds: [5001] },
				{ appointmentId: 2, status: 'Scheduled', procedureIds: [9999] },
				{ appointmentId: 3, status: 'Planned', procedureIds: [5001] },
			],
		};
		expect(step(other, day(4))).toMatchObject({ action: 'coordinatorTask' });
	});

	test('a booked appointment with no procedures goes to a person, and nothing goes to the patient', () => {
		const unclear = {
			...financed,
			notes: [taskNote],
			appointments: [{ appointmentId: 8, status: 'Scheduled', procedureIds: [] }],
		};
		expect(step(unclear, day(9))).toMatchObject({
			action: 'review',
			reason: 'appointmentWithoutProcedures',
			appointmentIds: ['8'],
		});
	});

	test.each([
		[
			'an unknown appointment status',
			{ appointments: [{ appointmentId: 1, status: 'Teleported', procedureIds: [] }] },
			'case.appointments.0.status',
			'unknownAppointmentStatus',
		],
		['no financed procedures', { procedureIds: [] }, 'case.procedureIds', 'tooSmall'],
		[
			'an approval time that is not one',
			{ approvedAt: 'last week' },
			'case.approvedAt',
			'invalidDateTime',
		],
	])('bad input: %s', (_name, change, field, code) => {
		expect(financedNotBooked({ ...financed, ...change }, RULES, day(4))).toMatchObject({
			ok: false,
			problems: [{ field, code }],
		});
	});

	test('the patient is never messaged before the coordinator task is due', () => {
		expect(
			financedNotBooked(financed, { ...RULES, patientMessageAfterDays: 1 }, day(4)),
		).toMatchObject({ ok: false, problems: [{ field: 'rules.patientMessageAfterDays' }] });
	});
});

describe('reactivation: largest value first', () => {
	const now = new Date('2026-03-02T15:00:00Z');
	const options = { timeZone: 'America/New_York', olderThanDays: 30 };

	test('one line per patient, by value, ties by the oldest item; recent items wait', () => {
		const result = orderReactivation(
			[
				{ patientId: 1, itemId: 'a', kind: 'Planned', valueCents: 900_00, since: '2025-11-01' },
				{ patientId: 2, itemId: 'b', kind: 'Broken', valueCents: 1_200_00, since: '2026-01-10' },
				{ patientId: 1, itemId: 'c', kind: 'UnschedList', valueCents: 400_00, since: '2025-12-01' },
				{ patientId: 3, itemId: 'd', kind: 'planned', valueCents: 1_300_00, since: '2025-06-01' },
				{ patientId: 4, itemId: 'e', kind: 'planned', valueCents: 5_000_00, since: '2026-02-20' },
			],
			options,
			now,
		);
		expect(result.entries.map((e) => [e.patientId, e.valueCents, e.oldestSince])).toEqual([
			['3', 1_300_00, '2025-06-01'],
			['1', 1_300_00, '2025-11-01'],
			['2', 1_200_00, '2026-01-10'],
		]);
		expect(result.entries[0]!.text).toBe('Patient 3: $1,300.00 (planned) since 2025-06-01');
		expect(result.tooRecent).toBe(1);
		expect(result.problems).toEqual([]);
	});

	test('a bad item is a problem naming its field; the rest of the list goes on', () => {
		const result = orderReactivation(
			[
				{ patientId: 1, itemId: 'a', kind: 'planned', valueCents: -5, since: '2025-11-01' },
				{ patientId: 2, itemId: 'b', kind: 'someday', valueCents: 100, since: '2025-11-01' },
				{ patientId: 3, itemId: 'c', kind: 'broken', valueCents: 100, since: '2025-02-30' },
				{ patientId: 4, itemId: 'd', kind: 'broken', valueCents: 100, since: '2025-11-01' },
			],
			options,
			now,
		);
		expect(result.problems.map((p) => [p.field, p.code])).toEqual([
			['items.0.valueCents', 'tooSmall'],
			['items.1.kind', 'unknownKind'],
			['items.2.since', 'invalidDate'],
		]);
		expect(result.entries.map((e) => e.patientId)).toEqual(['4']);
	});
});
