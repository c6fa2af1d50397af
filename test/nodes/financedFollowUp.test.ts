/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// Open Dental's Financed Case: Get Many and the Patient Outreach node's Plan Financed Follow-Up,
// through n8n-core's real WorkflowExecute against the Open Dental stand-in. The scenario's three
// financed cases (docs/sandbox.md): Marta (252) approved 6 days ago and not booked, Jerome (253)
// booked, Yuki (254) approved 2 days ago.
import { PatientOutreach } from '../../nodes/PatientOutreach/PatientOutreach.node';
import { chainWorkflow, nodeWorkflow, type ChainStep } from './harness';
import { OPEN_DENTAL, setup } from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
const OPEN = {
	timeZone: 'America/Chicago',
	sendWindowStart: '00:00',
	sendWindowEnd: '23:59',
	sendDays: 'monday, tuesday, wednesday, thursday, friday, saturday, sunday',
};

function steps(days: { task: number; message: number }): ChainStep[] {
	return [
		{
			name: 'Financed cases',
			type: 'openDental',
			credentials: ['openDentalApi'],
			parameters: { resource: 'financedCase', operation: 'getMany', lookBackDays: 30 },
		},
		{
			name: 'Patient',
			type: 'openDental',
			credentials: ['openDentalApi'],
			parameters: {
				resource: 'patient',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
				includeOutreachHistory: true,
			},
		},
		{
			name: 'Plan',
			type: 'patientOutreach',
			parameters: {
				operation: 'planFinancedFollowUp',
				financedCase: "={{ $('Financed cases').item.json }}",
				patient: '={{ $json.contactPreferences }}',
				patientName: '={{ $json.name }}',
				coordinatorTaskAfterDays: days.task,
				patientMessageAfterDays: days.message,
				history: '={{ $json.outreachHistory }}',
				message: {
					text: 'Hi {{firstName}}, please book: {{bookingLink}}',
					firstName: '={{ $json.firstName }}',
					bookingLink: 'https://book.example.com',
				},
				policy: OPEN as never,
			},
		},
	];
}

async function plan(days = { task: 3, message: 7 }) {
	const run = await env.harness.run(chainWorkflow(steps(days)));
	expect(run.error).toBeUndefined();
	const out: Record<string, any> = {};
	['Text', 'E-Mail', 'Staff', 'No Message'].forEach((name, i) => {
		for (const item of run.output('Plan', i))
			out[String(item.json.patientId)] = { output: name, json: item.json };
	});
	return { out, cases: run.json('Financed cases') };
}

beforeEach(async () => {
	env = await setup({ nodes: [new PatientOutreach()] });
});
afterEach(async () => {
	await env.sandbox.stop();
});

test("the approvals this package recorded, with the signed plan's procedures and the appointments holding them", async () => {
	const { cases } = await plan();
	expect(cases.map((c: any) => c.caseId).sort()).toEqual([
		'[cc:APP-520614]',
		'[cc:APP-530919]',
		'[cc:APP-540202]',
	]);
	const jerome = cases.find((c: any) => c.patientId === '253') as any;
	expect(jerome.procedureIds.length).toBe(3);
	const booked = jerome.appointments.find((a: any) => a.status === 'Scheduled');
	expect(booked.procedureIds.sort()).toEqual([...jerome.procedureIds].sort());
});

test('booked stops; too early waits; then the coordinator task first, then the patient', async () => {
	const first = await plan();
	expect(first.out['253']).toMatchObject({ output: 'No Message', json: { action: 'booked' } });
	expect(first.out['254']).toMatchObject({ output: 'No Message', json: { action: 'wait' } });
	expect(first.out['252']).toMatchObject({
		output: 'Staff',
		json: { action: 'coordinatorTask', taskKey: '[out:fnb:252:APP-520614:task]' },
	});
	// The task is written (Commlog: Create from Patient Outreach); the patient comes after it.
	const write = await env.harness.run(
		nodeWorkflow(
			OPEN_DENTAL,
			{
				resource: 'commlog',
				operation: 'create',
				source: 'outreach',
				outreachPatNum: '252',
				outreachNote: first.out['252'].json.note,
				outreachMode: 'None',
				outreachSentOrReceived: 'Sent',
				outreachDateTime: '',
				openDental: { commType: 'Misc' },
			} as never,
			{ credentials: ['openDentalApi'] },
		),
	);
	expect(write.json('Node')[0]).toMatchObject({ created: true });
	const again = await env.harness.run(
		nodeWorkflow(
			OPEN_DENTAL,
			{
				resource: 'commlog',
				operation: 'create',
				source: 'outreach',
				outreachPatNum: '252',
				outreachNote: first.out['252'].json.note,
				openDental: { commType: 'Misc' },
			} as never,
			{ credentials: ['openDentalApi'] },
		),
	);
	expect(again.json('Node')[0]).toMatchObject({ created: false, outcome: 'alreadyWritten' });
	expect(await env.admin.writes('/commlogs')).toHaveLength(1);
	const waiting = await plan();
	expect(waiting.out['252']).toMatchObject({ output: 'No Message', json: { action: 'wait' } });
	const message = await plan({ task: 3, message: 5 });
	expect(message.out['252']).toMatchObject({
		output: 'Text',
		json: { to: '+12175550325', touchKey: '[out:fnb:252:APP-520614:1]' },
	});
});

test('a note without an outreach key is refused by the outreach source, nothing written', async () => {
	const run = await env.harness.run(
		nodeWorkflow(
			OPEN_DENTAL,
			{
				resource: 'commlog',
				operation: 'create',
				source: 'outreach',
				outreachPatNum: '252',
				outreachNote: 'Called the patient.',
			} as never,
			{ credentials: ['openDentalApi'], onError: 'continueErrorOutput' },
		),
	);
	expect((run.output('Node', 1)[0]!.json as any).details.problems[0]).toMatchObject({
		field: 'note',
		code: 'noOutreachKey',
	});
	expect(await env.admin.writes()).toHaveLength(0);
});
