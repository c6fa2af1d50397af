// Contract tests of the Open Dental stand-in's scheduling, recall and contact-preference
// endpoints over real HTTP (apiappointments, apiapptfields, apiapptfielddefs, apirecalls,
// apirecalltypes, apipatients, apiprocedurelogs; docs/opendental-sandbox.md). The seed is pinned
// to Wednesday 2026-12-02, so "next week" is 2026-12-03..2026-12-09.
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

describe('appointments', () => {
	it('lists next week by date range and clinic, with serverDateTime first and string booleans', async () => {
		const downtown = await get('/appointments?dateStart=2026-12-03&dateEnd=2026-12-09&ClinicNum=1');
		const lakeside = await get('/appointments?dateStart=2026-12-03&dateEnd=2026-12-09&ClinicNum=2');
		expect(downtown.length).toBeGreaterThanOrEqual(4);
		expect(lakeside.length).toBeGreaterThanOrEqual(4);
		expect(downtown.every((a) => a.ClinicNum === 1)).toBe(true);
		expect(Object.keys(downtown[0])[0]).toBe('serverDateTime');
		expect(downtown[0]).toMatchObject({
			AptStatus: 'Scheduled',
			TimeLocked: 'false',
			IsHygiene: expect.stringMatching(/^(true|false)$/),
			confirmed: 'Not Called',
			Priority: expect.stringMatching(/^(Normal|ASAP)$/),
		});
		expect(Object.keys(downtown[0])).toHaveLength(35);
		for (const a of [...downtown, ...lakeside]) {
			const day = (a.AptDateTime as string).slice(0, 10);
			expect(day >= '2026-12-03' && day <= '2026-12-09').toBe(true);
			expect([0, 6]).not.toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
		}
		expect(await get('/appointments?date=2026-12-03&ClinicNum=1')).toEqual(
			downtown.filter((a) => (a.AptDateTime as string).startsWith('2026-12-03')),
		);
		expect((await od.get('/appointments?date=12/03/2026')).status).toBe(400);
	});

	it('filters by AptStatus: planned, unscheduled list, broken; unknown status is 400', async () => {
		const planned = await get('/appointments?AptStatus=Planned');
		expect(planned.map((a) => a.PatNum)).toEqual([249]);
		expect(planned[0].AptDateTime).toBe('0001-01-01 00:00:00');
		expect((await get('/appointments?AptStatus=Broken')).map((a) => a.PatNum)).toEqual([250]);
		expect((await get('/appointments?AptStatus=UnschedList')).map((a) => a.PatNum)).toEqual([251]);
		expect((await od.get('/appointments?AptStatus=Cancelled')).status).toBe(400);
		expect((await od.get('/appointments/999999')).status).toBe(404);
	});

	it('serves the ASAP list per clinic (ClinicNum required: the office uses clinics)', async () => {
		expect((await od.get('/appointments/ASAP')).status).toBe(400);
		const asap = await get('/appointments/ASAP?ClinicNum=1');
		expect(asap.map((a) => a.PatNum).sort()).toEqual([239, 251]);
		expect(asap.every((a) => a.Priority === 'ASAP')).toBe(true);
	});

	it('answers open Slots around booked appointments; books with POST; procedures attach by PUT', async () => {
		const slots = await get('/appointments/Slots?date=2026-12-03&ProvNum=1');
		expect(slots).toEqual([
			{
				DateTimeStart: '2026-12-03 09:00:00',
				DateTimeEnd: '2026-12-03 12:00:00',
				ProvNum: 1,
				OpNum: 1,
			},
			{
				DateTimeStart: '2026-12-03 13:00:00',
				DateTimeEnd: '2026-12-03 17:00:00',
				ProvNum: 1,
				OpNum: 1,
			},
		]);
		expect((await od.get('/appointments/Slots?date=2026-12-01')).status).toBe(400);
		expect(await get('/appointments/Slots?date=2026-12-05')).toEqual([]);
		expect(
			(await get('/appointments/Slots?date=2026-12-03&ProvNum=1&lengthMinutes=200')).map(
				(s) => s.DateTimeStart,
			),
		).toEqual(['2026-12-03 13:00:00']);

		// The financed-but-not-booked patient (Marta Kovacs, 252) books her crown.
		const planned = await get('/procedurelogs?PatNum=252&ProcStatus=TP');
		expect(planned.every((p) => p.AptNum === 0)).toBe(true);
		const booked = await od.post('/appointments', {
			PatNum: 252,
			Op: 2,
			AptDateTime: '2026-12-04 10:00:00',
			Pattern: '/XXXXXXXX/',
		});
		expect(booked.status).toBe(201);
		expect(booked.headers.location).toBe(`/api/v1/appointments/${booked.data.AptNum}`);
		expect(booked.data).toMatchObject({
			AptStatus: 'Scheduled',
			ProvNum: 2,
			ClinicNum: 1,
			Priority: 'Normal',
		});
		for (const p of planned) {
			const put = await od.put(`/procedurelogs/${p.ProcNum}`, { AptNum: booked.data.AptNum });
			expect(put.status).toBe(200);
			expect(put.data.AptNum).toBe(String(booked.data.AptNum));
		}
		expect(await get(`/procedurelogs?AptNum=${booked.data.AptNum}`)).toHaveLength(planned.length);
		expect((await od.get(`/appointments/${booked.data.AptNum}`)).data.ProcDescript).toBe(
			'D2740, D2950',
		);
		expect(
			(await get('/appointments/Slots?date=2026-12-04&ProvNum=2')).map((s) => s.DateTimeStart),
		).toContain('2026-12-04 10:50:00');

		expect((await od.post('/appointments', { PatNum: 252, Op: 2 })).status).toBe(400);
		expect(
			(await od.post('/appointments', { PatNum: 252, Op: 99, AptDateTime: '2026-12-04 10:00:00' }))
				.status,
		).toBe(400);
		expect((await od.put(`/procedurelogs/${planned[0].ProcNum}`, { AptNum: 713 })).status).toBe(
			400,
		);
		expect((await od.put(`/procedurelogs/${planned[0].ProcNum}`, { ProcFee: 1 })).status).toBe(400);
		// The planned appointment's procedures, by PlannedAptNum.
		expect((await get('/procedurelogs?PlannedAptNum=711')).map((p) => p.procCode)).toEqual([
			'D6010',
			'D6057',
			'D6058',
		]);
	});

	it('reads and writes appointment fields the office defined', async () => {
		expect(await get('/apptfielddefs')).toEqual([
			{
				ApptFieldDefNum: 1,
				FieldName: 'Ins Verified',
				FieldType: 'PickList',
				PickList: 'Yes\r\nNo\r\nNeeds review',
			},
			{ ApptFieldDefNum: 2, FieldName: 'Outreach', FieldType: 'Text', PickList: '' },
		]);
		const read = (apt: number) => od.get(`/apptfields?AptNum=${apt}&FieldName=Ins%20Verified`);
		expect((await read(702)).data).toEqual({
			FieldName: 'Ins Verified',
			AptNum: 702,
			FieldValue: '',
		});
		expect((await read(701)).data.FieldValue).toBe('Yes');
		const put = await od.put('/apptfields', {
			AptNum: 702,
			FieldName: 'Ins Verified',
			FieldValue: 'Yes',
		});
		expect(put.status).toBe(200);
		expect((await read(702)).data.FieldValue).toBe('Yes');
		expect(
			(await od.put('/apptfields', { AptNum: 702, FieldName: 'Mood', FieldValue: 'x' })).status,
		).toBe(400);
		expect(
			(await od.put('/apptfields', { AptNum: 702, FieldName: 'Ins Verified', FieldValue: 'Maybe' }))
				.status,
		).toBe(400);
		expect((await od.put('/apptfields', { AptNum: 702, FieldName: 'Outreach' })).status).toBe(400);
		expect((await od.get('/apptfields?AptNum=702')).status).toBe(400);
	});
});

describe('recalls', () => {
	it('serves a patient’s recalls and the recall types (one names a type that does not exist)', async () => {
		const types = await get('/recalltypes');
		expect(types[0]).toEqual({
			RecallTypeNum: 1,
			Description: 'Prophy',
			DefaultInterval: '6m1d',
			TimePattern: '/XXXX/',
			Procedures: 'D0120,D1110',
			AppendToSpecial: 'false',
		});
		expect((await od.get('/recalltypes/3')).data.Description).toBe('Perio');
		expect((await od.get('/recalltypes/9')).status).toBe(404);
		const edwin = await get('/recalls?PatNum=248');
		expect(edwin.map((r) => r.RecallTypeNum)).toEqual([9, 1]);
		expect(edwin[0]).toMatchObject({
			DateDue: '2026-12-04',
			IsDisabled: 'false',
			recallStatus: '',
			Priority: 'Normal',
		});
		expect((await get('/recalls?PatNum=247'))[0].DateDue).toBe('0001-01-01');
		expect((await od.get('/recalls?PatNum=9999')).status).toBe(404);
	});

	it('lists the recall list with its string fields; IncludeReminded shows the twice-reminded patient', async () => {
		const list = await get('/recalls/List');
		const byPat = (rows: Row[], n: number) => rows.find((r) => r.PatNum === n);
		expect(byPat(list, 239)).toEqual({
			DueDate: '12/12/2026',
			PatNum: 239,
			Patient: 'Marsh, Lena',
			Age: '41',
			Type: 'Prophy',
			Interval: '6m1d',
			NumRemind: '',
			LastRemind: '',
			Contact: 'Text:(217) 555-0309',
			Status: '',
			ClinicNum: 1,
			Note: '',
		});
		expect(byPat(list, 240)!.Contact).toBe('omar.haddad@example.com');
		expect(byPat(list, 242)!.Contact).toBe('Do Not Contact');
		expect(byPat(list, 247)!.DueDate).toBe('');
		expect(byPat(list, 241)).toBeUndefined();
		const reminded = await get('/recalls/List?IncludeReminded=true');
		expect(byPat(reminded, 241)).toMatchObject({
			NumRemind: '2',
			LastRemind: '11/12/2026',
			Type: 'Perio',
		});
		// The unknown recall type is not among RecallTypesShowingInList.
		expect(reminded.filter((r) => r.PatNum === 248).map((r) => r.Type)).toEqual(['Prophy']);
		const lakeside = await get('/recalls/List?ClinicNum=2&IncludeReminded=true');
		expect(lakeside.every((r) => r.ClinicNum === 2)).toBe(true);
		expect(
			(await get('/recalls/List?DateStart=2026-12-01&DateEnd=2026-12-10')).every(
				(r) => r.DueDate === '' || new Date(r.DueDate as string) >= new Date('2026-12-01'),
			),
		).toBe(true);
		expect(
			(await get('/recalls/List?RecallType=Perio&IncludeReminded=true')).map((r) => r.PatNum),
		).toEqual([241]);
		expect((await od.get('/recalls/List?RecallType=Fluoride')).status).toBe(400);
		expect((await od.get('/recalls/List?IncludeReminded=yes')).status).toBe(400);
	});

	it('PUT /recalls/Status sets the status and writes its own Recall commlog, which the list counts', async () => {
		const before = sandbox.store.state.openDental.commlogs.length;
		const res = await od.put('/recalls/Status', {
			PatNum: 239,
			recallType: 'Prophy',
			RecallStatus: 132,
			commlogMode: 'Text',
		});
		expect(res.status).toBe(200);
		const logs = await get('/commlogs?PatNum=239');
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ commType: 'Recall', Mode_: 'Text', SentOrReceived: 'Sent' });
		expect(logs[0].Note).toMatch(/^Recall reminder.*Texted/);
		expect(sandbox.store.state.openDental.commlogs.length).toBe(before + 1);
		expect((await get('/recalls?PatNum=239'))[0]).toMatchObject({
			RecallStatus: 132,
			recallStatus: 'Texted',
		});
		const row = (await get('/recalls/List?IncludeReminded=true')).find((r) => r.PatNum === 239);
		expect(row).toMatchObject({ NumRemind: '1', LastRemind: '12/2/2026', Status: 'Texted' });
		expect((await get('/recalls/List')).some((r) => r.PatNum === 239)).toBe(false);

		expect((await od.put('/recalls/Status', { PatNum: 239 })).status).toBe(400);
		expect((await od.put('/recalls/Status', { PatNum: 239, recallType: 'Fluoride' })).status).toBe(
			400,
		);
		expect((await od.put('/recalls/Status', { PatNum: 239, recallType: 'Perio' })).status).toBe(
			404,
		);
		expect(
			(await od.put('/recalls/Status', { PatNum: 239, recallType: 'Prophy', RecallStatus: 235 }))
				.status,
		).toBe(400);
		expect(
			(
				await od.put('/recalls/Status', {
					PatNum: 239,
					recallType: 'Prophy',
					commlogMode: 'Pigeon',
				})
			).status,
		).toBe(400);
		expect(sandbox.store.state.openDental.commlogs.length).toBe(before + 1);
	});
});

describe('contact preferences on patients', () => {
	it('reads every preference and status on the patient reads', async () => {
		const p = (n: number) => od.get(`/patients/${n}`).then((r) => r.data as Row);
		expect(await p(239)).toMatchObject({
			TxtMsgOk: 'Yes',
			PreferRecallMethod: 'TextMessage',
			WirelessPhone: '(217) 555-0309',
		});
		expect(await p(240)).toMatchObject({ TxtMsgOk: 'No', PreferRecallMethod: 'Email' });
		expect(await p(241)).toMatchObject({
			WirelessPhone: '',
			HmPhone: '',
			PreferRecallMethod: 'Email',
		});
		expect(await p(242)).toMatchObject({
			PreferRecallMethod: 'DoNotCall',
			PreferContactMethod: 'DoNotCall',
		});
		expect(await p(243)).toMatchObject({
			WirelessPhone: '',
			Email: '',
			PreferRecallMethod: 'HmPhone',
		});
		expect(await p(244)).toMatchObject({ WirelessPhone: '555-02', Email: 'felix.morrow@example' });
		expect((await p(245)).PatStatus).toBe('Inactive');
		expect((await p(246)).PatStatus).toBe('Deceased');
		expect(await p(201)).toMatchObject({ TxtMsgOk: 'Unknown', PreferRecallMethod: 'None' });
		const simple = await get('/patients/Simple?PatStatus=Deceased');
		expect(simple.map((x) => x.PatNum)).toEqual([246]);
		expect((await get('/patients?LName=Marsh'))[0].TxtMsgOk).toBe('Yes');
	});

	it('PUT /patients records an opt-out and refuses fields the sandbox does not model', async () => {
		const res = await od.put('/patients/239', { TxtMsgOk: 'No' });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			PatNum: 239,
			TxtMsgOk: 'No',
			PreferRecallMethod: 'TextMessage',
		});
		expect((await od.put('/patients/239', { TxtMsgOk: 'Maybe' })).status).toBe(400);
		expect((await od.put('/patients/239', { LName: 'Other' })).status).toBe(400);
		expect((await od.put('/patients/9999', { TxtMsgOk: 'No' })).status).toBe(404);
		const writes = (await axios.get(`${sandbox.urls.openDental}/__sandbox/writes`)).data.writes;
		expect(writes.some((w: Row) => w.path === '/api/v1/patients/239' && w.status === 200)).toBe(
			true,
		);
	});
});

describe('financed cases', () => {
	it('carries the audit commlog with the reference token; one case booked, two not', async () => {
		const token = (n: number) =>
			get(`/commlogs?PatNum=${n}`).then((rows) =>
				rows.map((r) => /\[cc:(APP-\d+)\]/.exec(r.Note as string)?.[1]).filter(Boolean),
			);
		expect(await token(252)).toEqual(['APP-520614']);
		expect(await token(253)).toEqual(['APP-530919']);
		expect(await token(254)).toEqual(['APP-540202']);
		const booked = await get('/procedurelogs?PatNum=253');
		expect(booked.every((p) => p.AptNum === 709)).toBe(true);
		expect((await get('/appointments?PatNum=253'))[0]).toMatchObject({ AptStatus: 'Scheduled' });
		expect((await get('/procedurelogs?PatNum=254')).every((p) => p.AptNum === 0)).toBe(true);
		expect(await get('/appointments?PatNum=254')).toEqual([]);
	});
});
