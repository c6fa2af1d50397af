/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The shipped Dentrix templates in n8n's queue mode, real parts (scripts/e2e/queueStack.ts):
// PostgreSQL and Redis from Debian's packages on free ports, an n8n main process, two workers
// and a webhook processor, each with the packed package in its own `.n8n/nodes`. Financed cases
// go through both roads (the chair-side link, answered by the webhook processor, and the
// CareCredit Trigger, polled by the main process), run on the workers, and are checked in the
// sandbox's ledger; then a worker is SIGKILLed in the middle of a write, and PostgreSQL and
// Redis are restarted while cases are being written: each case is still written once.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chairSideLink, Practice, tokenOf, type Notification } from '../../scripts/e2e/practice';
import { startQueueStack, type QueueStack } from '../../scripts/e2e/queueStack';
import { pollNow, waitFor } from '../../scripts/e2e/stack';
import { listExecutions, type RunningN8n } from '../../scripts/n8n/runtime';
import type { DentrixPatient, DentrixTreatmentPlan } from '../../sandbox/dentrix/types';

const MINUTE = 60_000;
const started = Date.now();
const timings: string[] = [];
let stack: QueueStack;
let practice: Practice;
let work: string;

/** Cases of this suite: copies of Claire Moreau (waits for a person to decide) with names of their own. */
const NAMES = ['Ava', 'Ben', 'Cleo', 'Dan', 'Eli'];
interface Case {
	name: string;
	patientId: string;
	planId: string;
	sessionId?: string;
	link?: string;
}

function addCases(): Case[] {
	const state = stack.sandbox.store.state.dentrix;
	const claire = state.patients.find((p) => p.id === 'pat_1026')!;
	const plan = state.treatmentPlans.find((p) => p.id === 'tp_2013')!;
	return NAMES.map((firstName, i) => {
		const patientId = `pat_q${i}`;
		const planId = `tp_q${i}`;
		state.patients.push({
			...claire,
			id: patientId,
			firstName,
			guarantorId: patientId,
		} as DentrixPatient);
		state.treatmentPlans.push({ ...plan, id: planId, patientId } as DentrixTreatmentPlan);
		return { name: `${firstName} Moreau`, patientId, planId };
	});
}

/** Accepted with CareCredit; the main process polls Dentrix now, a worker prefills the application. */
async function apply(cases: Case[]) {
	for (const c of cases) await practice.acceptWithCareCredit(c.planId);
	await pollNow(stack.main, stack.ids.application);
	for (const c of cases) {
		const ready = await waitFor(
			`the application message for ${c.name}`,
			async () => (await practice.messages('coordinator', `ready for ${c.name}`))[0],
			2 * MINUTE,
		);
		c.link = chairSideLink(ready.text);
		c.sessionId = (await practice.sessionOf(c.planId))!.sessionId;
		expect(c.link.startsWith(`${stack.webhook.url}/webhook/`)).toBe(true);
	}
}

/** The patient is approved for the whole portion and makes the purchase. */
const approve = (c: Case) =>
	practice.decide(c.sessionId!, {
		outcome: 'approved',
		creditLine: 5000,
		promoCode: 'DI12',
		purchaseAmount: 2995,
	});

async function tokenFor(c: Case): Promise<string> {
	const session = (await practice.sessionOf(c.planId))!;
	return tokenOf(session.application!.applicationId);
}

/** Every write of an approved case with a purchase, counted. */
async function writesOf(c: Case) {
	const token = await tokenFor(c);
	const has = (row: Record<string, unknown>, field: string) => String(row[field]).includes(token);
	return {
		agreements: (await practice.agreements(c.patientId)).filter((a) => has(a, 'note')).length,
		payments: (await practice.payments(c.patientId)).length,
		notes: (await practice.ledgerNotes(c.patientId)).filter((n) => has(n, 'text')).length,
		messages: (await practice.messages('coordinator', token.slice('[cc:'.length, -1))).length,
	};
}

async function writtenOnce(c: Case, timeoutMs = 3 * MINUTE) {
	const token = await tokenFor(c);
	await waitFor(
		`the coordinator message of ${c.name}`,
		async () =>
			(await practice.messages('coordinator', token.slice('[cc:'.length, -1))).length > 0
				? true
				: undefined,
		timeoutMs,
	);
	// A little longer: nothing more may arrive.
	await new Promise((r) => setTimeout(r, 3000));
	expect(await writesOf(c)).toEqual({ agreements: 1, payments: 1, notes: 1, messages: 1 });
}

/**
 * No poll reads the decision feed while this holds: every read answers 503 at once, so no
 * read is left waiting to deliver a decision later (the trigger's retries end within seconds).
 */
const holdFeed = () =>
	practice.addFault('careCredit', {
		kind: 'status',
		status: 503,
		method: 'GET',
		pathPattern: '/decisions',
	});
/** Faults cleared, then a pause for a held poll's last retry to pass. */
async function releaseFeed() {
	await practice.clearFaults();
	await new Promise((r) => setTimeout(r, 10_000));
}

const startedOn = (n8n: RunningN8n) =>
	[...n8n.logs().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
const alive = (n8n: RunningN8n) => {
	try {
		process.kill(n8n.pid, 0);
		return true;
	} catch {
		return false;
	}
};

let cases: Case[];

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-queue-'));
	stack = await startQueueStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
		log: (line) => timings.push(line),
	});
	practice = new Practice(stack.sandbox.urls);
	cases = addCases();
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	console.log(
		`[e2e queue mode] ${((Date.now() - started) / 1000).toFixed(0)} s in all\n  ${timings.join('\n  ')}`,
	);
	if (work && !process.env.E2E_KEEP) await fs.rm(work, { recursive: true, force: true });
}, 3 * MINUTE);

describe('the templates in queue mode (main, two workers, a webhook processor)', () => {
	it(
		'the chair-side link (webhook processor) and the CareCredit Trigger (main) each write a case once, run by the workers',
		async () => {
			const t = Date.now();
			const [viaLink, viaTrigger] = cases;
			await apply([viaLink, viaTrigger]);
			timings.push(`applications for 2 plans: ${((Date.now() - t) / 1000).toFixed(0)} s`);

			// The chair-side road, with every poll held off.
			await holdFeed();
			await approve(viaLink);
			const answer = await fetch(viaLink.link!, { headers: { accept: 'application/json' } });
			expect(answer.status).toBe(200);
			expect(await answer.json()).toMatchObject({ received: true, status: 'approved' });
			await writtenOnce(viaLink);
			expect((await practice.payments(viaLink.patientId))[0]).toMatchObject({
				paymentType: 'CareCredit Payment',
				amount: 2995,
			});
			await releaseFeed();

			// The trigger road: nobody presses the link; the main process polls, a worker writes.
			await approve(viaTrigger);
			await pollNow(stack.main, stack.ids.decision);
			await writtenOnce(viaTrigger);

			// Runs went to the queue and the workers ran them; the main process ran none.
			const runs = await listExecutions(stack.main, { workflowId: stack.ids.decision });
			expect(runs.map((r) => r.mode)).toEqual(expect.arrayContaining(['webhook', 'trigger']));
			const onWorkers = stack.workers.flatMap(startedOn);
			// A poll that failed while the feed was held is recorded by main as an error
			// execution without running anything: only the runs that ran are checked.
			for (const run of runs.filter((r) => r.status === 'success'))
				expect(onWorkers).toContain(run.id);
			expect(startedOn(stack.main)).toEqual([]);
			expect(stack.main.logs()).toMatch(/Enqueued execution \d+/);
			timings.push(
				`executions per worker: ${stack.workers.map((w) => startedOn(w).length).join(', ')}`,
			);
		},
		8 * MINUTE,
	);

	it(
		'a worker SIGKILLed in the middle of a write: the safety net completes the case, once',
		async () => {
			const c = cases[2];
			await apply([c]);
			await approve(c);
			await holdFeed();
			// The agreement write waits 8 s at Dentrix before it is committed.
			await practice.addFault('dentrix', {
				kind: 'latency',
				delayMs: 8000,
				count: 1,
				method: 'POST',
				pathPattern: '/payment-agreements$',
			});
			const before = stack.workers.map((w) => startedOn(w).length);
			expect((await fetch(c.link!)).status).toBe(200);
			const busy = await waitFor(
				'a worker to start the chair-side run',
				async () => {
					const i = stack.workers.findIndex((w, j) => startedOn(w).length > before[j]);
					return i >= 0 ? i : undefined;
				},
				MINUTE,
			);
			// Killed once the agreement's request has reached Dentrix (its wait has used the fault
			// up), not after a fixed time: a slow first run on a worker may not be there yet.
			await waitFor(
				'the agreement request to reach Dentrix',
				async () =>
					(await practice.faults('dentrix')).some((f) => f.kind === 'latency') ? undefined : true,
				MINUTE,
			);
			await new Promise((r) => setTimeout(r, 1000));
			await stack.workers[busy].kill();
			timings.push(`worker ${busy + 1} SIGKILLed mid-write`);
			// Dentrix commits the agreement when its wait ends; nothing after it was written.
			const token = await tokenFor(c);
			await waitFor(
				'the agreement the killed run had sent',
				async () => ((await writesOf(c)).agreements === 1 ? true : undefined),
				MINUTE,
			);
			expect(await writesOf(c)).toEqual({ agreements: 1, payments: 0, notes: 0, messages: 0 });

			await stack.restartWorker(busy);
			await releaseFeed();
			// The killed run still holds the case's claim: the runs after it write nothing
			// (anotherRunIsWriting) until its lease (5 minutes) has run out; then the trigger sends
			// the decision again (8th poll after the first) and that run completes the case, once.
			await pollNow(stack.main, stack.ids.decision);
			await writtenOnce(c, 12 * MINUTE);
			expect(await practice.messages('coordinator', token.slice('[cc:'.length, -1))).toHaveLength(
				1,
			);
		},
		17 * MINUTE,
	);

	it(
		'PostgreSQL and Redis restarted while cases are being written: each case written once',
		async () => {
			const inFlight = cases.slice(3, 5);
			await apply(inFlight);
			for (const c of inFlight) await approve(c);
			await holdFeed();
			await practice.addFault('dentrix', {
				kind: 'latency',
				delayMs: 6000,
				count: 2,
				method: 'POST',
				pathPattern: '/payment-agreements$',
			});
			const before = stack.workers.reduce((n, w) => n + startedOn(w).length, 0);
			for (const c of inFlight) expect((await fetch(c.link!)).status).toBe(200);
			await waitFor(
				'the workers to start both runs',
				async () =>
					stack.workers.reduce((n, w) => n + startedOn(w).length, 0) >= before + 2
						? true
						: undefined,
				MINUTE,
			);
			let t = Date.now();
			await stack.postgres.restart();
			timings.push(`PostgreSQL restarted: ${((Date.now() - t) / 1000).toFixed(1)} s`);
			t = Date.now();
			await stack.redis.restart();
			timings.push(`Redis restarted: ${((Date.now() - t) / 1000).toFixed(1)} s`);

			// A process that exited is started again, as its service manager would.
			await new Promise((r) => setTimeout(r, 10_000));
			const exited = [
				!alive(stack.main) && 'main',
				...stack.workers.map((w, i) => !alive(w) && `worker ${i + 1}`),
				!alive(stack.webhook) && 'webhook processor',
			].filter(Boolean);
			timings.push(`n8n processes that exited on the restarts: ${exited.join(', ') || 'none'}`);
			if (!alive(stack.main)) await stack.restartMain();
			for (const [i, w] of stack.workers.entries()) if (!alive(w)) await stack.restartWorker(i);

			await releaseFeed();
			let complete = 0;
			for (const c of inFlight) complete += (await writesOf(c)).messages;
			timings.push(`cases complete before the safety-net poll: ${complete} of ${inFlight.length}`);
			await pollNow(stack.main, stack.ids.decision);
			for (const c of inFlight) await writtenOnce(c);
			// Every case of this suite, at the end: still once each.
			for (const c of cases) {
				expect(await writesOf(c)).toEqual({ agreements: 1, payments: 1, notes: 1, messages: 1 });
			}
		},
		10 * MINUTE,
	);

	it(
		'no run not saved is left in PostgreSQL after the hard deletion; the saved ones carry no date of birth',
		async () => {
			const count = async (sql: string) => Number((await stack.postgres.query(sql))[0]);
			await waitFor(
				'no soft-deleted execution left',
				async () =>
					(await count('SELECT count(*) FROM execution_entity WHERE "deletedAt" IS NOT NULL')) === 0
						? true
						: undefined,
				MINUTE,
			);
			// The application template saves its successful runs (tax id prefill off): listed.
			expect(
				await count(
					`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${stack.ids.application}'`,
				),
			).toBeGreaterThan(0);
			// Saved runs (the decision's) are there, with the patients' names: the query can see data.
			const named = (name: string) =>
				count(`SELECT count(*) FROM execution_data WHERE data LIKE '%${name}%'`);
			expect(await named('Ava')).toBeGreaterThan(0);
			// The application's saved runs show the date of birth masked only.
			expect(await named('1995-03-17')).toBe(0);
			const messages: Notification[] = await practice.notifications('ops');
			const steps = messages.map(
				(m) => /failed at step "([^"]+)"/.exec(m.text)?.[1] ?? m.text.slice(0, 60),
			);
			timings.push(`ops messages (failed step): ${steps.join(' | ') || 'none'}`);
		},
		3 * MINUTE,
	);
});
