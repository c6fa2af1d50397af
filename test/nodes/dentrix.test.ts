/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox and item JSON is read loosely */
// The Dentrix node, trigger and credential through n8n-core's real WorkflowExecute, against the
// Dentrix stand-in of the sandbox over loopback. Ledger state is asserted in the stand-in itself.
import { nodeWorkflow, triggerWorkflow } from './harness';
import { chain, decision, DENTRIX, financedCase, setup } from './dentrixFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;

beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

const one = (
	parameters: Record<string, unknown>,
	onError?: 'continueErrorOutput' | 'continueRegularOutput',
) => nodeWorkflow(DENTRIX, parameters as never, { credentials: ['dentrixApi'], onError });

/** Records on an account in the stand-in (amounts in cents). */
async function ledger(guarantorId: string) {
	const s = await env.state();
	const mine = (list: Array<{ guarantorId: string }>) =>
		list.filter((r) => r.guarantorId === guarantorId);
	return {
		agreements: mine(s.paymentAgreements) as any[],
		notes: mine(s.ledgerNotes) as any[],
		payments: mine(s.payments) as any[],
		adjustments: mine(s.adjustments) as any[],
	};
}

const byHandAgreement = (overrides: Record<string, unknown> = {}) => ({
	resource: 'paymentAgreement',
	operation: 'create',
	source: 'fields',
	guarantorId: 'pat_1027',
	patientId: 'pat_1028',
	caseReference: '[cc:APP-800001]',
	agreementKind: 'shortfallPlan',
	billingType: 'Payment Agreement',
	agreementDate: '2026-11-20',
	interval: 'monthly',
	totalAgreedAmount: '1,200.00',
	firstPaymentDue: '2026-12-20',
	paymentAmount: '100.00',
	numberOfPayments: 10,
	additionalFields: { downPayment: '200.00', gracePeriodDays: 10 },
	...overrides,
});

describe('credential and reads', () => {
	test('the credential test passes with the sandbox key and fails with another', async () => {
		expect((await env.harness.testCredential('dentrixApi')).status).toBe('OK');
		await env.harness.setCredentials('dentrixApi', {
			baseUrl: env.sandbox.urls.dentrix,
			apiKey: 'wrong',
		});
		expect((await env.harness.testCredential('dentrixApi')).status).toBe('Error');
	});

	test('Patient: Get shows name and guarantor; tax id and date of birth masked unless asked for prefill', async () => {
		const params = {
			resource: 'patient',
			operation: 'get',
			patient: { __rl: true, mode: 'id', value: 'pat_1028' },
		};
		const masked = (await env.harness.run(one(params))).json('Node')[0]!;
		expect(masked).toMatchObject({
			patientId: 'pat_1028',
			name: 'Ruth Fischer',
			guarantorId: 'pat_1027',
			guarantor: { id: 'pat_1027', name: 'Henry Fischer' },
			taxId: '***-**-3691',
			dateOfBirth: '**/**/****',
		});
		expect(JSON.stringify(masked)).not.toContain('952-48-3691');
		expect(JSON.stringify(masked)).not.toContain('1970-02-09');
		const full = (
			await env.harness.run(
				one({ ...params, options: { includeTaxId: true, includeDateOfBirth: true } }),
			)
		).json('Node')[0]!;
		expect(full).toMatchObject({ taxId: '952-48-3691', dateOfBirth: '1970-02-09' });
	});

	test('Patient: Search by name returns each match, masked', async () => {
		const run = await env.harness.run(
			one({ resource: 'patient', operation: 'search', search: 'Fischer', returnAll: true }),
		);
		const found = run.json('Node');
		expect(found.map((p) => p.patientId).sort()).toEqual(['pat_1027', 'pat_1028']);
		expect(found.every((p) => p.taxId === '***-**-' + String(p.taxIdLastFour))).toBe(true);
	});

	test('the resource locators search patients and plans as the editor does', async () => {
		const wf = one({ resource: 'patient', operation: 'get' });
		const patients = await env.harness.listSearch(wf, 'searchPatients', 'fisch');
		expect(patients.results).toEqual([
			{ name: 'Fischer, Henry (own guarantor)', value: 'pat_1027' },
			{ name: 'Fischer, Ruth (guarantor Fischer, Henry)', value: 'pat_1028' },
		]);
		expect(JSON.stringify(patients)).not.toMatch(/\d{3}-\d{2}-\d{4}/);
		const plans = await env.harness.listSearch(wf, 'searchTreatmentPlans', 'whitaker');
		expect(plans.results.map((r) => r.value).sort()).toEqual(['tp_2001', 'tp_2002']);
		expect(plans.results[0]!.name).toMatch(/^Whitaker, (Daniel|Emma): .+ \((proposed|accepted)\)$/);
	});

	test('Treatment Plan: Get gives totals, patient portion, guarantor and procedures in cents', async () => {
		const run = await env.harness.run(
			one({
				resource: 'treatmentPlan',
				operation: 'get',
				treatmentPlan: { __rl: true, mode: 'id', value: 'tp_2019' },
			}),
		);
		const plan = run.json('Node')[0]!;
		expect(plan).toMatchObject({
			treatmentPlanId: 'tp_2019',
			patientId: 'pat_1027',
			guarantorId: 'pat_1027',
			totalCents: 475000,
			patientPortionCents: 325001,
			fundingMethod: 'CareCredit',
		});
		expect((plan.procedures as any[]).map((p) => [p.cdtCode, p.feeCents])).toEqual([
			['D6010', 225000],
			['D6057', 95000],
			['D6058', 155000],
		]);
	});

	test('Payment Agreement: Get, Get Many by account and by date range', async () => {
		const byAccount = await env.harness.run(
			one({
				resource: 'paymentAgreement',
				operation: 'getMany',
				by: 'account',
				guarantorId: 'pat_1009',
				returnAll: true,
			}),
		);
		expect(byAccount.json('Node').map((a) => a.agreementId)).toEqual(['pa_3001']);
		const got = await env.harness.run(
			one({ resource: 'paymentAgreement', operation: 'get', agreementId: 'pa_3001' }),
		);
		expect(got.json('Node')[0]).toMatchObject({
			agreementId: 'pa_3001',
			guarantorId: 'pat_1009',
			billingType: 'Payment Agreement',
		});
		const byDates = await env.harness.run(
			one({
				resource: 'paymentAgreement',
				operation: 'getMany',
				by: 'dateRange',
				agreementDateFrom: '2026-10-01',
				agreementDateTo: '2026-10-31',
				returnAll: true,
			}),
		);
		expect(byDates.json('Node').map((a) => a.agreementId)).toEqual(['pa_3002']);
	});

	test('an unknown id is a NodeApiError a person can act on; Continue On Fail keeps the others going', async () => {
		const wf = one(
			{ resource: 'paymentAgreement', operation: 'get', agreementId: '={{ $json.id }}' },
			'continueRegularOutput',
		);
		const run = await env.harness.run(wf, { items: [{ id: 'pa_3001' }, { id: 'pa_9999' }] });
		const [ok, failed] = run.output('Node');
		expect(ok!.json.agreementId).toBe('pa_3001');
		expect(failed!.json.error).toMatch(/Dentrix answered 404/);
		expect(failed!.pairedItem).toEqual({ item: 1 });
	});
});

describe('writing a financed case', () => {
	test('one agreement, one audit note, one payment; the same decision again writes nothing', async () => {
		const items = [{ decision: decision() }];
		const first = await env.harness.run(financedCase(), { items });
		expect(first.error).toBeUndefined();
		expect(first.json('Agreement')[0]).toMatchObject({ created: true, outcome: 'created' });
		expect(first.json('Note')[0]).toMatchObject({ created: true });
		expect(first.json('Payment')[0]).toMatchObject({ created: true });

		const after = await ledger('pat_1027');
		expect(after.agreements).toHaveLength(1);
		expect(after.agreements[0]).toMatchObject({
			billingType: 'Third-Party Financing - No Statements',
			totalAgreedAmountCents: 325001,
			annualFinanceChargePercent: 0,
			annualLateChargePercent: 0,
			numberOfPayments: 24,
			paymentAmountCents: 13542,
			createdBy: 'api',
		});
		expect(after.agreements[0].note).toContain('[cc:APP-700001]');
		const note = after.notes[0];
		expect(after.notes).toHaveLength(1);
		expect(note.text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CS?T /);
		for (const part of [
			'APP-700001',
			'DI24',
			'$3,250.01',
			'[cc:APP-700001]',
			'Written by automation',
		]) {
			expect(note.text).toContain(part);
		}
		expect(note.text).not.toContain('952-48-3690');
		expect(note.text).not.toContain('1969-09-14');
		expect(after.payments).toEqual([
			expect.objectContaining({
				paymentType: 'CareCredit Payment',
				amountCents: 325001,
				reference: 'TXN-700001',
			}),
		]);

		const writes = (await env.admin.writes()).length;
		const again = await env.harness.run(financedCase(), { items });
		expect(again.json('Agreement')[0]).toMatchObject({ created: false, outcome: 'alreadyWritten' });
		expect(again.json('Note')[0]).toMatchObject({ created: false, outcome: 'alreadyWritten' });
		expect(again.json('Payment')[0]).toMatchObject({ created: false, outcome: 'alreadyWritten' });
		expect(await env.admin.writes()).toHaveLength(writes);
	});

	test('the same decision twice at once: one agreement, one note, one payment', async () => {
		const items = [{ decision: decision() }];
		const [a, b] = await Promise.all([
			env.harness.run(financedCase(), { items }),
			env.harness.run(financedCase(), { items }),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		const created = [a, b].map((r) => r.json('Agreement')[0]!.created);
		expect(created.sort()).toEqual([false, true]);
		const after = await ledger('pat_1027');
		expect(after.agreements).toHaveLength(1);
		expect(after.notes).toHaveLength(1);
		expect(after.payments).toHaveLength(1);
	});

	test('test mode returns exactly what would be written and writes nothing', async () => {
		const run = await env.harness.run(financedCase({ testMode: true }), {
			items: [{ decision: decision() }],
		});
		expect(run.error).toBeUndefined();
		const agreement = run.json('Agreement')[0]!;
		expect(agreement).toMatchObject({ created: false, outcome: 'testMode' });
		expect(agreement.wouldWrite).toMatchObject({
			method: 'POST',
			path: '/v1/accounts/pat_1027/payment-agreements',
			body: {
				totalAgreedAmount: 3250.01,
				paymentAmount: 135.42,
				numberOfPayments: 24,
				annualFinanceChargePercent: 0,
			},
		});
		expect(run.json('Note')[0]!.wouldWrite).toMatchObject({
			path: '/v1/accounts/pat_1027/ledger-notes',
		});
		expect(run.json('Payment')[0]!.wouldWrite).toMatchObject({
			body: { amount: 3250.01, reference: 'TXN-700001' },
		});
		expect(await env.admin.writes()).toEqual([]);
	});

	test('an existing active agreement is never overwritten: a clear error, or the error output', async () => {
		// Carol Brooks (tp_2007): her guarantor pat_1009 already pays pa_3001.
		const carol = decision({
			applicationId: 'APP-700002',
			pms: {
				patientId: 'pat_1010',
				guarantorId: 'pat_1009',
				treatmentPlanId: 'tp_2007',
				locationId: 'loc_downtown',
			},
		});
		const stopped = await env.harness.run(financedCase(), { items: [{ decision: carol }] });
		expect(stopped.error?.message).toMatch(/already has an active payment agreement \(pa_3001\)/);

		const wf = financedCase();
		wf.nodes.find((n) => n.name === 'Agreement')!.onError = 'continueErrorOutput';
		const routed = await env.harness.run(wf, { items: [{ decision: carol }] });
		expect(routed.json('Agreement', 0)).toEqual([]);
		const [failed] = routed.json('Agreement', 1);
		expect((failed!.details as any).problems).toEqual([
			expect.objectContaining({ field: 'guarantorId', code: 'activeAgreementExists' }),
		]);
		expect((failed!.details as any).existingAgreementId).toBe('pa_3001');
		const after = await ledger('pat_1009');
		expect(after.agreements.map((a) => [a.id, a.totalAgreedAmountCents, a.edits.length])).toEqual([
			['pa_3001', expect.any(Number), 0],
		]);
		expect(await env.admin.writes()).toEqual([]);
	});

	test('test mode shows the agreement staff entered beside the one automation would write', async () => {
		const carol = decision({
			applicationId: 'APP-700002',
			pms: {
				patientId: 'pat_1010',
				guarantorId: 'pat_1009',
				treatmentPlanId: 'tp_2007',
				locationId: 'loc_downtown',
			},
		});
		const run = await env.harness.run(financedCase({ testMode: true }), {
			items: [{ decision: carol }],
		});
		expect(run.json('Agreement')[0]).toMatchObject({
			outcome: 'testMode',
			existingAgreement: { agreementId: 'pa_3001' },
		});
		expect(await env.admin.writes()).toEqual([]);
	});

	test.each([
		[
			'503 before the agreement is saved',
			{ kind: 'status', status: 503, phase: 'before', pathPattern: 'payment-agreements$' },
		],
		[
			'a reset after the agreement committed',
			{ kind: 'reset', phase: 'after', pathPattern: 'payment-agreements$' },
		],
		[
			'a timeout after the note committed',
			{ kind: 'timeout', delayMs: 50, phase: 'after', pathPattern: 'ledger-notes$' },
		],
		[
			'a reset after the payment committed',
			{ kind: 'reset', phase: 'after', pathPattern: 'payments$' },
		],
		[
			'503 after the payment committed',
			{ kind: 'status', status: 503, phase: 'after', pathPattern: 'payments$' },
		],
	])('%s still ends with exactly one agreement, one note, one payment', async (_name, fault) => {
		await env.admin.fault({ ...fault, method: 'POST', count: 1 } as never);
		const run = await env.harness.run(financedCase(), { items: [{ decision: decision() }] });
		expect(run.error).toBeUndefined();
		expect((await env.admin.faults('dentrix')).length).toBe(0);
		expect(run.json('Agreement')[0]!.created).toBe(true);
		const after = await ledger('pat_1027');
		expect([after.agreements.length, after.notes.length, after.payments.length]).toEqual([1, 1, 1]);
	});
});

describe('bad input is never written', () => {
	const expectRejected = async (
		parameters: Record<string, unknown>,
		field: string,
		code?: string,
	) => {
		const run = await env.harness.run(one(parameters, 'continueErrorOutput'));
		expect(run.json('Node', 0)).toEqual([]);
		const [failed] = run.json('Node', 1);
		expect(failed!.error).toMatch(/was not written/);
		expect((failed!.details as any).problems).toEqual(
			expect.arrayContaining([expect.objectContaining(code ? { field, code } : { field })]),
		);
		expect(await env.admin.writes()).toEqual([]);
	};

	test('a hand-entered agreement that is right is written once', async () => {
		const run = await env.harness.run(one(byHandAgreement()));
		expect(run.json('Node')[0]).toMatchObject({
			created: true,
			agreement: { totalAgreedAmountCents: 120000, downPaymentCents: 20000 },
		});
		const again = await env.harness.run(one(byHandAgreement()));
		expect(again.json('Node')[0]).toMatchObject({ created: false, outcome: 'alreadyWritten' });
		expect((await ledger('pat_1027')).agreements).toHaveLength(1);
	});

	test('a malformed date', () =>
		expectRejected(
			byHandAgreement({ agreementDate: '2026-13-01' }),
			'agreementDate',
			'invalidDate',
		));

	test('a missing first payment date', () =>
		expectRejected(
			byHandAgreement({ firstPaymentDue: '={{ $json.firstPaymentDue ?? "" }}' }),
			'firstPaymentDue',
			'required',
		));

	test('a missing frequency', () =>
		expectRejected(
			byHandAgreement({ interval: '={{ $json.interval ?? "" }}' }),
			'interval',
			'invalidEnumValue',
		));

	test('a guarantor that is not the patient’s guarantor', () =>
		expectRejected(
			byHandAgreement({ guarantorId: 'pat_1009' }),
			'guarantorId',
			'guarantorMismatch',
		));

	test('amounts that do not add up', () =>
		expectRejected(byHandAgreement({ numberOfPayments: 12 }), 'schedule', 'scheduleMismatch'));

	test('finance or late charges on a financing record', () =>
		expectRejected(
			byHandAgreement({
				agreementKind: 'financingRecord',
				billingType: 'Third-Party Financing - No Statements',
				additionalFields: { annualFinanceChargePercent: 5 },
			}),
			'annualFinanceChargeBasisPoints',
			'chargesOnFinancedCase',
		));

	test('a note too long for Dentrix', () =>
		expectRejected(
			{
				resource: 'ledgerNote',
				operation: 'create',
				source: 'fields',
				guarantorId: 'pat_1027',
				caseReference: '[cc:APP-800001]',
				text: 'x'.repeat(2000),
			},
			'text',
			'tooBig',
		));

	test('an arrangement missing its frequency and first payment date', async () => {
		const built = await env.harness.run(
			chain([
				{
					name: 'Build',
					type: 'paymentArrangement',
					parameters: {
						operation: 'build',
						decision: '={{ $json.decision }}',
						treatmentPlan: '={{ $json.plan }}',
						policy: {
							financingBillingType: 'Third-Party Financing - No Statements',
							timeZone: 'America/Chicago',
						},
					},
				},
			]),
			{ items: [{ decision: decision(), plan: await planItem('tp_2019') }] },
		);
		const arrangement = built.json('Build')[0]! as any;
		delete arrangement.dentrixPaymentAgreement.interval;
		arrangement.dentrixPaymentAgreement.firstPaymentDue = '';
		const run = await env.harness.run(
			one(
				{ resource: 'paymentAgreement', operation: 'create', arrangement: '={{ $json }}' },
				'continueErrorOutput',
			),
			{ items: [arrangement] },
		);
		const [failed] = run.json('Node', 1);
		const fields = ((failed!.details as any).problems as any[]).map((p) => p.field);
		expect(fields).toEqual(
			expect.arrayContaining([
				'dentrixPaymentAgreement.interval',
				'dentrixPaymentAgreement.firstPaymentDue',
			]),
		);
		expect(await env.admin.writes()).toEqual([]);
	});

	test('per item: failing items leave by the error output, the others by main', async () => {
		const wf = one(
			{
				...byHandAgreement(),
				guarantorId: '={{ $json.g }}',
				patientId: '={{ $json.p }}',
				caseReference: '={{ $json.ref }}',
			},
			'continueErrorOutput',
		);
		const run = await env.harness.run(wf, {
			items: [
				{ g: 'pat_1027', p: 'pat_1028', ref: '[cc:APP-800001]' },
				{ g: 'pat_1009', p: 'pat_1028', ref: '[cc:APP-800002]' },
				{ g: 'pat_1005', p: 'pat_1005', ref: '[cc:APP-800003]' },
			],
		});
		expect(run.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(run.output('Node', 1).map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(
			(await env.admin.writes()).filter((w) => w.path.endsWith('payment-agreements')),
		).toHaveLength(2);
	});

	async function planItem(id: string) {
		const run = await env.harness.run(
			one({
				resource: 'treatmentPlan',
				operation: 'get',
				treatmentPlan: { __rl: true, mode: 'id', value: id },
			}),
		);
		return run.json('Node')[0]!;
	}
});

describe('payments and adjustments', () => {
	const payment = {
		resource: 'payment',
		operation: 'post',
		source: 'fields',
		guarantorId: 'pat_1005',
		transactionId: 'TXN-900001',
		amount: '1,497.00',
		additionalFields: { merchantFee: '74.85', date: '2026-11-20' },
	};

	test('Payment: Post writes the payment and the merchant fee adjustment once per transaction', async () => {
		const run = await env.harness.run(one(payment));
		expect(run.json('Node')[0]).toMatchObject({
			created: true,
			payment: { amountCents: 149700, paymentType: 'CareCredit Payment', reference: 'TXN-900001' },
			feeAdjustment: {
				created: true,
				adjustment: { amountCents: 7485, type: 'CareCredit Merchant Fee' },
			},
		});
		const again = await env.harness.run(one(payment));
		expect(again.json('Node')[0]).toMatchObject({
			created: false,
			feeAdjustment: { created: false },
		});
		const after = await ledger('pat_1005');
		expect([after.payments.length, after.adjustments.length]).toEqual([1, 1]);
	});

	test('Adjustment: Create posts a CareCredit refund once', async () => {
		const refund = {
			resource: 'adjustment',
			operation: 'create',
			guarantorId: 'pat_1005',
			amount: '250',
			reference: 'RF-900002',
		};
		expect((await env.harness.run(one(refund))).json('Node')[0]).toMatchObject({
			created: true,
			adjustment: { type: 'CareCredit Refund', direction: 'debit', amountCents: 25000 },
		});
		expect((await env.harness.run(one(refund))).json('Node')[0]).toMatchObject({ created: false });
		expect((await ledger('pat_1005')).adjustments).toHaveLength(1);
	});

	test('Ledger Note: Get Many finds the audit note by its reference', async () => {
		await env.harness.run(financedCase(), { items: [{ decision: decision() }] });
		const run = await env.harness.run(
			one({
				resource: 'ledgerNote',
				operation: 'getMany',
				guarantorId: 'pat_1027',
				filters: { contains: '[cc:APP-700001]' },
				returnAll: true,
			}),
		);
		expect(run.json('Node').map((n) => n.referenceToken)).toEqual(['[cc:APP-700001]']);
	});
});

describe('Dentrix Trigger', () => {
	const trigger = (startFrom: string) =>
		triggerWorkflow(
			'n8n-nodes-dental-financing.dentrixTreatmentPlanTrigger',
			{ startFrom },
			{ credentials: ['dentrixApi'] },
		);

	test('emits each plan accepted with CareCredit once, cursor in static data', async () => {
		const wf = trigger('beginning');
		const first = await env.harness.poll(wf);
		expect(first![0]!.map((i) => i.json.treatmentPlanId)).toEqual([
			'tp_2012',
			'tp_2003',
			'tp_2007',
			'tp_2009',
			'tp_2015',
			'tp_2019',
		]);
		expect(await env.harness.poll(wf)).toBeNull();
		await fetch(`${env.sandbox.urls.dentrix}/v1/treatment-plans/tp_2001/accept`, {
			method: 'POST',
			headers: { authorization: 'Bearer sandbox-dentrix-key', 'content-type': 'application/json' },
			body: JSON.stringify({ fundingMethod: 'CareCredit' }),
		});
		const next = await env.harness.poll(wf);
		expect(next![0]!.map((i) => i.json.treatmentPlanId)).toEqual(['tp_2001']);
		expect(env.harness.staticData(wf)).toEqual({ 'node:Trigger': { cursor: expect.any(Number) } });
	});

	test('starting from now emits only later acceptances; manual mode gives a sample', async () => {
		const wf = trigger('now');
		expect(await env.harness.poll(wf)).toBeNull();
		const sample = await env.harness.poll(wf, { mode: 'manual' });
		expect(sample![0]).toHaveLength(1);
		expect(sample![0]![0]!.json.fundingMethod).toBe('CareCredit');
		expect(await env.harness.poll(wf)).toBeNull();
	});
});
