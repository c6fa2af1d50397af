/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Real n8n for end-to-end tests and the demo: an isolated user folder with a packed package
// installed the way a practice installs it, CLI imports, and `n8n start` on loopback with the
// owner created from env. What each env var is for, and what 2.41.1 does: docs/n8n-runtime.md.
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, promises as fs } from 'fs';
import { createServer } from 'net';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { cleanEnv, run, runtimePaths, type RunResult, type RuntimePaths } from './install';

export { installN8n, runtimePaths, N8N_VERSION } from './install';

const REPO = resolve(__dirname, '..', '..');

export interface N8nHome {
	/** `N8N_USER_FOLDER`: n8n keeps `.n8n/` (database, encryption key, nodes) inside. */
	dir: string;
	runtime: RuntimePaths;
	/**
	 * Env every n8n process and CLI command of this home gets besides the defaults, e.g. queue
	 * mode's database, Redis and shared encryption key (scripts/e2e/queueStack.ts).
	 */
	env?: Record<string, string>;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The instance owner created from env at start (a sandbox login, not a secret). */
export const DEFAULT_OWNER: Owner = {
	email: 'owner@practice.example',
	password: 'Sandbox-Owner-1',
	firstName: 'Practice',
	lastName: 'Owner',
};

export interface N8nCredential {
	/** Optional: n8n assigns one; workflows find credentials by id, then by name and type. */
	id?: string;
	name: string;
	type: string;
	/** Plain values; `import:credentials` encrypts them with the home's key. */
	data: Record<string, unknown>;
}

export interface WorkflowSummary {
	id: string;
	name: string;
}

/** A finished run as `n8n execute --rawOutput` prints it and as `GET /rest/executions/:id` holds it. */
export interface RunData {
	resultData: {
		runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>>;
		lastNodeExecuted?: string;
		error?: { message?: string; description?: string };
	};
}

/** `npm pack` of the repository (built by the caller) into `outDir` (default a new temp folder). */
export async function packPackage(packageDir = REPO, outDir?: string): Promise<string> {
	const out = outDir ?? (await fs.mkdtemp(join(tmpdir(), 'n8n-pack-')));
	// Scripts ignored: the caller built already, and `prepack` must not rebuild behind its back.
	const { stdout } = await run(
		'npm',
		['pack', '--json', '--ignore-scripts', `--pack-destination=${out}`, '--loglevel=error'],
		{ cwd: packageDir },
	);
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(out, packed.filename);
}

function node24Env(runtime: RuntimePaths, extra: Record<string, string> = {}) {
	return cleanEnv({ PATH: `${join(runtime.nodeDir, 'bin')}:${process.env.PATH ?? ''}`, ...extra });
}

/**
 * A fresh n8n user folder with the tarballs installed in `.n8n/nodes` as a practice does by
 * hand (`cd ~/.n8n/nodes && npm install <package>`). Peer dependencies are not installed:
 * n8n itself strips them when it installs a community package, and a second n8n-workflow
 * beside n8n's own would break `instanceof` checks on its error classes.
 */
export async function createN8nHome(
	dir: string,
	tarballs: string[] = [],
	runtime = runtimePaths(),
	env?: Record<string, string>,
): Promise<N8nHome> {
	if (!existsSync(runtime.n8nBin)) {
		throw new Error(`n8n is not installed in ${runtime.root}: run scripts/n8n/install.ts first`);
	}
	const nodes = join(dir, '.n8n', 'nodes');
	await fs.mkdir(nodes, { recursive: true });
	const manifest = join(nodes, 'package.json');
	// The same manifest n8n writes there itself.
	if (!existsSync(manifest)) {
		await fs.writeFile(
			manifest,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	if (tarballs.length > 0) {
		const flags = [
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		];
		await run('npm', ['install', ...tarballs, ...flags], { cwd: nodes, env: node24Env(runtime) });
	}
	return { dir, runtime, env };
}

/** A free loopback port (free when asked; n8n binds it a moment later). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolvePort(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** n8n's graceful stop, in seconds (PRACTICE_N8N_ENV); a harness's graceful stop waits longer. */
export const GRACEFUL_SHUTDOWN_S = 300;

/**
 * n8n's settings a practice should set, the demo and the tests run with: how long n8n keeps
 * execution data (patient data among it: docs/n8n-runtime.md "Patient data at rest"; read by
 * n8n 2.41.1's `ExecutionsConfig` and its pruning service), and how long a stop waits for
 * running workflows (docs/setup.md §8).
 */
export const PRACTICE_N8N_ENV: Record<string, string> = {
	// Seconds a stop lets running workflows finish before n8n ends them (30 by default): the
	// claim's lease, so no case is ended between its coordinator message and its audit note.
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(GRACEFUL_SHUTDOWN_S),
	// Pruning on (n8n's default): saved executions older than the age or beyond the count go.
	EXECUTIONS_DATA_PRUNE: 'true',
	// Hours a saved execution (a failed run, a decision run) stays: 7 days for ops to look.
	EXECUTIONS_DATA_MAX_AGE: '168',
	EXECUTIONS_DATA_PRUNE_MAX_COUNT: '10000',
	// Whole hours a pruned execution waits, soft-deleted, before its data is deleted.
	EXECUTIONS_DATA_HARD_DELETE_BUFFER: '0',
	// Minutes between hard deletions: runs a template does not save (the application's) are
	// soft-deleted at their end and their data deleted at the next of these.
	EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL: '1',
	// Minutes between the age and count checks.
	EXECUTIONS_DATA_PRUNE_SOFT_DELETE_INTERVAL: '15',
};

/** The same for tests: the hard deletion every 3 s, so a test sees it happen. */
export const TEST_N8N_ENV: Record<string, string> = {
	...PRACTICE_N8N_ENV,
	// n8n's default: a test's teardown does not wait for a run the test left behind.
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '30',
	EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL: '0.05',
};

/** Env every n8n process of a home gets: isolation, and nothing that calls out to n8n.io. */
export async function n8nEnv(home: N8nHome, extra: Record<string, string> = {}) {
	return node24Env(home.runtime, {
		N8N_USER_FOLDER: home.dir,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Its only job is fetching a catalogue from api.n8n.io, which fails (and logs) offline.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Task runners are always on in 2.x; each process gets its own broker port so two
		// homes (or a CLI command beside a running n8n) never collide on the default 5679.
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...home.env,
		...extra,
	});
}

/** `n8n <args>` against a home, on Node 24; rejects when it exits non-zero. */
export async function n8nCli(home: N8nHome, args: string[]): Promise<RunResult> {
	return run(home.runtime.node, [home.runtime.n8nBin, ...args], {
		cwd: home.dir,
		env: await n8nEnv(home),
	});
}

async function withJsonFile<T>(
	home: N8nHome,
	name: string,
	value: unknown,
	use: (file: string) => Promise<T>,
) {
	const file = join(home.dir, `${name}-${process.pid}-${Date.now()}.json`);
	await fs.writeFile(file, JSON.stringify(value));
	try {
		return await use(file);
	} finally {
		await fs.rm(file, { force: true });
	}
}

/** n8n's id shape (16 letters and digits): import:credentials does not assign one itself. */
function newId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Imports credentials (encrypted with the home's key on the way in); returns their ids. */
export async function importCredentials(
	home: N8nHome,
	credentials: N8nCredential[],
): Promise<string[]> {
	const withIds = credentials.map((credential) => ({
		...credential,
		id: credential.id ?? newId(),
	}));
	const { stdout, stderr } = await withJsonFile(home, 'credentials', withIds, (file) =>
		n8nCli(home, ['import:credentials', `--input=${file}`]),
	);
	if (!/Successfully imported \d+ credential/.test(stdout + stderr)) {
		throw new Error(`import:credentials did not confirm:\n${stdout}\n${stderr}`);
	}
	return withIds.map((credential) => credential.id);
}

/** `n8n list:workflow` (optionally only published ones) as `{id, name}`. */
export async function listWorkflows(home: N8nHome, onlyActive = false): Promise<WorkflowSummary[]> {
	const args = ['list:workflow', ...(onlyActive ? ['--active=true'] : [])];
	const { stdout } = await n8nCli(home, args);
	return stdout
		.split('\n')
		.map((line) => /^([A-Za-z0-9]{8,})\|(.*)$/.exec(line.trim()))
		.filter((match): match is RegExpExecArray => match !== null)
		.map(([, id, name]) => ({ id, name }));
}

/**
 * Imports one workflow (a file or the JSON itself) and returns its id. A workflow without an
 * id (a shipped template) gets a new one, nothing else changed: the CLI does not assign ids.
 */
export async function importWorkflow(home: N8nHome, workflow: string | object): Promise<string> {
	const json = (
		typeof workflow === 'string' ? JSON.parse(await fs.readFile(workflow, 'utf8')) : workflow
	) as {
		id?: string;
	};
	const id = json.id ?? newId();
	const { stdout, stderr } = await withJsonFile(home, 'workflow', { ...json, id }, (file) =>
		n8nCli(home, ['import:workflow', `--input=${file}`]),
	);
	if (!/Successfully imported 1 workflow/.test(stdout + stderr)) {
		throw new Error(`import:workflow did not confirm:\n${stdout}\n${stderr}`);
	}
	return id;
}

/**
 * Rows a SQL query reads from a home's SQLite database (`.n8n/database.sqlite`), through n8n's
 * own sqlite3 on Node 24, read-only: it works beside a running n8n.
 */
export async function sqliteQuery<T = Record<string, unknown>>(
	home: N8nHome,
	sql: string,
): Promise<T[]> {
	const script = `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all(process.argv[2], (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;
	const { stdout } = await run(
		home.runtime.node,
		['-e', script, join(home.dir, '.n8n', 'database.sqlite'), sql],
		{ cwd: join(home.runtime.n8nModules, 'n8n'), env: node24Env(home.runtime) },
	);
	return JSON.parse(stdout) as T[];
}

/**
 * With n8n stopped: folds SQLite's write-ahead log into the database and empties it, then
 * rewrites the database without free pages (`PRAGMA wal_checkpoint(TRUNCATE); VACUUM;`, as
 * `sqlite3 database.sqlite` would). Deleted rows' bytes stay in both until then.
 */
export async function compactSqlite(home: N8nHome): Promise<void> {
	const script = `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1]);
db.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM;', (error) => {
	if (error) { console.error(error.message); process.exit(1); }
	db.close((closeError) => { if (closeError) { console.error(closeError.message); process.exit(1); } });
});`;
	await run(home.runtime.node, ['-e', script, join(home.dir, '.n8n', 'database.sqlite')], {
		cwd: join(home.runtime.n8nModules, 'n8n'),
		env: node24Env(home.runtime),
	});
}

/** Files under a home's `.n8n` (installed packages left out) whose bytes contain `text`. */
export async function filesContaining(home: N8nHome, text: string): Promise<string[]> {
	const found: string[] = [];
	const needle = Buffer.from(text);
	const walk = async (dir: string): Promise<void> => {
		for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (path !== join(home.dir, '.n8n', 'nodes')) await walk(path);
			} else if (entry.isFile() && (await fs.readFile(path)).includes(needle)) {
				found.push(path.slice(home.dir.length + 1));
			}
		}
	};
	await walk(join(home.dir, '.n8n'));
	return found;
}

/** Publishes (activates) a workflow while n8n is stopped; a running n8n needs `activateWorkflow`. */
export async function publishWorkflow(home: N8nHome, id: string): Promise<void> {
	await n8nCli(home, ['publish:workflow', `--id=${id}`]);
}

/**
 * `n8n execute --id=<id> --rawOutput` for a workflow that starts with a Manual Trigger. The
 * printed run is parsed and checked: the command can exit 0 having run nothing.
 *
 * n8n 2.41.1's CLI sometimes dies of SIGSEGV as it exits, after it has printed and stored the
 * run: `exitSuccessfully` disposes of the expression engine's isolate (isolated-vm) beside
 * `process.exit()`. Seen here on about half of the runs of a plain Manual Trigger and Set
 * workflow with the default `N8N_EXPRESSION_ENGINE=vm`, never with `legacy`. A run printed in
 * full before that signal is taken, with a warning; any other signal or exit code is a failure.
 */
export async function executeWorkflow(home: N8nHome, id: string): Promise<RunData> {
	const result = await run(
		home.runtime.node,
		[home.runtime.n8nBin, 'execute', `--id=${id}`, '--rawOutput'],
		{
			cwd: home.dir,
			env: await n8nEnv(home),
			allowFailure: true,
		},
	);
	// Log lines may precede the run, which is printed as indented JSON from a lone `{` line.
	// Log lines may follow it too: the run ends at the first unindented `}`.
	const start = result.stdout.search(/^\{$/m);
	const end = start < 0 ? -1 : result.stdout.indexOf('\n}', start);
	const parsed =
		start < 0 || end < 0
			? undefined
			: (JSON.parse(result.stdout.slice(start, end + 2)) as {
					data?: RunData;
					finished?: boolean;
					stoppedAt?: string;
				});
	const printedInFull = Boolean(parsed?.data?.resultData?.runData && parsed.stoppedAt);
	const exitCrash = result.code === null && result.signal === 'SIGSEGV' && printedInFull;
	if ((result.code !== 0 && !exitCrash) || !printedInFull) {
		throw new Error(
			`n8n execute --id=${id} printed no run (exit ${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	if (exitCrash) {
		console.log(
			`n8n execute --id=${id}: the run was printed in full, then the CLI died of SIGSEGV as it exited`,
		);
	}
	return parsed!.data!;
}

/** The items (their `json`) a node put on its first output in the first run of that node. */
export function nodeOutput(run: RunData, nodeName: string, output = 0): unknown[] {
	const taskData = run.resultData.runData[nodeName];
	if (!taskData)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.resultData.runData).join(', ')}`,
		);
	return (taskData[0]?.data?.main?.[output] ?? []).map((item) => item.json);
}

export interface StartOptions {
	/**
	 * `start` (the main process: editor, REST, triggers and pollers), or in queue mode `worker`
	 * (runs executions from the queue; `port` is its health check's) or `webhook` (a webhook
	 * processor: answers `/webhook/*` and queues the runs).
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** 0 or absent: a free port. */
	port?: number;
	env?: Record<string, string>;
	owner?: Owner;
	/** How long to wait for the health check and login (the first start migrates the database). */
	timeoutMs?: number;
}

export interface RunningN8n {
	url: string;
	port: number;
	home: N8nHome;
	owner: Owner;
	pid: number;
	/** How long the start took until login worked. */
	startMs: number;
	/** Everything n8n printed so far (stdout and stderr). */
	logs(): string;
	/** The `n8n-auth` cookie for the REST API (cached after the first login); main process only. */
	login(): Promise<string>;
	/** SIGTERM and wait (n8n finishes running executions); SIGKILL after `graceMs`. The exit code. */
	stop(graceMs?: number): Promise<number | null>;
	/** SIGKILL the whole process group (n8n and its task runner), as a crash would. */
	kill(): Promise<void>;
	/** Resolves with the exit code when n8n has exited. */
	exited: Promise<number | null>;
}

// Every n8n started here, killed when this process exits however the tests ended.
const live = new Set<number>();
let exitHookInstalled = false;
function killGroup(pid: number, signal: NodeJS.Signals) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

// Loaded into n8n with --require: n8n ends (with its runner) when its parent is gone,
// even if the parent was SIGKILLed and had no chance to clean up.
const WATCHDOG = `const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.kill(-process.pid, 'SIGKILL'); }, 1000).unref();
`;

/** The bcrypt hash n8n wants in N8N_INSTANCE_OWNER_PASSWORD_HASH, made with n8n's own bcryptjs. */
export function ownerPasswordHash(runtime: RuntimePaths, password: string): string {
	const requireFromN8n = createRequire(join(runtime.n8nModules, 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(value: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

export async function startN8n(home: N8nHome, options: StartOptions = {}): Promise<RunningN8n> {
	const started = Date.now();
	const command = options.command ?? 'start';
	const owner = options.owner ?? DEFAULT_OWNER;
	const port = options.port || (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const server = {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_EDITOR_BASE_URL: `${url}/`,
	};
	const byCommand: Record<string, Record<string, string>> = {
		start: {
			...server,
			// Plain http on loopback: a secure cookie would never come back.
			N8N_SECURE_COOKIE: 'false',
			// Publishing on a running n8n goes through an outbox polled every 15 s by default.
			N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(home.runtime, owner.password),
		},
		// A worker serves nothing but its health check (`/healthz/readiness`), here on `port`.
		worker: {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
		webhook: server,
	};
	const env = await n8nEnv(home, { ...byCommand[command], ...options.env });
	// n8n warns below 5; the 2.41.1 default is 10.
	const args = command === 'worker' ? ['worker', '--concurrency=5'] : [command];
	const watchdog = join(home.dir, 'watchdog.js');
	await fs.writeFile(watchdog, WATCHDOG);
	// A CPU profile of each main process when asked (`N8N_CPU_PROFILE_DIR=/tmp/prof npm run bench`),
	// written when it stops: Chrome's DevTools or any .cpuprofile reader shows where its time went.
	const profile = process.env.N8N_CPU_PROFILE_DIR;
	const profiling =
		profile && command === 'start' ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- script code: starting n8n is its job
	const child = spawn(
		home.runtime.node,
		[...profiling, '--require', watchdog, home.runtime.n8nBin, ...args],
		{
			cwd: home.dir,
			env,
			// Its own process group, so stop/kill reach the task runner n8n spawns.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const pid = child.pid;
	if (pid === undefined) throw new Error('n8n did not start');
	live.add(pid);
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => live.forEach((p) => killGroup(p, 'SIGKILL')));
	}
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-2_000_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exitCode: number | null | undefined;
	const exited = new Promise<number | null>((resolveExit) =>
		child.once('exit', (code) => {
			exitCode = code;
			live.delete(pid);
			// Whatever n8n left behind in its group (a runner mid-shutdown) goes too.
			killGroup(pid, 'SIGKILL');
			resolveExit(code);
		}),
	);

	let cookie: string | undefined;
	const login = async () => {
		if (command !== 'start') throw new Error(`n8n ${command} has no login: use the main process`);
		if (cookie) return cookie;
		const response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		const auth = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (response.status !== 200 || !auth)
			throw new Error(`login answered ${response.status}: ${await response.text()}`);
		cookie = auth.split(';')[0];
		return cookie;
	};
	const kill = async () => {
		killGroup(pid, 'SIGKILL');
		await exited;
	};
	const stop = async (graceMs = 45_000) => {
		if (exitCode === undefined) {
			process.kill(pid, 'SIGTERM');
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
			await exited.finally(() => clearTimeout(timer));
		}
		return exitCode ?? null;
	};
	const n8n: RunningN8n = {
		url,
		port,
		home,
		owner,
		pid,
		startMs: 0,
		logs: () => output,
		login,
		stop,
		kill,
		exited,
	};

	const deadline = started + (options.timeoutMs ?? 240_000);
	for (;;) {
		if (exitCode !== undefined)
			throw new Error(
				`n8n ${command} exited (${exitCode}) while starting:\n${output.slice(-5000)}`,
			);
		if (Date.now() > deadline) {
			await kill();
			throw new Error(`n8n did not become ready at ${url} in time:\n${output.slice(-5000)}`);
		}
		// Readiness answers 200 once the database is connected and migrated (and, for a worker,
		// Redis too); the main process is ready when its owner can log in.
		const ready = await fetch(`${url}/healthz/readiness`).then(
			(r) => r.ok,
			() => false,
		);
		const loggedIn =
			ready &&
			(command !== 'start' ||
				(await login().then(
					() => true,
					() => false,
				)));
		if (loggedIn) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	n8n.startMs = Date.now() - started;
	return n8n;
}

/** A REST call as the logged-in owner; n8n wraps answers in `{data}`, which is returned. */
export async function rest<T = unknown>(
	n8n: RunningN8n,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	// n8n answers 503 "Database is not ready!" while it reconnects to a restarted PostgreSQL:
	// asked again for up to a minute.
	const until = Date.now() + 60_000;
	let response: Response;
	let text: string;
	for (;;) {
		response = await fetch(`${n8n.url}/rest${path}`, {
			method,
			headers: { cookie: await n8n.login(), 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		text = await response.text();
		if (response.status !== 503 || !text.includes('Database is not ready') || Date.now() > until)
			break;
		await new Promise((r) => setTimeout(r, 1000));
	}
	if (!response.ok) throw new Error(`${method} /rest${path} answered ${response.status}: ${text}`);
	return (JSON.parse(text) as { data: T }).data;
}

interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/** Waits for n8n's publication outbox (2.41: activation is asynchronous) to settle. */
async function settledPublication(n8n: RunningN8n, id: string, live: string | null) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const state = await rest<PublicationStatus>(n8n, 'GET', `/workflows/${id}/publication-status`);
		if (state.status !== 'in_progress' && state.liveVersionId === live) return state;
		if (state.status === 'failed' || state.status === 'partial' || Date.now() > deadline) {
			throw new Error(`workflow ${id} publication: ${JSON.stringify(state)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Publishes a workflow on a running n8n and returns once its triggers are live. */
export async function activateWorkflow(n8n: RunningN8n, id: string): Promise<void> {
	const { versionId } = await rest<{ versionId: string }>(n8n, 'GET', `/workflows/${id}`);
	await rest(n8n, 'POST', `/workflows/${id}/activate`, { versionId });
	await settledPublication(n8n, id, versionId);
}

/** Unpublishes a workflow on a running n8n and returns once its triggers are gone. */
export async function deactivateWorkflow(n8n: RunningN8n, id: string): Promise<void> {
	await rest(n8n, 'POST', `/workflows/${id}/deactivate`, {});
	await settledPublication(n8n, id, null);
}

/**
 * An API key for the public API (`/api/v1`, header `X-N8N-API-KEY`), e.g. scopes
 * `['execution:read', 'execution:list']` for `GET /api/v1/executions?includeData=true`.
 */
export async function createApiKey(n8n: RunningN8n, scopes: string[]): Promise<string> {
	const key = await rest<{ rawApiKey: string }>(n8n, 'POST', '/api-keys', {
		label: `e2e ${Date.now()}`,
		scopes,
		expiresAt: null,
	});
	return key.rawApiKey;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	/** 'success', 'error', 'crashed', 'canceled' when finished; 'new', 'running', 'waiting' before. */
	status: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** Executions, newest first, from `GET /rest/executions` (the editor's own list; at most 100 a page). */
export async function listExecutions(
	n8n: RunningN8n,
	filter: { workflowId?: string; status?: string[] } = {},
	limit = 100,
): Promise<ExecutionSummary[]> {
	const query = new URLSearchParams({ filter: JSON.stringify(filter), limit: String(limit) });
	const page = await rest<{ results: ExecutionSummary[] }>(n8n, 'GET', `/executions?${query}`);
	return page.results.map((e) => ({ ...e, id: String(e.id) }));
}

/** One execution with its run data (stored in the `flatted` format, parsed with n8n's own copy). */
export async function getExecution(
	n8n: RunningN8n,
	id: string,
): Promise<ExecutionSummary & { data: RunData }> {
	const execution = await rest<ExecutionSummary & { data: string }>(
		n8n,
		'GET',
		`/executions/${id}`,
	);
	const requireFromN8n = createRequire(join(n8n.home.runtime.n8nModules, 'n8n', 'package.json'));
	const flatted = requireFromN8n('flatted') as { parse(text: string): RunData };
	return { ...execution, id: String(execution.id), data: flatted.parse(execution.data) };
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** Waits until a workflow has at least `count` finished executions; returns them, newest first. */
export async function waitForExecutions(
	n8n: RunningN8n,
	workflowId: string,
	count = 1,
	timeoutMs = 60_000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const finished = (await listExecutions(n8n, { workflowId })).filter((e) =>
			FINISHED.includes(e.status),
		);
		if (finished.length >= count) return finished;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${finished.length} of ${count} executions finished in time`,
			);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}
