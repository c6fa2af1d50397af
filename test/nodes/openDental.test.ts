/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// The Open Dental node and credential through n8n-core's real WorkflowExecute, against the Open
// Dental stand-in of the sandbox over loopback. Ledger state is asserted in the stand-in itself.
import { nodeWorkflow } from './harness';
import {
	chain,
	decision,
	financedCase,
	KEYS,
	OPEN_DENTAL,
	planAndBuild,
	servedAtProxy,
	setup,
	SETTINGS,
} from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;

const one = (
	parameters: Record<string, unknown>,
	onError?: 'continueErrorOutput' | 'continueRegularOutput',
) => nodeWorkflow(OPEN_DENTAL, parameters as never, { credentials: ['openDentalApi'], onError });

/** What the stand-in holds for a patient (amounts in cents). */
async function ledger(patNum: number) {
	const s = await env.state();
	const plans = (s.payPlans as any[]).filter((p) => p.PatNum === patNum);
	return {
		plans,
		links: (s.payPlanLinks as any[]).filter((l) =>
			plans.some((p) => p.PayPlanNum === l.PayPlanNum),
		),
		commlogs: (s.commlogs as any[]).filter((c) => c.PatNum === patNum),
		payments: (s.payments as any[]).filter((p) => p.PatNum === patNum),
		adjustments: (s.adjustments as any[]).filter((a) => a.PatNum === patNum),
	};
}

const SSN_DIGITS = ['912640001', '912-64-0001', '912645520', '952483690', '952-48-3690'];

describe('with the stand-in at full speed', () => {
	beforeEach(async () => {
		env = await setup();
	});
	afterEach(async () => {
		await env.sandbox.stop();
	});

	describe('credential and reads', () => {
		test('the resource locators search patients and their plans as the editor does', async () => {
			const wf = one({
				resource: 'treatmentPlan',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '201' },
			});
			const patients = await env.harness.listSearch(wf, 'searchPatients', 'Whitaker');
			expect(patients.results).toContainEqual({
				name: 'Whitaker, Daniel (own guarantor)',
				value: '201',
			});
			expect(patients.results.find((r) => r.value === '203')?.name).toBe(
				'Whitaker, Emma (guarantor 201)',
			);
			const plans = await env.harness.listSearch(wf, 'searchTreatmentPlans');
			expect(plans.results.length).toBeGreaterThan(0);
			expect(plans.results.every((r) => /^\d+$/.test(String(r.value)))).toBe(true);
		});

		test('the credential test passes with the sandbox keys and fails with another', async () => {
			expect((await env.harness.testCredential('openDentalApi')).status).toBe('OK');
			await env.harness.setCredentials('openDentalApi', {
				baseUrl: env.baseUrl,
				...KEYS,
				customerApiKey: 'wrong',
				pacingMs: 0,
			});
			expect((await env.harness.testCredential('openDentalApi')).status).toBe('Error');
		});

		test('Patient: Get gives the guarantor; SSN and birthdate masked unless asked for prefill', async () => {
			const params = {
				resource: 'patient',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '203' },
			};
			const masked = (await env.harness.run(one(params))).json('Node')[0]!;
			expect(masked).toMatchObject({
				patientId: '203',
				name: 'Emma Whitaker',
				guarantorId: '201',
				guarantor: { id: '201', name: 'Daniel Whitaker' },
				isGuarantor: false,
				taxId: '***-**-5520',
				taxIdLastFour: '5520',
				dateOfBirth: '**/**/****',
				locationId: '1',
			});
			const text = JSON.stringify(masked);
			for (const s of [...SSN_DIGITS, '2012-06-18']) expect(text).not.toContain(s);
			const full = (
				await env.harness.run(
					one({ ...params, options: { includeTaxId: true, includeDateOfBirth: true } }),
				)
			).json('Node')[0]!;
			expect(full).toMatchObject({ taxId: '912-64-5520', dateOfBirth: '2012-06-18' });
		});

		test('Patient: Search by last name, first name and birthdate, each with the guarantor, masked', async () => {
			const all = await env.harness.run(
				one({ resource: 'patient', operation: 'search', lastName: 'whit', returnAll: true }),
			);
			const found = all.json('Node');
			expect(found.map((p) => p.patientId)).toEqual(['201', '202', '203', '204']);
			expect(found.every((p) => p.guarantorId === '201')).toBe(true);
			expect(found.map((p) => (p.guarantor as any).name)).toEqual(Array(4).fill('Daniel Whitaker'));
			for (const s of SSN_DIGITS) expect(JSON.stringify(found)).not.toContain(s);
			const exact = await env.harness.run(
				one({
					resource: 'patient',
					operation: 'search',
					lastName: 'Whitaker',
					firstName: 'Daniel',
					birthdate: '1979-04-12',
					returnAll: true,
				}),
			);
			expect(exact.json('Node').map((p) => p.patientId)).toEqual(['201']);
		});

		test('a bad birthdate is refused before Open Dental, without repeating it', async () => {
			const run = await env.harness.run(
				one(
					{ resource: 'patient', operation: 'search', lastName: 'W', birthdate: '1979-02-30' },
					'continueErrorOutput',
				),
			);
			const [failed] = run.json('Node', 1);
			expect(failed!.error).toBe('The birthdate is not a date');
			expect(JSON.stringify(failed)).not.toContain('1979-02-30');
		});

		test('Treatment Plan: Get of a Saved plan: the patient amounts of its proctps, ProcNums as ids', async () => {
			const run = await env.harness.run(
				one({
					resource: 'treatmentPlan',
					operation: 'get',
					patient: { __rl: true, mode: 'id', value: '227' },
					treatmentPlan: { __rl: true, mode: 'id', value: '419' },
				}),
			);
			const plan = run.json('Node')[0]!;
			expect(plan).toMatchObject({
				treatmentPlanId: '419',
				patientId: '227',
				guarantorId: '227',
				locationId: '2',
				patientName: 'Henry Fischer',
				status: 'Saved',
				patientPortionSource: 'patAmt',
				totalCents: 475000,
				patientPortionCents: 325001,
			});
			const procedures = plan.procedures as any[];
			expect(procedures.map((p) => [p.cdtCode, p.feeCents, p.patientPortionCents])).toEqual([
				['D6010', 225000, 150000],
				['D6057', 95000, 65000],
				['D6058', 155000, 110001],
			]);
			const state = await env.state();
			const procNums = (state.procTPs as any[])
				.filter((p) => p.TreatPlanNum === 419)
				.map((p) => String(p.ProcNumOrig));
			expect(procedures.map((p) => p.procedureId)).toEqual(procNums);
		});

		test('Treatment Plan: Get of an Active plan: review by default, or the fees stand in and say so', async () => {
			const params = {
				resource: 'treatmentPlan',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '201' },
				treatmentPlan: { __rl: true, mode: 'id', value: '301' },
			};
			const review = await env.harness.run(one(params, 'continueErrorOutput'));
			const [failed] = review.json('Node', 1);
			expect((failed!.details as any).problems).toEqual([
				expect.objectContaining({ field: 'patientPortionCents', code: 'patientPortionUnknown' }),
			]);
			const fee = (await env.harness.run(one({ ...params, activePlanPortion: 'fee' }))).json(
				'Node',
			)[0]!;
			expect(fee).toMatchObject({
				status: 'Active',
				patientPortionSource: 'fee',
				totalCents: 572000,
				patientPortionCents: 572000,
			});
			expect((fee.procedures as any[]).map((p) => p.cdtCode)).toEqual([
				'D7210',
				'D7953',
				'D6010',
				'D6057',
				'D6058',
			]);
		});

		test('a plan of another patient is a clear error', async () => {
			const run = await env.harness.run(
				one({
					resource: 'treatmentPlan',
					operation: 'get',
					patient: { __rl: true, mode: 'id', value: '201' },
					treatmentPlan: { __rl: true, mode: 'id', value: '419' },
				}),
			);
			expect(run.error?.message).toBe('Patient 201 has no treatment plan 419');
		});

		test('Payment Plan: Get, Get Many; Commlog: Get Many; an unknown number is a 404 a person can act on', async () => {
			const got = (
				await env.harness.run(one({ resource: 'paymentPlan', operation: 'get', payPlanNum: '901' }))
			).json('Node')[0]!;
			expect(got).toMatchObject({
				payPlanId: '901',
				patientId: '209',
				totalCents: 120000,
				downPaymentCents: 20000,
				paymentAmountCents: 10000,
				isClosed: false,
				isDynamic: true,
			});
			const many = await env.harness.run(
				one({
					resource: 'paymentPlan',
					operation: 'getMany',
					by: 'guarantor',
					patNum: '209',
					returnAll: true,
				}),
			);
			expect(many.json('Node').map((p) => p.payPlanId)).toEqual(['901']);
			const logs = await env.harness.run(
				one({ resource: 'commlog', operation: 'getMany', patNum: '217', returnAll: true }),
			);
			expect(logs.json('Node')).toEqual([
				expect.objectContaining({ commlogId: '601', commType: 'Financial', mode: 'In Person' }),
			]);
			const missing = await env.harness.run(
				one(
					{ resource: 'paymentPlan', operation: 'get', payPlanNum: '={{ $json.n }}' },
					'continueRegularOutput',
				),
				{ items: [{ n: '901' }, { n: '999' }] },
			);
			const [ok, failed] = missing.output('Node');
			expect(ok!.json.payPlanId).toBe('901');
			expect(failed!.json.error).toBe('Open Dental answered 404: PayPlan not found.');
			expect(failed!.pairedItem).toEqual({ item: 1 });
		});
	});

	describe('bad input is never written', () => {
		test('semi-monthly has no Open Dental frequency: the item goes to review, nothing written', async () => {
			const wf = financedCase({
				policy: { policyJson: { shortfallPlan: { interval: 'semiMonthly' } } },
			});
			wf.nodes.find((n) => n.name === 'Payment Plan')!.onError = 'continueErrorOutput';
			const run = await env.harness.run(wf, { items: [{ decision: decision() }] });
			expect(run.json('Payment Plan', 0)).toEqual([]);
			const [failed] = run.json('Payment Plan', 1);
			expect(failed!.error).toMatch(/^The payment plan was not written/);
			expect((failed!.details as any).problems).toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						field: 'shortfallPlan.interval',
						code: 'noOpenDentalFrequency',
					}),
				]),
			);
			expect(await env.admin.writes()).toEqual([]);
		});

		test('an arrangement without procedures, or with a bad date, is refused with every field named', async () => {
			const build = await env.harness.run(chain(planAndBuild()), {
				items: [{ decision: decision() }],
			});
			const arrangement = build.json('Build')[0]!;
			const noProcedures = structuredClone(arrangement) as any;
			noProcedures.shortfallPlan.procedureIds = [];
			const badDate = structuredClone(arrangement) as any;
			badDate.shortfallPlan.firstPaymentDate = '2026-02-30';
			const run = await env.harness.run(
				one(
					{ resource: 'paymentPlan', operation: 'create', arrangement: '={{ $json.a }}' },
					'continueErrorOutput',
				),
				{ items: [{ a: noProcedures }, { a: badDate }] },
			);
			const failed = run.json('Node', 1);
			expect(failed).toHaveLength(2);
			const codes = failed.map((f) => (f.details as any).problems.map((p: any) => p.field));
			expect(codes[0]).toEqual(['shortfallPlan.procedureIds', 'openDental.payPlan.procNums']);
			expect((failed[0]!.details as any).problems[0].code).toBe('noProcedures');
			expect(codes[1].join(' ')).toMatch(/firstPaymentDate|DatePayPlanStart/);
			expect(await env.admin.writes()).toEqual([]);
		});

		test('a payment without the CareCredit pay type or transaction, and a bad adjustment date, are refused', async () => {
			const payment = await env.harness.run(
				one(
					{
						resource: 'payment',
						operation: 'create',
						source: 'fields',
						patNum: '227',
						amount: '100.00',
						transactionId: '={{ $json.none ?? "" }}',
					},
					'continueErrorOutput',
				),
			);
			const [failed] = payment.json('Node', 1);
			expect((failed!.details as any).problems.map((p: any) => p.field)).toEqual([
				'transactionId',
				'openDental.careCreditPayType',
			]);
			const adjustment = await env.harness.run(
				one(
					{
						resource: 'adjustment',
						operation: 'create',
						patNum: '227',
						adjType: 181,
						amount: '-10.00',
						date: '2026-13-01',
						reference: 'x',
					},
					'continueErrorOutput',
				),
			);
			const [badDate] = adjustment.json('Node', 1);
			expect(badDate!.error).toBe(
				'The adjustment was not written: adjDate: must be a real date written yyyy-MM-dd, e.g. 2026-03-01',
			);
			expect(JSON.stringify(badDate)).not.toContain('2026-13-01');
			expect(await env.admin.writes()).toEqual([]);
		});
	});

	describe('payments, adjustments, closing', () => {
		test('Adjustment: Create once per reference; the sign of the adjustment type is checked before writing', async () => {
			const params = {
				resource: 'adjustment',
				operation: 'create',
				patNum: '227',
				adjType: 181,
				amount: '-172.50',
				reference: '[cc:APP-900001] merchant fee',
			};
			const first = (await env.harness.run(one(params))).json('Node')[0]!;
			expect(first).toMatchObject({
				created: true,
				adjustment: { patientId: '227', adjType: '181', amountCents: -17250 },
			});
			const again = (await env.harness.run(one(params))).json('Node')[0]!;
			expect(again).toMatchObject({ created: false, outcome: 'alreadyWritten' });
			expect((await ledger(227)).adjustments).toHaveLength(1);
			const writes = (await env.admin.writes()).length;
			const wrongSign = await env.harness.run(
				one({ ...params, amount: '172.50', reference: 'other' }),
			);
			// Read from Open Dental's definitions (the type's ItemValue), before anything is sent.
			expect(wrongSign.error?.message).toBe(
				'The adjustment was not written: amountCents: must be negative for this adjustment type (Open Dental rule)',
			);
			const unknownType = await env.harness.run(one({ ...params, adjType: 9999, reference: 'u' }));
			expect(unknownType.error?.message).toMatch(/^The adjustment was not written: adjType: /);
			expect(await env.admin.writes()).toHaveLength(writes);
		});

		test('Payment: Create by hand posts to the CareCredit pay type; Payment Plan: Close closes only a plan of its case', async () => {
			const paid = await env.harness.run(
				one({
					resource: 'payment',
					operation: 'create',
					source: 'fields',
					patNum: '209',
					amount: '1,297.50',
					transactionId: 'TXN-42',
					openDental: SETTINGS,
				}),
			);
			expect(paid.json('Node')[0]).toMatchObject({
				created: true,
				payment: {
					amountCents: 129750,
					payType: '72',
					payTypeName: 'CareCredit',
					reference: 'TXN-42',
				},
			});
			// Plan 901 is staff's (no case reference in its note): never closed by a case.
			const close = (payPlanNum: string, patNum: string) =>
				one(
					{
						resource: 'paymentPlan',
						operation: 'close',
						payPlanNum,
						patNum,
						caseReference: '[cc:APP-900001]',
					},
					'continueErrorOutput',
				);
			const refused = await env.harness.run(close('901', '209'));
			expect((refused.json('Node', 1)[0]!.details as any).problems).toEqual([
				expect.objectContaining({ field: 'payPlanNum', code: 'notThisCasesPlan' }),
			]);
			expect((await ledger(209)).plans[0].IsClosed).toBe(false);
			const built = await env.harness.run(financedCase(), { items: [{ decision: decision() }] });
			const payPlanId = String((built.json('Payment Plan')[0]!.paymentPlan as any).payPlanId);
			const closed = await env.harness.run(close(payPlanId, '227'));
			expect(closed.json('Node')[0]).toMatchObject({
				created: true,
				outcome: 'created',
				payPlanId,
				isClosed: true,
			});
			const again = await env.harness.run(close(payPlanId, '227'));
			expect(again.json('Node')[0]).toMatchObject({ outcome: 'alreadyWritten', isClosed: true });
		});
	});
});

describe('pacing to the throttle (one request per second per customer key)', () => {
	afterEach(async () => {
		await env.sandbox.stop();
	});

	const gaps = (served: Array<{ at: number }>) =>
		served.slice(1).map((s, k) => s.at - served[k]!.at);

	test('the node paces its own requests when Open Dental would not', async () => {
		env = await setup({ pacingMs: 1000 });
		const proxy = await servedAtProxy(env.sandbox.urls.openDental);
		await env.harness.setCredentials('openDentalApi', {
			baseUrl: `${proxy.url}/api/v1`,
			...KEYS,
			pacingMs: 1000,
		});
		const run = await env.harness.run(
			one({
				resource: 'adjustment',
				operation: 'create',
				patNum: '227',
				adjType: 181,
				amount: '-1.00',
				reference: '={{ $json.ref }}',
			}),
			{ items: [{ ref: 'pace-1' }, { ref: 'pace-2' }] },
		);
		await proxy.close();
		expect(run.error).toBeUndefined();
		// Per item: the adjustment types (the sign is checked first), the lookup, the write.
		expect(proxy.served).toHaveLength(6);
		for (const gap of gaps(proxy.served)) expect(gap).toBeGreaterThanOrEqual(1000);
	}, 15_000);

	test("with Open Dental's throttle on, a financed case still writes once, served a second apart", async () => {
		env = await setup({ throttle: true, pacingMs: 0 });
		const proxy = await servedAtProxy(env.sandbox.urls.openDental);
		await env.harness.setCredentials('openDentalApi', {
			baseUrl: `${proxy.url}/api/v1`,
			...KEYS,
			pacingMs: 0,
		});
		const run = await env.harness.run(
			chain([
				{
					name: 'Patient',
					type: 'openDental',
					parameters: {
						resource: 'patient',
						operation: 'get',
						patient: { __rl: true, mode: 'id', value: '227' },
					},
				},
				{
					name: 'Commlog',
					type: 'openDental',
					parameters: {
						resource: 'commlog',
						operation: 'create',
						source: 'fields',
						patNum: '227',
						note: 'Throttle check',
						caseReference: '[cc:APP-900002]',
					},
				},
			]),
		);
		await proxy.close();
		expect(run.error).toBeUndefined();
		expect((await ledger(227)).commlogs).toHaveLength(1);
		expect(proxy.served.length).toBeGreaterThanOrEqual(3);
		for (const gap of gaps(proxy.served)) expect(gap).toBeGreaterThanOrEqual(1000);
	}, 30_000);
});
