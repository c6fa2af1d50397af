/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// The Patient Outreach node's list and reply operations (Build Reactivation List, Read Reply,
// Summarize) and the Open Dental reads they are fed by (Procedure: Get Appointment Value,
// Patient: Search by wireless phone), through n8n-core's real WorkflowExecute against the Open
// Dental stand-in over loopback.
import { addDays, todayIn } from '../../financing';
import { PatientOutreach } from '../../nodes/PatientOutreach/PatientOutreach.node';
import { nodeWorkflow } from './harness';
import { OPEN_DENTAL, setup } from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
const OUTREACH = 'n8n-nodes-dental-financing.patientOutreach';
const anchor = () => todayIn('America/Chicago', new Date());
const od = (parameters: Record<string, unknown>, onError?: 'continueErrorOutput') =>
	nodeWorkflow(OPEN_DENTAL, parameters as never, { credentials: ['openDentalApi'], onError });
const outreach = (parameters: Record<string, unknown>) =>
	nodeWorkflow(OUTREACH, parameters as never);

beforeEach(async () => {
	env = await setup({ nodes: [new PatientOutreach()] });
});
afterEach(async () => {
	await env.sandbox.stop();
});

test('Procedure: Get Appointment Value adds up the fees an appointment (or a planned one) holds', async () => {
	const planned = (
		await env.harness.run(
			od({ resource: 'procedure', operation: 'getAppointmentValue', aptNum: '711', planned: true }),
		)
	).json('Node')[0]!;
	expect(planned).toMatchObject({ appointmentId: '711', valueCents: 475000 });
	expect((planned.procedureIds as string[]).length).toBe(3);
	const unscheduled = (
		await env.harness.run(
			od({
				resource: 'procedure',
				operation: 'getAppointmentValue',
				aptNum: '713',
				planned: false,
			}),
		)
	).json('Node')[0]!;
	expect(unscheduled).toMatchObject({ valueCents: 47000 });
	const bad = await env.harness.run(
		od(
			{ resource: 'procedure', operation: 'getAppointmentValue', aptNum: 'x' },
			'continueErrorOutput',
		),
	);
	expect(bad.output('Node', 1)[0]!.json.error).toMatch(/is not an Open Dental number/);
});

test('Patient: Search by wireless phone finds who replied; a malformed number is refused unsent', async () => {
	const found = (
		await env.harness.run(
			od({
				resource: 'patient',
				operation: 'search',
				wirelessPhone: '+12175550309',
				returnAll: true,
			}),
		)
	).json('Node');
	expect(found.map((p: any) => p.patientId)).toEqual(['239']);
	expect(found[0]!.contactPreferences).toMatchObject({ patientId: '239' });
	const bad = await env.harness.run(
		od(
			{ resource: 'patient', operation: 'search', wirelessPhone: '555-02' },
			'continueErrorOutput',
		),
	);
	expect((bad.output('Node', 1)[0]!.json as any).details.problems[0]).toMatchObject({
		field: 'wirelessPhone',
		code: 'malformedPhone',
	});
});

test('Build Reactivation List: one line per patient, largest value first; bad items leave by Problems', async () => {
	const items = [
		{
			patientId: '250',
			appointmentId: '712',
			status: 'Broken',
			valueCents: 135000,
			date: addDays(anchor(), -20),
		},
		{
			patientId: '249',
			appointmentId: '711',
			status: 'Planned',
			valueCents: 475000,
			date: null,
			createdAt: `${addDays(anchor(), -40)} 09:00:00`,
		},
		{
			patientId: '251',
			appointmentId: '713',
			status: 'UnschedList',
			valueCents: 47000,
			date: addDays(anchor(), -30),
		},
		{
			patientId: '252',
			appointmentId: '720',
			status: 'Broken',
			valueCents: 9000,
			date: addDays(anchor(), -2),
		},
		{
			patientId: '253',
			appointmentId: '721',
			status: 'Scheduled',
			valueCents: 100,
			date: addDays(anchor(), -30),
		},
		{
			patientId: '254',
			appointmentId: '722',
			status: 'Broken',
			valueCents: -5,
			date: addDays(anchor(), -30),
		},
	];
	const run = await env.harness.run(
		outreach({
			operation: 'buildReactivationList',
			patientId: '={{ $json.patientId }}',
			itemId: '={{ $json.appointmentId }}',
			kind: '={{ $json.status }}',
			valueCents: '={{ $json.valueCents }}',
			since: '={{ $json.date ?? $json.createdAt }}',
			olderThanDays: 14,
			timeZone: 'America/Chicago',
		}),
		{ items },
	);
	const list = run.output('Node', 0);
	expect(list.map((e) => e.json.patientId)).toEqual(['249', '250', '251']);
	expect(list[0]!.json).toMatchObject({
		rank: 1,
		valueCents: 475000,
		subjectId: '711',
		action: 'workList',
	});
	expect(list[0]!.pairedItem).toEqual([{ item: 1 }]);
	const problems = run.output('Node', 1).map((p) => (p.json.problems as any[])[0]);
	expect(problems.map((p) => [p.field, p.code]).sort()).toEqual([
		['kind', 'unknownKind'],
		['valueCents', 'tooSmall'],
	]);
});

test('Read Reply: STOP and START become the note that records them; anything else is Other', async () => {
	const read = (body: string, patientId = '239') =>
		env.harness.run(
			outreach({
				operation: 'readReply',
				from: '(217) 555-0309',
				reply: body,
				replyId: 'SM0001',
				patientId,
				policy: { timeZone: 'America/Chicago' },
			}),
		);
	const stop = (await read('Stop')).output('Node', 0)[0]!.json;
	expect(stop).toMatchObject({
		kind: 'optOut',
		keyword: 'STOP',
		from: '+12175550309',
		consentKey: '[out:stop:239:SM0001]',
		noteMode: 'Text',
	});
	expect(String(stop.note).endsWith('[out:stop:239:SM0001]')).toBe(true);
	expect((await read('START')).output('Node', 0)[0]!.json).toMatchObject({
		kind: 'optIn',
		consentKey: '[out:start:239:SM0001]',
	});
	const other = await read('Can I come Tuesday? My DOB is 1985-09-12');
	expect(other.output('Node', 0)).toHaveLength(0);
	expect(other.output('Node', 1)[0]!.json).toMatchObject({ kind: 'other' });
	expect(JSON.stringify(other.output('Node', 1))).not.toContain('1985-09-12');
});

test('Summarize: one message with counts, every outcome under its kind', async () => {
	const run = await env.harness.run(
		outreach({ operation: 'summarize', title: 'Recall outreach', timeZone: 'America/Chicago' }),
		{
			items: [
				{ action: 'sent', summary: 'Lena Marsh (239): recall reminder 1 of 3 by text' },
				{ action: 'needsReview', summary: 'Felix Morrow (244): nothing sent, needs review' },
				{ action: 'skip', summary: 'Curtis Vale (242): nothing sent (do not contact)' },
				{ foo: 'bar' },
			],
		},
	);
	const [summary] = run.json('Node');
	expect(summary!.counts).toMatchObject({
		Sent: 1,
		'Needs review (nothing sent)': 1,
		'Not messaged': 1,
	});
	expect(summary!.text).toMatch(
		/^Recall outreach, \d{4}-\d{2}-\d{2} \d{2}:\d{2} C[SD]T: 3 patients considered\./,
	);
	expect(summary!.text).toContain('*Sent* (1)\n- Lena Marsh (239): recall reminder 1 of 3 by text');
	expect(summary!.text).toContain('(1 other item(s) not summarized)');
});
