// Contract tests of the Open Dental stand-in's insurance endpoints over real HTTP
// (apipatplans, apiinssubs, apiinsplans, apicarriers, apicovcats, apibenefits, apiclaimprocs,
// apiinsverifies; docs/opendental-sandbox.md). The seed is pinned to Wednesday 2026-12-02.
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';

const TODAY = '2026-12-02';
let sandbox: Sandbox;
let od: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		today: TODAY,
	});
	od = axios.create({
		baseURL: `${sandbox.urls.openDental}/api/v1`,
		headers: { authorization: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z' },
		validateStatus: () => true,
	});
});
afterAll(() => sandbox.stop());

type Row = Record<string, unknown>;
const get = async (path: string) => (await od.get(path)).data as Row[];

/** A patient's coverage the way a front desk reads it: plan, subscription, carrier. */
async function coverage(patNum: number) {
	const plans = await get(`/patplans?PatNum=${patNum}`);
	return Promise.all(
		plans.map(async (pp) => {
			const sub = (await od.get(`/inssubs/${pp.InsSubNum}`)).data as Row;
			const plan = (await od.get(`/insplans/${sub.PlanNum}`)).data as Row;
			const carrier = await od.get(`/carriers/${plan.CarrierNum}`);
			return { pp, sub, plan, carrier };
		}),
	);
}

describe('coverage: patplans, inssubs, insplans, carriers', () => {
	it('answers every read with the documented fields, string booleans and yyyy-MM-dd dates', async () => {
		const [rosa] = await coverage(231);
		expect(rosa.pp).toEqual({
			PatPlanNum: expect.any(Number),
			PatNum: 231,
			Ordinal: 1,
			IsPending: 'false',
			Relationship: 'Self',
			PatID: '',
			InsSubNum: expect.any(Number),
			OrthoAutoFeeBilledOverride: -1,
			OrthoAutoNextClaimDate: '0001-01-01',
			SecDateTEntry: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			SecDateTEdit: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(rosa.sub).toMatchObject({
			Subscriber: 231,
			DateTerm: '0001-01-01',
			ReleaseInfo: 'true',
			AssignBen: 'true',
			SubscriberID: 'MDM31000451',
		});
		expect(rosa.sub.DateEffective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(rosa.plan).toMatchObject({ PlanType: 'p', IsMedical: 'false', MonthRenew: 0 });
		expect(Object.keys(rosa.plan)).toHaveLength(28);
		expect(rosa.carrier.status).toBe(200);
		expect(rosa.carrier.data).toEqual({
			CarrierNum: rosa.plan.CarrierNum,
			CarrierName: 'Midwest Dental Mutual',
			Address: expect.any(String),
			Address2: '',
			City: 'Peoria',
			State: 'IL',
			Zip: '61602',
			Phone: '(309) 555-0140',
			ElectID: '60054',
			NoSendElect: 'SendElect',
			IsHidden: 'false',
		});
	});

	it('seeds secondary, terminated, pending and carrier-less coverage, and none at all', async () => {
		const priya = await coverage(233);
		expect(priya.map((c) => c.pp.Ordinal)).toEqual([1, 2]);
		const [walter] = await coverage(234);
		expect(String(walter.sub.DateTerm) < TODAY).toBe(true);
		expect(walter.sub.DateTerm).not.toBe('0001-01-01');
		const [hannah] = await coverage(235);
		expect(hannah.pp.IsPending).toBe('true');
		const [tomas] = await coverage(236);
		expect(tomas.carrier.status).toBe(404);
		expect(await get('/patplans?PatNum=238')).toEqual([]);
	});

	it('filters insplans by PlanType ("percentage" is the blank type) and CarrierNum, inssubs by PlanNum and Subscriber', async () => {
		const ppo = await get('/insplans?PlanType=p');
		const percentage = await get('/insplans?PlanType=percentage');
		expect(ppo.every((p) => p.PlanType === 'p')).toBe(true);
		expect(percentage.length).toBeGreaterThan(0);
		expect(percentage.every((p) => p.PlanType === '')).toBe(true);
		expect((await od.get('/insplans?PlanType=x')).status).toBe(400);
		expect((await get('/insplans?CarrierNum=1')).every((p) => p.CarrierNum === 1)).toBe(true);
		const subs = await get('/inssubs?Subscriber=233');
		expect(subs).toHaveLength(2);
		expect((await get(`/inssubs?PlanNum=${subs[0].PlanNum}`)).map((s) => s.PlanNum)).toContain(
			subs[0].PlanNum,
		);
		const all = await get('/inssubs');
		expect(all.map((s) => s.InsSubNum)).toEqual(
			[...all.map((s) => s.InsSubNum as number)].sort((a, b) => a - b),
		);
		expect((await od.get('/inssubs/9999')).status).toBe(404);
		expect((await od.get('/insplans/9999')).status).toBe(404);
		expect((await od.get('/patplans?PatNum=9999')).status).toBe(404);
	});
});

describe('benefits, covcats and claimprocs', () => {
	it('serves the plan benefits with -1 for empty amounts, and categories', async () => {
		const cats = await get('/covcats');
		expect(cats[0]).toEqual({
			CovCatNum: 1,
			Description: 'General',
			DefaultPercent: -1,
			CovOrder: 0,
			IsHidden: 'false',
			EbenefitCat: 'General',
		});
		const general = cats[0].CovCatNum;
		const crowns = cats.find((c) => c.Description === 'Crowns')!.CovCatNum;
		const [rosa] = await coverage(231);
		const benefits = await get(`/benefits?PlanNum=${rosa.plan.PlanNum}`);
		const max = benefits.find(
			(b) =>
				b.BenefitType === 'Limitations' &&
				b.CovCatNum === general &&
				b.QuantityQualifier === 'None',
		)!;
		expect(max).toMatchObject({ MonetaryAmt: 1500, Percent: -1, TimePeriod: 'CalendarYear' });
		expect(
			benefits.find((b) => b.BenefitType === 'Deductible' && b.CovCatNum === general),
		).toMatchObject({ MonetaryAmt: 50, CoverageLevel: 'Individual' });
		expect(
			benefits.find((b) => b.BenefitType === 'CoInsurance' && b.CovCatNum === crowns),
		).toMatchObject({ Percent: 50, MonetaryAmt: -1 });
		expect(benefits.find((b) => b.procCode === 'D1110')).toMatchObject({
			QuantityQualifier: 'NumberOfServices',
			Quantity: 2,
		});
		const [ingrid] = await coverage(237);
		const empty = await get(`/benefits?PlanNum=${ingrid.plan.PlanNum}`);
		expect(
			empty.find((b) => b.BenefitType === 'Limitations' && b.CovCatNum === general)!.MonetaryAmt,
		).toBe(-1);
		const one = await od.get(`/benefits/${max.BenefitNum}`);
		expect(one.data).toEqual(max);
		expect((await od.get('/benefits?PlanNum=9999')).status).toBe(404);
	});

	it('serves the year’s claimprocs: deductible met, maximum nearly used', async () => {
		const rosa = await get('/claimprocs?PatNum=231');
		expect(rosa.reduce((s, c) => s + (c.DedApplied as number), 0)).toBe(50);
		expect(rosa[0]).toMatchObject({ Status: 'Received', NoBillIns: 'false', IsTransfer: 'false' });
		const [priyaPrimary] = await coverage(233);
		const priya = (await get('/claimprocs?PatNum=233')).filter(
			(c) => c.PlanNum === priyaPrimary.plan.PlanNum,
		);
		expect(priya.reduce((s, c) => s + (c.InsPayAmt as number), 0)).toBe(1940);
		expect(
			(await get('/claimprocs?PatNum=232')).reduce((s, c) => s + (c.DedApplied as number), 0),
		).toBe(0);
		expect(await get('/claimprocs?Status=Preauth')).toEqual([]);
		expect((await od.get('/claimprocs?Status=Paid')).status).toBe(400);
		expect((await od.get(`/claimprocs/${rosa[0].ClaimProcNum}`)).data).toEqual(rosa[0]);
	});
});

describe('insverifies', () => {
	it('reads verifications by VerifyType and FKey (VerifyType required with FKey)', async () => {
		const [rosa] = await coverage(231);
		const enrollment = await get(
			`/insverifies?VerifyType=PatientEnrollment&FKey=${rosa.pp.PatPlanNum}`,
		);
		expect(enrollment).toEqual([
			{
				InsVerifyNum: expect.any(Number),
				DateLastVerified: '2026-11-27',
				UserNum: 0,
				VerifyType: 'PatientEnrollment',
				FKey: rosa.pp.PatPlanNum,
				DefNum: expect.any(Number),
				Note: '',
				DateLastAssigned: '0001-01-01',
				SecDateTEdit: expect.any(String),
			},
		]);
		const [victor] = await coverage(232);
		expect(
			(await get(`/insverifies?VerifyType=InsuranceBenefit&FKey=${victor.plan.PlanNum}`))[0]
				.DateLastVerified,
		).toBe('2026-05-16');
		expect((await od.get('/insverifies?FKey=1')).status).toBe(400);
		expect((await od.get('/insverifies?VerifyType=Other')).status).toBe(400);
		expect((await od.get('/insverifies/99999')).status).toBe(404);
	});

	it('PUT stamps the row of that VerifyType and FKey, keeps the earlier version, and is logged', async () => {
		const [ingrid] = await coverage(237);
		const before = await get(
			`/insverifies?VerifyType=PatientEnrollment&FKey=${ingrid.pp.PatPlanNum}`,
		);
		expect(before[0].DateLastVerified).toBe('0001-01-01');
		const res = await od.put('/insverifies', {
			VerifyType: 'PatientEnrollment',
			FKey: ingrid.pp.PatPlanNum,
			DateLastVerified: TODAY,
			DefNum: 381,
			Note: 'Verified on\nthe portal',
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			InsVerifyNum: before[0].InsVerifyNum,
			DateLastVerified: TODAY,
			DefNum: 381,
			Note: 'Verified on the portal',
		});
		// A field left out keeps its value.
		const again = await od.put('/insverifies', {
			VerifyType: 'PatientEnrollment',
			FKey: ingrid.pp.PatPlanNum,
			Note: 'Called the carrier',
		});
		expect(again.data).toMatchObject({ DateLastVerified: TODAY, DefNum: 381 });
		const hist = sandbox.store.state.openDental.insVerifyHist.filter(
			(h) => h.InsVerifyNum === before[0].InsVerifyNum,
		);
		expect(hist.map((h) => h.DateLastVerified)).toEqual(['0001-01-01', TODAY]);
		const writes = (await axios.get(`${sandbox.urls.openDental}/__sandbox/writes`)).data.writes;
		expect(writes.filter((w: Row) => w.path === '/api/v1/insverifies')).toHaveLength(2);

		for (const bad of [
			{ FKey: ingrid.pp.PatPlanNum },
			{ VerifyType: 'PatientEnrollment' },
			{ VerifyType: 'PatientEnrollment', FKey: 99999 },
			{ VerifyType: 'InsuranceBenefit', FKey: ingrid.pp.PatPlanNum, DefNum: 235 },
			{ VerifyType: 'InsuranceBenefit', FKey: ingrid.plan.PlanNum, DateLastVerified: '12/02/2026' },
		])
			expect((await od.put('/insverifies', bad)).status).toBe(400);
	});
});

describe('conventions on the new endpoints', () => {
	it('pages, authenticates and takes injected faults like the rest', async () => {
		expect((await get('/covcats?Limit=3&Offset=2')).map((c) => c.CovCatNum)).toEqual([3, 4, 5]);
		const anon = await axios.get(`${sandbox.urls.openDental}/api/v1/carriers`, {
			validateStatus: () => true,
		});
		expect(anon.status).toBe(401);
		await axios.post(`${sandbox.urls.openDental}/__sandbox/faults`, {
			kind: 'status',
			status: 503,
			count: 1,
			pathPattern: '/benefits$',
		});
		expect((await od.get('/benefits?PlanNum=11')).status).toBe(503);
		expect((await od.get('/benefits?PlanNum=11')).status).toBe(200);
	});
});
