/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// The Patient Outreach node (no HTTP) through n8n-core's real WorkflowExecute, fed as a template
// feeds it: Open Dental's recall list and each patient's contact preferences and outreach
// history, read from the stand-in over loopback. Every contact case of the scenario patients.
import { addDays, todayIn } from '../../financing';
import { PatientOutreach } from '../../nodes/PatientOutreach/PatientOutreach.node';
import { chainWorkflow, nodeWorkflow, type ChainStep } from './harness';
import { setup } from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
const OUTREACH = 'n8n-nodes-dental-financing.patientOutreach';
const anchor = () => todayIn('UTC', new Date());
/** Always inside the send window, any day: quiet hours are tested apart. */
const OPEN = {
	timeZone: 'America/Chicago',
	sendWindowStart: '00:00',
	sendWindowEnd: '23:59',
	sendDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
};
const MESSAGE = {
	text: 'Hi {{firstName}}, your cleaning at {{practiceName}} is due {{dueDate}}. Book: {{bookingLink}}',
	emailSubject: 'Time for your visit at {{practiceName}}',
	emailText: 'Hi {{firstName}}, your visit is due {{dueDate}}. Call {{practicePhone}}.',
	firstName: "={{ $('Patient').item.json.firstName }}",
	practiceName: 'Prairie Smiles',
	practicePhone: '(217) 555-0100',
	bookingLink: 'https://book.example.com',
	dueDate: "={{ $('Recall list').item.json.dueDate }}",
};

function recallChain(policy: Record<string, unknown> = OPEN): ChainStep[] {
	return [
		{
			name: 'Recall list',
			type: 'openDental',
			credentials: ['openDentalApi'],
			parameters: {
				resource: 'recall',
				operation: 'getList',
				dateRange: 'relative',
				daysOverdue: 365,
				daysAhead: 30,
				returnAll: true,
			},
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
				operation: 'planMessage',
				purpose: 'recall',
				patient: '={{ $json.contactPreferences }}',
				patientName: '={{ $json.name }}',
				subjectId: "={{ $('Recall list').item.json.subjectId }}",
				dueDate: "={{ $('Recall list').item.json.dueDate }}",
				recallTypeId: "={{ $('Recall list').item.json.recallTypeId }}",
				touchesSent: "={{ $('Recall list').item.json.remindersSent }}",
				lastTouchAt: "={{ $('Recall list').item.json.lastReminder }}",
				history: '={{ $json.outreachHistory }}',
				message: MESSAGE,
				policy: policy as never,
			},
		},
	];
}

/** Every output of Plan, by patient id: [output name, json]. */
async function plan(policy?: Record<string, unknown>) {
	const run = await env.harness.run(chainWorkflow(recallChain(policy)));
	expect(run.error).toBeUndefined();
	const out = new Map<string, { output: string; json: any }>();
	['Text', 'E-Mail', 'Staff', 'No Message'].forEach((name, index) => {
		for (const item of run.output('Plan', index)) {
			out.set(`${item.json.patientId}`, { output: name, json: item.json });
		}
	});
	return out;
}

beforeEach(async () => {
	env = await setup({ nodes: [new PatientOutreach()] });
});
afterEach(async () => {
	await env.sandbox.stop();
});

describe('Plan Next Message (recall), every contact case', () => {
	test('channel by preference, consent and address; no contact, inactive and deceased skipped; problems name the field', async () => {
		const out = await plan();
		expect(out.get('239')).toMatchObject({
			output: 'Text',
			json: { channel: 'text', to: '+12175550309', touchNumber: 1, bySequence: false },
		});
		const lena = out.get('239')!.json;
		expect(lena.touchKey).toBe(`[out:recall:239:Prophy.${addDays(anchor(), 10)}:1]`);
		expect(lena.text).toBe(
			`Hi Lena, your cleaning at Prairie Smiles is due ${addDays(anchor(), 10)}. Book: https://book.example.com Reply STOP to opt out.`,
		);
		expect(lena.note).toContain('sent by text to (***) ***-0309');
		expect(lena.note.endsWith(lena.touchKey)).toBe(true);
		expect(lena.noteMode).toBe('Text');
		// Omar: text not OK, prefers e-mail.
		expect(out.get('240')).toMatchObject({
			output: 'E-Mail',
			json: {
				channel: 'email',
				to: 'omar.haddad@example.com',
				subject: 'Time for your visit at Prairie Smiles',
			},
		});
		// Beatrice: reminded twice already (the recall list's count), e-mail only: touch 3 of 3.
		expect(out.get('241')).toMatchObject({ output: 'E-Mail', json: { touchNumber: 3 } });
		expect(out.get('242')).toMatchObject({
			output: 'No Message',
			json: { action: 'skip', reason: 'doNotContact' },
		});
		expect(out.get('243')).toMatchObject({
			output: 'Staff',
			json: { action: 'staffTask', reason: 'prefersCall' },
		});
		const felix = out.get('244')!;
		expect(felix.output).toBe('Staff');
		expect(felix.json.problems.map((p: any) => [p.field, p.code])).toEqual([
			['patient.wirelessPhone', 'malformedPhone'],
			['patient.email', 'malformedEmail'],
		]);
		expect(JSON.stringify(felix.json)).not.toContain('555-02');
		expect(out.get('245')).toMatchObject({ output: 'No Message', json: { reason: 'notActive' } });
		expect(out.get('246')).toMatchObject({ output: 'No Message', json: { reason: 'deceased' } });
		expect(out.get('247')!.json.problems).toEqual([
			expect.objectContaining({ field: 'recall.dueDate', code: 'noDueDate' }),
		]);
		expect(out.get('248')).toMatchObject({ output: 'Text' });
	});

	test('quiet hours hold every send: nothing to send, the time it may go out', async () => {
		const now = new Date();
		const chicagoHour = Number(
			new Intl.DateTimeFormat('en-US', {
				timeZone: 'America/Chicago',
				hour: 'numeric',
				hourCycle: 'h23',
			}).format(now),
		);
		// A one-hour window that is not now.
		const start = (chicagoHour + 2) % 22;
		const out = await plan({
			...OPEN,
			sendWindowStart: `${String(start).padStart(2, '0')}:00`,
			sendWindowEnd: `${String(start + 1).padStart(2, '0')}:00`,
		});
		const lena = out.get('239')!;
		expect(lena).toMatchObject({
			output: 'No Message',
			json: { action: 'held', reason: 'quietHours' },
		});
		expect(new Date(lena.json.sendAt).getTime()).toBeGreaterThan(now.getTime());
		expect([...out.values()].filter((o) => o.output === 'Text' || o.output === 'E-Mail')).toEqual(
			[],
		);
	});

	test('a touch recorded today waits; the touch cap stops; an opt-out in the notes ends outreach', async () => {
		const one = (parameters: Record<string, unknown>) =>
			env.harness.run(nodeWorkflow(OUTREACH, parameters as never));
		const base = {
			operation: 'planMessage',
			purpose: 'reactivation',
			patient: {
				patientId: '239',
				status: 'Patient',
				textOk: 'Yes',
				preferredRecallMethod: 'TextMessage',
				wirelessPhone: '(217) 555-0309',
				email: '',
			},
			subjectId: '711',
			message: {
				text: 'Hi {{firstName}}, please call {{practicePhone}}.',
				firstName: 'Lena',
				practicePhone: '(217) 555-0100',
			},
			policy: OPEN,
		};
		const today = `${anchor()} 09:00:00`;
		const waited = (
			await one({ ...base, history: [{ text: 'x [out:react:239:711:1]', at: today }] })
		).output('Node', 3);
		expect(waited[0]!.json).toMatchObject({ action: 'wait', reason: 'minimumGap', touchNumber: 2 });
		const capped = (await one({ ...base, touchesSent: 3 })).output('Node', 3);
		expect(capped[0]!.json).toMatchObject({ action: 'stop', reason: 'maxTouchesReached' });
		const stopped = (
			await one({
				...base,
				history: [{ text: 'The patient replied STOP. [out:stop:239]', at: today }],
			})
		).output('Node', 3);
		expect(stopped[0]!.json).toMatchObject({ action: 'stop', reason: 'optedOut' });
		const resumed = await one({
			...base,
			history: [
				{ text: '[out:stop:239]', at: `${addDays(anchor(), -3)} 09:00:00` },
				{ text: '[out:start:239]', at: `${addDays(anchor(), -2)} 09:00:00` },
			],
		});
		expect(resumed.output('Node', 0)).toHaveLength(1);
		const none = await one({
			...base,
			patient: { ...base.patient, wirelessPhone: '', preferredRecallMethod: 'None' },
		});
		expect(none.output('Node', 2)[0]!.json.problems).toEqual([
			expect.objectContaining({ field: 'patient', code: 'noReachableChannel' }),
		]);
		const unknownType = await one({
			...base,
			purpose: 'recall',
			dueDate: anchor(),
			recallTypeId: '',
		});
		expect(unknownType.output('Node', 2)[0]!.json.problems).toEqual([
			expect.objectContaining({ field: 'recall.recallTypeId', code: 'unknownRecallType' }),
		]);
	});

	test('a message that would carry a date of birth, or an unknown placeholder, is not sent', async () => {
		const run = await env.harness.run(
			nodeWorkflow(OUTREACH, {
				operation: 'planMessage',
				purpose: 'reactivation',
				patient: {
					patientId: '239',
					status: 'Patient',
					textOk: 'Yes',
					preferredRecallMethod: 'TextMessage',
					wirelessPhone: '(217) 555-0309',
				},
				subjectId: '711',
				message: { text: 'Hi {{firstName}}, DOB on file. {{procedure}}', firstName: 'Lena' },
				policy: OPEN,
			} as never),
		);
		const problems = run.output('Node', 2)[0]!.json.problems as any[];
		expect(problems.map((p) => p.code).sort()).toEqual(['unknownPlaceholder']);
		expect(run.output('Node', 0)).toHaveLength(0);
	});

	test('bad policy settings stop the node with the field named', async () => {
		const run = await env.harness.run(
			nodeWorkflow(OUTREACH, {
				operation: 'planMessage',
				purpose: 'recall',
				patient: {},
				subjectId: 'x',
				policy: { timeZone: 'Mars/Olympus', sequence: 'text, fax' },
			} as never),
		);
		expect(run.error?.message).toMatch(/outreach policy is not valid/);
	});
});
