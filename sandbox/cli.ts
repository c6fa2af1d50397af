/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run sandbox`: every stand-in and the console on their documented ports, state kept in
// .sandbox-data/ (git-ignored). Flags: --reset, --token-lifetime <seconds>, --throttle,
// --data-dir <folder>, --memory, --time-zone <zone>, --n8n-url <address>. Ctrl-C stops
// cleanly. Documented in docs/sandbox.md.
import * as path from 'node:path';

import { DEFAULT_PORTS, PRACTICE_TIME_ZONE, startSandbox } from './index';

const USAGE = `Usage: npm run sandbox -- [--reset] [--large] [--today <yyyy-MM-dd>] [--token-lifetime <seconds>] [--throttle] [--data-dir <folder>] [--memory] [--time-zone <zone>] [--n8n-url <address>]
  --reset                    start from the seed (discard the saved state)
  --large                    start from the seed plus 10,000 patients and a year of financed cases
  --today <yyyy-MM-dd>       when seeding, set the sandbox clock to this day first
  --token-lifetime <seconds> CareCredit access token lifetime (default 1800)
  --throttle                 pace Open Dental calls to one per second per customer key
  --data-dir <folder>        where state.json lives (default .sandbox-data)
  --memory                   keep state in memory only
  --time-zone <zone>         the practice's time zone the console shows times in (default ${PRACTICE_TIME_ZONE})
  --n8n-url <address>        the n8n editor the console links to, e.g. http://127.0.0.1:5678`;

function parse(argv: string[]) {
	const options = {
		reset: false,
		large: false,
		today: undefined as string | undefined,
		throttle: false,
		memory: false,
		tokenLifetime: 1800,
		dataDir: '.sandbox-data',
		timeZone: PRACTICE_TIME_ZONE,
		n8nUrl: null as string | null,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--reset') options.reset = true;
		else if (flag === '--throttle') options.throttle = true;
		else if (flag === '--large') options.large = true;
		else if (flag === '--today') options.today = value();
		else if (flag === '--memory') options.memory = true;
		else if (flag === '--data-dir') options.dataDir = value();
		else if (flag === '--time-zone') options.timeZone = value();
		else if (flag === '--n8n-url') options.n8nUrl = value();
		else if (flag === '--token-lifetime') {
			options.tokenLifetime = Number(value());
			if (!Number.isInteger(options.tokenLifetime) || options.tokenLifetime < 1) {
				throw new Error('--token-lifetime needs a whole number of seconds');
			}
		} else if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`Unknown option ${arg}\n${USAGE}`);
	}
	return options;
}

async function main() {
	const options = parse(process.argv.slice(2));
	const dataDir = options.memory ? null : path.resolve(options.dataDir);
	const sandbox = await startSandbox({
		dataDir,
		reset: options.reset,
		today: options.today,
		largeSeed: options.large,
		ports: DEFAULT_PORTS,
		tokenLifetimeSeconds: options.tokenLifetime,
		openDentalThrottle: options.throttle,
		practiceTimeZone: options.timeZone,
		n8nEditorUrl: options.n8nUrl,
	});
	const { urls } = sandbox;
	console.log(`Practice sandbox running (loopback only)${options.reset ? ', reset to the seed' : ''}${options.large ? ' with the large practice' : ''}
  Practice console  ${urls.console}/   (times in ${options.timeZone}${options.n8nUrl ? `; links the n8n editor at ${options.n8nUrl}` : ''})
  CareCredit        ${urls.careCredit}   (client sandbox-client / sandbox-secret; token ${options.tokenLifetime}s)
  Dentrix           ${urls.dentrix}   (API key sandbox-dentrix-key)
  Open Dental       ${urls.openDental}${options.throttle ? '   (throttled: 1 call/s per customer key)' : ''}
  Twilio (SMS)      ${urls.twilio}   (account AC00000000000000000000000000000001 / sandbox-twilio-token)
  SMTP              ${urls.smtp}   (any user and password, no TLS)
  State             ${dataDir ? path.join(dataDir, 'state.json') : 'in memory'}
Docs: docs/sandbox.md. Ctrl-C stops.`);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the sandbox...`);
		await sandbox.stop();
		console.log('Stopped; state saved.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
