/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// PostgreSQL and Redis from Debian's packages (scripts/ensure-queue-services.sh installs them)
// for n8n's queue mode in tests: each started here on loopback, on a free port, with its data in
// a folder of the caller's (a temporary one), restartable mid-run, stopped afterwards. Nothing
// here touches a system-wide instance. docs/queue-mode.md says how a practice runs them.
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, promises as fs, readdirSync } from 'fs';
import { join } from 'path';
import { freePort } from '../n8n/runtime';
import { run } from '../n8n/install';

export interface Service {
	name: string;
	port: number;
	/** Everything the server printed since it was first started. */
	logs(): string;
	/** A clean shutdown (PostgreSQL's fast shutdown, Redis's SIGTERM), waited for. */
	stop(): Promise<void>;
	/** Starts it again on the same port and data (after `stop`). */
	start(): Promise<void>;
	/** Stop, then start: what an operator's restart does. */
	restart(): Promise<void>;
}

export interface Postgres extends Service {
	database: string;
	user: string;
	password: string;
	/** Rows of a query on the `n8n` database, as `psql -tA` prints them (one line a row, `|` between). */
	query(sql: string): Promise<string[]>;
}

export interface Redis extends Service {
	password: string;
}

const isRoot = () => process.getuid?.() === 0;

/** The newest Debian PostgreSQL server's binaries (`/usr/lib/postgresql/<major>/bin`). */
function postgresBin(): string {
	const base = '/usr/lib/postgresql';
	const majors = existsSync(base)
		? readdirSync(base)
				.filter((major) => existsSync(join(base, major, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) {
		throw new Error(
			'PostgreSQL server is not installed: run `bash scripts/ensure-queue-services.sh`',
		);
	}
	return join(base, majors[0], 'bin');
}

// Servers started here, killed when this process exits however the tests ended.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Spawns a server that dies with its parent (`setpriv --pdeathsig`, even when the parent is
 * SIGKILLed), as `user` when given (PostgreSQL refuses to run as root).
 */
function spawnServer(command: string, args: string[], user?: string): ChildProcess {
	const as = user && isRoot() ? [`--reuid=${user}`, `--regid=${user}`, '--init-groups'] : [];
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- script code: starting the servers is its job
	const child = spawn('setpriv', [...as, '--pdeathsig=SIGKILL', command, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.add(child);
	child.once('exit', () => live.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));
	}
	return child;
}

/** Runs a command as `user` (when root), to completion. */
function runAs(user: string, command: string, args: string[], env?: NodeJS.ProcessEnv) {
	return isRoot()
		? run('setpriv', [`--reuid=${user}`, `--regid=${user}`, '--init-groups', command, ...args], {
				env,
			})
		: run(command, args, { env });
}

/** Waits until `ready` is true, or the server exits, or the time is up. */
async function waitReady(
	what: string,
	child: ChildProcess,
	output: () => string,
	ready: () => Promise<boolean>,
	timeoutMs = 60_000,
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`${what} exited while starting:\n${output().slice(-3000)}`);
		if (await ready()) return;
		if (Date.now() > deadline)
			throw new Error(`${what} did not become ready in time:\n${output().slice(-3000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals, graceMs = 30_000) {
	return new Promise<void>((resolveStop) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolveStop();
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolveStop();
		});
		child.kill(signal);
	});
}

/**
 * A PostgreSQL server of its own: `initdb` into `<dir>/pgdata` (owned by the `postgres` user
 * Debian's package creates, when run as root), password login (scram-sha-256) for the user
 * `n8n`, TCP on 127.0.0.1 only (no Unix socket), and a database `n8n`.
 */
export async function startPostgres(dir: string): Promise<Postgres> {
	const bin = postgresBin();
	const user = 'postgres';
	const data = join(dir, 'pgdata');
	const password = randomBytes(12).toString('hex');
	await fs.mkdir(dir, { recursive: true });
	// The postgres user must reach its folder: the caller's temp folder is 0700 root.
	await fs.chmod(dir, 0o755);
	await fs.mkdir(data, { mode: 0o700 });
	const pwfile = join(dir, 'pwfile');
	await fs.writeFile(pwfile, password);
	if (isRoot()) await run('chown', [user, pwfile, data]);
	await runAs(user, join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'n8n',
		`--pwfile=${pwfile}`,
		'--auth=scram-sha-256',
		'--no-locale',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	await fs.rm(pwfile);
	const port = await freePort();
	let child: ChildProcess | undefined;
	let output = '';
	const env = { ...process.env, PGPASSWORD: password };
	const psql = (database: string, sql: string) =>
		run(
			join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-tAc', sql],
			{ env, allowFailure: true },
		);
	const start = async () => {
		child = spawnServer(
			join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'unix_socket_directories=',
				// Test speed on a shared disk: a clean shutdown (every restart here) loses nothing.
				'-c',
				'fsync=off',
			],
			user,
		);
		child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
		await waitReady(
			`PostgreSQL on port ${port}`,
			child,
			() => output,
			async () => (await psql('postgres', 'SELECT 1')).code === 0,
		);
	};
	await start();
	await psql('postgres', 'CREATE DATABASE n8n');
	// SIGINT is PostgreSQL's fast shutdown: sessions are ended, the data written cleanly.
	const stop = () => stopChild(child, 'SIGINT');
	return {
		name: 'PostgreSQL',
		port,
		database: 'n8n',
		user: 'n8n',
		password,
		logs: () => output,
		stop,
		start,
		restart: async () => {
			await stop();
			await start();
		},
		async query(sql: string) {
			const result = await psql('n8n', sql);
			if (result.code !== 0) throw new Error(`psql: ${result.stderr}`);
			return result.stdout.split('\n').filter((line) => line !== '');
		},
	};
}

/**
 * A Redis server of its own on 127.0.0.1 with a password, its append-only file in `dir` (as a
 * deployment keeps n8n's queue across a Redis restart), no RDB snapshots.
 */
export async function startRedis(dir: string): Promise<Redis> {
	await fs.mkdir(dir, { recursive: true });
	const password = randomBytes(12).toString('hex');
	const port = await freePort();
	const config = join(dir, 'redis.conf');
	await fs.writeFile(
		config,
		[
			`port ${port}`,
			'bind 127.0.0.1',
			'protected-mode yes',
			`requirepass ${password}`,
			`dir ${dir}`,
			'appendonly yes',
			'appendfsync everysec',
			'save ""',
			'daemonize no',
			'',
		].join('\n'),
	);
	await fs.chmod(config, 0o600);
	let child: ChildProcess | undefined;
	let output = '';
	const start = async () => {
		child = spawnServer('redis-server', [config]);
		child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
		const readyLines = () => output.split('Ready to accept connections').length - 1;
		const before = readyLines();
		await waitReady(
			`Redis on port ${port}`,
			child,
			() => output,
			async () => readyLines() > before,
		);
	};
	await start();
	// SIGTERM: Redis flushes its append-only file and exits.
	const stop = () => stopChild(child, 'SIGTERM');
	return {
		name: 'Redis',
		port,
		password,
		logs: () => output,
		stop,
		start,
		restart: async () => {
			await stop();
			await start();
		},
	};
}
