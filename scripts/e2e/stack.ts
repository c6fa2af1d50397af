/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The whole practice on one machine, as the demo, the end-to-end tests and the benchmark use
// it: the sandbox, real n8n with this package packed and installed into `.n8n/nodes`,
// credentials imported and pointed at the sandbox, the templates imported unchanged from
// `workflows/`, then their Practice settings filled through n8n's REST API as an ops person
// fills them in the editor, and published. Tests run on free ports (several stacks and a demo
// side by side); the demo on fixed ones.
import { existsSync, promises as fs } from 'fs';
import { join, resolve } from 'path';
import { startSandbox, DEFAULT_PORTS, type Sandbox } from '../../sandbox';
import {
	activateWorkflow,
	createN8nHome,
	deactivateWorkflow,
	freePort,
	importCredentials,
	importWorkflow,
	installN8n,
	packPackage,
	startN8n,
	TEST_N8N_ENV,
	PRACTICE_N8N_ENV,
	GRACEFUL_SHUTDOWN_S,
	type N8nHome,
	type RunningN8n,
} from '../n8n/runtime';
import { run } from '../n8n/install';
import {
	fillPracticeSettings,
	SANDBOX_MERCHANT_NUMBERS,
	sandboxPracticeSettings,
} from './practiceSettings';

export const REPO = resolve(__dirname, '..', '..');
/** The accepted-plans feed the Dentrix Trigger reads (docs/dentrix-api.md). */
const FEED = '^/v1/treatment-plans$';
/** The demo's n8n port (n8n's own default), beside the sandbox's default ports. */
export const DEMO_N8N_PORT = 5678;
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
export const PUBLISHED: TemplateKey[] = ['application', 'decision', 'errors'];

/** Credential names the templates refer to (by name only; n8n resolves them at import). */
export const CREDENTIAL_NAMES = { careCredit: 'CareCredit account', dentrix: 'Dentrix account' };

export interface Stack {
	sandbox: Sandbox;
	n8n: RunningN8n;
	home: N8nHome;
	/** n8n workflow id of each template. */
	ids: Record<TemplateKey, string>;
	/** Restart n8n on the same home and port (stopping it first if it still runs). */
	restartN8n(): Promise<RunningN8n>;
	/**
	 * What an ops person does after importing a template into this n8n: fill its Practice
	 * settings with the sandbox's values (those it has) and save, then publish unless told not to.
	 */
	setUpTemplate(workflowId: string, options?: { publish?: boolean }): Promise<void>;
	stop(): Promise<void>;
}

export interface StackOptions {
	/** Work folder: the n8n home and the sandbox state go inside. */
	work: string;
	/** Keep the sandbox state on disk in `work` (the demo), or in memory (tests). */
	persistSandbox?: boolean;
	/**
	 * The demo's fixed ports (the sandbox's defaults and n8n on 5678), so `npm run demo:case` and
	 * a person's bookmarks find it; otherwise free ports, so tests run while a demo is up.
	 */
	fixedPorts?: boolean;
	/** Build the package first (`npm run build`); tests and the demo do, the bench reuses dist. */
	build?: boolean;
	log?: (line: string) => void;
	/** The package folder to pack (default: this repository). */
	packageDir?: string;
	/** More env for n8n (e.g. retention settings); tests' short hard-delete interval by default. */
	env?: Record<string, string>;
	/**
	 * A bare n8n: no package, credentials or templates (`ids` stays empty). The setup guide's
	 * test (test/e2e/setup.test.ts) takes those steps itself, as docs/setup.md says.
	 */
	bare?: boolean;
	/** The Open Dental stand-in paced to one request a second per customer key (the outreach bench). */
	openDentalThrottle?: boolean;
	/**
	 * More files of `workflows/` to import (not published; their Practice settings filled with
	 * the sandbox's values), with the Open Dental credential: the demo shows every template.
	 */
	extraTemplates?: string[];
}

/** Every node type the templates use must be in package.json's `n8n.nodes`, or n8n never loads it. */
export async function checkManifest(packageDir: string): Promise<void> {
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

/** The Open Dental credential the Open Dental templates name, pointing at the stand-in. */
export function openDentalSandboxCredential(sandbox: Sandbox) {
	return {
		name: 'Open Dental account',
		type: 'openDentalApi',
		data: {
			baseUrl: `${sandbox.urls.openDental}/api/v1`,
			developerApiKey: 'sandbox-od-developer',
			customerApiKey: 'sandbox-od-customer',
			pacingMs: 0,
		},
	};
}

/**
 * Arms a spent-once marker on the Dentrix feed: `dentrixTriggerHasPolled` then tells when the
 * Dentrix Trigger's first poll has read it (a plan accepted before that poll is skipped).
 */
export async function markDentrixFeed(dentrixUrl: string): Promise<void> {
	await postJson(`${dentrixUrl}/__sandbox/faults`, {
		kind: 'latency',
		delayMs: 1,
		count: 1,
		method: 'GET',
		pathPattern: FEED,
	});
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? (() => undefined);
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
	if (!options.bare) await checkManifest(packageDir);
	const tarball = options.bare ? '' : await step('npm pack', () => packPackage(packageDir));
	await fs.mkdir(options.work, { recursive: true });
	const homeDir = join(options.work, 'n8n-home');
	const idsFile = join(homeDir, 'template-ids.json');
	// Set up completely once (the ids file is written last); anything less starts over.
	const fresh = options.bare || !existsSync(idsFile);
	if (fresh) await fs.rm(homeDir, { recursive: true, force: true });
	const home = await step('n8n home with the package in .n8n/nodes', () =>
		createN8nHome(homeDir, tarball && fresh ? [tarball] : [], runtime),
	);
	// The demo's n8n on 5678; tests' on a free port, known before anything starts.
	const port = options.fixedPorts ? DEMO_N8N_PORT : await freePort();
	const sandbox = await step(
		`sandbox on ${options.fixedPorts ? 'its default' : 'free'} ports`,
		() =>
			startSandbox({
				dataDir: options.persistSandbox ? join(options.work, 'sandbox') : null,
				ports: options.fixedPorts
					? DEFAULT_PORTS
					: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
				// The console links to the editor.
				n8nEditorUrl: `http://127.0.0.1:${port}`,
				openDentalThrottle: options.openDentalThrottle ?? false,
			}),
	);
	let started = false;
	let n8n: RunningN8n | undefined;
	try {
		const env = {
			GENERIC_TIMEZONE: 'America/Chicago',
			...(options.fixedPorts ? PRACTICE_N8N_ENV : TEST_N8N_ENV),
			...options.env,
		};
		const ids = {} as Record<TemplateKey, string>;
		const extraIds: string[] = [];
		if (fresh && !options.bare) {
			await step('import credentials', () => importCredentials(home, sandboxCredentials(sandbox)));
			for (const key of Object.keys(TEMPLATES) as TemplateKey[]) {
				ids[key] = await step(`import ${TEMPLATES[key]}`, () =>
					importWorkflow(home, join(REPO, 'workflows', TEMPLATES[key])),
				);
			}
			if (options.extraTemplates?.length) {
				await importCredentials(home, [openDentalSandboxCredential(sandbox)]);
				for (const file of options.extraTemplates) {
					extraIds.push(
						await step(`import ${file}`, () => importWorkflow(home, join(REPO, 'workflows', file))),
					);
				}
			}
		} else if (!fresh) {
			Object.assign(ids, JSON.parse(await fs.readFile(idsFile, 'utf8')));
		}
		// Published workflows are activated at start (fresh: none yet); a plan accepted before
		// the Dentrix Trigger's first poll would be skipped ("start from now"), so wait for it.
		const start = async (awaitPoll: boolean) => {
			if (awaitPoll) await markDentrixFeed(sandbox.urls.dentrix);
			const running = await startN8n(home, { port, env });
			let ready = false;
			try {
				if (awaitPoll) await dentrixTriggerHasPolled(sandbox.urls.dentrix);
				ready = true;
				return running;
			} finally {
				if (!ready) await running.stop();
			}
		};
		n8n = await step('n8n start', () => start(!fresh));
		const setUpTemplate = async (workflowId: string, setUp: { publish?: boolean } = {}) => {
			const values = sandboxPracticeSettings(sandbox.urls, n8n!.url);
			await fillPracticeSettings(n8n!, workflowId, values, {
				onlyExisting: true,
				merchantNumbers: SANDBOX_MERCHANT_NUMBERS,
			});
			if (setUp.publish !== false) await activateWorkflow(n8n!, workflowId);
		};
		if (fresh && !options.bare) {
			await markDentrixFeed(sandbox.urls.dentrix);
			// The error workflow first: the others name it as theirs.
			for (const key of ['errors', 'testMode', 'decision', 'application'] as TemplateKey[]) {
				await step(
					`fill Practice settings of ${key}${PUBLISHED.includes(key) ? ', publish' : ''}`,
					() => setUpTemplate(ids[key], { publish: PUBLISHED.includes(key) }),
				);
			}
			for (const id of extraIds) {
				await step(`fill Practice settings of workflow ${id}`, () =>
					setUpTemplate(id, { publish: false }),
				);
			}
			await step("the Dentrix Trigger's first poll", () =>
				dentrixTriggerHasPolled(sandbox.urls.dentrix),
			);
			await fs.writeFile(idsFile, JSON.stringify(ids));
		}
		const stack: Stack = {
			sandbox,
			home,
			ids,
			get n8n() {
				return n8n!;
			},
			async restartN8n() {
				// One n8n per home: a running one is stopped first (nothing to do after stop or kill),
				// as gracefully as n8n's own stop allows.
				await n8n?.stop((GRACEFUL_SHUTDOWN_S + 30) * 1000);
				n8n = await start(!options.bare);
				return n8n;
			},
			setUpTemplate,
			async stop() {
				await n8n?.stop().catch(() => undefined);
				await sandbox.stop();
			},
		};
		started = true;
		return stack;
	} finally {
		if (!started) {
			await n8n?.stop().catch(() => undefined);
			await sandbox.stop();
		}
	}
}

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

/**
 * Runs a poll of a published polling workflow now: publishing runs one at once, but
 * publishing an already published version is a no-op in 2.41.1, so unpublish first.
 */
export async function pollNow(n8n: RunningN8n, workflowId: string): Promise<void> {
	await deactivateWorkflow(n8n, workflowId);
	await activateWorkflow(n8n, workflowId);
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
