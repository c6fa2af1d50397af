// Contract tests of the Open Dental stand-in over real HTTP (opendental-api.md; docs/opendental-sandbox.md).
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';

const AUTH = { authorization: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z' };
let sandbox: Sandbox;
let od: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
	od = axios.create({
		baseURL: `${sandbox.urls.openDental}/api/v1`,
		headers: AUTH,
		validateStatus: () => true,
	});
});
afterAll(() => sandbox.stop());

// Seeded numbers (sandbox/seed/ids.ts): PatNum = 200 + person key; Daniel Whitaker 201, Emma 203.
const procNums = async (patNum: number, status = 'TP') =>
	(await od.get(`/procedurelogs?PatNum=${patNum}&ProcStatus=${status}`)).data.map(
		(p: { ProcNum: number }) => p.ProcNum,
	);

describe('auth and conventions', () => {
	it('answers 401 without, or with a malformed or wrong ODFHIR header', async () => {
		for (const authorization of [
			undefined,
			'ODFHIR NFF6i0KrXrxDkZHt',
			'Bearer x',
			'ODFHIR NFF6i0KrXrxDkZHt/wrong',
		]) {
			const res = await axios.get(`${sandbox.urls.openDental}/api/v1/patients`, {
				headers: authorization ? { authorization } : {},
				validateStatus: () => true,
			});
			expect(res.status).toBe(401);
		}
		const own = await axios.get(`${sandbox.urls.openDental}/api/v1/patients/201`, {
			headers: { authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer' },
		});
		expect(own.data.LName).toBe('Whitaker');
	});

	it('pages lists by Limit and Offset, 100 at most', async () => {
		const { procedures, patients } = sandbox.store.state.openDental;
		expect(procedures.length).toBeGreaterThan(70);
		expect((await od.get('/procedurelogs')).data).toHaveLength(Math.min(100, procedures.length));
		const last = procedures.length - 3;
		expect((await od.get(`/procedurelogs?Limit=10&Offset=${last}`)).data).toHaveLength(3);
		expect((await od.get('/patients/Simple?Limit=500')).data).toHaveLength(patients.length);
		expect((await od.get(`/patients?Offset=${patients.length - 5}`)).data).toHaveLength(5);
		expect((await od.get('/patients?Limit=abc')).status).toBe(400);
	});
});

describe('patients', () => {
	it('GET /patients/{PatNum} returns the full row with string booleans and yyyy-MM-dd dates', async () => {
		const res = await od.get('/patients/203');
		expect(res.data).toMatchObject({
			PatNum: 203,
			FName: 'Emma',
			Guarantor: 201,
			Birthdate: '2012-06-18',
			Premed: 'false',
			Position: 'Child',
			BalTotal: 0,
			ClinicNum: 1,
		});
		expect((await od.get('/patients/999')).status).toBe(404);
	});

	it('searches partially and case-insensitively; Simple has serverDateTime and Guarantor', async () => {
		const res = await od.get('/patients?LName=WHIT&FName=da');
		expect(res.data.map((p: { PatNum: number }) => p.PatNum)).toEqual([201]);
		expect(res.data[0]).not.toHaveProperty('Guarantor');
		const simple = await od.get('/patients/Simple?LName=whitaker&FName=emm&Birthdate=2012-06-18');
		expect(simple.data).toHaveLength(1);
		expect(Object.keys(simple.data[0])[0]).toBe('serverDateTime');
		expect(simple.data[0].serverDateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(simple.data[0]).toMatchObject({ Guarantor: 201, EstBalance: 0 });
		expect((await od.get('/patients/Simple?Birthdate=06/18/2012')).status).toBe(400);
		expect((await od.get('/patients?LName=nobody')).data).toEqual([]);
	});
});

describe('treatment plans and procedures', () => {
	it('serves Active plans with attaches and Saved plans with proctps', async () => {
		const plans = await od.get('/treatplans?PatNum=205');
		expect(
			plans.data.map(
				(t: { TreatPlanNum: number; TPStatus: string }) => `${t.TreatPlanNum}:${t.TPStatus}`,
			),
		).toEqual(['303:Active', '403:Saved']);
		expect(plans.data[1]).toMatchObject({ isSigned: 'true', SignatureText: 'Maria Alvarez' });
		const attaches = await od.get('/treatplanattaches?TreatPlanNum=303');
		expect(attaches.data).toHaveLength(3);
		const tps = await od.get('/proctps?TreatPlanNum=403');
		expect(tps.data.map((p: { ProcCode: string }) => p.ProcCode)).toEqual([
			'D3330',
			'D2950',
			'D2740',
		]);
		expect(tps.data[0]).toMatchObject({ FeeAmt: 1350, PriInsAmt: 675, PatAmt: 675 });
		expect(tps.data.map((p: { ProcNumOrig: number }) => p.ProcNumOrig)).toEqual(
			attaches.data.map((a: { ProcNum: number }) => a.ProcNum),
		);
		expect((await od.get('/proctps')).status).toBe(400);
		expect((await od.get('/treatplanattaches?TreatPlanNum=9999')).status).toBe(404);
		expect((await od.get('/treatplans?TPStatus=Open')).status).toBe(400);
	});

	it('serves procedurelogs with ProcFee as a string and filters by ProcStatus', async () => {
		const res = await od.get('/procedurelogs?PatNum=201&ProcStatus=TP');
		expect(res.data.map((p: { procCode: string }) => p.procCode)).toEqual([
			'D7210',
			'D7953',
			'D6010',
			'D6057',
			'D6058',
		]);
		expect(res.data[2]).toMatchObject({ ProcFee: '2250.00', ToothNum: '19', ProcStatus: 'TP' });
		const one = await od.get(`/procedurelogs/${res.data[0].ProcNum}`);
		expect(one.data.procCode).toBe('D7210');
		expect((await od.get('/procedurelogs?PatNum=211&ProcStatus=C')).data).toHaveLength(4);
	});
});

describe('payment plans', () => {
	it('answers 410 Gone to the deprecated POST /payplans', async () => {
		const res = await od.post('/payplans', { PatNum: 201, principalAmount: 100, PayAmt: 10 });
		expect(res.status).toBe(410);
	});

	it('creates a dynamic plan from attached production, terms prepended and line breaks turned to spaces', async () => {
		const procs = await procNums(201);
		const res = await od.post('/payplans/Dynamic', {
			PatNum: 201,
			PayPlanDate: '2026-11-27',
			NumberOfPayments: 12,
			DownPayment: 220.01,
			procNums: procs,
			Note: 'CareCredit shortfall\r\n[cc:APP-100002]',
			DynamicPayPlanTPOption: 'TreatAsComplete',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({
			PatNum: 201,
			Guarantor: 201,
			APR: 0,
			NumberOfPayments: 0,
			PayAmt: 333.34,
			DownPayment: 220.01,
			principalAmount: 4220.01,
			IsDynamic: 'true',
			IsClosed: 'false',
			IsLocked: 'true',
			ChargeFrequency: 'Monthly',
			DatePayPlanStart: '2026-12-27',
			DateInterestStart: '0001-01-01',
		});
		expect(res.data.Note).toMatch(
			/^\d{2}\/\d{2}\/\d{4} - Date of Agreement: 11\/27\/2026, Total Amount: 4220\.01, APR: 0, Total Cost of Loan: 4220\.01, CareCredit shortfall \[cc:APP-100002\]$/,
		);
		const got = await od.get(`/payplans/${res.data.PayPlanNum}`);
		expect(got.data.Note).toBe(res.data.Note);
		expect((await od.get('/payplans?PatNum=201')).data).toHaveLength(1);
		const links = await od.get(`/payplanlinks?PayPlanNum=${res.data.PayPlanNum}`);
		expect(links.data.map((l: { FKey: number }) => l.FKey)).toEqual(procs);
		const again = await od.post('/payplans/Dynamic', { PatNum: 201, PayAmt: 100, procNums: procs });
		expect(again.status).toBe(400);
	});

	it('refuses missing required fields, a non-string boolean, IsLocked false with an APR, and foreign procedures', async () => {
		const procs = await procNums(206);
		const cases: Array<[Record<string, unknown>, number]> = [
			[{ PayAmt: 10, procNums: procs }, 400],
			[{ PatNum: 206, procNums: procs }, 400],
			[{ PatNum: 206, PayAmt: 10 }, 400],
			[{ PatNum: 206, PayAmt: 10, NumberOfPayments: 3, procNums: procs }, 400],
			[{ PatNum: 206, PayAmt: 10, procNums: procs, IsLocked: true }, 400],
			[{ PatNum: 206, PayAmt: 10, procNums: procs, APR: 9.9, IsLocked: 'false' }, 400],
			[{ PatNum: 206, PayAmt: 10, procNums: procs, ChargeFrequency: 'Monthlyish' }, 400],
			[{ PatNum: 206, PayAmt: 10, procNums: await procNums(201) }, 400],
			[{ PatNum: 206, PayAmt: 10, procNums: procs, DownPayment: 5000 }, 400],
			[{ PatNum: 999, PayAmt: 10, procNums: procs }, 404],
		];
		for (const [body, status] of cases) {
			const res = await od.post('/payplans/Dynamic', body);
			expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
			expect(typeof res.data).toBe('string');
		}
		const withApr = await od.post('/payplans/Dynamic', {
			PatNum: 206,
			NumberOfPayments: 4,
			APR: 12,
			IsLocked: 'true',
			procNums: procs,
			PayPlanDate: '2026-11-27',
		});
		expect(withApr.status).toBe(201);
		expect(withApr.data.Note).toContain(
			'Total Amount: 228.03, APR: 12, Total Cost of Loan: 233.76',
		);
	});

	it('issues charges as they come due; installment dates and the guarantor lock once charged', async () => {
		const charges = await od.get('/payplancharges?PayPlanNum=901');
		expect(charges.status).toBe(200);
		// Seeded Brooks plan: down payment 2026-06-15, then $100 on the 15th from July; the clock is past November.
		expect(
			charges.data
				.map((c: { ChargeDate: string; Principal: number }) => `${c.ChargeDate}:${c.Principal}`)
				.slice(0, 3),
		).toEqual(['2026-06-15:200', '2026-07-15:100', '2026-08-15:100']);
		expect(charges.data[0].Note).toBe('Down Payment');
		const move = await od.put('/payplans/901/Dynamic', { DatePayPlanStart: '2027-01-15' });
		expect(move.status).toBe(400);
		expect((await od.put('/payplans/901/Dynamic', { Guarantor: 210 })).status).toBe(400);
		expect(
			(await od.put('/payplans/901/Dynamic', { PayAmt: 50, NumberOfPayments: 4 })).status,
		).toBe(400);
		expect((await od.put('/payplancharges', { ChargeDate: '2027-01-01' })).status).toBe(405);
		const edit = await od.put('/payplans/901/Dynamic', { PayAmt: 125, Note: 'Rewritten\nnote' });
		expect(edit.status).toBe(200);
		expect(edit.data).toMatchObject({ PayAmt: 125, Note: 'Rewritten note' });
		expect((await od.put('/payplans/901/Dynamic', { APR: 5 })).status).toBe(400);
		expect((await od.put('/payplans/901/Dynamic', { APR: 5, IsLocked: 'true' })).status).toBe(200);
		expect((await od.get('/payplancharges')).status).toBe(400);
		expect((await od.get('/payplancharges?PayPlanNum=4242')).status).toBe(404);
	});

	it('AwaitComplete issues no charges for unfinished procedures; AmountOverride changes the amount; Close closes', async () => {
		const procs = await procNums(230);
		const plan = await od.post('/payplans/Dynamic', {
			PatNum: 230,
			PayAmt: 100,
			procNums: procs,
			PayPlanDate: '2026-09-01',
			DatePayPlanStart: '2026-10-01',
			// Links change only on a plan that is not locked (apipayplanlinks.html); the default is locked.
			IsLocked: 'false',
		});
		expect(plan.data.DynamicPayPlanTPOption).toBe('AwaitComplete');
		expect(plan.data.CompletedAmt).toBe(0);
		expect((await od.get(`/payplancharges?PayPlanNum=${plan.data.PayPlanNum}`)).data).toEqual([]);
		const links = (await od.get(`/payplanlinks?PayPlanNum=${plan.data.PayPlanNum}`)).data;
		const put = await od.put(`/payplanlinks/${links[0].PayPlanLinkNum}`, { AmountOverride: 50 });
		expect(put.data.AmountOverride).toBe(50);
		expect((await od.get(`/payplans/${plan.data.PayPlanNum}`)).data.principalAmount).toBe(
			456.06 - 114 + 50,
		);
		const closed = await od.put(`/payplans/${plan.data.PayPlanNum}/Close`);
		expect(closed.data.IsClosed).toBe('true');
		expect((await od.put('/payplans/4242/Close')).status).toBe(404);
		expect((await od.put(`/payplans/${plan.data.PayPlanNum}/Dynamic`, { PayAmt: 10 })).status).toBe(
			400,
		);
		const adj = await od.post('/adjustments', {
			PatNum: 230,
			AdjType: 183,
			AdjAmt: 75,
			AdjDate: '2026-11-20',
		});
		const link = await od.post('/payplanlinks', {
			PayPlanNum: 901,
			LinkType: 'Adjustment',
			FKey: adj.data.AdjNum,
		});
		expect(link.status).toBe(400);
	});
});

describe('commlogs, payments, adjustments', () => {
	it('creates and lists commlogs with defaults, line breaks as spaces', async () => {
		const res = await od.post('/commlogs', {
			PatNum: 201,
			Note: 'Financing written\r\n[cc:APP-100001]',
			commType: 'Financial',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({
			PatNum: 201,
			CommType: '235',
			commType: 'Financial',
			Note: 'Financing written [cc:APP-100001]',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		});
		expect(res.data.CommDateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		const defaults = await od.post('/commlogs', { PatNum: 201, Note: 'x' });
		expect(defaults.data).toMatchObject({
			Mode_: 'Phone',
			SentOrReceived: 'Sent',
			commType: 'Misc',
		});
		expect((await od.get('/commlogs?PatNum=201')).data).toHaveLength(2);
		expect((await od.get(`/commlogs/${res.data.CommlogNum}`)).data.CommlogNum).toBe(
			res.data.CommlogNum,
		);
		expect((await od.post('/commlogs', { PatNum: 201 })).status).toBe(400);
		expect((await od.post('/commlogs', { PatNum: 201, Note: 'x', Mode_: 'Pigeon' })).status).toBe(
			400,
		);
		expect((await od.post('/commlogs', { PatNum: 999, Note: 'x' })).status).toBe(404);
	});

	it('posts payments with PayAmt as a string in the answer', async () => {
		const res = await od.post('/payments', {
			PatNum: 205,
			PayAmt: '1497.00',
			PayType: 72,
			PayDate: '2026-11-20',
			PayNote: 'CareCredit TXN-1',
			isPrepayment: 'false',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({
			PatNum: 205,
			PayAmt: '1497',
			PayType: 72,
			payType: 'CareCredit',
			ClinicNum: '1',
			PaymentSource: 'API',
			serverDateTime: '',
		});
		expect((await od.get('/payments?PatNum=205')).data).toHaveLength(1);
		expect((await od.post('/payments', { PatNum: 205 })).status).toBe(400);
		expect(
			(await od.post('/payments', { PatNum: 205, PayAmt: 5, isPrepayment: true })).status,
		).toBe(400);
		expect(
			(await od.post('/payments', { PatNum: 205, PayAmt: 5, PayDate: '2099-01-01' })).status,
		).toBe(400);
		expect((await od.post('/payments', { PatNum: 999, PayAmt: 5 })).status).toBe(404);
	});

	it('posts adjustments whose sign matches the AdjType, never future-dated', async () => {
		const ok = await od.post('/adjustments', {
			PatNum: 205,
			AdjType: 181,
			AdjAmt: -148.2,
			AdjDate: '2026-11-20',
			AdjNote: 'CareCredit fee',
		});
		expect(ok.status).toBe(201);
		expect(ok.data).toMatchObject({
			AdjAmt: -148.2,
			adjType: 'CareCredit Merchant Fee',
			ProvNum: 2,
		});
		expect(
			(
				await od.post('/adjustments', {
					PatNum: 205,
					AdjType: 181,
					AdjAmt: 10,
					AdjDate: '2026-11-20',
				})
			).status,
		).toBe(400);
		expect(
			(
				await od.post('/adjustments', {
					PatNum: 205,
					AdjType: 180,
					AdjAmt: 10,
					AdjDate: '2099-11-20',
				})
			).status,
		).toBe(400);
		expect(
			(await od.post('/adjustments', { PatNum: 205, AdjAmt: 10, AdjDate: '2026-11-20' })).status,
		).toBe(400);
		expect((await od.get('/adjustments?PatNum=205')).data).toHaveLength(1);
		expect((await od.get('/adjustments')).status).toBe(400);
		expect(
			(await od.get('/definitions?Category=1')).data.map((d: { ItemName: string }) => d.ItemName),
		).toContain('CareCredit Refund');
	});
});

describe('throttle', () => {
	it('paces a customer key to one request per second when switched on', async () => {
		const throttled = await startSandbox({
			dataDir: null,
			openDentalThrottle: true,
			ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		});
		try {
			const get = () =>
				axios.get(`${throttled.urls.openDental}/api/v1/patients/201`, { headers: AUTH });
			const [a, b] = await Promise.all([get(), get()]);
			expect([a.status, b.status]).toEqual([200, 200]);
			const served = [a, b]
				.map((r) => Date.parse(r.headers['x-sandbox-served-at']))
				.sort((x, y) => x - y);
			expect(served[1] - served[0]).toBeGreaterThanOrEqual(1000);
			const other = await axios.get(`${throttled.urls.openDental}/api/v1/patients/201`, {
				headers: { authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer' },
			});
			expect(other.status).toBe(200);
		} finally {
			await throttled.stop();
		}
	});

	it('serves requests sent one after another at least a full second apart, never 999 ms', async () => {
		const throttled = await startSandbox({
			dataDir: null,
			openDentalThrottle: true,
			ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		});
		try {
			const served: number[] = [];
			for (let k = 0; k < 4; k++) {
				const r = await axios.get(`${throttled.urls.openDental}/api/v1/patients/201`, {
					headers: AUTH,
				});
				served.push(Date.parse(r.headers['x-sandbox-served-at']));
			}
			for (let k = 1; k < served.length; k++)
				expect(served[k]! - served[k - 1]!).toBeGreaterThanOrEqual(1000);
		} finally {
			await throttled.stop();
		}
	}, 15_000);
});
