// Contract tests of the Dentrix stand-in's modeled insurance, continuing care, appointment and
// contact-preference endpoints over real HTTP (docs/dentrix-api.md). Seed pinned to 2026-12-02.
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';

const TODAY = '2026-12-02';
let sandbox: Sandbox;
let dx: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		today: TODAY,
	});
	dx = axios.create({
		baseURL: sandbox.urls.dentrix,
		headers: { authorization: 'Bearer sandbox-dentrix-key' },
		validateStatus: () => true,
	});
});
afterAll(() => sandbox.stop());

type Row = Record<string, unknown>;
const items = async (path: string) => (await dx.get(path)).data.items as Row[];

describe('patients: status and contact preferences', () => {
	it('reads them on the patient and records an opt-out', async () => {
		const lena = (await dx.get('/v1/patients/pat_1039')).data;
		expect(lena).toMatchObject({
			status: 'patient',
			deceased: false,
			contactPreferences: {
				preferredContactMethod: 'textMessage',
				textMessages: 'optedIn',
				doNotContact: false,
			},
		});
		expect((await dx.get('/v1/patients/pat_1042')).data.contactPreferences.doNotContact).toBe(true);
		expect((await dx.get('/v1/patients/pat_1046')).data).toMatchObject({
			status: 'inactive',
			deceased: true,
		});
		expect((await dx.get('/v1/patients/pat_1001')).data.contactPreferences.textMessages).toBe(
			'unknown',
		);
		const res = await dx.patch('/v1/patients/pat_1039/contact-preferences', {
			textMessages: 'optedOut',
		});
		expect(res.status).toBe(200);
		expect(res.data.contactPreferences).toMatchObject({
			textMessages: 'optedOut',
			preferredContactMethod: 'textMessage',
		});
		const bad = await dx.patch('/v1/patients/pat_1039/contact-preferences', {
			textMessages: 'never',
			doNotContact: 'yes',
		});
		expect(bad.status).toBe(422);
		expect(bad.data.error.fields.map((f: Row) => f.field).sort()).toEqual([
			'doNotContact',
			'textMessages',
		]);
	});
});

describe('insurance coverage and eligibility', () => {
	it('serves coverage with benefits used, deductible met and null for empty amounts', async () => {
		const [rosa] = await items('/v1/patients/pat_1031/insurance');
		expect(rosa).toMatchObject({
			coverageOrder: 'primary',
			carrier: { name: 'Midwest Dental Mutual' },
			eligibilityStatus: 'eligible',
			eligibilityVerifiedOn: '2026-11-27',
			benefits: {
				annualMaximum: 1500,
				benefitsUsed: 283,
				remainingBenefits: 1217,
				individualDeductible: 50,
				deductibleMet: 50,
			},
		});
		const priya = await items('/v1/patients/pat_1033/insurance');
		expect(priya.map((c) => c.coverageOrder)).toEqual(['primary', 'secondary']);
		expect(priya[0]).toMatchObject({ benefits: { annualMaximum: 2000, remainingBenefits: 60 } });
		expect((await items('/v1/patients/pat_1034/insurance'))[0].eligibilityStatus).toBe(
			'notEligible',
		);
		expect((await items('/v1/patients/pat_1035/insurance'))[0].eligibilityStatus).toBe('pending');
		expect((await items('/v1/patients/pat_1036/insurance'))[0].carrier).toBeNull();
		const [ingrid] = await items('/v1/patients/pat_1037/insurance');
		expect(ingrid).toMatchObject({
			eligibilityStatus: 'unknown',
			eligibilityVerifiedOn: null,
			benefits: { annualMaximum: null, remainingBenefits: null, individualDeductible: null },
		});
		expect(await items('/v1/patients/pat_1038/insurance')).toEqual([]);
		expect((await dx.get('/v1/patients/pat_9999/insurance')).status).toBe(404);
	});

	it('stamps eligibility verified once per day and status, keeping the earlier stamp', async () => {
		const [ingrid] = await items('/v1/patients/pat_1037/insurance');
		const url = `/v1/patients/pat_1037/insurance/${ingrid.id}/eligibility`;
		const first = await dx.post(url, { eligibilityStatus: 'eligible', note: 'Portal check' });
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({
			eligibilityStatus: 'eligible',
			eligibilityVerifiedOn: TODAY,
		});
		const again = await dx.post(url, { eligibilityStatus: 'eligible' });
		expect(again.data.verificationHistory).toHaveLength(1);
		expect(again.data.verificationHistory[0]).toMatchObject({
			eligibilityStatus: 'unknown',
			eligibilityVerifiedOn: null,
		});
		expect((await dx.post(url, { verifiedOn: '2099-01-01' })).status).toBe(422);
		expect((await dx.post(url, { eligibilityStatus: 'maybe' })).status).toBe(422);
		expect((await dx.post('/v1/patients/pat_1031/insurance/cov_999/eligibility', {})).status).toBe(
			404,
		);
	});
});

describe('continuing care', () => {
	it('lists the due list by date and location, leaving contacted patients out unless asked', async () => {
		const due = await items('/v1/continuing-care?dueFrom=2026-11-01&dueTo=2026-12-31&limit=200');
		const ids = due.map((c) => c.patientId);
		expect(ids).toEqual(expect.arrayContaining(['pat_1039', 'pat_1040', 'pat_1042', 'pat_1047']));
		expect(ids).not.toContain('pat_1041');
		const withContacted = await items('/v1/continuing-care?includeContacted=true&limit=200');
		expect(withContacted.find((c) => c.patientId === 'pat_1041')).toMatchObject({
			type: 'PERIO',
			timesContacted: 2,
			lastContactedOn: '2026-11-12',
		});
		expect(
			(await items('/v1/continuing-care?locationId=loc_lakeside&limit=200')).every(
				(c) => c.locationId === 'loc_lakeside',
			),
		).toBe(true);
		expect((await items('/v1/patients/pat_1048/continuing-care')).map((c) => c.type)).toEqual([
			'FLUORIDE',
			'PROPHY',
		]);
		expect((await dx.get('/v1/practice')).data.continuingCareTypes).toEqual([
			'PROPHY',
			'PERIO',
			'BWX',
			'PANO',
		]);
		expect((await dx.get('/v1/continuing-care?includeContacted=maybe')).status).toBe(400);
	});

	it('records a contact with its own Office Journal note', async () => {
		const [lena] = await items('/v1/patients/pat_1039/continuing-care');
		const res = await dx.post(`/v1/continuing-care/${lena.id}/contacts`, {
			method: 'textMessage',
			status: 'Texted',
			note: 'First reminder',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({ timesContacted: 1, status: 'Texted', lastContactedOn: TODAY });
		const notes = await items('/v1/accounts/pat_1039/ledger-notes');
		expect(notes).toEqual([
			expect.objectContaining({ kind: 'officeJournal', text: expect.stringContaining('PROPHY') }),
		]);
		expect(
			(await dx.post(`/v1/continuing-care/${lena.id}/contacts`, { method: 'pigeon' })).status,
		).toBe(422);
		expect((await dx.post('/v1/continuing-care/cc_999/contacts', { method: 'email' })).status).toBe(
			404,
		);
	});
});

describe('appointments and financed cases', () => {
	it('lists appointments by date, location and status; books one with procedures', async () => {
		const week = await items(
			'/v1/appointments?dateFrom=2026-12-03&dateTo=2026-12-09&status=scheduled&limit=200',
		);
		expect(new Set(week.map((a) => a.locationId))).toEqual(
			new Set(['loc_downtown', 'loc_lakeside']),
		);
		expect((await items('/v1/appointments?status=planned'))[0]).toMatchObject({
			patientId: 'pat_1049',
			date: null,
		});
		expect((await items('/v1/appointments?status=broken'))[0].patientId).toBe('pat_1050');
		expect((await items('/v1/appointments?status=unscheduled'))[0]).toMatchObject({
			patientId: 'pat_1051',
			asap: true,
		});
		expect((await dx.get('/v1/appointments?status=cancelled')).status).toBe(400);

		// Financed: Jerome (pat_1053) is booked with his plan's procedures; Marta (pat_1052) is not.
		const jerome = await items('/v1/appointments?patientId=pat_1053');
		const plan = (await dx.get('/v1/treatment-plans/tp_2022')).data;
		expect(jerome[0].procedureIds).toEqual(plan.procedures.map((p: Row) => p.id));
		expect(plan).toMatchObject({
			status: 'accepted',
			fundingMethod: 'CareCredit',
			acceptSequence: null,
		});
		expect(await items('/v1/appointments?patientId=pat_1052')).toEqual([]);
		const notes = await items('/v1/accounts/pat_1052/ledger-notes');
		expect(notes[0]).toMatchObject({
			createdBy: 'api',
			text: expect.stringContaining('[cc:APP-520614]'),
		});

		const marta = (await dx.get('/v1/treatment-plans/tp_2021')).data;
		const booked = await dx.post('/v1/appointments', {
			patientId: 'pat_1052',
			date: '2026-12-04',
			time: '10:00',
			lengthMinutes: 90,
			procedureIds: marta.procedures.map((p: Row) => p.id),
		});
		expect(booked.status).toBe(201);
		expect(booked.data).toMatchObject({
			status: 'scheduled',
			locationId: 'loc_downtown',
			createdBy: 'api',
		});
		expect(await items('/v1/appointments?patientId=pat_1052')).toHaveLength(1);
		const bad = await dx.post('/v1/appointments', {
			patientId: 'pat_1052',
			date: '2026-12-04',
			time: '25:00',
			procedureIds: ['proc_1'],
		});
		expect(bad.status).toBe(422);
		expect(bad.data.error.fields.map((f: Row) => f.field).sort()).toEqual(['procedureIds', 'time']);
	});

	it('keeps the financed seed cases out of the accepted-plans feed (already processed)', async () => {
		const feed = await dx.get('/v1/treatment-plans?cursor=0&limit=200');
		const ids = feed.data.items.map((t: Row) => t.id);
		expect(ids.length).toBeGreaterThan(0);
		for (const id of ['tp_2021', 'tp_2022', 'tp_2023']) expect(ids).not.toContain(id);
	});
});
