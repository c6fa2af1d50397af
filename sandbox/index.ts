// The practice sandbox: CareCredit, Dentrix and Open Dental stand-ins plus the practice
// console, each on its own loopback port, sharing one persisted state.
import { adminRoutes } from './core/admin';
import { startServer, type RunningServer } from './core/server';
import { StateStore } from './core/store';
import type { SandboxOptions, SandboxUrls } from './core/types';
import * as careCredit from './careCredit';
import { startMailServer } from './channels/mail';
import { seedTwilio } from './channels/seed';
import * as twilio from './channels/twilio';
import * as consolePage from './console';
import * as dentrix from './dentrix';
import { applyLargeSeed, type LargeSeedOptions } from './seed/large';
import * as openDental from './openDental';

export { PRACTICE_TIME_ZONE } from './console';

/** Ports `npm run sandbox` uses; tests pass 0 for free ports. */
export const DEFAULT_PORTS = {
	console: 5170,
	careCredit: 5171,
	dentrix: 5172,
	openDental: 5173,
	twilio: 5174,
	smtp: 5175,
};

export interface StartOptions extends Partial<SandboxOptions> {
	/** Folder for state.json; null keeps state in memory (tests that need no restart). */
	dataDir: string | null;
	/** Ports by service. When given, a channel left out (twilio, smtp) takes a free port. */
	ports?: Partial<typeof DEFAULT_PORTS>;
	/** Start from the seed even if the folder holds state. */
	reset?: boolean;
	/** Seed (when seeding) with the sandbox clock set to this day, yyyy-MM-dd: fixed dates for tests. */
	today?: string;
	/** Start from the seed plus the large practice (10,000 patients, a year of cases): the benchmark's. */
	largeSeed?: boolean | LargeSeedOptions;
}

export interface Sandbox {
	urls: Required<SandboxUrls>;
	store: StateStore;
	stop(): Promise<void>;
}

export async function startSandbox(options: StartOptions): Promise<Sandbox> {
	const store = new StateStore(
		options.dataDir,
		{
			careCredit: careCredit.seed,
			dentrix: dentrix.seed,
			openDental: openDental.seed,
			twilio: seedTwilio,
		},
		options.today,
	);
	if (options.reset || options.largeSeed) store.reset(options.today);
	if (options.largeSeed) applyLargeSeed(store, options.largeSeed === true ? {} : options.largeSeed);
	const sandboxOptions: SandboxOptions = {
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 1800,
		openDentalThrottle: options.openDentalThrottle ?? false,
		...consolePage.consoleOptions(options),
	};
	const urls: Required<SandboxUrls> = {
		console: '',
		careCredit: '',
		dentrix: '',
		openDental: '',
		twilio: '',
		smtp: '',
	};
	const deps = {
		store,
		urls: () => urls,
		options: sandboxOptions,
		admin: (name: Parameters<typeof adminRoutes>[1]) => adminRoutes(store, name),
	};
	// Callers that name ports (tests, before the channels existed) get free ports for the channels.
	const ports = {
		...DEFAULT_PORTS,
		...(options.ports ? { twilio: 0, smtp: 0 } : {}),
		...options.ports,
	};
	const servers: Array<Pick<RunningServer, 'close'>> = [];
	const mail = await startMailServer(store, ports.smtp).catch((error: Error) => error);
	if (mail instanceof Error)
		throw new Error(`The sandbox's SMTP server could not start: ${mail.message}`);
	servers.push(mail);
	urls.smtp = mail.url;
	for (const service of [
		careCredit.service,
		dentrix.service,
		openDental.service,
		twilio.service,
		consolePage.service,
	]) {
		const running = await startServer(service as never, ports[service.name], deps).catch(
			(error: Error) => error,
		);
		if (running instanceof Error) {
			await Promise.all(servers.map((s) => s.close()));
			throw new Error(`The sandbox's ${service.name} could not start: ${running.message}`);
		}
		servers.push(running);
		urls[service.name] = running.url;
	}
	return {
		urls,
		store,
		stop: async () => {
			await Promise.all(servers.map((s) => s.close()));
			store.save();
		},
	};
}
