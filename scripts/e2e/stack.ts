/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The whole practice on one machine, as the demo, the end-to-end tests and the benchmark use
// it: the sandbox on its default ports (the shipped templates' Practice settings point there),
// real n8n with this package packed and installed into `.n8n/nodes`, credentials imported and
// pointed at the sandbox, the templates imported unchanged from `workflows/` and published.
import { existsSync, promises as fs } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { startSandbox, DEFAULT_PORTS, type Sandbox } from '../../sandbox';
import {
	activateWorkflow,
	createN8nHome,
	deactivateWorkflow,
	importCredentials,
	importWorkflow,
	installN8n,
	packPackage,
	publishWorkflow,
	startN8n,
	type N8nHome,
	type RunningN8n,
} from '../n8n/runtime';
import { run } from '../n8n/install';

export const REPO = resolve(__dirname, '..', '..');
/** The accepted-plans feed the Dentrix Trigger reads (docs/dentrix-api.md). */
const FEED = '^/v1/treatment-plans$';
/** n8n's own default port: the templates' "n8n public address" setting defaults to it. */
export const N8N_PORT = 5678;
const PACKAGE = 'n8n-nodes-dental-financing';

/** The shipped templates, by file in `workflows/`. */
export const TEMPLATES = {
	application: 'treatment-plan-to-carecredit.json',
	decision: 'carecredit-decision-to-dentrix.json',
	testMode: 'test-mode.json',
	errors: 'errors-to-ops.json',
} as const;
export type TemplateKey = keyof typeof TEMPLATES;
/**
 * Published at start: the two that run on their own, and the error workflow (n8n 2.41.1 runs an
 * error workflow's published version only: `loadErrorWorkflowData`). Test mode is run by hand.
 */
const PUBLISHED: TemplateKey[] = ['application', 'decision', 'errors'];

/** Credential names the templates refer to (by name only; n8n resolves them at import). */
export const CREDENTIAL_NAMES = { careCredit: 'CareCredit account', dentrix: 'Dentrix account' };

export interface Stack {
	sandbox: Sandbox;
	n8n: RunningN8n;
	home: N8nHome;
	/** n8n workflow id of each template. */
	ids: Record<TemplateKey, string>;
	/** Restart n8n on the same home (after stop or kill). */
	restartN8n(): Promise<RunningN8n>;
	stop(): Promise<void>;
}

export interface StackOptions {
	/** Work folder: the n8n home and the sandbox state go inside. */
	work: string;
	/** Keep the sandbox state on disk in `work` (the demo), or in memory (tests). */
	persistSandbox?: boolean;
	/** Build the package first (`npm run build`); tests and the demo do, the bench reuses dist. */
	build?: boolean;
	log?: (line: string) => void;
	/** The package folder to pack (default: this repository). */
	packageDir?: string;
}

/** Every node type the templates use must be in package.json's `n8n.nodes`, or n8n never loads it. */
async function checkManifest(packageDir: string): Promise<void> {
	const manifest = JSON.parse(await fs.readFile(join(packageDir, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};
	const listed = new Set<string>();
	for (const file of manifest.n8n.nodes) {
		const exports = (await import(join(packageDir, file))) as Record<string, unknown>;
		for (const NodeClass of Object.values(exports)) {
			if (typeof NodeClass !== 'function') continue;
			const node = new (NodeClass as new () => { description?: { name?: string } })();
			if (node.description?.name) listed.add(node.description.name);
		}
	}
	const missing = new Set<string>();
	for (const file of Object.values(TEMPLATES)) {
		const template = JSON.parse(await fs.readFile(join(REPO, 'workflows', file), 'utf8')) as {
			nodes: Array<{ type: string }>;
		};
		for (const { type } of template.nodes) {
			const [pkg, name] = type.split('.');
			if (pkg === PACKAGE && !listed.has(name)) missing.add(name);
		}
	}
	if (missing.size > 0) {
		throw new Error(
			`package.json "n8n.nodes" lists no node named ${[...missing].join(', ')}: n8n would not load them and the templates could not run`,
		);
	}
}

/** Plain credential data pointing at the sandbox (imported, then encrypted by n8n). */
export function sandboxCredentials(sandbox: Sandbox) {
	return [
		{
			name: CREDENTIAL_NAMES.careCredit,
			type: 'careCreditApi',
			data: {
				environment: 'custom',
				baseUrl: sandbox.urls.careCredit,
				merchantNumber: '5348120100000001',
				clientId: 'sandbox-client',
				clientSecret: 'sandbox-secret',
				partnerCode: 'N8N',
			},
		},
		{
			name: CREDENTIAL_NAMES.dentrix,
			type: 'dentrixApi',
			data: { baseUrl: sandbox.urls.dentrix, apiKey: 'sandbox-dentrix-key' },
		},
	];
}

const LOCK = join(tmpdir(), 'n8n-nodes-dental-financing-stack.lock');

/**
 * One stack per machine at a time: the sandbox's default ports and n8n's 5678 are fixed, so
 * e2e suites (run in parallel by jest), the demo and the benchmark take turns. `mkdir` is atomic;
 * a lock whose process is gone is taken over.
 */
async function acquireLock(
	log: (line: string) => void,
	timeoutMs = 30 * 60_000,
): Promise<() => Promise<void>> {
	const deadline = Date.now() + timeoutMs;
	let told = false;
	for (;;) {
		const taken = await fs.mkdir(LOCK).then(
			() => true,
			() => false,
		);
		if (taken) {
			await fs.writeFile(join(LOCK, 'pid'), String(process.pid));
			return () => fs.rm(LOCK, { recursive: true, force: true });
		}
		const holder = Number(await fs.readFile(join(LOCK, 'pid'), 'utf8').catch(() => '0'));
		let alive = false;
		try {
			process.kill(holder, 0);
			alive = holder > 0;
		} catch {
			alive = false;
		}
		if (!alive && holder > 0) {
			await fs.rm(LOCK, { recursive: true, force: true });
			continue;
		}
		if (Date.now() > deadline) {
			throw new Error(`the practice stack is still in use by process ${holder} (${LOCK})`);
		}
		if (!told)
			log(`waiting for process ${holder}, which runs the practice stack (the ports are fixed)`);
		told = true;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? (() => undefined);
	const release = await acquireLock(log);
	let started = false;
	try {
		const stack = await startLocked(options, log);
		const stop = stack.stop;
		stack.stop = async () => {
			await stop();
			await release();
		};
		started = true;
		return stack;
	} finally {
		if (!started) await release();
	}
}

async function startLocked(options: StackOptions, log: (line: string) => void): Promise<Stack> {
	const step = async <T>(label: string, action: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		const result = await action();
		log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return result;
	};
	const runtime = await step('n8n runtime (install or reuse)', () => installN8n({ log }));
	if (options.build) {
		await step('npm run build', () => run('npm', ['run', 'build', '--silent'], { cwd: REPO }));
	}
	const packageDir = options.packageDir ?? REPO;
	await checkManifest(packageDir);
	const tarball = await step('npm pack', () => packPackage(packageDir));
	await fs.mkdir(options.work, { recursive: true });
	const homeDir = join(options.work, 'n8n-home');
	const fresh = !existsSync(join(homeDir, '.n8n', 'nodes', 'node_modules', PACKAGE));
	const home = await step('n8n home with the package in .n8n/nodes', () =>
		createN8nHome(homeDir, fresh ? [tarball] : [], runtime),
	);
	const sandbox = await step('sandbox on its default ports', () =>
		startSandbox({
			dataDir: options.persistSandbox ? join(options.work, 'sandbox') : null,
			ports: DEFAULT_PORTS,
			n8nEditorUrl: `http://127.0.0.1:${N8N_PORT}`,
		}),
	);
	let started = false;
	try {
		const ids = {} as Record<TemplateKey, string>;
		const idsFile = join(homeDir, 'template-ids.json');
		if (fresh) {
			await step('import credentials', () => importCredentials(home, sandboxCredentials(sandbox)));
			for (const key of Object.keys(TEMPLATES) as TemplateKey[]) {
				ids[key] = await step(`import ${TEMPLATES[key]}`, () =>
					importWorkflow(home, join(REPO, 'workflows', TEMPLATES[key])),
				);
			}
			for (const key of PUBLISHED)
				await step(`publish ${key}`, () => publishWorkflow(home, ids[key]));
			await fs.writeFile(idsFile, JSON.stringify(ids));
		} else {
			Object.assign(ids, JSON.parse(await fs.readFile(idsFile, 'utf8')));
		}
		// Login works before the workflows are activated, and a plan accepted before the Dentrix
		// Trigger's first poll ("start from now") would be skipped: a spent-once marker rule on the
		// feed's path tells when that poll has read the feed.
		const start = async () => {
			await assertPortFree(N8N_PORT);
			await postJson(`${sandbox.urls.dentrix}/__sandbox/faults`, {
				kind: 'latency',
				delayMs: 1,
				count: 1,
				method: 'GET',
				pathPattern: FEED,
			});
			const running = await startN8n(home, {
				port: N8N_PORT,
				env: { GENERIC_TIMEZONE: 'America/Chicago' },
			});
			let ready = false;
			try {
				await dentrixTriggerHasPolled(sandbox.urls.dentrix);
				ready = true;
				return running;
			} finally {
				if (!ready) await running.stop();
			}
		};
		let n8n = await step('n8n start', start);
		const stack: Stack = {
			sandbox,
			home,
			ids,
			get n8n() {
				return n8n;
			},
			async restartN8n() {
				n8n = await start();
				return n8n;
			},
			async stop() {
				await n8n.stop().catch(() => undefined);
				await sandbox.stop();
			},
		};
		started = true;
		return stack;
	} finally {
		if (!started) await sandbox.stop();
	}
}

/**
 * Runs a poll of a published polling workflow now: publishing runs one at once (n8n.md), but
 * publishing an already published version is a no-op in 2.41.1, so unpublish first.
 */
/**
 * Waits until the Dentrix Trigger's first poll has read the accepted-plans feed (the spent-once
 * marker the stack sets before starting n8n is gone); a plan accepted before that is skipped.
 */
export async function dentrixTriggerHasPolled(dentrixUrl: string, timeoutMs = 120_000) {
	await waitFor(
		"the Dentrix Trigger's first poll",
		async () =>
			JSON.stringify(await getJson(`${dentrixUrl}/__sandbox/faults`)).includes(FEED)
				? undefined
				: true,
		timeoutMs,
	);
}

export async function pollNow(n8n: RunningN8n, workflowId: string): Promise<void> {
	await deactivateWorkflow(n8n, workflowId);
	await activateWorkflow(n8n, workflowId);
}

/** Another n8n (a demo left running) on the port would answer our readiness checks. */
function assertPortFree(port: number): Promise<void> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', () =>
			reject(new Error(`port ${port} is in use (is \`npm run demo\` running?): stop it first`)),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePort()));
	});
}

/** JSON from a sandbox URL. */
export async function getJson<T = unknown>(url: string): Promise<T> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	return (await response.json()) as T;
}

/** POST JSON to a sandbox URL; the parsed answer. */
export async function postJson<T = unknown>(url: string, body: unknown): Promise<T> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
	// The console's incoming webhook answers plain `ok`, as Slack's does.
	return (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
}

/** Polls `check` until it returns a value (not undefined), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}
