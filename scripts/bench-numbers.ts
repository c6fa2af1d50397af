/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console, @typescript-eslint/no-explicit-any -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and the report is read loosely */
// `npm run bench:numbers`: the weekly numbers of one location of the sandbox's large practice
// (10,000 patients, a year of CareCredit cases: docs/sandbox.md), as the weekly digest template
// gets them: CareCredit's Decision: Get Many for the group's merchants, then Practice Numbers:
// Get on Dentrix, then on Open Dental (the large seed reseeded with Open Dental's ids), through
// n8n-core's real execution (the node-test harness) against the sandbox over loopback. Every
// call is counted by a loopback proxy in front of each service. Then the pure function alone on
// the whole practice at 1x, 2x and 4x the cases, to show it grows in proportion to the records.
// Figures are printed, never asserted (test/README.md).
import { join } from 'node:path';

import '../test/nodes/harness/env';
import { practiceNumbers } from '../financing';
import { startSandbox, type Sandbox } from '../sandbox';
import { practiceRecords } from '../sandbox/console/metrics';
import { LOCATION_SETUP } from '../sandbox/seed/locations';
import { chainWorkflow, NodeTestHarness, sandboxCredentials } from '../test/nodes/harness';
import { countingProxy } from '../test/nodes/harness/proxy';

const ZONE = 'America/Chicago';
const downtown = LOCATION_SETUP[0];

// Node classes from their sources by explicit file: `X.node` alone would resolve to the
// codex `X.node.json` beside it.
const source = async <T>(path: string, name: string): Promise<T> =>
	((await import(join(__dirname, '..', path))) as Record<string, T>)[name]!;

async function weekOfOneLocation(
	pms: 'dentrix' | 'openDental',
	sandbox: Sandbox,
	trendWeeks: number,
) {
	const cc = await countingProxy(sandbox.urls.careCredit);
	const system = await countingProxy(sandbox.urls[pms]);
	type Ctor = new () => never;
	const harness = new NodeTestHarness({
		nodes: [
			new (await source<Ctor>('nodes/CareCredit/CareCredit.node.ts', 'CareCredit'))(),
			new (await source<Ctor>('nodes/Dentrix/Dentrix.node.ts', 'Dentrix'))(),
			new (await source<Ctor>('nodes/OpenDental/OpenDental.node.ts', 'OpenDental'))(),
		],
		credentials: [
			new (await source<Ctor>('credentials/CareCreditApi.credentials.ts', 'CareCreditApi'))(),
			new (await source<Ctor>('credentials/DentrixApi.credentials.ts', 'DentrixApi'))(),
			new (await source<Ctor>('credentials/OpenDentalApi.credentials.ts', 'OpenDentalApi'))(),
		],
	});
	const creds = sandboxCredentials(sandbox.urls);
	await harness.setCredentials('careCreditApi', { ...creds.careCreditApi, baseUrl: cc.url });
	await harness.setCredentials('dentrixApi', { ...creds.dentrixApi, baseUrl: system.url });
	await harness.setCredentials('openDentalApi', {
		...creds.openDentalApi,
		baseUrl: `${system.url}/api/v1`,
		pacingMs: 0,
	});
	const location = {
		name: 'Downtown',
		pmsLocationId:
			pms === 'dentrix' ? downtown.dentrixLocationId : String(downtown.openDentalClinicNum),
		merchantNumber: downtown.merchantNumber,
	};
	const wf = chainWorkflow(
		[
			{
				name: 'CareCredit decisions',
				type: 'careCredit',
				credentials: ['careCreditApi'],
				parameters: {
					resource: 'decision',
					operation: 'getMany',
					statuses: ['approved', 'declined', 'pending', 'other'],
					decidedSince: 'daysBack',
					daysBack: 70,
					merchantNumber: '={{ $json.merchantNumber }}',
					returnAll: true,
				},
			},
			{
				name: 'Practice numbers',
				type: pms,
				credentials: [pms === 'dentrix' ? 'dentrixApi' : 'openDentalApi'],
				parameters: {
					resource: 'practiceNumbers',
					operation: 'get',
					period: 'lastWeek',
					timeZone: ZONE,
					locations: JSON.stringify([location]),
					options: { includeDigest: true, trendWeeks },
				},
			},
		] as never,
		`bench-${pms}`,
	);
	// The group's decision feeds (one per merchant), as the digest reads them: a case's audit note
	// or arrangement is tied to its decision whatever location it is at.
	const feeds = LOCATION_SETUP.map((l) => ({ merchantNumber: l.merchantNumber }));
	const started = performance.now();
	const run = await harness.run(wf, { items: feeds });
	const ms = performance.now() - started;
	if (run.error) throw new Error(`${pms}: ${run.error.message}`);
	const decisions = run.json('CareCredit decisions').length;
	const [out] = run.json('Practice numbers') as Array<Record<string, any>>;
	const careCreditCalls = cc.take();
	const systemCalls = system.take();
	await cc.close();
	await system.close();
	const p = out.locations[0]?.period;
	const read = Object.values(out.read as Record<string, number>).reduce((a, b) => a + b, 0);
	console.log(
		`${pms === 'dentrix' ? 'Dentrix    ' : 'Open Dental'}  last week ${out.period.from}..${out.period.to} with ${trendWeeks} trend week(s), Downtown: ` +
			`${systemCalls} ${pms} calls (${JSON.stringify(out.calls)}) + ${careCreditCalls} CareCredit feed pages; ` +
			`${decisions} decisions and ${read} records read; ${ms.toFixed(0)} ms end to end` +
			(pms === 'openDental' ? `; at the remote API's 1 request/s about ${systemCalls} s more` : ''),
	);
	console.log(
		`             time-to-arrangement median ${p?.timeToArrangement.medianMinutes} min over ${p?.timeToArrangement.cases} case(s); ` +
			`acceptance ${p?.acceptance.arrangedPercent}% (${p?.acceptance.arranged} of ${p?.acceptance.presented}); ` +
			`corrections ${p?.corrections.corrected} of ${p?.corrections.automated}; unclassified ${out.unclassified.length}`,
	);
	if (out.calls.total !== systemCalls)
		console.log(`  (the operation counted ${out.calls.total} calls, the proxy ${systemCalls})`);
}

/** The pure function alone on every record the sandbox holds, at growing sizes. */
async function linear(sizes: number[]) {
	for (const factor of sizes) {
		const sandbox = await startSandbox({
			dataDir: null,
			ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
			largeSeed: { casesPerMonth: 60 * factor, patients: Math.max(10_000, 720 * factor) },
		});
		const now = new Date(Date.now() + sandbox.store.state.clockOffsetMs);
		const records = practiceRecords(sandbox.store.state, now);
		const count = Object.values(records).reduce((n, list) => n + (list?.length ?? 0), 0);
		await sandbox.stop();
		practiceNumbers(records, { timeZone: ZONE }, now); // warm up
		// The median of 9 runs, in CPU time of this process (user and system): this machine is
		// shared, and wall time follows its load more than the work.
		const times = Array.from({ length: 9 }, () => {
			const started = process.cpuUsage();
			practiceNumbers(records, { timeZone: ZONE }, now);
			const used = process.cpuUsage(started);
			return (used.user + used.system) / 1000;
		}).sort((a, b) => a - b);
		const ms = times[4]!;
		console.log(
			`pure function  ${String(720 * factor).padStart(5)} cases, ${String(count).padStart(6)} records: ` +
				`${ms.toFixed(1)} ms of CPU (${((ms * 1000) / count).toFixed(1)} µs a record)`,
		);
	}
}

async function main() {
	console.log(
		`bench:numbers on ${new Date().toISOString()} (shared machine: figures vary with its load)`,
	);
	for (const pms of process.argv.includes('--pure-only')
		? []
		: (['dentrix', 'openDental'] as const)) {
		const sandbox = await startSandbox({
			dataDir: null,
			ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
			largeSeed: { pms },
		});
		try {
			// The digest's four-week trend, then the period's week alone.
			for (const weeks of [4, 1]) await weekOfOneLocation(pms, sandbox, weeks);
		} finally {
			await sandbox.stop();
		}
	}
	await linear([1, 2, 4]);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
