/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; it reads the shipped templates with fs */
// The insurance templates' steps of this package, parameters and expressions unchanged, through
// n8n-core's real WorkflowExecute against the stand-in (n8n-nodes-base is not installed here: the
// triggers and Practice settings become the test start, the NoOp plug-in place and the IF are
// wired through, n8n's Aggregate is a test node doing what it does). The canvas rules of both
// templates are checked too. The whole templates in real n8n: test/e2e/insurance.test.ts.
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INode,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { NodeTestHarness, sandboxCredentials, TEST_START_TYPE, type WorkflowJson } from './harness';
import { servedAtProxy } from './openDentalFixtures';
import { setup, type Env } from './insuranceFixtures';
import { layoutProblems } from './templateLayout';

/** n8n's Aggregate node, "All Item Data (Into a Single List)", for the test. */
class AggregateAll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aggregate (test only)',
		name: 'aggregateAll',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Aggregate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Field', name: 'destinationFieldName', type: 'string', default: 'data' },
		],
	};

	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const field = this.getNodeParameter('destinationFieldName', 0) as string;
		return [
			[
				{
					json: { [field]: items.map((i) => i.json) },
					pairedItem: items.map((_, item) => ({ item })),
				},
			],
		];
	}
}

const template = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;
const VERIFICATION = 'opendental-insurance-verification.json';
const OFFER = 'opendental-estimate-to-offer.json';

/** The named steps in order; the first becomes the test start; Aggregate the test node. */
function segment(wf: WorkflowJson, names: string[]): WorkflowJson {
	const byName = new Map(wf.nodes.map((n) => [n.name, n]));
	const nodes: INode[] = names.map((name, i) => {
		const node = structuredClone(byName.get(name)!);
		if (i === 0) return { ...node, type: TEST_START_TYPE, typeVersion: 1, parameters: {} };
		if (node.type === 'n8n-nodes-base.aggregate')
			return { ...node, type: 'n8n-nodes-dental-financing.aggregateAll', typeVersion: 1 };
		return node;
	});
	const connections: WorkflowJson['connections'] = {};
	names.slice(0, -1).forEach((name, i) => {
		connections[name] = { main: [[{ node: names[i + 1]!, type: 'main', index: 0 }]] };
	});
	return { id: wf.name, name: wf.name, nodes, connections, settings: wf.settings };
}

function settingsOf(wf: WorkflowJson) {
	const node = wf.nodes.find((n) => n.name === 'Practice settings')!;
	return Object.fromEntries(
		((node.parameters as any).assignments.assignments as any[]).map((a) => [a.name, a.value]),
	);
}

describe.each([VERIFICATION, OFFER])('%s', (file) => {
	const wf = template(file);

	test('canvas: no note overlaps a note or a node, every note fits its text', () => {
		expect(layoutProblems(wf)).toEqual([]);
	});

	test('Practice settings first, credentials by name, the error workflow, the practice time zone', () => {
		expect((wf.settings as any).errorWorkflow).toBe('DentalFinErrors1');
		expect((wf.settings as any).timezone).toBe('America/Chicago');
		// Practice Message posts to a webhook address: no credential.
		const withCredential = (x: INode) =>
			x.type.startsWith('n8n-nodes-dental-financing.') && !x.type.endsWith('.practiceMessage');
		for (const n of wf.nodes.filter(withCredential))
			expect(Object.values(n.credentials ?? {})).toEqual([
				{
					id: null,
					name: n.type.endsWith('careCredit') ? 'CareCredit account' : 'Open Dental account',
				},
			]);
		// Templates hold wiring, settings and messages: no rule built in an expression.
		expect(JSON.stringify(wf)).not.toMatch(/\.find\(|\.filter\(|\.reduce\(/);
	});
});

describe('the insurance check template through the real engine', () => {
	let env: Env;
	let harness: NodeTestHarness;
	let proxy: Awaited<ReturnType<typeof servedAtProxy>>;
	const wf = template(VERIFICATION);
	const steps = segment(wf, [
		'Practice settings',
		'Appointments of the next business days',
		'Check insurance',
		'Record check',
		"Collect the day's checks",
		'Build work list',
	]);

	beforeAll(async () => {
		env = await setup();
		proxy = await servedAtProxy(env.sandbox.urls.openDental);
		harness = new NodeTestHarness({
			nodes: [new OpenDental(), new AggregateAll()],
			credentials: [new OpenDentalApi()],
		});
		await harness.setCredentials('openDentalApi', {
			...sandboxCredentials(env.sandbox.urls).openDentalApi,
			baseUrl: `${proxy.url}/api/v1`,
		});
	});
	afterAll(async () => {
		await proxy.close();
		await env.sandbox.stop();
	});

	test('the first run: one work list of the next three business days; a re-run writes and sends nothing', async () => {
		const settings = settingsOf(wf);
		const first = await harness.run(steps, { items: [settings] });
		expect(first.error).toBeUndefined();
		const checks = first.json('Check insurance') as any[];
		expect(checks.length).toBeGreaterThan(0);
		expect(checks.every((c) => env.days.slice(0, 3).includes(c.visitDate))).toBe(true);
		const [list] = first.json('Build work list') as any[];
		const open = checks.filter((c) => c.status !== 'ready');
		expect(list).toMatchObject({ send: true, appointmentCount: open.length });
		expect(list.text.split('\n').filter((l: string) => l.startsWith('- '))).toHaveLength(
			list.lineCount,
		);
		for (const c of open)
			expect(list.text).toContain(`PatNum ${c.patientId} (appointment ${c.appointmentId})`);
		expect(list.text).not.toMatch(/Delgado|Lindqvist|Raman|\d{3}-\d{2}-\d{4}/);

		const calls = proxy.served.length;
		const perAppointment = calls / checks.length;
		console.log(
			`insurance check, first run: ${calls} Open Dental calls for ${checks.length} appointments (${perAppointment.toFixed(2)} per appointment)`,
		);
		// The office-wide lists are read once per run, never per appointment.
		for (const list of ['/insplans?', '/carriers?', '/covcats?'])
			expect(
				proxy.served.filter((s) => s.path.includes(list) || s.path.endsWith(list.slice(0, -1))),
			).toHaveLength(1);

		const writes = (await env.od.writes()).length;
		proxy.served.length = 0;
		const second = await harness.run(steps, { items: [settings] });
		expect(second.error).toBeUndefined();
		expect(
			(second.json('Record check') as any[]).every((r) => r.recorded.outcome === 'alreadyWritten'),
		).toBe(true);
		expect(second.json('Build work list')[0]).toMatchObject({
			send: false,
			lineCount: 0,
			text: '',
		});
		expect(await env.od.writes()).toHaveLength(writes);
		console.log(
			`insurance check, same-day re-run: ${proxy.served.length} Open Dental calls, 0 writes`,
		);
		// Two whole runs of the template: jest's 5 s default is a timing assertion on a shared machine.
	}, 30_000);
});
