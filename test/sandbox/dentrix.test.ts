// Contract tests of the Dentrix stand-in over real HTTP: docs/dentrix-api.md, endpoint by endpoint.
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';
import { ledgerCorrections } from '../../sandbox/dentrix';

let sandbox: Sandbox;
let dx: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
	dx = axios.create({
		baseURL: sandbox.urls.dentrix,
		headers: { authorization: 'Bearer sandbox-dentrix-key' },
		validateStatus: () => true,
	});
});
afterAll(() => sandbox.stop());

const agreement = (over: Record<string, unknown> = {}) => ({
	billingType: 'Third-Party Financing - No Statements',
	agreementDate: '2026-11-27',
	interval: 'monthly',
	annualFinanceChargePercent: 0,
	annualLateChargePercent: 0,
	gracePeriodDays: 0,
	minimumLateCharge: 0,
	minimumBalanceToCharge: 0,
	totalAgreedAmount: 4220.01,
	downPayment: 0,
	firstPaymentDue: '2026-12-27',
	paymentAmount: 351.67,
	numberOfPayments: 12,
	note: 'CareCredit DI12 [cc:APP-100001]',
	statementNote: 'Financed through CareCredit - do not bill',
	...over,
});

describe('auth', () => {
	it('answers 401 with the error body without a key or with a wrong one', async () => {
		for (const headers of [
			{},
			{ authorization: 'Bearer wrong' },
			{ authorization: 'sandbox-dentrix-key' },
		]) {
			const res = await axios.get(`${sandbox.urls.dentrix}/v1/practice`, {
				headers,
				validateStatus: () => true,
			});
			expect(res.status).toBe(401);
			expect(res.data.error.code).toBe('unauthorized');
			expect(res.data.error.fields).toEqual([]);
		}
	});

	it('GET /v1/practice returns the practice, its two locations and its definitions', async () => {
		const res = await dx.get('/v1/practice');
		expect(res.status).toBe(200);
		expect(res.data.locations.map((l: { id: string }) => l.id)).toEqual([
			'loc_downtown',
			'loc_lakeside',
		]);
		expect(res.data.paymentTypes).toContain('CareCredit Payment');
		expect(res.data.adjustmentTypes).toContainEqual({
			name: 'CareCredit Refund',
			direction: 'debit',
		});
	});
});

describe('patients', () => {
	it('searches by partial, case-insensitive name and pages', async () => {
		const res = await dx.get('/v1/patients?search=WHIT');
		expect(res.data.total).toBe(4);
		expect(res.data.items.map((p: { firstName: string }) => p.firstName).sort()).toEqual([
			'Daniel',
			'Emma',
			'Laura',
			'Noah',
		]);
		const both = await dx.get('/v1/patients?search=whitaker, em');
		expect(both.data.items.map((p: { id: string }) => p.id)).toEqual(['pat_1003']);
		const page2 = await dx.get('/v1/patients?limit=10&offset=20');
		expect(page2.data).toMatchObject({ total: 54, limit: 10, offset: 20 });
		expect(page2.data.items).toHaveLength(10);
		expect((await dx.get('/v1/patients?limit=0')).status).toBe(400);
		expect((await dx.get('/v1/patients?dateOfBirth=1979-02-30')).status).toBe(400);
	});

	it('returns a minor with the parent guarantor and family, tax id only when asked', async () => {
		const res = await dx.get('/v1/patients/pat_1003');
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			id: 'pat_1003',
			dateOfBirth: '2012-06-18',
			guarantor: { id: 'pat_1001', firstName: 'Daniel', lastName: 'Whitaker' },
			isGuarantor: false,
			relationshipToGuarantor: 'child',
			taxIdLastFour: '5520',
		});
		expect(res.data).not.toHaveProperty('taxId');
		expect(res.data.family.map((f: { id: string }) => f.id).sort()).toEqual([
			'pat_1001',
			'pat_1002',
			'pat_1004',
		]);
		const withTax = await dx.get('/v1/patients/pat_1001?include=taxId');
		expect(withTax.data.taxId).toBe('912-64-0001');
		expect(withTax.data.address).toEqual({
			line1: '418 Juniper St',
			line2: '',
			city: 'Springfield',
			state: 'IL',
			zip: '62704',
		});
		expect(withTax.data.phones.cell).toBe('(217) 555-0142');
		expect((await dx.get('/v1/patients/pat_9999')).data.error.code).toBe('notFound');
	});
});

describe('treatment plans', () => {
	it('returns a plan with procedures and totals in dollars', async () => {
		const res = await dx.get('/v1/treatment-plans/tp_2001');
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			patientId: 'pat_1001',
			guarantorId: 'pat_1001',
			status: 'proposed',
			fundingMethod: null,
			locationId: 'loc_downtown',
		});
		expect(res.data.totals).toEqual({
			totalFee: 5720,
			insuranceEstimate: 1499.99,
			patientPortion: 4220.01,
		});
		expect(res.data.procedures[2]).toMatchObject({
			cdtCode: 'D6010',
			tooth: '19',
			fee: 2250,
			insuranceEstimate: 699.99,
			patientPortion: 1550.01,
		});
		const list = await dx.get('/v1/patients/pat_1014/treatment-plans');
		expect(list.data.items.map((p: { id: string }) => p.id)).toEqual(['tp_2010']);
		expect((await dx.get('/v1/treatment-plans/tp_0')).status).toBe(404);
	});

	it('accepts a plan once, feeds it to the cursor exactly once, and refuses a conflicting accept', async () => {
		const start = await dx.get('/v1/treatment-plans?status=accepted&fundingMethod=CareCredit');
		const cursor = start.data.nextCursor;
		expect(Number(cursor)).toBeGreaterThan(0);
		const accepted = await dx.post('/v1/treatment-plans/tp_2006/accept', {
			fundingMethod: 'CareCredit',
		});
		expect(accepted.status).toBe(200);
		expect(accepted.data).toMatchObject({ status: 'accepted', fundingMethod: 'CareCredit' });
		expect(Date.parse(accepted.data.acceptedAt)).not.toBeNaN();
		const feed = await dx.get(
			`/v1/treatment-plans?status=accepted&fundingMethod=CareCredit&cursor=${cursor}`,
		);
		expect(feed.data.items.map((p: { id: string }) => p.id)).toEqual(['tp_2006']);
		expect(feed.data.nextCursor).toBe(String(accepted.data.acceptSequence));
		const again = await dx.post('/v1/treatment-plans/tp_2006/accept', {
			fundingMethod: 'CareCredit',
		});
		expect(again.data.acceptSequence).toBe(accepted.data.acceptSequence);
		const after = await dx.get(
			`/v1/treatment-plans?status=accepted&fundingMethod=CareCredit&cursor=${feed.data.nextCursor}`,
		);
		expect(after.data.items).toEqual([]);
		expect(after.data.nextCursor).toBe(feed.data.nextCursor);
		const conflict = await dx.post('/v1/treatment-plans/tp_2006/accept', { fundingMethod: 'Cash' });
		expect(conflict.status).toBe(409);
		expect(conflict.data.error.code).toBe('planNotAcceptable');
		const bad = await dx.post('/v1/treatment-plans/tp_2002/accept', { fundingMethod: 'Bitcoin' });
		expect(bad.status).toBe(422);
		expect(bad.data.error.fields[0]).toMatchObject({ field: 'fundingMethod', code: 'notAllowed' });
		expect((await dx.get('/v1/treatment-plans?cursor=abc')).status).toBe(400);
	});

	it('reads the seeded CareCredit acceptances in order from the start of the feed', async () => {
		const feed = await dx.get(
			'/v1/treatment-plans?status=accepted&fundingMethod=CareCredit&cursor=0&limit=3',
		);
		const seqs = feed.data.items.map((p: { acceptSequence: number }) => p.acceptSequence);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(feed.data.items[0].id).toBe('tp_2012');
		expect(feed.data.nextCursor).toBe(String(seqs[2]));
		const since = await dx.get(
			'/v1/treatment-plans?status=accepted&acceptedSince=2026-11-12T00:00:00Z&cursor=0',
		);
		expect(
			since.data.items.every((p: { acceptedAt: string }) => p.acceptedAt >= '2026-11-12'),
		).toBe(true);
	});
});

describe('payment agreements', () => {
	it('creates an agreement with every field and reads it back', async () => {
		const res = await dx.post('/v1/accounts/pat_1001/payment-agreements', agreement());
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({
			...agreement(),
			guarantorId: 'pat_1001',
			status: 'active',
			createdBy: 'api',
			edits: [],
		});
		const got = await dx.get(`/v1/payment-agreements/${res.data.id}`);
		expect(got.data.paymentAmount).toBe(351.67);
		const list = await dx.get('/v1/accounts/pat_1001/payment-agreements?status=active');
		expect(list.data.items.map((a: { id: string }) => a.id)).toEqual([res.data.id]);
		const found = await dx.get('/v1/payment-agreements?contains=cc:app-100001');
		expect(found.data.items.map((a: { id: string }) => a.id)).toEqual([res.data.id]);
	});

	it('answers 409 naming the existing agreement when the account already has one', async () => {
		const res = await dx.post('/v1/accounts/pat_1009/payment-agreements', agreement());
		expect(res.status).toBe(409);
		expect(res.data.error).toMatchObject({
			code: 'activeAgreementExists',
			existingAgreementId: 'pa_3001',
		});
	});

	it('lets exactly one of 5 concurrent creates for one account succeed', async () => {
		const results = await Promise.all(
			Array.from({ length: 5 }, () =>
				dx.post('/v1/accounts/pat_1027/payment-agreements', agreement()),
			),
		);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
		const winner = results.find((r) => r.status === 201)!;
		for (const r of results.filter((x) => x.status === 409))
			expect(r.data.error.existingAgreementId).toBe(winner.data.id);
		const list = await dx.get('/v1/accounts/pat_1027/payment-agreements');
		expect(list.data.total).toBe(1);
	});

	it('answers 422 with every failing field named', async () => {
		const res = await dx.post(
			'/v1/accounts/pat_1005/payment-agreements',
			agreement({
				interval: 'fortnightly',
				gracePeriodDays: 31,
				statementNote: 'x'.repeat(83),
				note: 'y'.repeat(2001),
				minimumLateCharge: -1,
				agreementDate: '2026-02-30',
				paymentAmount: 10.005,
				billingType: 'Nope',
			}),
		);
		expect(res.status).toBe(422);
		expect(res.data.error.code).toBe('validationFailed');
		const byField = Object.fromEntries(
			res.data.error.fields.map((f: { field: string; code: string }) => [f.field, f.code]),
		);
		expect(byField).toEqual({
			interval: 'notAllowed',
			gracePeriodDays: 'outOfRange',
			statementNote: 'tooLong',
			note: 'tooLong',
			minimumLateCharge: 'outOfRange',
			agreementDate: 'invalid',
			paymentAmount: 'invalid',
			billingType: 'notAllowed',
		});
		const missing = await dx.post('/v1/accounts/pat_1005/payment-agreements', {});
		expect(missing.data.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
			'agreementDate',
			'billingType',
			'firstPaymentDue',
			'interval',
			'numberOfPayments',
			'paymentAmount',
			'totalAgreedAmount',
		]);
		const short = await dx.post(
			'/v1/accounts/pat_1005/payment-agreements',
			agreement({ paymentAmount: 100, numberOfPayments: 12 }),
		);
		expect(short.data.error.fields).toEqual([
			expect.objectContaining({ field: 'paymentAmount', code: 'inconsistent' }),
		]);
		const early = await dx.post(
			'/v1/accounts/pat_1005/payment-agreements',
			agreement({ firstPaymentDue: '2026-11-01' }),
		);
		expect(early.data.error.fields).toEqual([
			expect.objectContaining({ field: 'firstPaymentDue', code: 'inconsistent' }),
		]);
		const ok = await dx.post(
			'/v1/accounts/pat_1005/payment-agreements',
			agreement({ gracePeriodDays: 30, statementNote: 'x'.repeat(82), interval: 'biWeekly' }),
		);
		expect(ok.status).toBe(201);
	});

	it('refuses an account of a non-guarantor with the right guarantor named', async () => {
		const res = await dx.post('/v1/accounts/pat_1003/payment-agreements', agreement());
		expect(res.status).toBe(404);
		expect(res.data.error.code).toBe('accountNotFound');
		expect(res.data.error.message).toContain('pat_1001');
		expect(res.data.error.message).not.toContain('2012-06-18');
	});

	it('records staff edits from the console as ledger corrections, and closes', async () => {
		const created = await dx.post('/v1/accounts/pat_1030/payment-agreements', agreement());
		const id = created.data.id;
		const before = ledgerCorrections(sandbox.store.state.dentrix);
		const staff = await dx.patch(
			`/v1/payment-agreements/${id}`,
			{ paymentAmount: 400 },
			{ headers: { 'x-sandbox-source': 'console' } },
		);
		expect(staff.status).toBe(200);
		expect(staff.data.edits).toEqual([
			{
				at: expect.any(String),
				source: 'console',
				changes: { paymentAmount: { from: 351.67, to: 400 } },
			},
		]);
		expect(ledgerCorrections(sandbox.store.state.dentrix)).toBe(before + 1);
		const api = await dx.patch(`/v1/payment-agreements/${id}`, { gracePeriodDays: 5 });
		expect(api.data.edits[1]).toMatchObject({
			source: 'api',
			changes: { gracePeriodDays: { from: 0, to: 5 } },
		});
		const invalid = await dx.patch(`/v1/payment-agreements/${id}`, { gracePeriodDays: 45 });
		expect(invalid.status).toBe(422);
		expect((await dx.get(`/v1/payment-agreements/${id}`)).data.gracePeriodDays).toBe(5);
		const closed = await dx.post(`/v1/payment-agreements/${id}/close`);
		expect(closed.data).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
		expect((await dx.post('/v1/accounts/pat_1030/payment-agreements', agreement())).status).toBe(
			201,
		);
		expect((await dx.patch('/v1/payment-agreements/pa_0', {})).status).toBe(404);
	});

	it('lists agreements by agreement date across accounts', async () => {
		const res = await dx.get(
			'/v1/payment-agreements?agreementDateFrom=2026-01-01&agreementDateTo=2026-10-31',
		);
		expect(res.data.items.map((a: { id: string }) => a.id).sort()).toEqual([
			'pa_3001',
			'pa_3002',
			'pa_3003',
		]);
		expect((await dx.get('/v1/payment-agreements?agreementDateFrom=yesterday')).status).toBe(400);
	});
});

describe('future due plans, ledger notes, payments, adjustments', () => {
	it('creates and lists a future due payment plan, with field errors', async () => {
		const body = {
			patientId: 'pat_1015',
			providerId: 'prov_okafor',
			dateOfAgreement: '2026-11-27',
			firstPaymentDueDate: '2026-12-27',
			totalPlanAmount: 5800,
			downPayCharge: 1000,
			numberOfCharges: 24,
			chargeAmount: 200,
			chargeProcedureCode: 'D8670',
			autoCharge: true,
		};
		const res = await dx.post('/v1/accounts/pat_1012/future-due-plans', body);
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({ ...body, guarantorId: 'pat_1012', autoInsuranceClaim: false });
		expect((await dx.get('/v1/accounts/pat_1012/future-due-plans')).data.total).toBe(1);
		const bad = await dx.post('/v1/accounts/pat_1012/future-due-plans', {
			...body,
			patientId: 'pat_1001',
			chargeProcedureCode: 'ortho',
			autoCharge: 'yes',
		});
		expect(bad.status).toBe(422);
		expect(bad.data.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
			'autoCharge',
			'chargeProcedureCode',
			'patientId',
		]);
	});

	it('writes a ledger note and finds it by its reference token and date', async () => {
		const res = await dx.post('/v1/accounts/pat_1012/ledger-notes', {
			patientId: 'pat_1014',
			date: '2026-11-27',
			text: 'Arrangement written by automation [cc:APP-777]',
			kind: 'guarantorNote',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({
			guarantorId: 'pat_1012',
			patientId: 'pat_1014',
			createdBy: 'api',
		});
		const found = await dx.get(
			'/v1/accounts/pat_1012/ledger-notes?contains=[cc:app-777]&from=2026-11-27&to=2026-11-27',
		);
		expect(found.data.items.map((n: { id: string }) => n.id)).toEqual([res.data.id]);
		expect(
			(await dx.get('/v1/accounts/pat_1012/ledger-notes?contains=[cc:APP-778]')).data.total,
		).toBe(0);
		const bad = await dx.post('/v1/accounts/pat_1012/ledger-notes', {
			text: 'z'.repeat(2001),
			kind: 'sticky',
		});
		expect(
			bad.data.error.fields
				.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)
				.sort(),
		).toEqual(['kind:notAllowed', 'text:tooLong']);
		expect(
			(
				await dx.post('/v1/accounts/pat_1012/ledger-notes', '{not json', {
					headers: { 'content-type': 'application/json' },
				})
			).status,
		).toBe(400);
	});

	it('posts a CareCredit payment and refund and fee adjustments, found by reference', async () => {
		const pay = await dx.post('/v1/accounts/pat_1001/payments', {
			patientId: 'pat_1001',
			paymentType: 'CareCredit Payment',
			amount: 4220.01,
			date: '2026-11-27',
			reference: 'TXN-100001',
			note: 'DI12',
		});
		expect(pay.status).toBe(201);
		expect(pay.data).toMatchObject({
			amount: 4220.01,
			paymentType: 'CareCredit Payment',
			reference: 'TXN-100001',
		});
		expect(
			(await dx.get('/v1/accounts/pat_1001/payments?reference=TXN-100001')).data.items,
		).toHaveLength(1);
		const bad = await dx.post('/v1/accounts/pat_1001/payments', {
			paymentType: 'Gold',
			amount: -5,
		});
		expect(bad.data.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
			'amount',
			'paymentType',
		]);
		const refund = await dx.post('/v1/accounts/pat_1001/adjustments', {
			type: 'CareCredit Refund',
			amount: 300,
			reference: 'TXN-100002',
		});
		expect(refund.data).toMatchObject({ direction: 'debit', amount: 300, patientId: 'pat_1001' });
		const fee = await dx.post('/v1/accounts/pat_1001/adjustments', {
			type: 'CareCredit Merchant Fee',
			amount: 417.78,
		});
		expect(fee.data.direction).toBe('credit');
		expect((await dx.get('/v1/accounts/pat_1001/adjustments')).data.total).toBe(2);
	});
});
