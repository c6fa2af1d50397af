/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: item JSON is read loosely */
// Open Dental Coverage, Benefits and Insurance Verification through n8n-core's real
// WorkflowExecute against the stand-in over loopback, on the seeded scenario patients (docs/sandbox.md):
// every operation, its bad input (unknown patient or plan, -1 amounts, no carrier), idempotent
// stamps and records, and what reached the stand-in.
import { addDays } from '../../financing';
import { chainWorkflow, type WorkflowJson } from './harness';
import { one, setup, TIME_ZONE, type Env } from './insuranceFixtures';

let env: Env;
beforeAll(async () => {
	env = await setup();
});
afterAll(async () => {
	await env.sandbox.stop();
});

const od = (
	parameters: Record<string, unknown>,
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) => one(parameters, { onError });
const first = async (wf: WorkflowJson, items?: any[]) => {
	const run = await env.harness.run(wf, items ? { items } : undefined);
	expect(run.error).toBeUndefined();
	return run.json('Node') as any[];
};

describe('Coverage: Get Many', () => {
	test('primary and secondary, each with carrier, subscriber and dates, active today', async () => {
		const plans = await first(od({ resource: 'coverage', operation: 'getMany', patNum: '233' }));
		expect(plans.map((p) => [p.ordinal, p.carrier?.name, p.coverageStatus, p.active])).toEqual([
			[1, 'Cornbelt Dental PPO', 'active', true],
			[2, 'Midwest Dental Mutual', 'active', true],
		]);
		expect(plans[0]).toMatchObject({
			patientId: '233',
			patPlanId: '33',
			planId: '13',
			groupName: 'Sangamon University',
			subscriberPatientId: '233',
			subscriberMemberId: 'CBP33009981',
			effectiveDate: addDays(env.today, -700),
			termDate: null,
			isPending: false,
			activeOn: env.today,
			problems: [],
		});
	});

	test.each([
		['234', 'ended'],
		['235', 'pending'],
	])('patient %s: coverage %s', async (patNum, status) => {
		const [plan] = await first(od({ resource: 'coverage', operation: 'getMany', patNum }));
		expect(plan).toMatchObject({ coverageStatus: status, active: false });
	});

	test('a plan with no carrier says so, naming the field; no coverage is no item', async () => {
		const run = await env.harness.run(
			od({ resource: 'coverage', operation: 'getMany', patNum: '={{ $json.p }}' }),
			{ items: [{ p: '236' }, { p: '238' }] },
		);
		const out = run.json('Node') as any[];
		expect(out).toHaveLength(1);
		expect(out[0].carrier).toBeNull();
		expect(out[0].problems).toEqual([
			expect.objectContaining({ field: 'coverage.1.CarrierNum', code: 'noCarrier' }),
		]);
	});

	test('an unknown patient is Open Dental’s 404 for that item only', async () => {
		const run = await env.harness.run(
			od(
				{ resource: 'coverage', operation: 'getMany', patNum: '={{ $json.p }}' },
				'continueRegularOutput',
			),
			{ items: [{ p: '99999' }, { p: '231' }] },
		);
		const out = run.json('Node') as any[];
		expect(out[0].error).toContain('Open Dental answered 404');
		expect(out[1]).toMatchObject({ patientId: '231', ordinal: 1 });
	});
});

describe('Benefits: Get', () => {
	test('the numbers a front desk checks, with what the patient used this year', async () => {
		const [b] = await first(
			od({ resource: 'benefits', operation: 'get', planNum: '11', patNum: '231', date: env.today }),
		);
		const year = env.today.slice(0, 4);
		expect(b).toMatchObject({
			planId: '11',
			patientId: '231',
			carrierName: 'Midwest Dental Mutual',
			groupName: 'State of Illinois Employees',
			benefitYear: { start: `${year}-01-01`, end: `${year}-12-31` },
			annualMaximumCents: 150000,
			usedCents: 28300,
			annualMaximumRemainingCents: 121700,
			deductibleCents: 5000,
			deductibleRemainingCents: 0,
			deductibleExemptCategories: ['Diagnostic', 'X-Ray', 'Preventive'],
			frequencies: [
				{ procedureCode: 'D1110', times: 2, per: 'per calendar year' },
				{ procedureCode: 'D0274', times: 1, per: 'in the last 12 months' },
			],
		});
		expect(b.percentByCategory).toMatchObject({ Preventive: 100, Restorative: 80, Crowns: 50 });
		expect(b.summary).toBe(
			`$1,217.00 of $1,500.00 left; deductible met (benefit year ${year}-01-01 to ${year}-12-31)`,
		);
	});

	test('next benefit year: nothing used yet; no patient: nothing used', async () => {
		const next = `${Number(env.today.slice(0, 4)) + 1}-01-15`;
		const [nextYear] = await first(
			od({ resource: 'benefits', operation: 'get', planNum: '11', patNum: '231', date: next }),
		);
		expect(nextYear).toMatchObject({
			usedCents: 0,
			annualMaximumRemainingCents: 150000,
			deductibleRemainingCents: 5000,
		});
		const [plain] = await first(od({ resource: 'benefits', operation: 'get', planNum: '13' }));
		expect(plain).toMatchObject({ patientId: null, usedCents: 0, annualMaximumCents: 200000 });
	});

	test("Open Dental's -1 amounts and an unknown plan are item-level problems naming the field", async () => {
		const run = await env.harness.run(
			od(
				{ resource: 'benefits', operation: 'get', planNum: '={{ $json.plan }}' },
				'continueErrorOutput',
			),
			{ items: [{ plan: '16' }, { plan: '999' }, { plan: '12' }] },
		);
		const errors = run.output('Node', 1).map((o) => o.json as any);
		expect(errors).toHaveLength(2);
		expect(errors[0].details.problems.map((p: any) => p.code)).toEqual([
			'emptyAmount',
			'emptyAmount',
		]);
		expect(errors[0].details.problems[0].field).toMatch(/^benefits\.\d+\.MonetaryAmt$/);
		expect(errors[0].details.problems[0].message).toContain('annual maximum');
		expect(errors[1].error).toBe('Open Dental has no insurance plan 999');
		expect((run.json('Node') as any[]).map((b) => b.planId)).toEqual(['12']);
	});
});

describe('Insurance Verification: Get, Stamp', () => {
	test("each plan's eligibility and benefit verification", async () => {
		const [v] = await first(
			od({ resource: 'insuranceVerification', operation: 'get', patNum: '233' }),
		);
		expect(
			v.plans.map((p: any) => [p.ordinal, p.enrollment.verifiedOn, p.benefits.verifiedOn]),
		).toEqual([
			[1, addDays(env.today, -12), addDays(env.today, -12)],
			[2, addDays(env.today, -12), addDays(env.today, -95)],
		]);
		expect(v.plans[0].enrollment).toMatchObject({
			verifyType: 'PatientEnrollment',
			fKey: '33',
			statusDefNum: 381,
		});
	});

	test('stamping the same day twice writes once', async () => {
		const wf = od({
			resource: 'insuranceVerification',
			operation: 'stamp',
			patNum: '252',
			what: 'both',
			verifiedStatus: 381,
		});
		const [once] = await first(wf);
		expect(once).toMatchObject({ outcome: 'created', date: env.today });
		expect(once.stamped.map((s: any) => [s.verifyType, s.fKey])).toEqual([
			['PatientEnrollment', '39'],
			['InsuranceBenefit', '11'],
		]);
		const [twice] = await first(wf);
		expect(twice).toMatchObject({ outcome: 'alreadyWritten', stamped: [] });
		expect(twice.unchanged).toHaveLength(2);
		const puts = (await env.od.writes('/insverifies')).filter((w) =>
			[39, 11].includes((w.body as any).FKey),
		);
		expect(puts.map((w) => w.body)).toEqual([
			{ VerifyType: 'PatientEnrollment', FKey: 39, DateLastVerified: env.today, DefNum: 381 },
			{ VerifyType: 'InsuranceBenefit', FKey: 11, DateLastVerified: env.today, DefNum: 381 },
		]);
		const state = await env.odState();
		expect(
			state.insVerifies.find((r: any) => r.VerifyType === 'PatientEnrollment' && r.FKey === 39)
				.DateLastVerified,
		).toBe(env.today);
	});

	test.each([
		[
			{ patNum: '234', date: addDays(new Date().toISOString().slice(0, 10), 3) },
			'date',
			'inTheFuture',
		],
		[{ patNum: '234', note: 'called carrier, SSN 912-64-0001' }, 'note', 'taxIdInText'],
		[{ patNum: '238' }, 'patNum', 'noCoverageOnFile'],
	])('bad input %j: named, nothing stamped', async (params, field, code) => {
		const before = (await env.od.writes('/insverifies')).length;
		const run = await env.harness.run(
			od(
				{ resource: 'insuranceVerification', operation: 'stamp', ...params },
				'continueRegularOutput',
			),
		);
		const out = (run.json('Node') as any[])[0];
		expect(out.details.problems).toEqual([expect.objectContaining({ field, code })]);
		expect(JSON.stringify(out)).not.toContain('912-64');
		expect(await env.od.writes('/insverifies')).toHaveLength(before);
	});

	test('test mode returns the requests and writes nothing', async () => {
		const before = (await env.od.writes('/insverifies')).length;
		const [out] = await first(
			od({ resource: 'insuranceVerification', operation: 'stamp', patNum: '234', testMode: true }),
		);
		expect(out).toMatchObject({
			outcome: 'testMode',
			wouldWrite: [
				{
					method: 'PUT',
					path: '/insverifies',
					body: { VerifyType: 'PatientEnrollment', FKey: 35, DateLastVerified: env.today },
				},
			],
		});
		expect(await env.od.writes('/insverifies')).toHaveLength(before);
	});
});

/** Appointments of the next five business days → Check Before Visit (→ Record Check). */
function checkFlow(
	extra: Array<{ name: string; parameters: Record<string, unknown> }> = [],
): WorkflowJson {
	const wf = chainWorkflow(
		[
			{
				name: 'Appointments',
				parameters: {
					resource: 'appointment',
					operation: 'getMany',
					period: 'nextBusinessDays',
					businessDays: 5,
					status: 'Scheduled',
					returnAll: true,
				},
			},
			{
				name: 'Check',
				parameters: {
					resource: 'insuranceVerification',
					operation: 'checkBeforeVisit',
					todaysRecords: 'oneRead',
				},
			},
			...extra,
		].map((s) => ({
			...s,
			type: 'openDental',
			credentials: ['openDentalApi'],
			parameters: s.parameters as never,
		})),
	);
	return { ...wf, settings: { timezone: TIME_ZONE } };
}

describe('Insurance Verification: Check Before Visit', () => {
	let checks: Record<string, any>;
	beforeAll(async () => {
		const run = await env.harness.run(checkFlow());
		expect(run.error).toBeUndefined();
		checks = Object.fromEntries((run.json('Check') as any[]).map((c) => [c.appointmentId, c]));
	});

	test('every case of the seeded week, each its own status', () => {
		const summary = Object.fromEntries(Object.entries(checks).map(([id, c]) => [id, c.status]));
		expect(summary).toEqual({
			'701': 'ready',
			'702': 'needsALook',
			'703': 'problem',
			'704': 'needsALook',
			'705': 'needsALook',
			'706': 'needsALook',
			'707': 'problem',
			'708': 'needsALook',
			'709': 'needsALook',
			'714': 'needsALook',
		});
		const codes = (id: string) => checks[id].findings.map((f: any) => f.code);
		expect(codes('702')).toEqual([
			'enrollmentVerificationStale',
			'benefitsVerificationStale',
			'deductibleNotMet',
		]);
		expect(codes('704')).toEqual([
			'annualMaximumLow',
			'benefitsVerificationStale',
			'deductibleNotMet',
		]);
		expect(codes('705')).toContain('coverageEnded');
		expect(codes('706')).toEqual(
			expect.arrayContaining(['coveragePending', 'enrollmentNeverVerified']),
		);
		expect(codes('708')).toEqual(['noCoverageOnFile']);
		expect(checks['703'].problems.map((p: any) => p.code)).toEqual(['emptyAmount', 'emptyAmount']);
		expect(checks['707'].problems).toEqual([
			expect.objectContaining({ field: 'coverage.1.CarrierNum', code: 'noCarrier' }),
		]);
	});

	test('the item carries the visit, the plans with their numbers, and the day key', () => {
		expect(checks['701']).toMatchObject({
			patientId: '231',
			visitDate: env.days[0],
			visitTime: '08:00',
			ready: true,
			record: { key: `[iv:231:${env.today}]`, date: env.today, recordedToday: false },
			plans: [
				{
					patPlanId: '31',
					planId: '11',
					ordinal: 1,
					coverageStatus: 'active',
					enrollmentVerifiedOn: addDays(env.today, -5),
					benefits: { annualMaximumRemainingCents: 121700, deductibleRemainingCents: 0 },
				},
			],
		});
		expect(checks['704'].plans[0].benefits.annualMaximumRemainingCents).toBe(6000);
	});

	test('an unknown patient is a problem of that item; an appointment with no date goes to the error output', async () => {
		const run = await env.harness.run(
			od(
				{
					resource: 'insuranceVerification',
					operation: 'checkBeforeVisit',
					appointment: '={{ $json }}',
				},
				'continueErrorOutput',
			),
			{
				items: [
					{ patientId: '99999', appointmentId: '1', date: env.days[0] },
					{ patientId: '249', appointmentId: '711', date: null },
					{ patientId: '238', appointmentId: '708', date: env.days[3] },
				],
			},
		);
		const ok = run.json('Node') as any[];
		expect(ok.map((c) => [c.patientId, c.status])).toEqual([
			['99999', 'problem'],
			['238', 'needsALook'],
		]);
		expect(ok[0].problems).toEqual([
			expect.objectContaining({ field: 'patientId', code: 'unknownPatient' }),
		]);
		const errors = run.output('Node', 1);
		expect(errors).toHaveLength(1);
		expect((errors[0].json as any).error).toContain('no date');
		expect(errors[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('Insurance Verification: Record Check', () => {
	const record = {
		name: 'Record',
		parameters: { resource: 'insuranceVerification', operation: 'record', verifiedStatus: 381 },
	};

	test('test mode: the writes of each item, nothing sent', async () => {
		const before = (await env.od.writes()).length;
		const run = await env.harness.run(
			checkFlow([{ ...record, parameters: { ...record.parameters, testMode: true } }]),
		);
		const rosa = (run.json('Record') as any[]).find((r) => r.appointmentId === '701');
		expect(rosa.recorded.wouldWrite.map((w: any) => `${w.method} ${w.path}`)).toEqual([
			'PUT /insverifies',
			'PUT /apptfields',
			'POST /commlogs',
		]);
		expect(await env.od.writes()).toHaveLength(before);
	});

	test('ready: stamp, field and note; the others: the note; a re-run the same day writes nothing', async () => {
		const before = (await env.od.writes()).length;
		const run = await env.harness.run(checkFlow([record]));
		expect(run.error).toBeUndefined();
		const recorded = run.json('Record') as any[];
		expect(recorded.map((r) => r.recorded.outcome)).toEqual(Array(10).fill('created'));
		const writes = (await env.od.writes()).slice(before);
		expect(writes.filter((w) => w.path.endsWith('/insverifies')).map((w) => w.body)).toEqual([
			{ VerifyType: 'PatientEnrollment', FKey: 31, DateLastVerified: env.today, DefNum: 381 },
		]);
		expect(writes.filter((w) => w.path.endsWith('/apptfields')).map((w) => w.body)).toEqual([
			{ AptNum: 701, FieldName: 'Ins Verified', FieldValue: 'Yes' },
		]);
		const notes = writes.filter((w) => w.path.endsWith('/commlogs')).map((w) => w.body as any);
		expect(notes).toHaveLength(10);
		const rosa = notes.find((n) => n.PatNum === 231);
		expect(rosa).toMatchObject({ commType: 'Misc', Mode_: 'None', SentOrReceived: 'Neither' });
		expect(rosa.Note).toContain(`[iv:231:${env.today}]`);
		expect(rosa.Note).toContain('ready');
		expect(notes.find((n) => n.PatNum === 237).Note).toContain('could not be checked');
		// Nothing is stamped for a patient whose data has a problem.
		expect(
			writes.some(
				(w) => w.path.endsWith('/insverifies') && [36, 38].includes((w.body as any).FKey),
			),
		).toBe(false);

		const again = (await env.od.writes()).length;
		const rerun = await env.harness.run(checkFlow([record]));
		expect(
			(rerun.json('Record') as any[]).every((r) => r.recorded.outcome === 'alreadyWritten'),
		).toBe(true);
		expect(await env.od.writes()).toHaveLength(again);
	});

	test('a check that is not one is refused before any write, naming the fields', async () => {
		const before = (await env.od.writes()).length;
		const run = await env.harness.run(
			od(
				{ resource: 'insuranceVerification', operation: 'record', check: '={{ $json }}' },
				'continueRegularOutput',
			),
			{ items: [{ patientId: '231', status: 'done', visitDate: '12/07/2026' }] },
		);
		const fields = ((run.json('Node') as any[])[0].details.problems as any[]).map((p) => p.field);
		expect(fields).toEqual(
			expect.arrayContaining(['check.status', 'check.visitDate', 'check.record']),
		);
		expect(await env.od.writes()).toHaveLength(before);
	});
});

describe('bad input the stand-in does not seed', () => {
	test('a patplan whose subscriber row is gone: a problem naming the field; nothing stamped for that patient, the others recorded', async () => {
		const od = env.sandbox.store.state.openDental as any;
		od.patPlans.push({
			...od.patPlans.find((p: any) => p.PatNum === 231),
			PatPlanNum: 399,
			PatNum: 238,
			InsSubNum: 999,
		});
		try {
			const run = await env.harness.run(
				one({
					resource: 'insuranceVerification',
					operation: 'checkBeforeVisit',
					appointment: '={{ $json }}',
				}),
				{ items: [{ patientId: '238', appointmentId: '708', date: env.days[3], time: '15:00' }] },
			);
			const [check] = run.json('Node') as any[];
			expect(check.status).toBe('problem');
			expect(check.problems).toEqual([
				expect.objectContaining({ field: 'coverage.1.InsSubNum', code: 'unknownPlan' }),
			]);
		} finally {
			od.patPlans = od.patPlans.filter((p: any) => p.PatPlanNum !== 399);
		}
	});

	test('a date that is not one is named; Build Work List refuses what is not a list of checks', async () => {
		const run = await env.harness.run(
			od(
				{ resource: 'benefits', operation: 'get', planNum: '11', date: '2026-02-30' },
				'continueRegularOutput',
			),
		);
		expect((run.json('Node') as any[])[0].error).toBe('date "2026-02-30" is not a date');
		const list = await env.harness.run(
			od(
				{ resource: 'insuranceVerification', operation: 'workList', checks: '={{ $json.checks }}' },
				'continueRegularOutput',
			),
			{
				items: [
					{ checks: 'none' },
					{ checks: [{ recorded: { outcome: 'created' }, patientId: '1' }] },
				],
			},
		);
		const [notAList, notACheck] = list.json('Node') as any[];
		expect(notAList.error).toBe('"Checks" is not a list');
		expect(notACheck.details.problems.map((p: any) => p.field)).toEqual(
			expect.arrayContaining(['checks.0.check.status', 'checks.0.check.record']),
		);
	});
});
