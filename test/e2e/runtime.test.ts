/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The real-n8n runtime, proven with a throwaway one-node community package written here:
// packed, installed into `.n8n/nodes` as a practice would, run behind a webhook by `n8n start`
// and by `n8n execute`. The lead swaps the probe for this repository's own packed package.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
	activateWorkflow,
	createN8nHome,
	deactivateWorkflow,
	executeWorkflow,
	getExecution,
	importCredentials,
	importWorkflow,
	installN8n,
	listWorkflows,
	nodeOutput,
	packPackage,
	publishWorkflow,
	startN8n,
	waitForExecutions,
	type N8nHome,
	type RunningN8n,
} from '../../scripts/n8n/runtime';

const PROBE = 'n8n-nodes-e2e-probe';
const PROBE_TYPE = `${PROBE}.e2eProbe`;

const timings: string[] = [];
async function phase<T>(label: string, step: () => Promise<T>): Promise<T> {
	const start = Date.now();
	try {
		return await step();
	} finally {
		timings.push(`${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
	}
}

/** A community package shaped like ours (peer n8n-workflow, `n8n` manifest), plain JS. */
async function writeProbePackage(dir: string) {
	await fs.mkdir(join(dir, 'dist', 'nodes', 'Probe'), { recursive: true });
	const manifest = {
		name: PROBE,
		version: '0.0.1',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/Probe/Probe.node.js'] },
		peerDependencies: { 'n8n-workflow': '*' },
	};
	await fs.writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	await fs.writeFile(
		join(dir, 'dist', 'nodes', 'Probe', 'Probe.node.js'),
		`class Probe {
	description = {
		displayName: 'E2E Probe',
		name: 'e2eProbe',
		group: ['transform'],
		version: 1,
		description: 'Answers with its greeting and what it received',
		defaults: { name: 'E2E Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '' }],
	};
	async execute() {
		return [this.getInputData().map((item, i) => ({
			json: { probe: 'ok', greeting: this.getNodeParameter('greeting', i), workflowId: this.getWorkflow().id },
			pairedItem: { item: i },
		}))];
	}
}
module.exports = { Probe };
`,
	);
}

const probeNode = (greeting: string) => ({
	id: 'b0b0b0b0-0000-4000-8000-000000000002',
	name: 'E2E Probe',
	type: PROBE_TYPE,
	typeVersion: 1,
	position: [300, 0],
	parameters: { greeting },
});
const connectToProbe = (from: string) => ({
	[from]: { main: [[{ node: 'E2E Probe', type: 'main', index: 0 }]] },
});

const webhookWorkflow = {
	name: 'E2E probe behind a webhook',
	nodes: [
		{
			id: 'b0b0b0b0-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0b0b0b0-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: 'e2e-probe', responseMode: 'lastNode', options: {} },
		},
		// An expression too: n8n's default expression engine runs in isolated-vm.
		probeNode('={{ "hello " + $json.body.name }}'),
	],
	connections: connectToProbe('Webhook'),
	settings: { executionOrder: 'v1' },
};

const manualWorkflow = {
	name: 'E2E probe from the CLI',
	nodes: [
		{
			id: 'b0b0b0b0-0000-4000-8000-000000000003',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		probeNode('={{ "from the " + "cli" }}'),
	],
	connections: connectToProbe('Manual Trigger'),
	settings: { executionOrder: 'v1' },
};

describe('real n8n 2.41.1 runtime', () => {
	let work: string;
	let home: N8nHome;
	let n8n: RunningN8n | undefined;

	beforeAll(async () => {
		work = await fs.mkdtemp(join(tmpdir(), 'n8n-e2e-runtime-'));
	});

	afterAll(async () => {
		await n8n?.stop();
		console.log(`[e2e runtime] timings\n  ${timings.join('\n  ')}`);
		await fs.rm(work, { recursive: true, force: true });
	}, 120_000);

	it(
		'installs (or reuses) n8n and installs a packed community package into .n8n/nodes',
		async () => {
			const runtime = await phase('install or reuse n8n', () =>
				installN8n({ log: (l) => timings.push(l) }),
			);
			const probeDir = join(work, 'probe');
			await writeProbePackage(probeDir);
			const tarball = await phase('npm pack the probe', () => packPackage(probeDir, work));
			home = await phase('create n8n home and npm install the tarball', () =>
				createN8nHome(join(work, 'home'), [tarball], runtime),
			);
			const installed = join(home.dir, '.n8n', 'nodes', 'node_modules');
			const manifest = JSON.parse(
				await fs.readFile(join(installed, PROBE, 'package.json'), 'utf8'),
			);
			expect(manifest.name).toBe(PROBE);
			// The peer dependency stays n8n's own: no second n8n-workflow beside the package.
			await expect(fs.stat(join(installed, 'n8n-workflow'))).rejects.toThrow('ENOENT');
		},
		20 * 60_000,
	);

	it(
		'imports credentials and workflows, publishes, and runs one with n8n execute',
		async () => {
			await phase('import credentials', () =>
				importCredentials(home, [
					{
						name: 'E2E header auth',
						type: 'httpHeaderAuth',
						data: { name: 'X-Probe', value: 'sandbox' },
					},
				]),
			);
			const webhookId = await phase('import webhook workflow', () =>
				importWorkflow(home, webhookWorkflow),
			);
			const manualId = await phase('import manual workflow', () =>
				importWorkflow(home, manualWorkflow),
			);
			expect(webhookId).not.toBe(manualId);
			await phase('publish webhook workflow', () => publishWorkflow(home, webhookId));
			expect(await listWorkflows(home, true)).toEqual([
				{ id: webhookId, name: webhookWorkflow.name },
			]);

			const run = await phase('n8n execute --id --rawOutput', () =>
				executeWorkflow(home, manualId),
			);
			expect(nodeOutput(run, 'E2E Probe')).toEqual([
				{ probe: 'ok', greeting: 'from the cli', workflowId: manualId },
			]);
		},
		10 * 60_000,
	);

	it(
		'starts n8n, answers the webhook with the probe output, and records the execution',
		async () => {
			n8n = await phase('n8n start until login works', () => startN8n(home));
			const [webhookWf] = await listWorkflows(home, true);
			const response = await phase('webhook call', () =>
				fetch(`${n8n!.url}/webhook/e2e-probe`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name: 'Ada' }),
				}),
			);
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({
				probe: 'ok',
				greeting: 'hello Ada',
				workflowId: webhookWf.id,
			});

			const [execution] = await waitForExecutions(n8n, webhookWf.id, 1);
			expect(execution).toMatchObject({
				workflowId: webhookWf.id,
				mode: 'webhook',
				status: 'success',
			});
			const detail = await getExecution(n8n, execution.id);
			expect(nodeOutput(detail.data, 'E2E Probe')).toEqual([
				{ probe: 'ok', greeting: 'hello Ada', workflowId: webhookWf.id },
			]);

			// Unpublished and published again on the running n8n: the webhook goes and comes back.
			const callWebhook = () =>
				fetch(`${n8n!.url}/webhook/e2e-probe`, { method: 'POST', body: '{}' }).then(
					(r) => r.status,
				);
			await phase('unpublish on the running n8n', () => deactivateWorkflow(n8n!, webhookWf.id));
			expect(await callWebhook()).toBe(404);
			await phase('publish on the running n8n', () => activateWorkflow(n8n!, webhookWf.id));
			expect(await callWebhook()).toBe(200);

			const exitCode = await phase('n8n stop (SIGTERM)', () => n8n!.stop());
			expect(exitCode).toBe(0);
			n8n = undefined;
		},
		10 * 60_000,
	);
});
