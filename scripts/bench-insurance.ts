/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run bench:insurance [-- --n 30 --no-build]`: the shipped morning insurance check in real
// n8n (the packed package, the template imported unchanged) against an Open Dental stand-in with
// its throttle on (one request a second per customer key) and the credential paced as for the
// cloud API. N scheduled appointments over the next three business days, each a patient of its
// own (copies of the seeded scenario patients, four in five all good, sharing the seed's plans as
// employees share an employer's plan). Printed: Open Dental calls per appointment verified and
// appointments verified per minute, for the first run of the day and for a same-day re-run.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { nextBusinessDays, todayIn } from '../financing';
import { startSandbox, type Sandbox } from '../sandbox';
import type { OpenDentalState } from '../sandbox/openDental/types';
import { countingProxy } from '../test/nodes/harness/proxy';
import { fillPracticeSettings } from './e2e/practiceSettings';
import { REPO, startStack } from './e2e/stack';
import {
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
	PRACTICE_N8N_ENV,
} from './n8n/runtime';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 30);
const TIME_ZONE = 'America/Chicago';
/** Which seeded patient each copy is: four in five Rosa Delgado (all good), then the others in turn. */
const OTHERS = [232, 233, 234, 235, 237];
const templateOf = (i: number) => (i % 5 === 4 ? OTHERS[Math.floor(i / 5) % OTHERS.length]! : 231);

/** N patients with their own coverage rows and one appointment each, in the stand-in's state. */
function addAppointments(sandbox: Sandbox, days: string[]): void {
	const od = sandbox.store.state.openDental as OpenDentalState;
	for (let i = 0; i < N; i++) {
		const from = templateOf(i);
		const patNum = 5000 + i;
		od.patients.push({
			...od.patients.find((p) => p.PatNum === from)!,
			PatNum: patNum,
			Guarantor: patNum,
			LName: `Bench${i}`,
		});
		for (const pp of od.patPlans.filter((p) => p.PatNum === from)) {
			const sub = od.insSubs.find((s) => s.InsSubNum === pp.InsSubNum)!;
			const insSubNum = 50_000 + i * 10 + pp.Ordinal;
			const patPlanNum = 60_000 + i * 10 + pp.Ordinal;
			od.insSubs.push({ ...sub, InsSubNum: insSubNum, Subscriber: patNum });
			od.patPlans.push({ ...pp, PatPlanNum: patPlanNum, PatNum: patNum, InsSubNum: insSubNum });
			const verify = od.insVerifies.find(
				(v) => v.VerifyType === 'PatientEnrollment' && v.FKey === pp.PatPlanNum,
			);
			if (verify)
				od.insVerifies.push({
					...verify,
					InsVerifyNum: 70_000 + i * 10 + pp.Ordinal,
					FKey: patPlanNum,
				});
		}
		for (const c of od.claimProcs.filter((x) => x.PatNum === from))
			od.claimProcs.push({ ...c, ClaimProcNum: 80_000 + od.claimProcs.length, PatNum: patNum });
		const apt = od.appointments.find((a) => a.PatNum === from && a.AptStatus === 'Scheduled')!;
		const minutes = 8 * 60 + (i % 16) * 30;
		const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
		od.appointments.push({
			...apt,
			AptNum: 90_000 + i,
			PatNum: patNum,
			AptDateTime: `${days[i % days.length]} ${time}`,
		});
	}
	// Only the bench's appointments are scheduled in the window.
	for (const a of od.appointments)
		if (a.AptNum < 90_000 && a.AptStatus === 'Scheduled') a.AptStatus = 'Complete';
}

/** From the first node's start to the last node's end, as n8n recorded them (not n8n's own start-up). */
function executionSeconds(run: Awaited<ReturnType<typeof executeWorkflow>>): number {
	const tasks = Object.values(run.resultData.runData).flat() as unknown as Array<{
		startTime: number;
		executionTime: number;
	}>;
	const start = Math.min(...tasks.map((t) => t.startTime));
	const end = Math.max(...tasks.map((t) => t.startTime + t.executionTime));
	return (end - start) / 1000;
}

async function main() {
	const work = await fs.mkdtemp(join(tmpdir(), 'bench-insurance-'));
	console.log(
		`Insurance check benchmark: ${N} appointments, Open Dental throttle on. Starting n8n...`,
	);
	const stack = await startStack({
		work,
		build: !process.argv.includes('--no-build'),
		packageDir: process.env.BENCH_PACKAGE_DIR,
		env: PRACTICE_N8N_ENV,
	});
	const today = todayIn(TIME_ZONE, new Date());
	const od = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		openDentalThrottle: true,
		today,
	});
	const proxy = await countingProxy(od.urls.openDental);
	try {
		addAppointments(od, nextBusinessDays(today, 3));
		await stack.n8n.stop();
		await importCredentials(stack.home, [
			{
				name: 'Open Dental account',
				type: 'openDentalApi',
				data: {
					baseUrl: `${proxy.url}/api/v1`,
					developerApiKey: 'sandbox-od-developer',
					customerApiKey: 'sandbox-od-customer',
					pacingMs: 1000,
				},
			},
		]);
		const id = await importWorkflow(
			stack.home,
			join(REPO, 'workflows', 'opendental-insurance-verification.json'),
		);
		await stack.restartN8n();
		await fillPracticeSettings(stack.n8n, id, {
			frontDeskWebhookUrl: `${stack.sandbox.urls.console}/hooks/frontdesk`,
		});
		const rows: string[] = [];
		for (const run of ['first run of the day', 'same-day re-run']) {
			proxy.calls.length = 0;
			const result = await executeWorkflow(stack.home, id);
			const seconds = executionSeconds(result);
			const checked = nodeOutput(result, 'Check insurance').length;
			const writes = proxy.calls.filter((c) => !c.startsWith('GET')).length;
			rows.push(
				`| ${run} | ${checked} | ${proxy.calls.length} (${writes} writes) | ${(proxy.calls.length / checked).toFixed(2)} | ${seconds.toFixed(1)} s | ${((checked / seconds) * 60).toFixed(1)} |`,
			);
		}
		console.log(
			`\nMeasured ${new Date().toISOString().slice(0, 10)}; n8n and the stand-in on this machine; run time from the first step's start to the last step's end as n8n recorded them.\n`,
		);
		console.log(
			'| run | appointments | Open Dental calls | calls per appointment | run time | appointments per minute |',
		);
		console.log('|---|---|---|---|---|---|');
		for (const row of rows) console.log(row);
	} finally {
		await proxy.close();
		await od.stop();
		await stack.stop();
		await fs.rm(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
