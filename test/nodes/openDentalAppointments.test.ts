/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: item JSON is read loosely */
// Open Dental Appointment resource through n8n-core's real WorkflowExecute against the stand-in
// over loopback: lists by dates, clinic and status, one appointment, the ASAP list, open slots,
// and the office's appointment fields (read, and write once after checking the definition).
import { one, setup, type Env } from './insuranceFixtures';

let env: Env;
beforeAll(async () => {
	env = await setup();
});
afterAll(async () => {
	await env.sandbox.stop();
});

const ids = (items: any[]) => items.map((a) => a.appointmentId).sort();

describe('Appointment: Get Many', () => {
	test('the next five business days, scheduled, both clinics, in one read', async () => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getMany',
				period: 'nextBusinessDays',
				businessDays: 5,
				status: 'Scheduled',
				returnAll: true,
			}),
		);
		expect(run.error).toBeUndefined();
		const items = run.json('Node') as any[];
		expect(ids(items)).toEqual([
			'701',
			'702',
			'703',
			'704',
			'705',
			'706',
			'707',
			'708',
			'709',
			'714',
		]);
		const rosa = items.find((a) => a.appointmentId === '701');
		expect(rosa).toMatchObject({
			patientId: '231',
			status: 'Scheduled',
			date: env.days[0],
			time: '08:00',
			lengthMinutes: 60,
			clinicId: '1',
			isHygiene: true,
			asap: false,
			insurancePlanIds: ['11'],
		});
		expect(items.every((a) => env.days.includes(a.date))).toBe(true);
		expect(typeof rosa.serverDateTime).toBe('string');
	});

	test('one clinic over two business days', async () => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getMany',
				period: 'nextBusinessDays',
				businessDays: 2,
				status: 'Scheduled',
				clinicNum: '2',
				returnAll: true,
			}),
		);
		// Lakeside: Priya Raman (704) and Walter Osei (705) on the second business day.
		expect(ids(run.json('Node'))).toEqual(['704', '705']);
	});

	test('closed days are skipped: the range moves on to the next open day', async () => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getMany',
				period: 'nextBusinessDays',
				businessDays: 1,
				closedDays: env.days[0],
				status: 'Scheduled',
				returnAll: true,
			}),
		);
		expect((run.json('Node') as any[]).every((a) => a.date === env.days[1])).toBe(true);
		expect(ids(run.json('Node'))).toEqual(['704', '705']);
	});

	test.each([
		['UnschedList', ['713']],
		['Planned', ['711']],
		['Broken', ['712']],
	])('status %s, any date', async (status, expected) => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getMany',
				period: 'any',
				status,
				returnAll: true,
			}),
		);
		expect(ids(run.json('Node'))).toEqual(expected);
		if (status === 'Planned') expect(run.json('Node')[0]).toMatchObject({ date: null, time: null });
	});

	test('a date range, a patient, and a limit', async () => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getMany',
				period: 'range',
				dateStart: env.days[0],
				dateEnd: env.days[4],
				status: '',
				options: { patNum: '231' },
				returnAll: false,
				limit: 5,
			}),
		);
		expect(ids(run.json('Node'))).toEqual(['701']);
	});

	test('a date that is not a date names the field, and the other items go on', async () => {
		const wf = one(
			{
				resource: 'appointment',
				operation: 'getMany',
				period: 'range',
				dateStart: '={{ $json.from }}',
				status: 'Scheduled',
				returnAll: true,
			},
			{ onError: 'continueErrorOutput' },
		);
		const run = await env.harness.run(wf, {
			items: [{ from: '12/07/2026' }, { from: env.days[0] }],
		});
		const errors = run.output('Node', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toContain('dateStart "12/07/2026" is not a date');
		expect(errors[0].pairedItem).toEqual({ item: 0 });
		expect(run.output('Node', 0).every((o) => (o.pairedItem as any).item === 1)).toBe(true);
	});
});

describe('Appointment: Get, ASAP list, open slots', () => {
	test('one appointment; an unknown one is Open Dental’s 404', async () => {
		const run = await env.harness.run(
			one(
				{ resource: 'appointment', operation: 'get', aptNum: '={{ $json.apt }}' },
				{ onError: 'continueRegularOutput' },
			),
			{ items: [{ apt: '712' }, { apt: '99999' }] },
		);
		const [broken, missing] = run.json('Node') as any[];
		expect(broken).toMatchObject({ appointmentId: '712', patientId: '250', status: 'Broken' });
		expect(missing.error).toContain('Open Dental answered 404');
	});

	test('the ASAP list of a clinic; without the clinic Open Dental refuses (clinics on)', async () => {
		const run = await env.harness.run(
			one(
				{
					resource: 'appointment',
					operation: 'getAsapList',
					clinicNum: '={{ $json.clinic }}',
					returnAll: true,
				},
				{ onError: 'continueRegularOutput' },
			),
			{ items: [{ clinic: '1' }, { clinic: '' }] },
		);
		const out = run.json('Node') as any[];
		expect(ids(out.filter((o) => !o.error))).toEqual(['713', '714']);
		expect(out.filter((o) => !o.error).every((a) => a.asap)).toBe(true);
		expect(out.find((o) => o.error).error).toContain('Open Dental answered 400');
	});

	test('open slots leave out the booked time', async () => {
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'getSlots',
				dateStart: env.days[0],
				provNum: '1',
				lengthMinutes: 30,
				returnAll: true,
			}),
		);
		const slots = run.json('Node') as any[];
		// Dr. Patel's operatory: Rosa Delgado at 08:00 for an hour.
		expect(slots[0]).toMatchObject({
			date: env.days[0],
			start: '09:00',
			end: '12:00',
			providerId: '1',
			operatoryId: '1',
			lengthMinutes: 180,
		});
		expect(slots.some((s) => s.start === '08:00')).toBe(false);
	});
});

describe('Appointment: Get Fields, Set Field', () => {
	test('every field the office defines, with its definition', async () => {
		const run = await env.harness.run(
			one({ resource: 'appointment', operation: 'getFields', aptNum: '701' }),
		);
		expect(run.json('Node')[0]).toMatchObject({
			appointmentId: '701',
			fields: { 'Ins Verified': 'Yes', Outreach: '' },
			definitions: [
				{ name: 'Ins Verified', type: 'PickList', choices: ['Yes', 'No', 'Needs review'] },
				{ name: 'Outreach', type: 'Text', choices: [] },
			],
			undefinedFields: [],
		});
	});

	test('set once: the same value again writes nothing', async () => {
		const wf = one({
			resource: 'appointment',
			operation: 'setField',
			aptNum: '702',
			fieldName: 'Ins Verified',
			value: 'Yes',
		});
		const first = await env.harness.run(wf);
		expect(first.json('Node')[0]).toMatchObject({
			changed: true,
			outcome: 'created',
			previousValue: '',
		});
		const second = await env.harness.run(wf);
		expect(second.json('Node')[0]).toMatchObject({
			changed: false,
			outcome: 'alreadyWritten',
			previousValue: 'Yes',
		});
		const puts = await env.od.writes('/apptfields');
		expect(puts.filter((w) => (w.body as any).AptNum === 702)).toHaveLength(1);
		expect(puts.find((w) => (w.body as any).AptNum === 702)?.body).toEqual({
			AptNum: 702,
			FieldName: 'Ins Verified',
			FieldValue: 'Yes',
		});
	});

	test.each([
		[{ fieldName: 'Insurance OK', value: 'Yes' }, 'fieldName', 'unknownField'],
		[{ fieldName: 'Ins Verified', value: 'Maybe' }, 'value', 'notInPickList'],
		[{ fieldName: 'Outreach', value: 'called, SSN 912-64-0001 on file' }, 'value', 'taxIdInText'],
	])('bad input %j is named and nothing is written', async (params, field, code) => {
		const before = (await env.od.writes('/apptfields')).length;
		const run = await env.harness.run(
			one(
				{ resource: 'appointment', operation: 'setField', aptNum: '703', ...params },
				{ onError: 'continueRegularOutput' },
			),
		);
		const out = run.json('Node')[0] as any;
		expect(out.details.problems).toEqual([expect.objectContaining({ field, code })]);
		expect(JSON.stringify(out)).not.toContain('912-64-0001');
		expect(await env.od.writes('/apptfields')).toHaveLength(before);
	});

	test('test mode returns the request and writes nothing', async () => {
		const before = (await env.od.writes('/apptfields')).length;
		const run = await env.harness.run(
			one({
				resource: 'appointment',
				operation: 'setField',
				aptNum: '704',
				fieldName: 'Ins Verified',
				value: 'Needs review',
				testMode: true,
			}),
		);
		expect(run.json('Node')[0]).toMatchObject({
			outcome: 'testMode',
			wouldWrite: {
				method: 'PUT',
				path: '/apptfields',
				body: { AptNum: 704, FieldName: 'Ins Verified', FieldValue: 'Needs review' },
			},
		});
		expect(await env.od.writes('/apptfields')).toHaveLength(before);
	});
});
