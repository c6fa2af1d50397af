/* eslint-disable @n8n/community-nodes/no-restricted-imports -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The practice stack in n8n's queue mode (docs/queue-mode.md): PostgreSQL and Redis of their own
// (scripts/e2e/services.ts), an n8n main process (editor, REST, the polling triggers), two
// workers (`n8n worker`, they run the executions) and a webhook processor (`n8n webhook`, the
// chair-side link), each with its own user folder and this package installed in its
// `.n8n/nodes` as a practice installs it, all sharing the database, Redis and one
// N8N_ENCRYPTION_KEY. The templates are imported unchanged into the main process, their
// Practice settings filled and published as in the single-process stack.
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { join } from 'path';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
	activateWorkflow,
	createN8nHome,
	freePort,
	importCredentials,
	importWorkflow,
	installN8n,
	packPackage,
	startN8n,
	TEST_N8N_ENV,
	type N8nHome,
	type RunningN8n,
} from '../n8n/runtime';
import { run } from '../n8n/install';
import {
	fillPracticeSettings,
	SANDBOX_MERCHANT_NUMBERS,
	sandboxPracticeSettings,
} from './practiceSettings';
import { startPostgres, startRedis, type Postgres, type Redis } from './services';
import {
	checkManifest,
	dentrixTriggerHasPolled,
	markDentrixFeed,
	PUBLISHED,
	REPO,
	sandboxCredentials,
	TEMPLATES,
	type TemplateKey,
} from './stack';

export interface QueueStack {
	sandbox: Sandbox;
	postgres: Postgres;
	redis: Redis;
	/** The main process: editor, REST API, triggers and pollers (the leader). */
	main: RunningN8n;
	/** The main process's user folder (the n8n CLI's imports go through it, into the shared database). */
	mainHome: N8nHome;
	/** The workers, in start order; `restartWorker(i)` replaces one. */
	workers: RunningN8n[];
	/** The webhook processor: the address the chair-side link and every `/webhook/*` go to. */
	webhook: RunningN8n;
	ids: Record<TemplateKey, string>;
	/** Every process's env beyond the defaults: queue mode, database, Redis, the shared key. */
	queueEnv: Record<string, string>;
	/** Starts worker `i` again on its own user folder (after a kill). */
	restartWorker(i: number): Promise<RunningN8n>;
	/** Starts the main process again (after a stop or kill). */
	restartMain(): Promise<RunningN8n>;
	stop(): Promise<void>;
}

export interface QueueStackOptions {
	work: string;
	build?: boolean;
	packageDir?: string;
	workers?: number;
	log?: (line: string) => void;
}

export async function startQueueStack(options: QueueStackOptions): Promise<QueueStack> {
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
	await checkManifest(packageDir);
	const tarball = await step('npm pack', () => packPackage(packageDir));
	await fs.mkdir(options.work, { recursive: true });
	// PostgreSQL runs as its own user, which must reach its data folder in here.
	await fs.chmod(options.work, 0o711);

	const stops: Array<() => Promise<unknown>> = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
	};
	let started = false;
	try {
		const postgres = await step('PostgreSQL on a free port', () =>
			startPostgres(join(options.work, 'postgres')),
		);
		stops.push(() => postgres.stop());
		const redis = await step('Redis on a free port', () => startRedis(join(options.work, 'redis')));
		stops.push(() => redis.stop());
		const mainPort = await freePort();
		const webhookPort = await freePort();
		const sandbox = await step('sandbox on free ports', () =>
			startSandbox({
				dataDir: null,
				ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
				// The console links to the editor: the main process.
				n8nEditorUrl: `http://127.0.0.1:${mainPort}`,
			}),
		);
		stops.push(() => sandbox.stop());

		const queueEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_REDIS_PASSWORD: redis.password,
			// Every process decrypts the same credentials: one key for all.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			GENERIC_TIMEZONE: 'America/Chicago',
			...TEST_N8N_ENV,
		};
		const home = (name: string) =>
			createN8nHome(join(options.work, name), [tarball], runtime, queueEnv);
		const homes = await step('n8n user folders with the package in .n8n/nodes', async () => {
			const main = await home('main');
			const webhook = await home('webhook');
			const workers: N8nHome[] = [];
			for (let i = 1; i <= (options.workers ?? 2); i++) workers.push(await home(`worker-${i}`));
			return { main, webhook, workers };
		});

		await step('import credentials', () =>
			importCredentials(homes.main, sandboxCredentials(sandbox)),
		);
		const ids = {} as Record<TemplateKey, string>;
		for (const key of Object.keys(TEMPLATES) as TemplateKey[]) {
			ids[key] = await step(`import ${TEMPLATES[key]}`, () =>
				importWorkflow(homes.main, join(REPO, 'workflows', TEMPLATES[key])),
			);
		}

		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		// The addresses n8n builds for webhooks are the processor's (a load balancer's, in a
		// deployment). The main process takes no production webhooks.
		const shared = { N8N_WEBHOOK_URL: `${webhookUrl}/` };
		const startMain = () =>
			startN8n(homes.main, {
				port: mainPort,
				env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			});
		const startWorker = (i: number) =>
			startN8n(homes.workers[i], { command: 'worker', env: shared });

		let main = await step('n8n main (start)', startMain);
		stops.push(() => main.stop());
		const [webhook, ...workers] = await step(
			`n8n webhook processor and ${homes.workers.length} workers`,
			() =>
				Promise.all([
					startN8n(homes.webhook, { command: 'webhook', port: webhookPort, env: shared }),
					...homes.workers.map((_, i) => startWorker(i)),
				]),
		);
		stops.push(() => webhook.stop());
		stops.push(() => Promise.all(workers.map((w) => w.stop())));

		await markDentrixFeed(sandbox.urls.dentrix);
		// The chair-side link is the webhook processor's address.
		const values = sandboxPracticeSettings(sandbox.urls, webhookUrl);
		for (const key of ['errors', 'testMode', 'decision', 'application'] as TemplateKey[]) {
			await step(`fill Practice settings of ${key}`, async () => {
				await fillPracticeSettings(main, ids[key], values, {
					onlyExisting: true,
					merchantNumbers: SANDBOX_MERCHANT_NUMBERS,
				});
				if (PUBLISHED.includes(key)) await activateWorkflow(main, ids[key]);
			});
		}
		await step("the Dentrix Trigger's first poll", () =>
			dentrixTriggerHasPolled(sandbox.urls.dentrix),
		);

		started = true;
		return {
			sandbox,
			postgres,
			redis,
			get main() {
				return main;
			},
			mainHome: homes.main,
			workers,
			webhook,
			ids,
			queueEnv,
			async restartWorker(i: number) {
				workers[i] = await startWorker(i);
				return workers[i];
			},
			async restartMain() {
				main = await startMain();
				return main;
			},
			stop: stopAll,
		};
	} finally {
		if (!started) await stopAll();
	}
}
