/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// The Dentrix node's Continuing Care operations and the patient's contact preferences (the
// modeled contract, docs/dentrix-api.md) through n8n-core's real WorkflowExecute, against the
// Dentrix stand-in over loopback; the scenario patients pat_1039..pat_1048 (docs/sandbox.md).
import { addDays, todayIn } from '../../financing';
import { nodeWorkflow } from './harness';
import { setup } from './dentrixFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
const DENTRIX = 'n8n-nodes-dental-financing.dentrix';
const anchor = () => todayIn('UTC', new Date());
const run = async (parameters: Record<string, unknown>, onError?: 'continueErrorOutput') =>
	await env.harness.run(
		nodeWorkflow(DENTRIX, parameters as never, { credentials: ['dentrixApi'], onError }),
	);

beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

test('Get Due List: the range, reminders counted, an unknown type has no recallTypeId', async () => {
	const rows = (
		await run({
			resource: 'continuingCare',
			operation: 'getDueList',
			dueFrom: addDays(anchor(), -365),
			dueTo: addDays(anchor(), 30),
			includeContacted: true,
			returnAll: true,
		})
	).json('Node');
	const of = (id: string) => rows.filter((r: any) => r.patientId === id);
	expect(of('pat_1039')[0]).toMatchObject({
		recallType: 'PROPHY',
		recallTypeId: 'PROPHY',
		dueDate: addDays(anchor(), 10),
		remindersSent: 0,
		subjectId: `PROPHY.${addDays(anchor(), 10)}`,
	});
	expect(of('pat_1041')[0]).toMatchObject({
		remindersSent: 2,
		lastReminder: addDays(anchor(), -20),
	});
	const fluoride = of('pat_1048').find((r: any) => r.recallType === 'FLUORIDE');
	expect(fluoride).toMatchObject({ recallTypeId: null });
	expect(of('pat_1047')[0]).toMatchObject({ dueDate: null, subjectId: 'PROPHY.noDueDate' });
	const bad = await run(
		{ resource: 'continuingCare', operation: 'getDueList', dueFrom: '1/2/2026' },
		'continueErrorOutput',
	);
	expect(bad.output('Node', 1)[0]!.json.error).toMatch(/dueFrom "1\/2\/2026" is not a date/);
});

test("Patient: Get gives the contact preferences in the outreach node's words", async () => {
	const get = async (id: string) =>
		(
			await run({
				resource: 'patient',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: id },
			})
		).json('Node')[0]!.contactPreferences as any;
	expect(await get('pat_1039')).toMatchObject({
		status: 'Patient',
		textOk: 'Yes',
		preferredRecallMethod: 'TextMessage',
		wirelessPhone: '(217) 555-0309',
	});
	expect(await get('pat_1042')).toMatchObject({ preferredRecallMethod: 'DoNotCall' });
	expect(await get('pat_1046')).toMatchObject({ status: 'Deceased' });
	expect(await get('pat_1045')).toMatchObject({ status: 'Inactive' });
});

test('Record Contact: once per touch key; Dentrix writes its own Office Journal note', async () => {
	const params = {
		resource: 'continuingCare',
		operation: 'recordContact',
		careId: 'cc_801',
		patientId: 'pat_1039',
		method: 'textMessage',
		status: 'Texted',
		note: `Recall reminder 1 of 3 sent by text. ${'x'.repeat(300)}`,
		touchKey: '[out:recall:pat_1039:PROPHY.2026-12-09:1]',
	};
	const first = (await run(params)).json('Node')[0]!;
	expect(first).toMatchObject({ created: true, outcome: 'created' });
	const again = (await run(params)).json('Node')[0]!;
	expect(again).toMatchObject({ created: false, outcome: 'alreadyWritten' });
	const writes = await env.admin.writes('/contacts');
	expect(writes).toHaveLength(1);
	const note = (writes[0]!.body as any).note as string;
	expect(note.length).toBeLessThanOrEqual(255);
	expect(note.endsWith('[out:recall:pat_1039:PROPHY.2026-12-09:1]')).toBe(true);
	const s = await env.state();
	expect(
		s.ledgerNotes.filter((n: any) => n.patientId === 'pat_1039' && n.kind === 'officeJournal'),
	).toHaveLength(1);
	const bad = await run(
		{ ...params, touchKey: 'nope', note: 'SSN 912-64-0001' },
		'continueErrorOutput',
	);
	const error = bad.output('Node', 1)[0]!.json as any;
	expect(error.details.problems.map((p: any) => p.field).sort()).toEqual(['note', 'touchKey']);
	expect(JSON.stringify(error)).not.toContain('912-64-0001');
	expect(await env.admin.writes('/contacts')).toHaveLength(1);
});
