/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run bench -- --faults [--n 1000] [--pms dentrix|openDental|both] [--queue]`: the
// reliability run of issue 11, in real n8n with the packed package and the shipped decision
// templates imported unchanged (scripts/e2e/stack.ts, or scripts/e2e/queueStack.ts with
// `--queue`). N approved CareCredit decisions of four kinds (fully financed or with a shortfall,
// each with and without a completed purchase) reach the decision template by the chair-side link,
// by the CareCredit Trigger's poll, or both, while the sandbox stand-ins inject faults (5xx
// before and after commit, resets, timeouts, 429 with Retry-After), the feed repeats entries, n8n
// is restarted gracefully and SIGKILLed mid-poll (queue mode: a worker SIGKILLed mid-write,
// PostgreSQL and Redis restarted too). Then the faults are removed, 31 more polls run (each decision comes again) and every
// chair-side link is pressed again. The outcome is read from the sandbox's state alone (each case
// has an account of its own): per record kind, duplicates, lost cases and writes that disagree
// with the case. Exit code 1 when any is above zero.
// `--steady-per-min 30`: the same faults over a steady flow (one decision every 2 s, each link
// pressed as it is made), without the restart and the SIGKILL: the roads' times at a steady pace.
// With `--stops` as well, the restart (a third into the flow) and the SIGKILL mid-poll (two thirds
// in, at the poll's first write of a case only it brings; queue mode then adds its worker SIGKILL
// and the PostgreSQL and Redis restarts) come while the flow goes on, as they would in a practice.
// `--maintenance-page` (single process): the restart as docs/setup.md advises, the reverse proxy
// answering `/webhook/` with its maintenance page from just before the stop until n8n is up again:
// a link pressed meanwhile does not reach n8n (the trigger writes that case after the restart).
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
	activateWorkflow,
	deactivateWorkflow,
	GRACEFUL_SHUTDOWN_S,
	importCredentials,
	importWorkflow,
	listExecutions,
	n8nCli,
	PRACTICE_N8N_ENV,
	type RunningN8n,
} from './n8n/runtime';
import { practiceToday, tokenOf } from './e2e/practice';
import {
	fillPracticeSettings,
	SANDBOX_MERCHANT_NUMBERS,
	sandboxPracticeSettings,
} from './e2e/practiceSettings';
import { startQueueStack, type QueueStack } from './e2e/queueStack';
import {
	openDentalSandboxCredential,
	postJson,
	REPO,
	startStack,
	waitFor,
	type Stack,
} from './e2e/stack';
import type { Sandbox } from '../sandbox';
import type { DentrixPatient, DentrixTreatmentPlan } from '../sandbox/dentrix/types';

type Pms = 'dentrix' | 'openDental';
type Kind = 'full' | 'fullPurchase' | 'shortfall' | 'shortfallPurchase';
type Road = 'chair' | 'trigger' | 'both';
type Row = Record<string, unknown>;

const KINDS: Kind[] = ['full', 'fullPurchase', 'shortfall', 'shortfallPurchase'];
const KIND_LABEL: Record<Kind, string> = {
	full: 'fully financed',
	fullPurchase: 'fully financed + purchase',
	shortfall: 'shortfall',
	shortfallPurchase: 'shortfall + purchase',
};
/** The two locations' merchant numbers (sandbox/seed/locations.ts, docs/sandbox.md "Locations"). */
const LOCATIONS = {
	downtown: { merchant: '5348120100000001', dentrix: 'loc_downtown', clinic: 1 },
	lakeside: { merchant: '5348120100000002', dentrix: 'loc_lakeside', clinic: 2 },
} as const;
type Location = keyof typeof LOCATIONS;
/** The decision templates, found by file and by their webhook's path, never by node names. */
const DECISION_TEMPLATE: Record<Pms, string> = {
	dentrix: 'carecredit-decision-to-dentrix.json',
	openDental: 'opendental-decision-to-arrangement.json',
};

export interface Options {
	n: number;
	pms: Pms[];
	queue: boolean;
	faultRate: number;
	timeoutMs: number;
	concurrency: number;
	build: boolean;
	quietMs: number;
	/** Decisions a minute in a steady flow, without the restart and the SIGKILL (0: the bursts). */
	steadyPerMin: number;
	/** With a steady flow: the restart and the SIGKILL (and queue mode's chaos) during it. */
	stops: boolean;
	/** The graceful restart behind a maintenance page: no link reaches n8n while it stops. */
	maintenancePage: boolean;
}

export function parseOptions(argv: string[]): Options {
	const value = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i > 0 ? argv[i + 1] : undefined;
	};
	const pms = value('pms') ?? 'dentrix';
	if (!['dentrix', 'openDental', 'both'].includes(pms))
		throw new Error('--pms must be dentrix, openDental or both');
	return {
		n: Number(value('n') ?? 1000),
		pms: pms === 'both' ? ['dentrix', 'openDental'] : [pms as Pms],
		queue: argv.includes('--queue'),
		faultRate: Number(value('fault-rate') ?? 0.2),
		timeoutMs: Number(value('timeout-ms') ?? 8000),
		concurrency: Number(value('concurrency') ?? 4),
		build: !argv.includes('--no-build'),
		quietMs: Number(value('quiet-s') ?? 20) * 1000,
		steadyPerMin: Number(value('steady-per-min') ?? 0),
		stops: argv.includes('--stops'),
		maintenancePage: argv.includes('--maintenance-page'),
	};
}

interface Case {
	i: number;
	kind: Kind;
	road: Road;
	location: Location;
	/** 1: decided at the start; 2: decided after the graceful restart (the SIGKILLed poll's). */
	wave: 1 | 2;
	/** The PMS's patient (its own guarantor: one account per case) and the accepted plan. */
	patientId: string;
	planId: string;
	portionCents: number;
	creditLineCents: number;
	purchaseCents: number;
	sessionId: string;
	token: string;
	/** When the harness made the decision (the feed has it from then on). */
	decidedAt?: number;
}

/** The writers' default claim lease (nodes/shared/claim.ts `DEFAULT_LEASE_SECONDS`). */
const LEASE_MS = 300_000;

/** The texts of the practice system's notes (Dentrix ledger notes, Open Dental commlogs). */
function noteTexts(sandbox: Sandbox, pms: Pms): string[] {
	const state = sandbox.store.state;
	return pms === 'dentrix'
		? state.dentrix.ledgerNotes.map((n) => n.text)
		: state.openDental.commlogs.map((l) => String(l.Note ?? ''));
}

/** The claims still live in the practice system's notes: how many, and when the last runs out. */
function liveClaimsUntil(sandbox: Sandbox, pms: Pms): { count: number; until: number } {
	const texts = noteTexts(sandbox, pms);
	const now = Date.now();
	let count = 0;
	let until = 0;
	for (const text of texts) {
		if (!/\.claim\]/.test(text)) continue;
		const m = /until (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(text);
		const at = m ? Date.parse(m[1]!) : NaN;
		if (!(at > now)) continue;
		count++;
		until = Math.max(until, at);
	}
	return { count, until };
}
/**
 * The claim notes left at the end: still saying "is writing this case" (a stopped run's, not
 * rewritten), and those the run that took over rewrote (`.takenOver`, nodes/shared/claim.ts).
 */
function claimNotesLeft(sandbox: Sandbox, pms: Pms): { claims: number; takenOver: number } {
	const texts = noteTexts(sandbox, pms);
	return {
		claims: texts.filter((t) => /\.claim\]/.test(t)).length,
		takenOver: texts.filter((t) => /\.takenOver\]/.test(t)).length,
	};
}
/** Polls after the faults: every decision comes again at least once (the trigger's gap is 30). */
const RESEND_POLLS = 31;

const pad = (i: number) => String(i).padStart(5, '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dollars = (cents: number) => cents / 100;

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
	const queue = [...items];
	await Promise.all(
		Array.from({ length: size }, async () => {
			for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
		}),
	);
}

/** The cases, spread evenly over kinds, roads (some on both) and the two locations. */
function planCases(n: number): Array<Pick<Case, 'i' | 'kind' | 'road' | 'location' | 'wave'>> {
	return Array.from({ length: n }, (_, i) => {
		// A fixed hash of i, so roads are spread across kinds and locations alike.
		let h = Math.imul(i ^ 0x5bd1e995, 0x45d9f3b);
		h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
		h = ((h ^ (h >>> 16)) >>> 0) % 20;
		const road: Road = h < 2 ? 'both' : h % 2 === 0 ? 'chair' : 'trigger';
		return {
			i,
			kind: KINDS[i % 4],
			road,
			location: Math.floor(i / 4) % 2 === 0 ? 'downtown' : 'lakeside',
			wave: i % 3 === 2 ? 2 : 1,
		};
	});
}

/** One account and accepted plan per case, copied from a seeded one (in-process seed, as bench.ts). */
export function addAccounts(sandbox: Sandbox, pms: Pms, plan: ReturnType<typeof planCases>) {
	if (pms === 'dentrix') {
		const state = sandbox.store.state.dentrix;
		const patient = state.patients.find((p) => p.id === 'pat_1001')!;
		const seeded = state.treatmentPlans.find((p) => p.id === 'tp_2001')!;
		return plan.map((c) => {
			const patientId = `pat_rel${pad(c.i)}`;
			const planId = `tp_rel${pad(c.i)}`;
			state.patients.push({ ...patient, id: patientId, guarantorId: patientId } as DentrixPatient);
			state.treatmentPlans.push({
				...seeded,
				id: planId,
				patientId,
				locationId: LOCATIONS[c.location].dentrix,
			} as DentrixTreatmentPlan);
			const portionCents = seeded.procedures.reduce((a, p) => a + p.patientPortionCents, 0);
			return { ...c, patientId, planId, portionCents };
		});
	}
	// Open Dental: Maria Alvarez (PatNum 205) and her signed plan 403, copied row by row with new
	// numbers well above the sandbox's own sequences.
	const od = sandbox.store.state.openDental;
	const patient = od.patients.find((p) => p.PatNum === 205)!;
	const procs = od.procedures.filter((p) => p.PatNum === 205);
	const plans = od.treatPlans.filter((p) => p.PatNum === 205);
	return plan.map((c) => {
		const PatNum = 500_000 + c.i;
		const ClinicNum = LOCATIONS[c.location].clinic;
		const procNum = new Map<number, number>();
		procs.forEach((p, j) => {
			procNum.set(p.ProcNum, 5_000_000 + c.i * 50 + j);
			od.procedures.push({ ...p, ProcNum: procNum.get(p.ProcNum)!, PatNum, ClinicNum });
		});
		const planNum = new Map<number, number>();
		plans.forEach((p, j) => {
			planNum.set(p.TreatPlanNum, 5_000_000 + c.i * 10 + j);
			od.treatPlans.push({ ...p, TreatPlanNum: planNum.get(p.TreatPlanNum)!, PatNum });
		});
		for (const a of od.treatPlanAttaches.filter((x) => planNum.has(x.TreatPlanNum)))
			od.treatPlanAttaches.push({
				...a,
				TreatPlanAttachNum: 5_000_000 + od.treatPlanAttaches.length,
				TreatPlanNum: planNum.get(a.TreatPlanNum)!,
				ProcNum: procNum.get(a.ProcNum) ?? a.ProcNum,
			});
		const saved = od.procTPs.filter((x) => x.TreatPlanNum === 403);
		for (const t of saved)
			od.procTPs.push({
				...t,
				ProcTPNum: 5_000_000 + od.procTPs.length,
				TreatPlanNum: planNum.get(403)!,
				PatNum,
				ProcNumOrig: procNum.get(t.ProcNumOrig) ?? t.ProcNumOrig,
				ClinicNum,
			});
		od.patients.push({ ...patient, PatNum, Guarantor: PatNum, ClinicNum });
		const portionCents = saved.reduce((a, t) => a + t.PatAmtCents, 0);
		return { ...c, patientId: String(PatNum), planId: String(planNum.get(403)!), portionCents };
	});
}

/** CareCredit as the practice's staff and patients use it: prefill, then the patient decides. */
export class CareCreditDesk {
	private token = '';
	constructor(private readonly base: string) {}
	/**
	 * The desk's token. Token requests are faulted (for n8n's sake): a long steady flow outlives the
	 * token, so a new one is asked for until one comes.
	 */
	async signIn(): Promise<void> {
		let refused: unknown = null;
		for (let attempt = 1; !this.token; attempt++) {
			if (attempt > 20) throw new Error(`the desk's token, 20 tries: ${String(refused)}`);
			try {
				this.token = (
					await postJson<{ access_token: string }>(`${this.base}/oauth2/v1/token`, {
						grant_type: 'client_credentials',
						client_id: 'sandbox-client',
						client_secret: 'sandbox-secret',
					})
				).access_token;
			} catch (error) {
				refused = error;
				await sleep(500);
			}
		}
	}
	private async call<T>(path: string, body: unknown): Promise<T> {
		await this.signIn();
		const send = () =>
			fetch(`${this.base}${path}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		let response = await send();
		if (response.status === 401) {
			this.token = '';
			await this.signIn();
			response = await send();
		}
		if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
		return (await response.json()) as T;
	}
	/** A session waiting for the patient (not a test applicant: nothing is decided at prefill). */
	async prefill(pms: Pms, c: Omit<Case, 'sessionId' | 'token'>): Promise<string> {
		const invoice =
			pms === 'dentrix'
				? `${c.planId}~${LOCATIONS[c.location].dentrix}`
				: `${c.planId}~${LOCATIONS[c.location].clinic}`;
		const { sessionId } = await this.call<{ sessionId: string }>('/v1/carecredit/prefill', {
			merchantInfo: {
				merchantNumber: LOCATIONS[c.location].merchant,
				partnerCode: 'N8N',
				recordId: c.patientId,
			},
			applicants: [{ firstName: 'Reliability', lastName: `Case${pad(c.i)}` }],
			transactionInfo: { invoiceNumber: invoice },
		});
		return sessionId;
	}
	/** The patient is approved (and buys under DI24 for the kinds with a purchase). */
	async decide(c: Case): Promise<string> {
		const pullback = await postJson<{ applicationDetails: Array<{ applicationId: string }> }>(
			`${this.base}/__sandbox/careCredit/sessions/${c.sessionId}/decide`,
			{
				outcome: 'approved',
				creditLine: dollars(c.creditLineCents),
				promoCode: 'DI24',
				...(c.purchaseCents > 0 ? { purchaseAmount: dollars(c.purchaseCents) } : {}),
			},
		);
		return pullback.applicationDetails[0].applicationId;
	}
	async repeat(c: Case) {
		await postJson(`${this.base}/__sandbox/careCredit/feed/repeat`, { sessionId: c.sessionId });
	}
}

/** What differs between the single-process and the queue-mode stack. */
interface Target {
	sandbox: Sandbox;
	/** The decision template's workflow id (imported from its file). */
	decisionId: string;
	/** n8n's REST (the main process). */
	main(): RunningN8n;
	/** Where `/webhook/...` is served (the main process, or the webhook processor). */
	webhookBase(): string;
	gracefulRestart(): Promise<void>;
	killAndRestart(): Promise<void>;
	/**
	 * Queue mode only: a worker SIGKILLed mid-write (`killed` with the time), then PostgreSQL and
	 * Redis restarted.
	 */
	moreChaos?(midWrite: () => Promise<void>, killed: (at: number) => void): Promise<string[]>;
	stop(): Promise<void>;
}

async function singleTarget(work: string, options: Options, pms: Pms): Promise<Target> {
	// What a practice sets (PRACTICE_N8N_ENV): the graceful restart lets running cases finish.
	const stack: Stack = await startStack({ work, build: options.build, env: PRACTICE_N8N_ENV });
	const decisionId = pms === 'openDental' ? await openDentalOn(stack) : stack.ids.decision;
	return {
		sandbox: stack.sandbox,
		decisionId,
		main: () => stack.n8n,
		webhookBase: () => stack.n8n.url,
		gracefulRestart: async () => {
			await stack.restartN8n();
		},
		killAndRestart: async () => {
			await stack.n8n.kill();
			await stack.restartN8n();
		},
		stop: () => stack.stop(),
	};
}

/** One practice runs one practice system: Open Dental's template replaces Dentrix's (as test/e2e does). */
export async function openDentalOn(stack: Stack): Promise<string> {
	await stack.n8n.stop();
	await n8nCli(stack.home, ['unpublish:workflow', `--id=${stack.ids.decision}`]);
	await importCredentials(stack.home, [openDentalSandboxCredential(stack.sandbox)]);
	const id = await importWorkflow(
		stack.home,
		join(REPO, 'workflows', DECISION_TEMPLATE.openDental),
	);
	await stack.restartN8n();
	await stack.setUpTemplate(id);
	return id;
}

/**
 * The same swap in queue mode: the processes share PostgreSQL, so the CLI imports through the
 * main process's folder while everything runs, and the REST API unpublishes and publishes.
 */
export async function openDentalOnQueue(stack: QueueStack): Promise<string> {
	await deactivateWorkflow(stack.main, stack.ids.decision);
	await importCredentials(stack.mainHome, [openDentalSandboxCredential(stack.sandbox)]);
	const id = await importWorkflow(
		stack.mainHome,
		join(REPO, 'workflows', DECISION_TEMPLATE.openDental),
	);
	await fillPracticeSettings(
		stack.main,
		id,
		sandboxPracticeSettings(stack.sandbox.urls, stack.webhook.url),
		{ onlyExisting: true, merchantNumbers: SANDBOX_MERCHANT_NUMBERS },
	);
	await activateWorkflow(stack.main, id);
	return id;
}

async function queueTarget(work: string, options: Options, pms: Pms): Promise<Target> {
	const stack: QueueStack = await startQueueStack({ work, build: options.build });
	const decisionId = pms === 'openDental' ? await openDentalOnQueue(stack) : stack.ids.decision;
	return {
		sandbox: stack.sandbox,
		decisionId,
		main: () => stack.main,
		webhookBase: () => stack.webhook.url,
		gracefulRestart: async () => {
			await stack.main.stop((GRACEFUL_SHUTDOWN_S + 30) * 1000);
			await stack.restartMain();
		},
		killAndRestart: async () => {
			await stack.main.kill();
			await stack.restartMain();
		},
		moreChaos: async (midWrite, killed) => {
			const done: string[] = [];
			await midWrite();
			killed(Date.now());
			await stack.workers[0].kill();
			done.push('worker 1 SIGKILLed mid-write');
			await stack.restartWorker(0);
			await stack.postgres.restart();
			done.push('PostgreSQL restarted');
			await stack.redis.restart();
			done.push('Redis restarted');
			return done;
		},
		stop: () => stack.stop(),
	};
}

/** The chair-side link's path: the decision template's webhook node (found by type, not name). */
async function chairSidePath(pms: Pms): Promise<string> {
	const template = JSON.parse(
		await fs.readFile(join(REPO, 'workflows', DECISION_TEMPLATE[pms]), 'utf8'),
	) as { nodes: Array<{ type: string; parameters: { path?: string } }> };
	const webhook = template.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!webhook?.parameters.path) throw new Error(`${DECISION_TEMPLATE[pms]} has no webhook`);
	return webhook.parameters.path;
}

/** Fault rules: `rate` spread over the kinds so about that share of calls is struck. */
function faultRules(rate: number, timeoutMs: number): Row[] {
	const before: Row[] = [
		{ kind: 'status', status: 500 },
		{ kind: 'status', status: 503 },
		{ kind: 'status', status: 429, retryAfterSeconds: 1 },
		{ kind: 'reset' },
		{ kind: 'timeout', delayMs: timeoutMs },
	];
	const after: Row[] = [
		{ kind: 'status', status: 500, phase: 'after', method: 'POST' },
		{ kind: 'status', status: 503, phase: 'after', method: 'POST' },
		{ kind: 'reset', phase: 'after', method: 'POST' },
		{ kind: 'timeout', delayMs: timeoutMs, phase: 'after', method: 'POST' },
	];
	// The server tries rules in order, each with its own chance: 1-(1-r)^k = rate overall.
	const each = (k: number) => 1 - Math.pow(1 - rate, 1 / k);
	return [
		...before.map((r) => ({ ...r, phase: 'before', rate: each(before.length) })),
		...after.map((r) => ({ ...r, rate: each(after.length) })),
	];
}

/** Every service n8n calls; the harness's own prefills and the Dentrix plan feed are spared. */
const FAULTED: Array<{ service: string; pathPattern?: string }> = [
	{ service: 'careCredit', pathPattern: '^/(?!v1/carecredit/prefill$)' },
	{ service: 'dentrix', pathPattern: '^/v1/(?!treatment-plans$)' },
	{ service: 'openDental' },
	{ service: 'console', pathPattern: '^/hooks/' },
];

async function injectFaults(sandbox: Sandbox, options: Options) {
	for (const target of FAULTED)
		for (const rule of faultRules(options.faultRate, options.timeoutMs))
			await postJson(`${sandbox.urls.console}/__sandbox/faults`, { ...target, ...rule });
}

async function clearFaults(sandbox: Sandbox) {
	await fetch(`${sandbox.urls.console}/__sandbox/faults?service=all`, { method: 'DELETE' });
}

/**
 * Until no write reached the sandbox for `quietMs` with n8n running nothing, or for three times
 * that while it runs something. Executions started before `since` (the last start of n8n) are
 * left out: a SIGKILLed process's stay "running".
 */
async function settle(target: Target, quietMs: number, since: number, timeoutMs = 20 * 60_000) {
	const writes = () => target.sandbox.store.state.writes.length;
	let seen = writes();
	let quietSince = Date.now();
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await sleep(1000);
		const running = (
			await listExecutions(target.main(), { status: ['new', 'running'] }).catch(() => [
				{ startedAt: new Date().toISOString() },
			])
		).filter((e) => !e.startedAt || Date.parse(e.startedAt) >= since - 1000);
		// Runs of cases already written (the trigger's re-sends) write nothing: with runs going on,
		// no write for three times as long counts as quiet too.
		if (writes() !== seen) {
			seen = writes();
			quietSince = Date.now();
		} else if (Date.now() - quietSince >= (running.length > 0 ? 3 * quietMs : quietMs)) return;
		if (Date.now() > deadline) {
			console.log(`  (still busy after ${timeoutMs / 60_000} min: checking anyway)`);
			return;
		}
	}
}

async function pollNow(target: Target, workflowId: string) {
	await deactivateWorkflow(target.main(), workflowId);
	await activateWorkflow(target.main(), workflowId);
}

/** Presses a chair-side link; a refused or dropped press is what a person sees and presses again. */
async function press(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
		await response.text();
		return response.status;
	} catch {
		return 0;
	}
}

// ----- the check: the sandbox's state, one account per case -----

interface Tally {
	expected: number;
	found: number;
	duplicates: number;
	lost: number;
	wrong: number;
	examples: string[];
}
const RECORD_KINDS = [
	'agreement or payment plan',
	'CareCredit payment',
	'merchant-fee adjustment',
	'audit note',
	'review note',
	'coordinator message',
] as const;
type RecordKind = (typeof RECORD_KINDS)[number];

const HELD = /held for review/i;
// The "resolved" note says the case had been held for review: it is not a review note.
const RESOLVED = /resolved/i;

interface Found {
	plans: Row[];
	payments: Row[];
	adjustments: Row[];
	auditNotes: Row[];
	reviewNotes: Row[];
	resolvedNotes: Row[];
	coordinator: number;
	hookRepeats: number;
	/** The plan's amount as written (agreement total, or the plan's procedure links). */
	planCents: (p: Row) => number;
	paymentCents: (p: Row) => number;
	paymentRef: (p: Row) => string;
	paymentDate: (p: Row) => string;
	writtenOn: (p: Row) => string;
	planDate: (p: Row) => string;
}

/** Practice-local date (America/Chicago) of an instant. */
const localDate = (iso: string) => practiceToday('America/Chicago', new Date(iso));

function foundFor(sandbox: Sandbox, pms: Pms, c: Case): Found {
	const state = sandbox.store.state;
	// The coordinator message names the case by CareCredit's application number, not the token.
	const application = new RegExp(`\\b${c.token.slice(4, -1)}\\b`);
	const coordinator = state.notifications.filter(
		(m) => !['review', 'ops', 'patient'].includes(m.channel) && application.test(m.text),
	).length;
	// Posts of that message the hook kept and then failed (a fault after it committed): the
	// message node's retry posts it again, and no sender can tell (docs/templates.md).
	const hookRepeats = state.writes.filter(
		(w) =>
			w.service === 'console' &&
			w.faulted === 'after' &&
			w.path.startsWith('/hooks/') &&
			!/\/hooks\/(review|ops|patient)/.test(w.path) &&
			application.test(JSON.stringify(w.body ?? '')),
	).length;
	if (pms === 'dentrix') {
		const d = state.dentrix;
		const notes = d.ledgerNotes.filter((n) => n.guarantorId === c.patientId);
		return {
			plans: d.paymentAgreements.filter((a) => a.guarantorId === c.patientId) as unknown as Row[],
			payments: d.payments.filter((p) => p.guarantorId === c.patientId) as unknown as Row[],
			adjustments: d.adjustments.filter(
				(a) => a.guarantorId === c.patientId && a.direction === 'credit',
			) as unknown as Row[],
			auditNotes: notes.filter(
				(n) => n.text.includes(c.token) && !HELD.test(n.text) && !RESOLVED.test(n.text),
			) as unknown as Row[],
			reviewNotes: notes.filter(
				(n) => HELD.test(n.text) && !RESOLVED.test(n.text),
			) as unknown as Row[],
			resolvedNotes: notes.filter((n) => RESOLVED.test(n.text)) as unknown as Row[],
			coordinator,
			hookRepeats,
			planCents: (p) => Number(p.totalAgreedAmountCents),
			paymentCents: (p) => Number(p.amountCents),
			paymentRef: (p) => String(p.reference),
			paymentDate: (p) => String(p.date),
			writtenOn: (p) => localDate(String(p.createdAt)),
			planDate: (p) => String(p.agreementDate),
		};
	}
	const od = state.openDental;
	const patNum = Number(c.patientId);
	const logs = od.commlogs.filter((l) => l.PatNum === patNum);
	return {
		plans: od.payPlans.filter((p) => p.PatNum === patNum) as unknown as Row[],
		payments: od.payments.filter((p) => p.PatNum === patNum) as unknown as Row[],
		adjustments: od.adjustments.filter((a) => a.PatNum === patNum) as unknown as Row[],
		auditNotes: logs.filter(
			(l) => l.Note.includes(c.token) && !HELD.test(l.Note) && !RESOLVED.test(l.Note),
		) as unknown as Row[],
		reviewNotes: logs.filter(
			(l) => HELD.test(l.Note) && !RESOLVED.test(l.Note),
		) as unknown as Row[],
		resolvedNotes: logs.filter((l) => RESOLVED.test(l.Note)) as unknown as Row[],
		coordinator,
		hookRepeats,
		planCents: (p) =>
			od.payPlanLinks
				.filter((l) => l.PayPlanNum === p.PayPlanNum)
				.reduce((a, l) => a + l.AmountOverrideCents, 0),
		paymentCents: (p) => Number(p.PayAmtCents),
		paymentRef: (p) => String(p.CheckNum),
		paymentDate: (p) => String(p.PayDate).slice(0, 10),
		// The stand-in's clock is UTC ("yyyy-MM-dd HH:mm:ss"): the practice's date of that instant.
		writtenOn: (p) => {
			const stamp = String(p.SecDateTEntry ?? '');
			return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(stamp)
				? localDate(`${stamp.replace(' ', 'T')}Z`)
				: String(p.DateEntry ?? '').slice(0, 10);
		},
		planDate: (p) => String(p.PayPlanDate).slice(0, 10),
	};
}

/** `settings`: the Practice settings the run could set (a reworked template may lack one). */
/** When a process running cases went: a graceful stop (from SIGTERM to its exit) or a SIGKILL. */
interface Stop {
	from: number;
	to: number;
}

/**
 * Coordinator messages of a case posted again because the process running it stopped after the
 * message and before its audit note (a graceful stop that ran out of time, or a SIGKILL): the run
 * taking over when the claim's lease ends cannot know the message went (docs/templates.md, "Its
 * limits"). Per stop: the case's last message kept by the hook before the stop ended, no audit
 * write of the case committed between that message and the stop's end, and a message after it.
 */
function repeatsAfterStops(sandbox: Sandbox, c: Case, stops: Stop[]): number {
	const id = c.token.slice(4, -1);
	const kept = sandbox.store.state.writes.filter(
		(w) => w.status >= 200 && w.status < 300 && JSON.stringify(w.body ?? '').includes(id),
	);
	const posts = kept
		.filter((w) => w.service === 'console' && !/\/hooks\/(review|ops|patient)/.test(w.path))
		.map((w) => Date.parse(w.at));
	const audits = kept
		.filter((w) => w.service !== 'console' && w.method === 'PUT')
		.map((w) => Date.parse(w.at));
	return stops.filter((s) => {
		const last = posts.filter((t) => t <= s.to).at(-1);
		return (
			last !== undefined &&
			last >= s.from - LEASE_MS &&
			!audits.some((t) => t >= last && t <= s.to) &&
			posts.some((t) => t > s.to)
		);
	}).length;
}

/**
 * A plan is dated the day its arrangement was built (today in the practice's zone): from the
 * decision's local date to the day it was written. The two differ when a poll's run built its
 * cases before local midnight and wrote the last ones after it.
 */
function datedBetween(date: string, decidedAt: number | undefined, writtenOn: string): boolean {
	const decidedOn =
		decidedAt === undefined ? writtenOn : localDate(new Date(decidedAt).toISOString());
	return date >= decidedOn && date <= writtenOn;
}

function check(sandbox: Sandbox, pms: Pms, cases: Case[], settings: string[], stops: Stop[]) {
	const tally = Object.fromEntries(
		RECORD_KINDS.map((k) => [
			k,
			{ expected: 0, found: 0, duplicates: 0, lost: 0, wrong: 0, examples: [] } as Tally,
		]),
	) as Record<RecordKind, Tally>;
	const note = (
		kind: RecordKind,
		field: 'duplicates' | 'lost' | 'wrong',
		c: Case,
		what: string,
	) => {
		tally[kind][field] += 1;
		if (tally[kind].examples.length < 3)
			tally[kind].examples.push(`${field}: ${c.patientId} (${c.road}, ${c.location}) ${what}`);
	};
	const transactions = sandbox.store.state.careCredit.transactions;
	const lostCases: Case[] = [];
	const unresolved: Case[] = [];
	const messageTrouble: Case[] = [];
	let hookRepeated = 0;
	let stopRepeated = 0;
	for (const c of cases) {
		const f = foundFor(sandbox, pms, c);
		const financed = Math.min(c.creditLineCents, c.portionCents);
		const shortfall = c.portionCents - financed;
		const purchase = transactions.find(
			(t) => t.sessionId === c.sessionId && t.transactionType === 'PURCHASE',
		);
		const written = f.auditNotes.length > 0;
		const openReview = !written && f.reviewNotes.length > 0;
		if (!written && !openReview) lostCases.push(c);
		const count = (kind: RecordKind, found: number, expected: number) => {
			tally[kind].expected += expected;
			tally[kind].found += found;
			if (found > 1) note(kind, 'duplicates', c, `${found} of them`);
			else if (found === 0 && expected > 0 && !openReview) note(kind, 'lost', c, 'none written');
			else if (found > 0 && expected === 0) note(kind, 'wrong', c, 'written, none expected');
		};

		// The agreement (Dentrix: financing record or in-house plan) or Open Dental's plan.
		const planExpected = pms === 'dentrix' ? 1 : shortfall > 0 ? 1 : 0;
		const planAmount = pms === 'dentrix' && shortfall === 0 ? financed : shortfall;
		count('agreement or payment plan', f.plans.length, planExpected);
		for (const p of f.plans) {
			if (planExpected === 0) continue;
			if (f.planCents(p) !== planAmount)
				note('agreement or payment plan', 'wrong', c, `amount ${f.planCents(p)} != ${planAmount}`);
			else if (!datedBetween(f.planDate(p), c.decidedAt, f.writtenOn(p)))
				note(
					'agreement or payment plan',
					'wrong',
					c,
					`dated ${f.planDate(p)}, written ${f.writtenOn(p)}`,
				);
		}

		// The CareCredit payment, by transaction id: gross (the Practice setting the run uses).
		const payments = purchase
			? f.payments.filter((p) => f.paymentRef(p) === purchase.transactionID)
			: [];
		count('CareCredit payment', payments.length, purchase ? 1 : 0);
		for (const p of f.payments.filter((x) => !payments.includes(x)))
			note(
				'CareCredit payment',
				'wrong',
				c,
				`payment ${f.paymentRef(p)} names no purchase of the case`,
			);
		for (const p of payments) {
			// Gross as set; net (amount less the merchant fee) too where the template has no such setting.
			const net = purchase!.amountCents - purchase!.merchantFeeCents;
			const allowed = settings.includes('paymentPosting')
				? [purchase!.amountCents]
				: [purchase!.amountCents, net];
			if (!allowed.includes(f.paymentCents(p)))
				note(
					'CareCredit payment',
					'wrong',
					c,
					`amount ${f.paymentCents(p)} != ${purchase!.amountCents}`,
				);
			else if (![localDate(purchase!.at), f.writtenOn(p)].includes(f.paymentDate(p)))
				note('CareCredit payment', 'wrong', c, `dated ${f.paymentDate(p)}`);
		}

		// The merchant-fee adjustment (Dentrix, when the practice turns it on; Open Dental: none).
		const feeExpected =
			settings.includes('merchantFeeAdjustment') && purchase && purchase.merchantFeeCents > 0
				? 1
				: 0;
		count('merchant-fee adjustment', f.adjustments.length, feeExpected);
		for (const a of f.adjustments)
			if (feeExpected && Number(a.amountCents) !== purchase!.merchantFeeCents)
				note(
					'merchant-fee adjustment',
					'wrong',
					c,
					`amount ${String(a.amountCents)} != ${purchase!.merchantFeeCents}`,
				);

		count('audit note', f.auditNotes.length, 1);
		// A review note says nothing was written: with the case written and no "resolved" note,
		// the ledger contradicts itself.
		tally['review note'].found += f.reviewNotes.length;
		if (f.reviewNotes.length > 1)
			note('review note', 'duplicates', c, `${f.reviewNotes.length} of them`);
		if (f.reviewNotes.length > 0 && written && f.resolvedNotes.length === 0) {
			note('review note', 'wrong', c, 'held for review, then written, never resolved');
			unresolved.push(c);
		}
		// A message repeated only because the hook failed after keeping it is counted apart.
		const repeats = Math.min(f.hookRepeats, Math.max(0, f.coordinator - 1));
		hookRepeated += repeats;
		// So is one posted again after the process stopped between the message and the audit note.
		const afterStop = Math.min(
			repeatsAfterStops(sandbox, c, stops),
			Math.max(0, f.coordinator - repeats - 1),
		);
		stopRepeated += afterStop;
		const messages = f.coordinator - repeats - afterStop;
		count('coordinator message', messages, written ? 1 : 0);
		if (messages !== (written ? 1 : 0)) messageTrouble.push(c);
	}
	return { tally, lostCases, unresolved, hookRepeated, stopRepeated, messageTrouble };
}

function printTable(title: string, tally: Record<RecordKind, Tally>) {
	console.log(`\n${title}`);
	console.log(
		`${'record kind'.padEnd(28)}${'expected'.padStart(9)}${'found'.padStart(8)}${'duplicates'.padStart(12)}${'lost'.padStart(7)}${'wrong'.padStart(7)}`,
	);
	for (const kind of RECORD_KINDS) {
		const t = tally[kind];
		const expected = kind === 'review note' ? '-' : String(t.expected);
		console.log(
			`${kind.padEnd(28)}${expected.padStart(9)}${String(t.found).padStart(8)}${String(t.duplicates).padStart(12)}${String(t.lost).padStart(7)}${String(t.wrong).padStart(7)}`,
		);
	}
	for (const kind of RECORD_KINDS)
		for (const example of tally[kind].examples) console.log(`  e.g. ${kind}, ${example}`);
}

/**
 * Decision to audit note, by road: the note's time is the first answered write of the case's
 * final token to the notes (Dentrix ledger notes, Open Dental commlogs) in the sandbox's write
 * log. The run's restarts and its SIGKILL fall inside these times, as they would in a practice.
 * Then, for each phase of the run (`marks`, its moments in order), how many notes came in it: a
 * case whose note came only after the faults were removed waited for the run's last phase.
 */
function printTimes(
	sandbox: Sandbox,
	pms: Pms,
	cases: Case[],
	marks: Array<{ label: string; at: number }>,
): Case[] {
	const notes = pms === 'dentrix' ? /\/ledger-notes/ : /\/commlogs/;
	const firstAt = new Map<string, number>();
	for (const w of sandbox.store.state.writes) {
		if (w.faulted === 'before' || w.status >= 300 || !notes.test(w.path)) continue;
		const text = JSON.stringify(w.body ?? '');
		if (HELD.test(text)) continue;
		for (const token of text.match(/\[cc:[^\].]+\]/g) ?? [])
			if (!firstAt.has(token)) firstAt.set(token, Date.parse(w.at));
	}
	const quantile = (times: number[], p: number) =>
		times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
	const phaseOf = (at: number) => {
		let label = 'before the first mark';
		for (const m of marks) if (at >= m.at) label = m.label;
		return label;
	};
	console.log("decision to audit note (s), by road; where the notes came, by the run's phase:");
	const took = (c: Case) => firstAt.get(c.token)! - c.decidedAt!;
	for (const road of ['trigger', 'chair', 'both'] as Road[]) {
		const written = cases.filter((c) => c.road === road && c.decidedAt && firstAt.has(c.token));
		const times = written.map((c) => took(c) / 1000).sort((a, b) => a - b);
		if (times.length === 0) continue;
		console.log(
			`  ${road.padEnd(8)} n=${times.length}  p50 ${quantile(times, 0.5).toFixed(1)}  p95 ${quantile(times, 0.95).toFixed(1)}  max ${times[times.length - 1]!.toFixed(1)}`,
		);
		for (const m of [{ label: 'before the first mark' }, ...marks]) {
			const inPhase = written
				.filter((c) => phaseOf(firstAt.get(c.token)!) === m.label)
				.map((c) => took(c) / 1000)
				.sort((a, b) => a - b);
			if (inPhase.length === 0) continue;
			console.log(
				`    ${m.label}: ${inPhase.length} (${((100 * inPhase.length) / times.length).toFixed(1)}%), p50 ${quantile(inPhase, 0.5).toFixed(1)}, p95 ${quantile(inPhase, 0.95).toFixed(1)}`,
			);
		}
	}
	// The trigger road's slowest cases, for printCases: what held them.
	return cases
		.filter((c) => c.road === 'trigger' && c.decidedAt && firstAt.has(c.token))
		.sort((a, b) => took(b) - took(a))
		.slice(0, 5);
}

/** What the sandbox holds for a few cases: their notes, the messages and the writes naming them. */
function printCases(label: string, sandbox: Sandbox, pms: Pms, lost: Case[]) {
	const state = sandbox.store.state;
	for (const c of lost.slice(0, 5)) {
		const notes =
			pms === 'dentrix'
				? state.dentrix.ledgerNotes.filter((n) => n.guarantorId === c.patientId).map((n) => n.text)
				: state.openDental.commlogs
						.filter((l) => l.PatNum === Number(c.patientId))
						.map((l) => l.Note);
		const id = c.token.slice(4, -1);
		const messages = state.notifications.filter((m) => m.text.includes(id));
		const writes = state.writes.filter((w) => JSON.stringify(w.body ?? '').includes(id));
		console.log(
			`  ${label} ${c.patientId} ${id} (${c.road}, ${c.location}, wave ${c.wave}, decided at ${c.decidedAt ? new Date(c.decidedAt).toISOString() : '?'}): ${notes.length} notes ${JSON.stringify(notes.map((t) => t.slice(0, 160)))}; ${messages.length} messages ${JSON.stringify(messages.map((m) => `${m.channel}: ${m.text.slice(0, 100)}`))}; writes naming it ${JSON.stringify(writes.map((w) => `${w.at.slice(11, 19)} ${w.method} ${w.path} ${w.status}${w.faulted ? ` ${w.faulted}` : ''}${/\(run ([^,\s)]+)/.exec(JSON.stringify(w.body ?? ''))?.[0] ?? ''}`))}`,
		);
	}
}

async function runOne(options: Options, pms: Pms): Promise<boolean> {
	const started = Date.now();
	const at = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s`;
	const say = (line: string) => console.log(`${at()}  ${line}`);
	const work = await fs.mkdtemp(join(tmpdir(), 'bench-faults-'));
	say(
		`${pms}, ${options.queue ? 'queue mode (main + 2 workers, PostgreSQL, Redis)' : 'single process'}: starting the stack`,
	);
	const target = options.queue
		? await queueTarget(work, options, pms)
		: await singleTarget(work, options, pms);
	try {
		const { sandbox } = target;
		const decision = { id: target.decisionId, path: await chairSidePath(pms) };
		// The practice posts the merchant fee as an adjustment (a Practice setting, where the template has it).
		const filled = await fillPracticeSettings(
			target.main(),
			decision.id,
			{ merchantFeeAdjustment: true, paymentPosting: 'gross' },
			{ onlyExisting: true },
		);
		await pollNow(target, decision.id);
		say(
			`decision workflow ${decision.id} (/webhook/${decision.path}); Practice settings set: ${filled.filled.join(', ') || 'none'}`,
		);
		const desk = new CareCreditDesk(sandbox.urls.careCredit);
		await desk.signIn();
		const accounts = addAccounts(sandbox, pms, planCases(options.n));
		const cases: Case[] = [];
		for (const a of accounts) {
			const short = a.kind.startsWith('shortfall');
			const creditLineCents = short ? Math.round(a.portionCents * 0.6) : a.portionCents * 2;
			const financed = Math.min(creditLineCents, a.portionCents);
			const c = {
				...a,
				creditLineCents,
				purchaseCents: a.kind.endsWith('Purchase') ? financed : 0,
			};
			// A steady flow prefills each case just before its decision (CareCredit ends an
			// application session that waits too long).
			const sessionId = options.steadyPerMin > 0 ? '' : await desk.prefill(pms, c);
			cases.push({ ...c, sessionId, token: '' });
		}
		const link = (c: Case) =>
			`${target.webhookBase()}/webhook/${decision.path}?session=${c.sessionId}`;
		const decide = async (c: Case) => {
			c.token = tokenOf(await desk.decide(c));
			c.decidedAt = Date.now();
		};
		const wave1 = cases.filter((c) => c.wave === 1);
		const wave2 = cases.filter((c) => c.wave === 2);
		say(
			`${cases.length} cases: ${KINDS.map((k) => `${cases.filter((c) => c.kind === k).length} ${KIND_LABEL[k]}`).join(', ')}; roads ${(['chair', 'trigger', 'both'] as Road[]).map((r) => `${r} ${cases.filter((c) => c.road === r).length}`).join(', ')}; downtown ${cases.filter((c) => c.location === 'downtown').length}, lakeside ${cases.filter((c) => c.location === 'lakeside').length}`,
		);

		await injectFaults(sandbox, options);
		say(
			`faults on (${Math.round(options.faultRate * 100)}% of calls to CareCredit, ${pms === 'dentrix' ? 'Dentrix' : 'Open Dental'} and the message hooks; timeouts hold ${options.timeoutMs / 1000} s)`,
		);
		// The run's moments, for where the audit notes came (printTimes).
		const marks: Array<{ label: string; at: number }> = [];
		const mark = (label: string) => marks.push({ label, at: Date.now() });
		const pressed = { ok: 0, failed: 0, maintenance: 0 };
		/** `--maintenance-page`: while set, a pressed link gets the proxy's page, not n8n. */
		let behindMaintenancePage = false;
		const pressOne = async (c: Case) => {
			if (behindMaintenancePage) {
				pressed.maintenance += 1;
				return;
			}
			const status = await press(link(c));
			if (status === 200) pressed.ok += 1;
			else pressed.failed += 1;
		};
		const pressAll = (list: Case[]) =>
			pool(
				list.filter((c) => c.road !== 'trigger'),
				options.concurrency,
				pressOne,
			);
		// The stops of processes that run cases: n8n itself, or in queue mode a worker (main only
		// polls and enqueues there).
		const stops: Stop[] = [];
		let lastStart = Date.now();
		let lastKill = 0;
		/** The first write naming one of these cases' tokens, from now on (a poll writing them). */
		const firstWriteOf = (tokensNow: () => string[]) => {
			let scanned = sandbox.store.state.writes.length;
			return () => {
				const fresh = sandbox.store.state.writes.slice(scanned);
				scanned += fresh.length;
				const tokens = tokensNow();
				return fresh.some((w) => {
					const body = JSON.stringify(w.body ?? '');
					return tokens.some((t) => body.includes(t));
				});
			};
		};
		const restartGracefully = async () => {
			say('graceful restart of n8n');
			mark('graceful restart');
			const stopFrom = Date.now();
			behindMaintenancePage = options.maintenancePage && !options.queue;
			await target.gracefulRestart().finally(() => (behindMaintenancePage = false));
			if (!options.queue) stops.push({ from: stopFrom, to: Date.now() });
			lastStart = Date.now();
			say(`n8n started again ${((lastStart - stopFrom) / 1000).toFixed(0)} s after the stop began`);
		};
		/** Queue mode: a worker SIGKILLed at the first write after `start`, PostgreSQL and Redis restarted. */
		const workerChaos = async (start: () => unknown) => {
			if (!target.moreChaos) return;
			mark('worker SIGKILL, PostgreSQL and Redis restarts');
			const done = await target.moreChaos(
				async () => {
					const before = sandbox.store.state.writes.length;
					start();
					await waitFor(
						'a write',
						async () => (sandbox.store.state.writes.length > before ? true : undefined),
						120_000,
					).catch(() => undefined);
				},
				(at) => stops.push({ from: at, to: at + 1000 }),
			);
			lastKill = Date.now();
			say(done.join('; '));
		};
		/** At `touched` (a poll's write, or after 3 minutes without one): n8n SIGKILLed, then started. */
		const killMidPoll = async (touched: () => boolean, what: string) => {
			await waitFor(what, async () => (touched() ? true : undefined), 3 * 60_000).catch(() =>
				say(`${what}: no such write seen in 3 min, killing anyway`),
			);
			await sleep(2000);
			say('SIGKILL of n8n mid-poll, then start');
			mark('SIGKILL mid-poll');
			lastKill = Date.now();
			if (!options.queue) stops.push({ from: lastKill, to: lastKill + 1000 });
			await target.killAndRestart();
			lastStart = Date.now();
			say(`n8n started again ${((lastStart - lastKill) / 1000).toFixed(0)} s after the SIGKILL`);
		};
		/**
		 * `--stops` in a steady flow: a graceful restart a third into the flow, a SIGKILL mid-poll two
		 * thirds in (at the poll's first write of a case decided since, that only the poll brings),
		 * then queue mode's worker SIGKILL mid-write and PostgreSQL and Redis restarts. The flow goes on.
		 */
		const stopsDuringFlow = async (decidedSoFar: () => number) => {
			const third = Math.floor(cases.length / 3);
			const flowLong = (cases.length * 60_000) / options.steadyPerMin + 60_000;
			await waitFor(
				'a third of the flow',
				async () => (decidedSoFar() >= third ? true : undefined),
				flowLong,
			);
			await restartGracefully();
			mark('steady flow after the restart');
			await waitFor(
				'two thirds of the flow',
				async () => (decidedSoFar() >= 2 * third ? true : undefined),
				flowLong,
			);
			const later = cases.slice(2 * third).filter((c) => c.road === 'trigger');
			const touched = firstWriteOf(() => later.filter((c) => c.token).map((c) => c.token));
			await killMidPoll(touched, 'a poll writing a case decided since');
			mark('steady flow after the SIGKILL');
			// A worker SIGKILLed mid-write: at the flow's next write.
			await workerChaos(() => undefined);
		};
		if (options.steadyPerMin > 0) {
			// A steady flow instead of the two bursts: one decision every 60/perMin seconds, its
			// chair-side link pressed as it is made; the faults alike; the stops only with --stops.
			mark('steady flow');
			const gapMs = 60_000 / options.steadyPerMin;
			const from = Date.now();
			const presses: Array<Promise<void>> = [];
			let decided = 0;
			// Held, not left rejected while the flow goes on (an unhandled rejection ends the process).
			let chaosFailed: unknown = null;
			const chaos = options.stops
				? stopsDuringFlow(() => decided).catch((error: unknown) => {
						say(`the stops during the flow failed: ${String(error)}`);
						chaosFailed = error ?? 'failed';
					})
				: Promise.resolve();
			for (const [k, c] of cases.entries()) {
				await sleep(Math.max(0, from + k * gapMs - Date.now()));
				c.sessionId = await desk.prefill(pms, c);
				await decide(c);
				decided = k + 1;
				// Feed repeats: one decision in ten delivered again.
				if (c.i % 10 === 3) await desk.repeat(c);
				if (c.road !== 'trigger') presses.push(pressOne(c));
			}
			await Promise.all(presses);
			say(
				`steady flow: ${cases.length} decisions over ${((Date.now() - from) / 60_000).toFixed(1)} min, their links pressed (${pressed.ok} answered, ${pressed.failed} refused or dropped, ${pressed.maintenance} got the maintenance page)`,
			);
			await chaos;
			if (chaosFailed) throw chaosFailed;
		} else {
			mark('wave 1');
			for (const c of wave1) await decide(c);
			say(`wave 1: ${wave1.length} decisions in the feed`);
			// Feed repeats: one decision in ten delivered again.
			for (const c of wave1.filter((x) => x.i % 10 === 3)) await desk.repeat(c);
			const firstPresses = pressAll(wave1);
			await sleep(20_000);
			await restartGracefully();
			await firstPresses;
			say(
				`chair-side links of wave 1 pressed (${pressed.ok} answered, ${pressed.failed} refused or dropped, ${pressed.maintenance} got the maintenance page)`,
			);

			mark('wave 2');
			for (const c of wave2) await decide(c);
			for (const c of cases.filter((x) => x.i % 10 === 7)) await desk.repeat(c);
			say(`wave 2: ${wave2.length} decisions in the feed, more repeats`);
			// Mid-poll: the first write carrying the token of a wave-2 case only the poll can bring.
			const polledOnly = wave2.filter((c) => c.road === 'trigger');
			const tokens2 = (polledOnly.length > 0 ? polledOnly : wave2).map((c) => c.token);
			const touched = firstWriteOf(() => tokens2);
			const secondPresses = pressAll(wave2);
			await killMidPoll(touched, 'the poll writing wave 2');
			await secondPresses;
			// A worker SIGKILLed mid-write: while chair-side links of wave 1 are being written again.
			let presses: Promise<void> = Promise.resolve();
			await workerChaos(() => (presses = pressAll(wave1)));
			await presses;
		}
		say('waiting for n8n to go quiet (faults still on)');
		mark('quiet wait, faults on');
		await settle(target, options.quietMs, lastStart);
		await clearFaults(sandbox);
		mark('faults removed, lease wait');
		// A run killed while holding a case keeps its claim for the lease (5 minutes), and so does a
		// run that failed on a fault (its last request may still land): the polls below come after
		// every such claim has run out, as the trigger's later re-sends would.
		const claimsLeft = liveClaimsUntil(sandbox, pms);
		const leaseOver = Math.max(lastKill + LEASE_MS + 30_000, claimsLeft.until + 5_000);
		if (Date.now() < leaseOver) {
			say(
				`faults removed; waiting ${Math.round((leaseOver - Date.now()) / 1000)} s for the claims of killed runs to run out (${claimsLeft.count} claim(s) still live: of the killed runs, or of runs that failed on a fault)`,
			);
			await sleep(leaseOver - Date.now());
		}
		// The trigger sends a decision again at the 1st, 2nd, 4th, 8th, 16th, 32nd and then every
		// 30th poll after it first sent it: 31 polls bring every decision of the run again at least
		// once (a practice's n8n polls once a minute; the run does not wait half an hour).
		say(`faults removed; ${RESEND_POLLS} more polls, one after another`);
		mark('final polls');
		for (let poll = 1; poll <= RESEND_POLLS; poll++) await pollNow(target, decision.id);
		await settle(target, options.quietMs, lastStart);
		pressed.ok = 0;
		pressed.failed = 0;
		mark('every link pressed again');
		await pressAll(cases);
		await settle(target, options.quietMs, lastStart);
		say(`every chair-side link pressed again (${pressed.ok} answered, ${pressed.failed} refused)`);

		const failed = await listExecutions(target.main(), { status: ['error', 'crashed'] }).catch(
			() => [],
		);
		say(`n8n executions that failed or crashed (as n8n still holds them): ${failed.length}`);
		const writes = sandbox.store.state.writes;
		say(
			`write log: ${writes.length} writes, ${writes.filter((w) => w.faulted === 'before').length} struck before, ${writes.filter((w) => w.faulted === 'after').length} struck after commit`,
		);
		const { tally, lostCases, unresolved, hookRepeated, stopRepeated, messageTrouble } = check(
			sandbox,
			pms,
			cases,
			filled.filled,
			stops,
		);
		printTable(
			`Reliability run, ${pms}, ${options.queue ? 'queue mode' : 'single process'}, N=${cases.length}, ${((Date.now() - started) / 60_000).toFixed(1)} min:`,
			tally,
		);
		console.log(
			`coordinator messages posted again by the message node's retry after the hook had kept them and then failed (a fault after commit, not a second run): ${hookRepeated}`,
		);
		console.log(
			`coordinator messages posted again by the run taking over after the process stopped (graceful stop out of time, or SIGKILL) between the message and its audit note: ${stopRepeated}`,
		);
		const slowest = printTimes(sandbox, pms, cases, marks);
		printCases('slowest on the trigger road', sandbox, pms, slowest);
		printCases('lost', sandbox, pms, lostCases);
		printCases('unresolved review', sandbox, pms, unresolved);
		printCases('coordinator message count off', sandbox, pms, messageTrouble);
		const byWhere = new Map<string, number>();
		for (const c of lostCases)
			byWhere.set(`${c.road}/${c.location}`, (byWhere.get(`${c.road}/${c.location}`) ?? 0) + 1);
		console.log(
			`lost cases (no audit note, no open review): ${lostCases.length}${lostCases.length ? ` (${[...byWhere].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
		);
		const left = claimNotesLeft(sandbox, pms);
		console.log(
			`claim notes still saying "is writing this case": ${left.claims}; stopped runs' claims rewritten by the run that took over: ${left.takenOver}`,
		);
		return (
			lostCases.length === 0 &&
			RECORD_KINDS.every((k) => tally[k].duplicates + tally[k].lost + tally[k].wrong === 0)
		);
	} finally {
		await target.stop();
		await fs.rm(work, { recursive: true, force: true });
	}
}

export async function runFaults(argv = process.argv): Promise<void> {
	const options = parseOptions(argv);
	let clean = true;
	for (const pms of options.pms) clean = (await runOne(options, pms)) && clean;
	console.log(
		clean ? '\nZero duplicates, zero lost, zero wrong.' : '\nNOT CLEAN: see the tables above.',
	);
	process.exit(clean ? 0 : 1);
}

if (require.main === module) {
	runFaults().catch((error: Error) => {
		console.error(error.stack ?? error.message);
		process.exit(2);
	});
}
