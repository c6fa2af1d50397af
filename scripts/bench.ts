/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run bench -- --faults ...` is the reliability run instead (scripts/bench-faults.ts).
// `npm run bench [-- --n 200 --concurrency 4 --no-build --queue]`: N approved CareCredit decisions
// through real n8n and the shipped decision template, by each road, against a bare script
// making the same HTTP calls (the floor: each case alone, one poll's N in turn, and one poll's N
// with the writer's claim protocol in a process of its own: scripts/bench-floor.ts), in the
// single process and, with `--queue`, again in
// queue mode (main, webhook processor, two workers, PostgreSQL, Redis: scripts/e2e/queueStack.ts).
// The calls n8n makes to each service per case are counted at the sandbox: a zero-delay latency
// rule with a large `count` matches every call of a service (the count left says how many came),
// the write log says which were writes; the harness reads the sandbox's state in process.
// Time-to-arrangement is "decision available" (the application's appEntryDate) to "audit note
// final" (the harness sees the claim rewritten into it, read every 50 ms). The trigger road
// excludes the poll wait (a decision waits up to a minute for n8n's next poll, about 30 s on
// average): its clock starts when the poll starts (its first read of the feed; n8n's activation
// before it is printed, not counted), with a feed holding its N decisions only.
// Each poll run's start, length and the case writer's outcomes are printed.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
	activateWorkflow,
	deactivateWorkflow,
	PRACTICE_N8N_ENV,
	type RunningN8n,
	getExecution,
	listExecutions,
} from './n8n/runtime';
import { tokenOf } from './e2e/practice';
import { startQueueStack } from './e2e/queueStack';
import {
	addAccounts as addReliabilityAccounts,
	CareCreditDesk,
	openDentalOn,
	openDentalOnQueue,
} from './bench-faults';
import { postJson, startStack } from './e2e/stack';
import { CASES_AT_ONCE } from '../nodes/shared/financedCase';
import { REQUESTS_AT_ONCE } from '../nodes/shared/runCache';
import { WARM_UP_ROUNDS, type FloorJob } from './bench-floor';
import { run } from './n8n/install';
import type { Sandbox } from '../sandbox';
import type { ServiceName } from '../sandbox/core/types';
import type {
	DentrixPatient,
	DentrixPaymentAgreement,
	DentrixTreatmentPlan,
} from '../sandbox/dentrix/types';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 200);
const CONCURRENCY = arg('concurrency', 4);
/**
 * The locations' merchant numbers: the trigger watches both (the practice's list), so a
 * chair-side case is also seen by the next poll, which finds it written (its reads are counted).
 */
const DOWNTOWN = '5348120100000001';
const LAKESIDE = '5348120100000002';

interface Case {
	patientId: string;
	planId: string;
	sessionId?: string;
	applicationId?: string;
	decidedAt?: string;
	noteAt?: string;
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
	const queue = [...items];
	await Promise.all(
		Array.from({ length: size }, async () => {
			for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
		}),
	);
}

/** The request body of a Dentrix agreement the sandbox holds (amounts back to dollars). */
function agreementBody(a: DentrixPaymentAgreement) {
	const cents = (v: number) => v / 100;
	return {
		billingType: a.billingType,
		agreementDate: a.agreementDate,
		interval: a.interval,
		annualFinanceChargePercent: a.annualFinanceChargePercent,
		annualLateChargePercent: a.annualLateChargePercent,
		gracePeriodDays: a.gracePeriodDays,
		minimumLateCharge: cents(a.minimumLateChargeCents),
		minimumBalanceToCharge: cents(a.minimumBalanceToChargeCents),
		totalAgreedAmount: cents(a.totalAgreedAmountCents),
		downPayment: cents(a.downPaymentCents),
		firstPaymentDue: a.firstPaymentDue,
		paymentAmount: cents(a.paymentAmountCents),
		numberOfPayments: a.numberOfPayments,
		statementNote: a.statementNote,
	};
}

/** What the measurement needs of either stack. */
interface Running {
	sandbox: Sandbox;
	/** The process that serves the REST API and runs the pollers (a new one after a restart). */
	readonly main: RunningN8n;
	/** Where `/webhook/...` is served. */
	webhookUrl: string;
	decisionId: string;
	/** Swaps the Dentrix decision template for Open Dental's (one practice, one system): its id. */
	openDental(): Promise<string>;
	stop(): Promise<void>;
}

/** The services n8n calls, and the calls of the harness itself left out of the counts. */
const COUNTED: Partial<Record<ServiceName, string>> = {
	careCredit: '^/(?!v1/carecredit/prefill$)',
	dentrix: '^/v1/(?!treatment-plans$)',
	console: '^/hooks/(?!bench$)',
	openDental: '^/api/v1/',
};
const COUNT_FROM = 1_000_000_000;

async function installCounters(sandbox: Sandbox) {
	for (const [service, pathPattern] of Object.entries(COUNTED)) {
		await postJson(`${sandbox.urls.console}/__sandbox/faults`, {
			service,
			kind: 'latency',
			delayMs: 0,
			count: COUNT_FROM,
			pathPattern,
		});
	}
}

/** Calls (all methods) and writes that reached each counted service so far, and the messages. */
function callCounts(sandbox: Sandbox) {
	const state = sandbox.store.state;
	const services = Object.fromEntries(
		Object.keys(COUNTED).map((service) => {
			const rule = state.faults[service as ServiceName].find(
				(r) => r.kind === 'latency' && (r.count ?? 0) > COUNT_FROM / 2,
			);
			const pattern = new RegExp(COUNTED[service as ServiceName]!);
			const writes = state.writes.filter(
				(w) => w.service === service && pattern.test(w.path),
			).length;
			return [service, { calls: rule ? COUNT_FROM - rule.count! : NaN, writes }];
		}),
	) as Record<string, { calls: number; writes: number }>;
	return { services, messages: state.notifications.length };
}

/** When the next CareCredit call reaches the sandbox (the trigger's poll reading its feed). */
async function firstCareCreditCall(sandbox: Sandbox): Promise<number> {
	const left = () => callCounts(sandbox).services.careCredit?.calls;
	const before = left();
	return await new Promise((resolve) => {
		const watch = setInterval(() => {
			if (left() === before) return;
			clearInterval(watch);
			resolve(Date.now());
		}, 5);
	});
}

function callsPerCase(
	label: string,
	before: ReturnType<typeof callCounts>,
	sandbox: Sandbox,
	cases: number,
) {
	const names: Record<string, string> = {
		careCredit: 'CareCredit',
		dentrix: 'Dentrix',
		console: 'message hooks',
		openDental: 'Open Dental',
	};
	const after = callCounts(sandbox).services;
	// A service the road does not call is left out.
	const called = Object.keys(after).filter((s) => after[s].calls !== before.services[s].calls);
	const parts = called.map((s) => {
		const calls = (after[s].calls - before.services[s].calls) / cases;
		const writes = (after[s].writes - before.services[s].writes) / cases;
		return `${names[s]} ${calls.toFixed(1)} (writes ${writes.toFixed(1)})`;
	});
	console.log(`${''.padEnd(4)}calls per financed case, ${label}: ${parts.join(', ')}`);
	// The messages by channel; any beyond one coordinator message per case, in full (shortened).
	const sent = sandbox.store.state.notifications.slice(before.messages);
	const byChannel = new Map<string, string[]>();
	for (const m of sent) byChannel.set(m.channel, [...(byChannel.get(m.channel) ?? []), m.text]);
	const channels = [...byChannel].map(([c, texts]) => `${c} ${texts.length}`).join(', ');
	console.log(`${''.padEnd(4)}messages by channel: ${channels || 'none'}`);
	// Anything but one coordinator message per case, shown (the case: CareCredit's application number).
	const caseOf = (text: string) => /APP-[A-Za-z0-9-]+/.exec(text)?.[0] ?? text.slice(0, 40);
	const told = sent.filter((m) => m.channel === 'coordinator').map((m) => caseOf(m.text));
	const extra = sent.filter(
		(m) => m.channel !== 'coordinator' || told.filter((c) => c === caseOf(m.text)).length > 1,
	);
	for (const m of extra.slice(0, 10))
		console.log(`${''.padEnd(6)}${m.at.slice(11, 19)} ${m.channel}: ${m.text.slice(0, 160)}`);
}

/** N fresh accounts, each a copy of Daniel Whitaker with a copy of his plan (in-process seed). */
function addAccounts(sandbox: Sandbox, road: string): Case[] {
	const state = sandbox.store.state.dentrix;
	const patient = state.patients.find((p) => p.id === 'pat_1001')!;
	const plan = state.treatmentPlans.find((p) => p.id === 'tp_2001')!;
	return Array.from({ length: N }, (_, i) => {
		const patientId = `pat_${road}${i}`;
		const planId = `tp_${road}${i}`;
		state.patients.push({ ...patient, id: patientId, guarantorId: patientId } as DentrixPatient);
		state.treatmentPlans.push({ ...plan, id: planId, patientId } as DentrixTreatmentPlan);
		return { patientId, planId };
	});
}

class CareCreditClient {
	/** The sandbox's CareCredit access token (after `ensureToken`). */
	token = '';
	constructor(private readonly base: string) {}
	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		await this.ensureToken();
		return this.send<T>(method, path, body);
	}
	async ensureToken() {
		if (!this.token) {
			const auth = await postJson<{ access_token: string }>(`${this.base}/oauth2/v1/token`, {
				grant_type: 'client_credentials',
				client_id: 'sandbox-client',
				client_secret: 'sandbox-secret',
			});
			this.token = auth.access_token;
		}
	}
	private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.base}${path}`, {
			method,
			headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
		return (await response.json()) as T;
	}
	/**
	 * A test applicant named "Approved" is approved at once (docs/carecredit-api.md). The decision
	 * is read from the sandbox's state, so the harness adds no call to the counts.
	 */
	async approvedDecision(sandbox: Sandbox, c: Case, merchantNumber: string) {
		const { sessionId } = await this.call<{ sessionId: string }>('POST', '/v1/carecredit/prefill', {
			merchantInfo: { merchantNumber, partnerCode: 'N8N', recordId: c.patientId },
			applicants: [{ firstName: 'Bench', lastName: 'Approved' }],
			transactionInfo: { invoiceNumber: `${c.planId}~loc_downtown` },
		});
		const application = sandbox.store.state.careCredit.sessions.find(
			(s) => s.sessionId === sessionId,
		)?.application;
		if (!application?.applicationId) throw new Error(`session ${sessionId} has no application`);
		c.sessionId = sessionId;
		c.applicationId = application.applicationId;
		c.decidedAt = application.appEntryDate;
	}
}

/**
 * When the harness saw the audit note final (the claim rewritten into it), read from the sandbox's
 * state every 50 ms (no HTTP call to count).
 */
async function noteOf(sandbox: Sandbox, c: Case, timeoutMs: number) {
	const token = tokenOf(c.applicationId!);
	const deadline = Date.now() + timeoutMs;
	while (
		!sandbox.store.state.dentrix.ledgerNotes.some(
			(n) => n.guarantorId === c.patientId && n.text.includes(token),
		)
	) {
		if (Date.now() > deadline) throw new Error(`no audit note for ${c.patientId}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return new Date().toISOString();
}

function summary(label: string, cases: Case[], since: (c: Case) => string, wallMs: number) {
	const times = cases.map((c) => (Date.parse(c.noteAt!) - Date.parse(since(c))) / 1000);
	const row = {
		road: label,
		cases: cases.length,
		p50: percentile(times, 50),
		p95: percentile(times, 95),
		perMinute: (cases.length / wallMs) * 60_000,
	};
	console.log(
		`${label.padEnd(46)} n=${row.cases}  p50 ${row.p50.toFixed(2)} s  p95 ${row.p95.toFixed(2)} s  ${row.perMinute.toFixed(1)} cases/min`,
	);
	return row;
}

async function startSingle(work: string): Promise<Running> {
	const stack = await startStack({
		work,
		build: !process.argv.includes('--no-build'),
		packageDir: process.env.BENCH_PACKAGE_DIR,
		// Measured with the retention a practice sets, not the tests' 3-second hard deletion.
		env: PRACTICE_N8N_ENV,
	});
	return {
		sandbox: stack.sandbox,
		get main() {
			return stack.n8n;
		},
		get webhookUrl() {
			return stack.n8n.url;
		},
		decisionId: stack.ids.decision,
		openDental: () => openDentalOn(stack),
		stop: () => stack.stop(),
	};
}

async function startQueue(work: string): Promise<Running> {
	const stack = await startQueueStack({
		work,
		// The single-process stack built the package already.
		build: false,
		packageDir: process.env.BENCH_PACKAGE_DIR,
	});
	return {
		sandbox: stack.sandbox,
		get main() {
			return stack.main;
		},
		webhookUrl: stack.webhook.url,
		decisionId: stack.ids.decision,
		openDental: () => openDentalOnQueue(stack),
		stop: () => stack.stop(),
	};
}

async function measure(mode: string, start: (work: string) => Promise<Running>) {
	const work = await fs.mkdtemp(join(tmpdir(), 'bench-'));
	console.log(
		`\n${mode}: N=${N}, chair-side concurrency ${CONCURRENCY}. Starting the sandbox and n8n...`,
	);
	const stack = await start(work);
	try {
		const { sandbox } = stack;
		const careCredit = new CareCreditClient(sandbox.urls.careCredit);
		await careCredit.ensureToken();
		await installCounters(sandbox);
		const link = (c: Case) =>
			`${stack.webhookUrl}/webhook/carecredit-chairside?session=${c.sessionId}`;

		// 1. Chair-side road: decision, then the coordinator presses the link.
		const chairSide = addAccounts(sandbox, 'c');
		let counts = callCounts(sandbox);
		let started = Date.now();
		await pool(chairSide, CONCURRENCY, async (c) => {
			await careCredit.approvedDecision(sandbox, c, LAKESIDE);
			const answer = await fetch(link(c));
			if (!answer.ok)
				throw new Error(`chair-side link answered ${answer.status}: ${await answer.text()}`);
			c.noteAt = await noteOf(sandbox, c, 120_000);
		});
		const chairRow = summary(
			'n8n, chair-side link',
			chairSide,
			(c) => c.decidedAt!,
			Date.now() - started,
		);
		// The coordinator message follows the note: let the last runs finish before counting.
		await new Promise((r) => setTimeout(r, 3000));
		callsPerCase('chair-side link', counts, sandbox, N);

		// 2. Trigger road: N decisions wait in the feed, then one poll picks them all up.
		const polled = addAccounts(sandbox, 't');
		await deactivateWorkflow(stack.main, stack.decisionId);
		// The poll carries these N decisions only: the chair-side part's, written already, would
		// otherwise share it (new to the trigger when no poll came during that part).
		sandbox.store.state.careCredit.feed.splice(0);
		await pool(polled, CONCURRENCY, (c) => careCredit.approvedDecision(sandbox, c, DOWNTOWN));
		counts = callCounts(sandbox);
		// The clock starts at the poll's first read of the feed, as a poll n8n's schedule starts
		// would: the activation before it (n8n saving and publishing the workflow) is not the road's.
		const polling = firstCareCreditCall(sandbox);
		const activated = Date.now();
		await activateWorkflow(stack.main, stack.decisionId);
		started = await polling;
		const pollStart = new Date(started).toISOString();
		console.log(
			`    (n8n's activation: the poll's first feed read came ${((started - activated) / 1000).toFixed(2)} s after the request, not counted)`,
		);
		await pool(polled, CONCURRENCY, async (c) => {
			c.noteAt = await noteOf(sandbox, c, 20 * 60_000);
		});
		const triggerRow = summary(
			'n8n, CareCredit trigger (poll wait excluded)',
			polled,
			(c) => (c.decidedAt! > pollStart ? c.decidedAt! : pollStart),
			Date.now() - started,
		);
		await new Promise((r) => setTimeout(r, 3000));
		callsPerCase('trigger (one poll)', counts, sandbox, N);
		await printPollRuns(stack.main, stack.decisionId, started);

		// 3. The floor: the same HTTP calls from a bare script, no n8n.
		const bare = addAccounts(sandbox, 'b');
		const written = sandbox.store.state.dentrix.paymentAgreements.find(
			(a) => a.guarantorId === chairSide[0].patientId,
		)!;
		const writtenNote = sandbox.store.state.dentrix.ledgerNotes.find(
			(n) => n.guarantorId === chairSide[0].patientId,
		)!;
		const dentrix = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${sandbox.urls.dentrix}/v1${path}`, {
				method,
				headers: {
					authorization: 'Bearer sandbox-dentrix-key',
					'content-type': 'application/json',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
			return (await response.json()) as Record<string, unknown>;
		};
		counts = callCounts(sandbox);
		started = Date.now();
		const bareCalls = async (c: Case) => {
			const token = tokenOf(c.applicationId!);
			await careCredit.call('GET', `/v1/carecredit/sessions/${c.sessionId}`);
			await dentrix('GET', `/treatment-plans/${c.planId}`);
			await dentrix('GET', `/patients/${c.patientId}`);
			await dentrix('GET', `/accounts/${c.patientId}/payment-agreements?limit=200`);
			await dentrix('POST', `/accounts/${c.patientId}/payment-agreements`, {
				...agreementBody(written),
				note: written.note.replace(/\[cc:[^\]]+\]/, token),
			});
			await dentrix('GET', `/accounts/${c.patientId}/ledger-notes?limit=200`);
			const note = await dentrix('POST', `/accounts/${c.patientId}/ledger-notes`, {
				patientId: c.patientId,
				date: writtenNote.date,
				kind: writtenNote.kind,
				text: writtenNote.text.replace(/\[cc:[^\]]+\]/g, token),
			});
			await postJson(`${sandbox.urls.console}/hooks/bench`, { text: `bench ${token}` });
			c.noteAt = String(note.createdAt);
		};
		await pool(bare, CONCURRENCY, async (c) => {
			await careCredit.approvedDecision(sandbox, c, LAKESIDE);
			await bareCalls(c);
		});
		const bareRow = summary(
			'bare script, same HTTP calls (floor)',
			bare,
			(c) => c.decidedAt!,
			Date.now() - started,
		);
		callsPerCase('floor (the hook not counted)', counts, sandbox, N);
		// The trigger road's floor: the bare script handed one poll's N decisions, one after another.
		const batch = addAccounts(sandbox, 'p');
		await pool(batch, CONCURRENCY, (c) => careCredit.approvedDecision(sandbox, c, DOWNTOWN));
		started = Date.now();
		const batchStart = new Date().toISOString();
		for (const c of batch) await bareCalls(c);
		const batchRow = summary(
			`bare script, one poll of ${N}, in turn (floor)`,
			batch,
			() => batchStart,
			Date.now() - started,
		);

		// The same poll's floor with the writer's protocol, in a process of its own
		// (scripts/bench-floor.ts): the writer's calls, claim and settle included; only n8n missing.
		const claimed = addAccounts(sandbox, 'w');
		await pool(claimed, CONCURRENCY, (c) => careCredit.approvedDecision(sandbox, c, DOWNTOWN));
		await careCredit.ensureToken();
		const job: FloorJob = {
			urls: {
				dentrix: sandbox.urls.dentrix,
				careCredit: sandbox.urls.careCredit,
				hook: `${sandbox.urls.console}/hooks/bench`,
			},
			careCreditToken: careCredit.token,
			merchantNumber: DOWNTOWN,
			agreement: { ...agreementBody(written), note: written.note },
			note: { date: writtenNote.date, kind: writtenNote.kind, text: writtenNote.text },
			cases: claimed.map((c) => ({
				patientId: c.patientId,
				planId: c.planId,
				sessionId: c.sessionId!,
				applicationId: c.applicationId!,
			})),
		};
		const jobFile = join(work, 'floor-job.json');
		await fs.writeFile(jobFile, JSON.stringify(job));
		counts = callCounts(sandbox);
		// Not the case's calls: the child's warm-up reads (scripts/bench-floor.ts, WARM_UP_ROUNDS).
		counts.services.dentrix.calls += WARM_UP_ROUNDS * claimed.length;
		const floor = JSON.parse(
			(
				await run(
					process.execPath,
					[
						require.resolve('ts-node/dist/bin'),
						'--transpile-only',
						join(__dirname, 'bench-floor.ts'),
						jobFile,
					],
					{ env: process.env },
				)
			).stdout,
		) as { startedAt: string; noteAt: Record<string, string> };
		for (const c of claimed) c.noteAt = floor.noteAt[c.applicationId!];
		const claimedStart = floor.startedAt;
		const claimedRow = summary(
			`bare script, one poll of ${N}, writer's protocol (floor)`,
			claimed,
			() => claimedStart,
			Math.max(...Object.values(floor.noteAt).map(Date.parse)) - Date.parse(floor.startedAt),
		);
		callsPerCase("floor, writer's protocol (the hook not counted)", counts, sandbox, N);

		await measureOpenDental(stack);

		console.log(`
Ratios to the floor (n8n / bare script), ${mode}:
  chair-side p50 ${(chairRow.p50 / bareRow.p50).toFixed(1)}x, throughput ${(bareRow.perMinute / chairRow.perMinute).toFixed(1)}x slower
  trigger    p50 ${(triggerRow.p50 / bareRow.p50).toFixed(1)}x (one poll carrying ${N} decisions), throughput ${(bareRow.perMinute / triggerRow.perMinute).toFixed(1)}x slower
  trigger against the bare script handling the same poll in turn: p50 ${(triggerRow.p50 / batchRow.p50).toFixed(1)}x, p95 ${(triggerRow.p95 / batchRow.p95).toFixed(1)}x
  trigger against the bare script handling the same poll with the writer's protocol (claim, 1 s settle, check read; ${CASES_AT_ONCE} cases and ${REQUESTS_AT_ONCE} requests at a time, as the writer; a process of its own): p50 ${(triggerRow.p50 / claimedRow.p50).toFixed(1)}x, p95 ${(triggerRow.p95 / claimedRow.p95).toFixed(1)}x
The trigger road's poll wait is excluded: in production a decision waits up to 60 s (about 30 s on average) for n8n's next poll.`);
	} finally {
		await stack.stop();
		await fs.rm(work, { recursive: true, force: true });
	}
}

/**
 * Open Dental: N approved cases with a shortfall plan and a completed purchase (the most calls:
 * plan, link, payment), by each road, through the Open Dental decision template. Timed from the
 * press of the link (chair-side) or the poll's start (trigger) to the audit commlog, as the
 * harness sees it in the sandbox's state (checked every 50 ms).
 */
async function measureOpenDental(stack: Running) {
	const { sandbox } = stack;
	// A practice runs one practice system: the Open Dental part starts from a feed without the
	// Dentrix part's decisions, which the Open Dental template's new trigger would otherwise read
	// (their runs fail on the Dentrix patient ids and hold up the poll's other cases).
	sandbox.store.state.careCredit.feed.splice(0);
	const decisionId = await stack.openDental();
	const desk = new CareCreditDesk(sandbox.urls.careCredit);
	let next = 0;
	const accounts = async () => {
		const planned = addReliabilityAccounts(
			sandbox,
			'openDental',
			Array.from({ length: N }, () => ({
				i: next++,
				kind: 'shortfallPurchase' as const,
				road: 'chair' as const,
				location: 'downtown' as const,
				wave: 1 as const,
			})),
		);
		return await Promise.all(
			planned.map(async (a) => {
				const creditLineCents = Math.round(a.portionCents * 0.6);
				const c = { ...a, creditLineCents, purchaseCents: creditLineCents };
				return { ...c, sessionId: await desk.prefill('openDental', c), token: '' };
			}),
		);
	};
	const od = sandbox.store.state.openDental;
	const audited = (patNum: string, token: string) =>
		od.commlogs.some(
			(l) =>
				l.PatNum === Number(patNum) &&
				l.Note.includes(token) &&
				!/\.claim\]|held for review/i.test(l.Note),
		);
	const auditedAt = async (patNum: string, token: string, timeoutMs: number) => {
		const deadline = Date.now() + timeoutMs;
		while (!audited(patNum, token)) {
			if (Date.now() > deadline) throw new Error(`no audit commlog for patient ${patNum}`);
			await new Promise((r) => setTimeout(r, 50));
		}
		return Date.now();
	};
	const row = (label: string, times: number[], wallMs: number) => {
		console.log(
			`${label.padEnd(46)} n=${times.length}  p50 ${percentile(times, 50).toFixed(2)} s  p95 ${percentile(times, 95).toFixed(2)} s  ${((times.length / wallMs) * 60_000).toFixed(1)} cases/min`,
		);
	};

	// Chair-side: the decision, then the coordinator presses the link.
	const chair = await accounts();
	let counts = callCounts(sandbox);
	let started = Date.now();
	const chairTimes: number[] = [];
	await pool(chair, CONCURRENCY, async (c) => {
		c.token = tokenOf(await desk.decide(c));
		const pressed = Date.now();
		const answer = await fetch(
			`${stack.webhookUrl}/webhook/carecredit-chairside-opendental?session=${c.sessionId}`,
			{ headers: { accept: 'application/json' } },
		);
		if (!answer.ok) throw new Error(`chair-side link answered ${answer.status}`);
		chairTimes.push(((await auditedAt(c.patientId, c.token, 120_000)) - pressed) / 1000);
	});
	row('Open Dental, chair-side link (shortfall)', chairTimes, Date.now() - started);
	await new Promise((r) => setTimeout(r, 3000));
	callsPerCase('Open Dental chair-side link', counts, sandbox, N);

	// Trigger: N decisions wait in the feed, then one poll picks them all up.
	const polled = await accounts();
	await deactivateWorkflow(stack.main, decisionId);
	sandbox.store.state.careCredit.feed.splice(0);
	for (const c of polled) c.token = tokenOf(await desk.decide(c));
	counts = callCounts(sandbox);
	const polling = firstCareCreditCall(sandbox);
	const activated = Date.now();
	await activateWorkflow(stack.main, decisionId);
	started = await polling;
	console.log(
		`    (n8n's activation: the poll's first feed read came ${((started - activated) / 1000).toFixed(2)} s after the request, not counted)`,
	);
	const pollTimes: number[] = [];
	await pool(polled, CONCURRENCY, async (c) => {
		pollTimes.push(((await auditedAt(c.patientId, c.token, 20 * 60_000)) - started) / 1000);
	});
	row('Open Dental, CareCredit trigger (one poll)', pollTimes, Date.now() - started);
	await new Promise((r) => setTimeout(r, 3000));
	callsPerCase('Open Dental trigger (one poll)', counts, sandbox, N);
	await printPollRuns(stack.main, decisionId, started);
	await printFailedRuns(stack.main, decisionId);
}

/**
 * The poll runs of a workflow started since `since`: when each started and took, and what its
 * case writer did (its items' outcomes), so a tail in the times can be read.
 */
async function printPollRuns(n8n: RunningN8n, workflowId: string, since: number) {
	const runs = (await listExecutions(n8n, { workflowId }).catch(() => []))
		.filter((e) => e.mode === 'trigger' && Date.parse(e.startedAt ?? '') >= since - 1000)
		.reverse();
	for (const summary of runs) {
		const execution = await getExecution(n8n, summary.id);
		const runData = (
			execution.data as unknown as {
				resultData: {
					runData: Record<
						string,
						Array<{
							startTime?: number;
							executionTime?: number;
							data?: { main?: Array<Array<{ json: { outcome?: string } }> | null> };
						}>
					>;
				};
			}
		).resultData.runData;
		const writer = runData['Write the financed case']?.[0];
		const outcomes: Record<string, number> = {};
		for (const item of writer?.data?.main?.[0] ?? [])
			outcomes[String(item.json.outcome)] = (outcomes[String(item.json.outcome)] ?? 0) + 1;
		const at = (ms: number) => `+${((ms - since) / 1000).toFixed(1)} s`;
		const took = (a: string | null, b: string | null) =>
			`${((Date.parse(b ?? '') - Date.parse(a ?? '')) / 1000).toFixed(1)} s`;
		// Each step's start and time, in the order n8n ran them: where a poll's time goes.
		const steps = Object.entries(runData)
			.map(([name, [task]]) => ({
				name,
				start: task?.startTime ?? 0,
				ms: task?.executionTime ?? 0,
			}))
			.sort((a, b) => a.start - b.start)
			.map((s) => `${s.name} ${at(s.start)} ${s.ms} ms`);
		console.log(
			`      poll run ${summary.id} (${summary.status}): started ${at(Date.parse(summary.startedAt ?? ''))}, took ${took(summary.startedAt, summary.stoppedAt)}` +
				(writer
					? `; the case writer from ${at(writer.startTime ?? 0)} for ${((writer.executionTime ?? 0) / 1000).toFixed(1)} s: ${JSON.stringify(outcomes)}`
					: '') +
				`\n        steps: ${steps.join('; ')}`,
		);
	}
}

const STEPS_WITH_ERROR_OUTPUT = [
	'Get treatment plan',
	'Build arrangement',
	'Check arrangement',
	'Write the financed case',
];

/** The first failed runs of a workflow: per step, the items that left by its error output. */
async function printFailedRuns(n8n: RunningN8n, workflowId: string) {
	const failed = await listExecutions(n8n, { workflowId, status: ['error'] }).catch(() => []);
	for (const summary of failed.slice(0, 3)) {
		const execution = await getExecution(n8n, summary.id);
		const runData = (
			execution.data as unknown as {
				resultData: {
					error?: { message?: string };
					lastNodeExecuted?: string;
					runData: Record<
						string,
						Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>
					>;
				};
			}
		).resultData;
		console.log(
			`      failed run ${summary.id}: at ${runData.lastNodeExecuted}: ${runData.error?.message ?? ''}`,
		);
		for (const [node, runs] of Object.entries(runData.runData))
			for (const run of runs) {
				const errors = run.data?.main?.[1] ?? [];
				for (const item of errors.slice(0, 2))
					if (STEPS_WITH_ERROR_OUTPUT.includes(node))
						console.log(`        ${node} error output: ${JSON.stringify(item.json).slice(0, 600)}`);
			}
	}
}

async function main() {
	await measure('Single process', startSingle);
	if (process.argv.includes('--queue'))
		await measure('Queue mode (main, webhook processor, 2 workers, PostgreSQL, Redis)', startQueue);
}

if (process.argv.includes('--faults')) {
	void import('./bench-faults').then(({ runFaults }) =>
		runFaults().catch((error: Error) => {
			console.error(error.stack ?? error.message);
			process.exit(2);
		}),
	);
} else {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
