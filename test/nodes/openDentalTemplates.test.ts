/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; it reads the shipped templates with fs */
// The Open Dental parts of the shipped Open Dental templates, their parameters and expressions
// unchanged, run through n8n-core's real WorkflowExecute against the sandbox. n8n-nodes-base is
// not installed here: the trigger and the Set/NoOp steps the expressions read ('Practice
// settings', 'Coordinator form') become a test start and a pass-through; IF and
// Switch steps are left out and the path they would take is wired directly. The whole templates
// in real n8n belong to the end-to-end suite.
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { CareCredit } from '../../nodes/CareCredit/CareCredit.node';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { PracticeMessage } from '../../nodes/PracticeMessage/PracticeMessage.node';
import { NodeTestHarness, sandboxCredentials, TEST_START_TYPE, type WorkflowJson } from './harness';
import { decision, setup } from './openDentalFixtures';

/** Passes its input on, like n8n's NoOp and a Set that keeps the other fields. */
class PassThrough implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pass Through (test only)',
		name: 'passThrough',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Pass Through' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	}
}

/** Answers each item with a fixed JSON, as a step the test does not run would have (e.g. CareCredit's). */
class Answer implements INodeType {
	description: INodeTypeDescription = {
		...new PassThrough().description,
		displayName: 'Answer (test only)',
		name: 'answer',
		usableAsTool: true,
		properties: [{ displayName: 'JSON', name: 'json', type: 'string', default: '{}' }],
	};

	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((_item, i) => ({
				json: JSON.parse(this.getNodeParameter('json', i) as string),
				pairedItem: { item: i },
			})),
		];
	}
}

/** The Set node's assignments, each value an expression n8n-core resolves, as the item's JSON. */
class Assign implements INodeType {
	description: INodeTypeDescription = {
		...new PassThrough().description,
		displayName: 'Assign (test only)',
		name: 'assign',
		usableAsTool: true,
		properties: [
			{
				displayName: 'Assignments',
				name: 'assignments',
				type: 'assignmentCollection',
				default: {},
			},
		],
	};

	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((_item, i) => {
				const { assignments } = this.getNodeParameter('assignments', i) as {
					assignments: Array<{ name: string; value: unknown }>;
				};
				return {
					json: Object.fromEntries(assignments.map((a) => [a.name, a.value])) as IDataObject,
					pairedItem: { item: i },
				};
			}),
		];
	}
}

const PASS = 'n8n-nodes-dental-financing.passThrough';
const template = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;

/** The named nodes of a template, in the order given, chained; the first is the test start. */
function segment(
	wf: WorkflowJson,
	names: string[],
	extra: Record<string, string[]> = {},
	passThrough: string[] = [],
): WorkflowJson {
	const byName = new Map(wf.nodes.map((n) => [n.name, n]));
	const nodes: INode[] = names.map((name, i) => {
		const node = structuredClone(byName.get(name)!);
		expect(node).toBeDefined();
		if (i === 0) return { ...node, type: TEST_START_TYPE, typeVersion: 1, parameters: {} };
		if (passThrough.includes(name)) return { ...node, type: PASS, typeVersion: 1, parameters: {} };
		return node;
	});
	const connections: WorkflowJson['connections'] = {};
	names.slice(0, -1).forEach((name, i) => {
		connections[name] = { main: [[{ node: names[i + 1]!, type: 'main', index: 0 }]] };
	});
	for (const [from, outputs] of Object.entries(extra)) {
		connections[from] = {
			main: outputs.map((to) => (to ? [{ node: to, type: 'main' as const, index: 0 }] : [])),
		};
	}
	return { id: wf.name, name: wf.name, nodes, connections };
}

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
let harness: NodeTestHarness;

beforeEach(async () => {
	env = await setup();
	harness = new NodeTestHarness({
		nodes: [
			new OpenDental(),
			new PaymentArrangement(),
			new CareCredit(),
			new PassThrough(),
			new Answer(),
			new Assign(),
			new PracticeMessage(),
		],
		credentials: [new OpenDentalApi(), new CareCreditApi()],
	});
	const sandbox = sandboxCredentials(env.sandbox.urls);
	await harness.setCredentials('openDentalApi', sandbox.openDentalApi);
	await harness.setCredentials('careCreditApi', {
		...sandbox.careCreditApi,
		merchantNumber: '5348120100000002',
	});
});
afterEach(async () => {
	await env.sandbox.stop();
});

/** The template's Practice settings as the Set node outputs them. */
function settingsOf(wf: WorkflowJson) {
	const node = wf.nodes.find((n) => n.name === 'Practice settings')!;
	const list = (node.parameters as any).assignments.assignments as Array<{
		name: string;
		value: unknown;
	}>;
	return Object.fromEntries(list.map((a) => [a.name, a.value]));
}

describe('opendental-decision-to-arrangement.json', () => {
	const wf = template('opendental-decision-to-arrangement.json');

	test('mirrors the Dentrix template: settings first, credentials by name, error workflow, sticky notes', () => {
		const dentrix = template('carecredit-decision-to-dentrix.json');
		expect((wf.settings as any).errorWorkflow).toBe((dentrix.settings as any).errorWorkflow);
		const ours = wf.nodes.filter((n) => n.type === 'n8n-nodes-dental-financing.openDental');
		expect(ours.length).toBe(4);
		for (const n of ours)
			expect(n.credentials).toEqual({ openDentalApi: { id: null, name: 'Open Dental account' } });
		expect(
			wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length,
		).toBeGreaterThanOrEqual(6);
		expect(JSON.stringify(wf)).not.toMatch(/dentrixApi|ledgerNote|paymentAgreement/);
		const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!;
		expect((hook.parameters as any).path).toBe('carecredit-chairside-opendental');
	});

	test('approved with a shortfall: one writer writes the payment plan and the audit note, exactly as the template sets them', async () => {
		const settings = settingsOf(wf);
		const run = await harness.run(
			segment(wf, [
				'Practice settings',
				'Get treatment plan',
				'Build arrangement',
				'Check arrangement',
				'Write the financed case',
			]),
			{ items: [{ ...settings, ...decision() }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Check arrangement')[0]!.validation).toMatchObject({
			target: 'openDental',
			valid: true,
		});
		expect(run.json('Write the financed case')[0]).toMatchObject({
			outcome: 'created',
			created: true,
			resolvedReview: false,
			paymentPlan: { outcome: 'created' },
			auditNote: { outcome: 'created' },
		});
		expect(String(run.json('Write the financed case')[0]!.message)).not.toBe('');
		const state = await env.state();
		const plans = (state.payPlans as any[]).filter((p) => p.PatNum === 227);
		expect(plans).toHaveLength(1);
		expect(plans[0]).toMatchObject({ IsClosed: false });
		const logs = (state.commlogs as any[]).filter((c) => c.PatNum === 227);
		expect(logs).toHaveLength(1);
		expect(logs[0].Note).not.toContain('.claim]');
	});

	test('a plan that cannot be limited: closed, and the review commlog and message name it', async () => {
		const settings = settingsOf(wf);
		const names = [
			'Practice settings',
			'Get treatment plan',
			'Build arrangement',
			'Check arrangement',
			'Write the financed case',
			'Review problems',
			'Write review note',
			'Message review channel',
		];
		const run = segment(wf, names, { 'Write the financed case': ['', 'Review problems'] });
		for (const node of run.nodes) {
			if (node.name === 'Review problems') node.type = 'n8n-nodes-dental-financing.assign';
		}
		// An Open Dental older than 25.3.29 answers 400 to the link change.
		await env.admin.fault({
			kind: 'status',
			status: 400,
			method: 'PUT',
			pathPattern: 'payplanlinks',
			count: 1,
		} as never);
		const result = await harness.run(run, {
			items: [
				{
					...settings,
					...decision(),
					reviewWebhookUrl: `${env.sandbox.urls.console}/hooks/review`,
				},
			],
		});
		expect(result.error).toBeUndefined();
		const state = await env.state();
		const [plan] = (state.payPlans as any[]).filter((p) => p.PatNum === 227);
		expect(plan.IsClosed).toBe(true);
		const review = result.json('Review problems')[0]!;
		expect(review.writtenPlan).toBe(String(plan.PayPlanNum));
		const notes = (state.commlogs as any[]).filter((c) => c.PatNum === 227);
		const held = notes.find((c) => c.Note.includes('.review]'));
		expect(held.Note).toContain(`Payment plan ${plan.PayPlanNum} was created`);
		expect(held.Note).toContain('it bills nothing');
		expect(result.json('Message review channel')).toEqual([{ posted: true, tries: 1 }]);
		const [posted] = env.sandbox.store.state.notifications.filter((m) => m.channel === 'review');
		const message = posted!.text;
		expect(message).toContain(`Open Dental holds payment plan ${plan.PayPlanNum}`);
		expect(message).toContain('it was closed, so it bills nothing');
		expect(message).not.toContain('but nothing was written');
	});

	test("the CareCredit payment with the template's pay type, keyed by the purchase the decision carries", async () => {
		const settings = settingsOf(wf);
		const run = await harness.run(
			segment(wf, [
				'Practice settings',
				'Get treatment plan',
				'Build arrangement',
				'Check arrangement',
				'Write the financed case',
			]),
			{
				items: [
					{
						...settings,
						...decision({
							promotionalPlan: 'DI12',
							purchase: { transactionId: 'TXN-77', amountCents: 250000, promotionCode: 'DI12' },
						}),
					},
				],
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Build arrangement')[0]!.careCreditPayment).toMatchObject({
			transactionId: 'TXN-77',
		});
		expect(run.json('Write the financed case')[0]).toMatchObject({
			outcome: 'created',
			transactionId: 'TXN-77',
			careCreditPayment: { outcome: 'created' },
		});
		const state = await env.state();
		const paid = (state.payments as any[]).filter((p) => p.PatNum === 227);
		expect(paid).toHaveLength(1);
		expect(paid[0]).toMatchObject({ PayType: 72 });
	});

	test('a purchase not done yet: Build leaves the CareCredit payment out, the template skips its writer', async () => {
		const run = await harness.run(
			segment(wf, ['Practice settings', 'Get treatment plan', 'Build arrangement']),
			{ items: [{ ...settingsOf(wf), ...decision({ purchase: null }) }] },
		);
		expect(run.json('Build arrangement')[0]!.careCreditPayment).toBeNull();
		// The writer takes the transaction from Build's item: none, so no payment yet.
		const write = wf.nodes.find((n) => n.name === 'Write the financed case')!;
		expect((write.parameters as any).transactionId).toContain('careCreditPayment?.transactionId');
	});

	test('an unsigned (Active) plan leaves by the error output of Get treatment plan, to review', async () => {
		const run = await harness.run(segment(wf, ['Practice settings', 'Get treatment plan']), {
			items: [
				{
					...settingsOf(wf),
					...decision({
						pms: {
							patientId: '201',
							guarantorId: '201',
							treatmentPlanId: '301',
							locationId: '1',
						},
					}),
				},
			],
		});
		expect(run.json('Get treatment plan', 0)).toEqual([]);
		expect((run.json('Get treatment plan', 1)[0]!.details as any).problems[0].code).toBe(
			'patientPortionUnknown',
		);
		const connections = wf.connections['Get treatment plan']!.main;
		expect(connections[1]).toEqual([{ node: 'Review problems', type: 'main', index: 0 }]);
	});

	test('a declined decision: its location found, one status commlog, again nothing', async () => {
		const declined = {
			...settingsOf(wf),
			...decision({ status: 'declined', rawStatus: 'Declined', approvedAmountCents: 0 }),
		};
		const wfStatus = segment(wf, ['Practice settings', 'Find location', 'Write status note']);
		const first = await harness.run(wfStatus, { items: [declined] });
		expect(first.error).toBeUndefined();
		// The template ships without locations: the group's channel gets the message.
		expect(first.json('Find location')[0]).toMatchObject({ status: 'declined', location: null });
		const message = wf.nodes.find((n) => n.name === 'Message coordinator (status)')!;
		expect(message.parameters.webhookUrl).toContain("$('Find location').item.json.location");
		expect(first.json('Write status note')[0]).toMatchObject({
			created: true,
			referenceToken: '[cc:sess-900001.declined]',
		});
		const again = await harness.run(wfStatus, { items: [declined] });
		expect(again.json('Write status note')[0]).toMatchObject({
			created: false,
			outcome: 'alreadyWritten',
		});
	});
});

describe('opendental-plan-to-carecredit.json', () => {
	const wf = template('opendental-plan-to-carecredit.json');

	test('the form finds the patient and the signed plan, and prefills CareCredit with Open Dental ids', async () => {
		const form = wf.nodes.find((n) => n.name === 'Coordinator form')!;
		expect(form.type).toBe('n8n-nodes-base.formTrigger');
		expect((wf.settings as any).saveDataSuccessExecution).toBe('none');
		const run = await harness.run(
			segment(
				wf,
				[
					'Coordinator form',
					'Practice settings',
					'Find patient',
					'Get treatment plan',
					'Get guarantor',
					'Prefill CareCredit application',
				],
				{},
				['Practice settings'],
			),
			{
				items: [
					{
						...settingsOf(wf),
						'Last name': 'Fischer ',
						'First name': 'Henry',
						Birthdate: '1969-09-14',
						'Treatment plan number': 419,
					},
				],
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Get treatment plan')[0]).toMatchObject({
			treatmentPlanId: '419',
			patientPortionCents: 325001,
		});
		const prefill = run.json('Prefill CareCredit application')[0]!;
		expect(prefill.portalUrl).toEqual(expect.any(String));
		const cc: any = await (await fetch(`${env.sandbox.urls.careCredit}/__sandbox/state`)).json();
		const session = (cc.sessions as any[]).find((s) => s.sessionId === prefill.sessionId);
		expect(session.transactionInfo.invoiceNumber.split('~')[0]).toBe('419');
		expect(JSON.stringify(run.json('Find patient'))).not.toContain('1969-09-14');
	});
});
