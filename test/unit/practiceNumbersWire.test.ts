// The wire mappers of the practice numbers (financing/numbers/fromDentrix.ts, fromOpenDental.ts):
// each system's answers, as its list endpoints give them, become the plain records, and what
// they cannot interpret is listed, never guessed. Hand-made answers in each system's shapes.
import {
	buildWrites,
	defaultPracticePolicy,
	dentrixPracticeRecords,
	isAuditNoteText,
	openDentalPracticeRecords,
	practiceNumbers,
	type PracticeNumbersReport,
	type PracticeRecords,
} from '../../financing';
import { approvedDecision, crownAndImplant } from './fixtures';

const TZ = 'America/Chicago';
const NOW = new Date('2026-03-09T15:00:00Z'); // Monday: last week is Mar 2-8

function numbers(records: PracticeRecords): PracticeNumbersReport {
	const r = practiceNumbers(records, { timeZone: TZ }, NOW);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.value;
}

// The audit note the package writes for a $4,800 plan approved for $4,000: an $800 in-house plan.
const decided = '2026-03-03T16:00:00.000Z';
const decision = approvedDecision({
	applicationId: 'APP-500001',
	decidedAt: decided,
	pms: { patientId: 'pat_1', guarantorId: 'pat_1', treatmentPlanId: 'tp_1', locationId: 'loc_a' },
});
const writes = buildWrites(
	crownAndImplant({ patientId: 'pat_1', guarantorId: 'pat_1', treatmentPlanId: 'tp_1' }),
	decision,
	{ timeZone: TZ },
	new Date('2026-03-03T16:10:00Z'),
);
if (!writes.ok) throw new Error(JSON.stringify(writes.problems));
const note = writes.value.auditNote;
const plan = writes.value.shortfallPlan!;

describe('which notes are audit notes', () => {
	test.each([
		['the audit note buildWrites writes', note, true],
		['a staff note about CareCredit without a token', 'CareCredit approved, see paper file', true],
		['a status note', 'CareCredit status Declined (declined). [cc:sess-1.declined]', false],
		['a review note', 'held for review by automation [cc:sess-1.review]', false],
		['an outreach note', 'Recall text about CareCredit [out:recall:101:40:2]', false],
		[
			'a live case claim',
			'The financing automation is writing this case (run 7, until 2026-03-03T16:15:00.000Z). [cc:APP-1.claim]',
			false,
		],
		['a run that stood back', 'The financing automation stood back [cc:APP-1.stoodBack]', false],
		[
			'a lapsed claim taken over',
			"The financing automation's run 7 stopped before it finished this case; its claim ran out at 2026-03-03T16:15:00.000Z and run 9 took the case over. [cc:APP-1.takenOver]",
			false,
		],
		['a payment claim released', 'posted the CareCredit payment [cc:TXN-1.posted]', false],
		['a settled review', 'Review resolved [cc:APP-1.resolved]', false],
		['another note', 'Lab case sent', false],
		['no text', 42, false],
	])('%s', (_label, text, expected) => expect(isAuditNoteText(text)).toBe(expected));
});

describe('Dentrix (modeled contract)', () => {
	const agreement = {
		id: 'pa_1',
		guarantorId: 'pat_1',
		status: 'active',
		billingType: 'Payment Agreement',
		interval: 'monthly',
		annualFinanceChargePercent: 0,
		totalAgreedAmount: plan.totalCents / 100,
		downPayment: 0,
		firstPaymentDue: plan.firstPaymentDate,
		paymentAmount: plan.paymentAmountCents / 100,
		numberOfPayments: plan.numberOfPayments,
		note: `In-house plan [cc:APP-500001]`,
		createdAt: '2026-03-03T16:10:00.000Z',
		createdBy: 'api',
		closedAt: null,
		edits: [],
	};
	const wire = {
		treatmentPlans: [
			{
				id: 'tp_1',
				patientId: 'pat_1',
				locationId: 'loc_a',
				fundingMethod: 'CareCredit',
				createdOn: '2026-03-02',
				acceptedAt: '2026-03-03T15:00:00.000Z',
				procedures: [{ id: 'proc_1' }, { id: 'proc_2' }],
			},
			{ id: 'tp_9', patientId: 'pat_9', fundingMethod: 'Cash', createdOn: '2026-03-02' },
		],
		ledgerNotes: [
			{ id: 'note_1', patientId: 'pat_1', createdAt: '2026-03-03T16:12:00.000Z', text: note },
			{
				id: 'note_2',
				patientId: 'pat_1',
				createdAt: '2026-03-03T16:12:00.000Z',
				text: 'CareCredit application status Pending (pending) [cc:sess-1.pending]',
			},
			{
				id: 'note_3',
				patientId: 'pat_7',
				createdAt: '2026-03-04T16:00:00.000Z',
				text: 'CareCredit approved, see paper file',
			},
		],
		paymentAgreements: [
			{
				...agreement,
				paymentAmount: 150,
				numberOfPayments: 5,
				edits: [
					{ at: '2026-03-05T15:00:00.000Z', source: 'console', changes: {} },
					{ at: '2026-03-04T15:00:00.000Z', source: 'api', changes: {} },
				],
			},
			{ ...agreement, id: 'pa_2', note: 'rewritten by staff', guarantorId: 'pat_2' },
			{ ...agreement, id: 'pa_3', note: 'hand-entered plan', createdBy: 'console' },
		],
		appointments: [
			{
				id: 'apt_1',
				patientId: 'pat_1',
				locationId: 'loc_a',
				status: 'scheduled',
				date: '2026-03-20',
				time: '09:00',
				createdAt: '2026-03-04T15:00:00.000Z',
				procedureIds: ['proc_2'],
			},
			{
				id: 'apt_2',
				patientId: 'pat_1',
				status: 'scheduled',
				createdAt: '2026-03-04T15:00:00.000Z',
				procedureIds: [],
			},
		],
	};
	const report = numbers(dentrixPracticeRecords(wire, [decision]));

	test('the case: from the yes to the agreement, and to the booking', () => {
		const p = report.group.period;
		expect(p.acceptance).toMatchObject({ presented: 1, approved: 1, arranged: 1, booked: 1 });
		// Accepted 15:00Z, agreement 16:10Z, booked 2026-03-04 15:00Z.
		expect(p.timeToArrangement).toEqual({ cases: 1, medianMinutes: 70, p90Minutes: 70 });
		expect(p.timeToBooked.medianMinutes).toBe(24 * 60);
		expect(report.locations.map((l) => l.locationId)).toEqual(['loc_a']);
	});

	test("a staff edit is a correction, compared with the audit note's terms", () => {
		expect(report.needsALook.corrected).toEqual([
			expect.objectContaining({
				arrangementId: 'pa_1',
				kind: 'changed',
				correctedAt: '2026-03-05T15:00:00.000Z',
				changes: [
					expect.objectContaining({ field: 'paymentCents', current: 150_00 }),
					expect.objectContaining({ field: 'numberOfPayments', recorded: 6, current: 5 }),
				],
			}),
		]);
		expect(report.group.period.corrections).toMatchObject({ automated: 1, changed: 1 });
	});

	test('what it cannot interpret is listed; the status note and the staff agreement are not audit records', () => {
		expect(report.unclassified.map((u) => [u.id, u.reason])).toEqual([
			['note_3', 'noReferenceToken'],
			['pa_2', 'editedBeyondRecognition'],
			['apt_2', 'appointmentWithoutProcedures'],
		]);
		expect(report.read).toMatchObject({ presentation: 1, auditNote: 2, arrangement: 3 });
	});

	test('a closed agreement was removed; the financing billing type marks a financing record', () => {
		const closed = numbers(
			dentrixPracticeRecords(
				{
					...wire,
					paymentAgreements: [
						{ ...agreement, status: 'closed', closedAt: '2026-03-06T15:00:00.000Z' },
					],
				},
				[decision],
			),
		);
		expect(closed.needsALook.corrected).toEqual([
			expect.objectContaining({ kind: 'removed', correctedAt: '2026-03-06T15:00:00.000Z' }),
		]);
		const records = dentrixPracticeRecords(
			{
				paymentAgreements: [{ ...agreement, billingType: 'Third-Party Financing' }],
				financingBillingType: 'Third-Party Financing',
			},
			[],
		);
		expect(records.arrangements![0]).toMatchObject({ kind: 'financingRecord' });
	});

	test('garbage answers are records it cannot read, never a crash', () => {
		const junk = numbers(
			dentrixPracticeRecords(
				{
					treatmentPlans: [{ fundingMethod: 'CareCredit' }],
					ledgerNotes: [{ text: '[cc:APP-500001]' }, 'text', null],
					paymentAgreements: { not: 'a list' },
					appointments: [{ id: 'apt_9', patientId: 'pat_1', status: 'scheduled' }],
				},
				[decision],
			),
		);
		expect(junk.unclassified.map((u) => [u.record, u.reason])).toEqual(
			expect.arrayContaining([
				['presentation', 'invalidRecord'],
				['auditNote', 'invalidRecord'],
			]),
		);
	});
});

describe('Open Dental (public API)', () => {
	const od = approvedDecision({
		applicationId: 'APP-600001',
		decidedAt: decided,
		pms: { patientId: '227', guarantorId: '227', treatmentPlanId: '419', locationId: '2' },
	});
	const odWrites = buildWrites(
		crownAndImplant({ patientId: '227', guarantorId: '227', treatmentPlanId: '419' }),
		od,
		defaultPracticePolicy(TZ),
		new Date('2026-03-03T16:10:00Z'),
	);
	if (!odWrites.ok) throw new Error(JSON.stringify(odWrites.problems));
	const odPlan = odWrites.value.shortfallPlan!;
	const payPlan = {
		PayPlanNum: 1001,
		PatNum: 227,
		PayPlanDate: '2026-03-03',
		APR: 0,
		Note: '03/03/2026 - Date of Agreement: 03/03/2026, Total Amount: 800.00 [cc:APP-600001]',
		NumberOfPayments: 0,
		PayAmt: odPlan.paymentAmountCents / 100,
		DownPayment: 0,
		IsClosed: 'false',
		ChargeFrequency: 'Monthly',
		DatePayPlanStart: odPlan.firstPaymentDate,
		principalAmount: 800,
	};
	const wire = {
		procTPs: [
			{ TreatPlanNum: 419, PatNum: 227, ProcNumOrig: 5001, DateTP: '2026-03-03', ClinicNum: 2 },
			{ TreatPlanNum: 419, PatNum: 227, ProcNumOrig: 5002, DateTP: '2026-03-03', ClinicNum: 2 },
		],
		commlogs: [
			{
				CommlogNum: 653,
				PatNum: 227,
				CommDateTime: '2026-03-03 10:12:00',
				Note: odWrites.value.auditNote.replace(/\n/g, ' '),
			},
			{
				CommlogNum: 654,
				PatNum: 227,
				CommDateTime: '2026-03-03 10:12:00',
				Note: 'Called about recall',
			},
		],
		payPlans: [payPlan, { ...payPlan, PayPlanNum: 1002, IsClosed: 'true' }],
		appointments: [
			{
				AptNum: 709,
				PatNum: 227,
				AptStatus: 'Scheduled',
				ClinicNum: 2,
				AptDateTime: '2026-03-20 09:00:00',
				SecDateTEntry: '2026-03-03 12:00:00',
			},
			{ AptNum: 710, PatNum: 300, AptStatus: 'Scheduled', SecDateTEntry: '2026-03-03 12:00:00' },
		],
		procedures: [
			{ ProcNum: 5001, PatNum: 227, AptNum: 709 },
			{ ProcNum: 5002, PatNum: 227, AptNum: 0 },
		],
		proceduresOf: ['227'],
	};
	const report = numbers(openDentalPracticeRecords(wire, [od]));

	test('from the decision (no acceptance time) to the commlog, and to the booking', () => {
		const p = report.group.period;
		expect(p.acceptance).toMatchObject({ presented: 1, approved: 1, arranged: 1, booked: 1 });
		// Decided 10:00 CST, commlog 10:12 CST (the plan's date alone counts at the end of its day).
		expect(p.timeToArrangement.medianMinutes).toBe(12);
		expect(p.timeToBooked.medianMinutes).toBe(120);
		expect(report.locations.map((l) => l.locationId)).toEqual(['2']);
	});

	test("Open Dental's local date-times keep their seconds", () => {
		const late = numbers(
			openDentalPracticeRecords(
				{
					...wire,
					commlogs: [{ ...wire.commlogs[0]!, CommDateTime: '2026-03-03 10:12:59' }],
				},
				[od],
			),
		);
		// 12 min 59 s after the decision: 13 minutes, not the 12 the minute alone gives.
		expect(late.group.period.timeToArrangement.medianMinutes).toBe(13);
	});

	test('NumberOfPayments 0 (the plan saved PayAmt) is not compared; a closed plan was removed', () => {
		expect(report.needsALook.corrected).toEqual([
			expect.objectContaining({ arrangementId: '1002', kind: 'removed' }),
		]);
		expect(report.group.period.corrections).toMatchObject({ automated: 2, removed: 1, changed: 0 });
	});

	test('a changed PayAmt is a correction; appointments of patients whose procedures were not read are left out', () => {
		const changed = numbers(
			openDentalPracticeRecords({ ...wire, payPlans: [{ ...payPlan, PayAmt: 99 }] }, [od]),
		);
		expect(changed.needsALook.corrected[0]!.changes).toEqual([
			expect.objectContaining({ field: 'paymentCents', current: 99_00 }),
		]);
		expect(changed.read.appointment).toBe(1);
		expect(changed.unclassified).toEqual([]);
	});
});
