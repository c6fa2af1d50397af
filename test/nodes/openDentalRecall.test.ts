/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// Open Dental's recall operations and the patient's contact preferences, through n8n-core's real
// WorkflowExecute against the Open Dental stand-in over loopback. The scenario patients 239-248
// (docs/sandbox.md) carry every recall and contact case; their dates count from today.
import { addDays, todayIn } from '../../financing';
import { nodeWorkflow } from './harness';
import { OPEN_DENTAL, setup } from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;

const one = (parameters: Record<string, unknown>, onError?: 'continueErrorOutput') =>
	nodeWorkflow(OPEN_DENTAL, parameters as never, { credentials: ['openDentalApi'], onError });
/** The seed's anchor is the sandbox clock's UTC day. */
const anchor = () => todayIn('UTC', new Date());
const run = async (parameters: Record<string, unknown>, items?: any[]) =>
	await env.harness.run(one(parameters), items ? { items } : undefined);

beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

describe('Recall: Get Recall List', () => {
	test("the clinic's list for the range, reminders counted, types checked, dates as yyyy-MM-dd", async () => {
		const result = await run({
			resource: 'recall',
			operation: 'getList',
			dateRange: 'dates',
			dateStart: addDays(anchor(), -365),
			dateEnd: addDays(anchor(), 30),
			clinicNum: '1',
			includeReminded: true,
			returnAll: true,
		});
		const rows = result.json('Node');
		const byPatient = new Map(rows.map((r: any) => [r.patientId, r]));
		// Downtown (ClinicNum 1): Lena 239, Beatrice 241, Nadia 243, Agnes 245, Sofia 247, Rosa 231.
		expect([...byPatient.keys()].sort()).toEqual(
			expect.arrayContaining(['231', '239', '241', '243', '245', '247']),
		);
		expect(rows.every((r: any) => r.clinicId === '1')).toBe(true);
		expect(byPatient.get('239')).toMatchObject({
			recallType: 'Prophy',
			recallTypeId: '1',
			dueDate: addDays(anchor(), 10),
			remindersSent: 0,
			lastReminder: null,
			subjectId: `Prophy.${addDays(anchor(), 10)}`,
		});
		expect(byPatient.get('241')).toMatchObject({
			recallType: 'Perio',
			remindersSent: 2,
			lastReminder: addDays(anchor(), -20),
		});
		expect(byPatient.get('247')).toMatchObject({ dueDate: null, subjectId: 'Prophy.noDueDate' });
	});

	test('relative range in the workflow time zone and IncludeReminded sent as "false"', async () => {
		const rows = (
			await run({
				resource: 'recall',
				operation: 'getList',
				dateRange: 'relative',
				daysOverdue: 50,
				daysAhead: 6,
				clinicNum: '',
				includeReminded: false,
				checkRecallTypes: false,
				returnAll: true,
			})
		).json('Node');
		const ids = rows.map((r: any) => r.patientId);
		// Omar -30 (Lakeside), Felix -10, Curtis +5, Harold +3; Beatrice is reminded; Lena +10 too late.
		expect(ids).toEqual(expect.arrayContaining(['240', '242', '244', '246']));
		expect(ids).not.toContain('241');
		expect(ids).not.toContain('239');
		expect(rows[0]).not.toHaveProperty('recallTypeId', expect.anything());
	});

	test('a malformed date is refused before any call', async () => {
		const result = await env.harness.run(
			one(
				{ resource: 'recall', operation: 'getList', dateRange: 'dates', dateStart: '12/01/2026' },
				'continueErrorOutput',
			),
		);
		expect(result.output('Node', 1)[0]!.json.error).toMatch(
			/dateStart "12\/01\/2026" is not a date/,
		);
	});
});

describe('Recall: Get Many and Recall Type: Get Many', () => {
	test("a patient's recalls name their type; a type the practice lacks has none", async () => {
		const recalls = (
			await run({ resource: 'recall', operation: 'getMany', patNum: '248', returnAll: true })
		).json('Node');
		expect(recalls).toHaveLength(2);
		const orphan = recalls.find((r: any) => r.recallTypeId === '9');
		expect(orphan).toMatchObject({ recallType: null, subjectId: null });
		expect(recalls.find((r: any) => r.recallTypeId === '1')).toMatchObject({
			recallType: 'Prophy',
			dueDate: addDays(anchor(), 8),
			isDisabled: false,
		});
		const types = (await run({ resource: 'recallType', operation: 'getMany' })).json('Node');
		expect(types.map((t: any) => t.description)).toEqual([
			'Prophy',
			'Child Prophy',
			'Perio',
			'4BW',
			'Pano',
		]);
		expect(types[0]).toMatchObject({ recallTypeId: '1', procedureCodes: ['D0120', 'D1110'] });
	});
});

describe('Recall: Set Status', () => {
	const params = {
		resource: 'recall',
		operation: 'setStatus',
		patNum: '239',
		recallType: 'Prophy',
		recallStatus: '132',
		commlogMode: 'Text',
		commlogNote: 'Recall reminder 1 of 3 sent by text.',
		touchKey: `[out:recall:239:Prophy.2026-12-09:1]`,
	};

	test('one PUT with the documented fields; Open Dental writes the commlog; a repeat writes nothing', async () => {
		const first = (await run(params)).json('Node')[0]!;
		expect(first).toMatchObject({ created: true, outcome: 'created', patientId: '239' });
		const writes = await env.admin.writes('/recalls/Status');
		expect(writes).toHaveLength(1);
		expect(writes[0]!.body).toEqual({
			PatNum: 239,
			recallType: 'Prophy',
			RecallStatus: 132,
			commlogMode: 'Text',
			commlogNote: 'Recall reminder 1 of 3 sent by text. [out:recall:239:Prophy.2026-12-09:1]',
		});
		const again = (await run(params)).json('Node')[0]! as any;
		expect(again).toMatchObject({ created: false, outcome: 'alreadyWritten' });
		expect(again.commlog.note).toContain('[out:recall:239:Prophy.2026-12-09:1]');
		expect(await env.admin.writes('/recalls/Status')).toHaveLength(1);
		const s = await env.state();
		const recall = s.recalls.find((r: any) => r.PatNum === 239);
		expect(recall.RecallStatus).toBe(132);
		const logs = s.commlogs.filter((c: any) => c.PatNum === 239 && c.Note.includes('[out:'));
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ Mode_: 'Text', CommType: 237 });
		// The recall list now counts the reminder.
		const row = (
			await run({
				resource: 'recall',
				operation: 'getList',
				dateRange: 'relative',
				daysOverdue: 0,
				daysAhead: 30,
				clinicNum: '1',
				returnAll: true,
			})
		)
			.json('Node')
			.find((r: any) => r.patientId === '239');
		expect(row).toMatchObject({ remindersSent: 1, lastReminder: anchor(), status: 'Texted' });
	});

	test('bad input names each field and writes nothing; test mode writes nothing', async () => {
		const bad = await env.harness.run(
			one(
				{
					...params,
					recallType: ' ',
					recallStatus: 'texted',
					touchKey: '[out:recall:239]',
					commlogNote: 'DOB 1980-01-01, SSN 912-64-0001',
				},
				'continueErrorOutput',
			),
		);
		const error = bad.output('Node', 1)[0]!.json as any;
		expect(error.details.problems.map((p: any) => p.field).sort()).toEqual([
			'commlogNote',
			'commlogNote',
			'recallStatus',
			'recallType',
			'touchKey',
		]);
		expect(JSON.stringify(error)).not.toContain('912-64-0001');
		const test = (await run({ ...params, testMode: true })).json('Node')[0]!;
		expect(test).toMatchObject({ outcome: 'testMode', wouldWrite: { path: '/recalls/Status' } });
		expect(await env.admin.writes()).toHaveLength(0);
	});

	test("an unknown recall type is Open Dental's 400, with nothing written", async () => {
		const result = await env.harness.run(
			one({ ...params, recallType: 'Fluoride', touchKey: '' }, 'continueErrorOutput'),
		);
		expect(result.output('Node', 1)[0]!.json.error).toMatch(/400/);
		const s = await env.state();
		expect(s.commlogs.filter((c: any) => c.PatNum === 239 && c.Mode_ === 'Text')).toHaveLength(0);
	});
});

describe('Patient: Get contact preferences and outreach history', () => {
	test.each([
		['239', { textOk: 'Yes', preferredRecallMethod: 'TextMessage', status: 'Patient' }],
		['240', { textOk: 'No', preferredRecallMethod: 'Email' }],
		['242', { preferredRecallMethod: 'DoNotCall', doNotContact: { recall: true } }],
		['243', { wirelessPhone: '', email: '' }],
		['245', { status: 'Inactive' }],
		['246', { status: 'Deceased' }],
	])('patient %s', async (patNum, expected) => {
		const out = (
			await run({
				resource: 'patient',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: patNum },
			})
		).json('Node')[0]!;
		expect(out.contactPreferences).toMatchObject({ patientId: patNum, ...expected });
		expect(out).not.toHaveProperty('outreachHistory');
	});

	test('the history holds only the commlogs carrying an outreach key', async () => {
		await run({
			resource: 'recall',
			operation: 'setStatus',
			patNum: '241',
			recallType: 'Perio',
			commlogMode: 'Email',
			touchKey: '[out:recall:241:Perio.2026-10-15:3]',
		});
		const out = (
			await run({
				resource: 'patient',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '241' },
				includeOutreachHistory: true,
			})
		).json('Node')[0]! as any;
		expect(out.outreachHistory).toHaveLength(1);
		expect(out.outreachHistory[0]).toMatchObject({
			mode: 'Email',
			sentOrReceived: 'Sent',
			text: 'Recall reminder. [out:recall:241:Perio.2026-10-15:3]',
		});
	});
});

describe('Patient: Set Text OK', () => {
	const params = { resource: 'patient', operation: 'setTextOk', patNum: '239', textOk: 'No' };
	const textOkOf = async (patNum: number) =>
		(await env.state()).patients.find((p: any) => p.PatNum === patNum).TxtMsgOk;

	test('one PUT of TxtMsgOk after a look; the same value again writes nothing; Yes writes again', async () => {
		const first = (await run(params)).json('Node')[0]!;
		expect(first).toEqual({
			patientId: '239',
			textOk: 'No',
			previousTextOk: 'Yes',
			created: true,
			outcome: 'created',
		});
		const writes = await env.admin.writes('/patients/239');
		expect(writes.map((w: any) => [w.method, w.body])).toEqual([['PUT', { TxtMsgOk: 'No' }]]);
		expect(await textOkOf(239)).toBe('No');
		// A reply delivered twice: nothing more.
		const again = (await run(params)).json('Node')[0]!;
		expect(again).toMatchObject({
			created: false,
			outcome: 'alreadyWritten',
			previousTextOk: 'No',
		});
		expect(await env.admin.writes('/patients/239')).toHaveLength(1);
		// START: back to Yes.
		expect((await run({ ...params, textOk: 'Yes' })).json('Node')[0]).toMatchObject({
			created: true,
			previousTextOk: 'No',
		});
		expect(await textOkOf(239)).toBe('Yes');
	});

	test('bad input and an unknown patient are named, with nothing written; test mode writes nothing', async () => {
		const bad = await env.harness.run(
			one({ ...params, patNum: '912-64-0001', textOk: 'Maybe' }, 'continueErrorOutput'),
		);
		const error = bad.output('Node', 1)[0]!.json as any;
		expect(error.details.problems.map((p: any) => p.field).sort()).toEqual(['patNum', 'textOk']);
		expect(JSON.stringify(error)).not.toContain('912-64-0001');
		const unknown = await env.harness.run(
			one({ ...params, patNum: '99999' }, 'continueErrorOutput'),
		);
		expect((unknown.output('Node', 1)[0]!.json as any).details.problems).toEqual([
			expect.objectContaining({ field: 'patNum', code: 'patientNotFound' }),
		]);
		const test = (await run({ ...params, testMode: true })).json('Node')[0]!;
		expect(test).toMatchObject({
			outcome: 'testMode',
			wouldWrite: { method: 'PUT', path: '/patients/239', body: { TxtMsgOk: 'No' } },
		});
		expect(await env.admin.writes()).toHaveLength(0);
		expect(await textOkOf(239)).toBe('Yes');
	});
});
