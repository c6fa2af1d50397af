/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run bench -- --faults ...` is the reliability run instead (scripts/bench-faults.ts).
// `npm run bench [-- --n 200 --concurrency 4 --no-build]`: N approved CareCredit decisions
// through real n8n and the shipped decision template, by each road, against a bare script
// making the same HTTP calls (the floor). Time-to-arrangement is "decision available" (the
// application's appEntryDate) to "audit note written" (the note's createdAt), both on the
// sandbox clock. The trigger road excludes the poll wait (a decision waits up to a minute for
// n8n's next poll, about 30 s on average): its clock starts when the poll starts.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { activateWorkflow, deactivateWorkflow, PRACTICE_RETENTION_ENV } from './n8n/runtime';
import { Practice, tokenOf } from './e2e/practice';
import { postJson, startStack, waitFor, type Stack } from './e2e/stack';
import type { DentrixPatient, DentrixTreatmentPlan } from '../sandbox/dentrix/types';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 200);
const CONCURRENCY = arg('concurrency', 4);
/** The trigger watches the credential's merchant (downtown); the chair-side cases use lakeside's. */
const WATCHED = '5348120100000001';
const UNWATCHED = '5348120100000002';

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

/** N fresh accounts, each a copy of Daniel Whitaker with a copy of his plan (in-process seed). */
function addAccounts(stack: Stack, road: string): Case[] {
	const state = stack.sandbox.store.state.dentrix;
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
	private token = '';
	constructor(private readonly base: string) {}
	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.token) {
			const auth = await postJson<{ access_token: string }>(`${this.base}/oauth2/v1/token`, {
				grant_type: 'client_credentials',
				client_id: 'sandbox-client',
				client_secret: 'sandbox-secret',
			});
			this.token = auth.access_token;
		}
		const response = await fetch(`${this.base}${path}`, {
			method,
			headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
		return (await response.json()) as T;
	}
	/** A test applicant named "Approved" is approved at once (docs/carecredit-api.md). */
	async approvedDecision(c: Case, merchantNumber: string) {
		const { sessionId } = await this.call<{ sessionId: string }>('POST', '/v1/carecredit/prefill', {
			merchantInfo: { merchantNumber, partnerCode: 'N8N', recordId: c.patientId },
			applicants: [{ firstName: 'Bench', lastName: 'Approved' }],
			transactionInfo: { invoiceNumber: `${c.planId}~loc_downtown` },
		});
		const pullback = await this.call<{
			applicationDetails: Array<{ applicationId: string; appEntryDate: string }>;
		}>('GET', `/v1/carecredit/sessions/${sessionId}`);
		c.sessionId = sessionId;
		c.applicationId = pullback.applicationDetails[0].applicationId;
		c.decidedAt = pullback.applicationDetails[0].appEntryDate;
	}
}

async function noteOf(practice: Practice, c: Case) {
	const token = tokenOf(c.applicationId!);
	const note = (await practice.ledgerNotes(c.patientId)).find((n) =>
		String(n.text).includes(token),
	);
	return note ? String(note.createdAt) : undefined;
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

async function main() {
	const work = await fs.mkdtemp(join(tmpdir(), 'bench-'));
	console.log(
		`Benchmark: N=${N}, chair-side concurrency ${CONCURRENCY}. Starting the sandbox and n8n...`,
	);
	const stack = await startStack({
		work,
		build: !process.argv.includes('--no-build'),
		packageDir: process.env.BENCH_PACKAGE_DIR,
		// Measured with the retention a practice sets, not the tests' 3-second hard deletion.
		env: PRACTICE_RETENTION_ENV,
	});
	try {
		const practice = new Practice(stack.sandbox.urls);
		const careCredit = new CareCreditClient(stack.sandbox.urls.careCredit);
		const link = (c: Case) =>
			`${stack.n8n.url}/webhook/carecredit-chairside?session=${c.sessionId}`;

		// 1. Chair-side road: decision, then the coordinator presses the link.
		const chairSide = addAccounts(stack, 'c');
		let start = Date.now();
		await pool(chairSide, CONCURRENCY, async (c) => {
			await careCredit.approvedDecision(c, UNWATCHED);
			const answer = await fetch(link(c));
			if (!answer.ok)
				throw new Error(
					`chair-side link answered ${answer.status}: ${await answer.text()}\n${stack.n8n.logs().slice(-3000)}`,
				);
			c.noteAt = await waitFor('the audit note', () => noteOf(practice, c), 120_000);
		});
		const chairRow = summary(
			'n8n, chair-side link',
			chairSide,
			(c) => c.decidedAt!,
			Date.now() - start,
		);

		// 2. Trigger road: N decisions wait in the feed, then one poll picks them all up.
		const polled = addAccounts(stack, 't');
		await deactivateWorkflow(stack.n8n, stack.ids.decision);
		await pool(polled, CONCURRENCY, (c) => careCredit.approvedDecision(c, WATCHED));
		start = Date.now();
		const pollStart = new Date().toISOString();
		await activateWorkflow(stack.n8n, stack.ids.decision);
		await pool(polled, CONCURRENCY, async (c) => {
			c.noteAt = await waitFor('the audit note', () => noteOf(practice, c), 20 * 60_000);
		});
		const triggerRow = summary(
			'n8n, CareCredit trigger (poll wait excluded)',
			polled,
			(c) => (c.decidedAt! > pollStart ? c.decidedAt! : pollStart),
			Date.now() - start,
		);

		// 3. The floor: the same HTTP calls from a bare script, no n8n.
		const bare = addAccounts(stack, 'b');
		const [written] = await practice.agreements(chairSide[0].patientId);
		const [writtenNote] = await practice.ledgerNotes(chairSide[0].patientId);
		const dentrix = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${stack.sandbox.urls.dentrix}/v1${path}`, {
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
		start = Date.now();
		await pool(bare, CONCURRENCY, async (c) => {
			await careCredit.approvedDecision(c, UNWATCHED);
			const token = tokenOf(c.applicationId!);
			await careCredit.call('GET', `/v1/carecredit/sessions/${c.sessionId}`);
			await dentrix('GET', `/treatment-plans/${c.planId}`);
			await dentrix('GET', `/patients/${c.patientId}`);
			await dentrix('GET', `/accounts/${c.patientId}/payment-agreements?limit=200`);
			const agreement = Object.fromEntries(
				Object.entries(written).filter(
					([k]) =>
						![
							'id',
							'guarantorId',
							'status',
							'createdAt',
							'createdBy',
							'updatedAt',
							'closedAt',
							'edits',
						].includes(k),
				),
			);
			await dentrix('POST', `/accounts/${c.patientId}/payment-agreements`, {
				...agreement,
				note: String(written.note).replace(/\[cc:[^\]]+\]/, token),
			});
			await dentrix('GET', `/accounts/${c.patientId}/ledger-notes?limit=200`);
			const note = await dentrix('POST', `/accounts/${c.patientId}/ledger-notes`, {
				patientId: c.patientId,
				date: writtenNote.date,
				kind: writtenNote.kind,
				text: String(writtenNote.text).replace(/\[cc:[^\]]+\]/g, token),
			});
			await postJson(`${stack.sandbox.urls.console}/hooks/bench`, { text: `bench ${token}` });
			c.noteAt = String(note.createdAt);
		});
		const bareRow = summary(
			'bare script, same HTTP calls (floor)',
			bare,
			(c) => c.decidedAt!,
			Date.now() - start,
		);

		console.log(`
Ratios to the floor (n8n / bare script):
  chair-side p50 ${(chairRow.p50 / bareRow.p50).toFixed(1)}x, throughput ${(bareRow.perMinute / chairRow.perMinute).toFixed(1)}x slower
  trigger    p50 ${(triggerRow.p50 / bareRow.p50).toFixed(1)}x (one poll carrying ${N} decisions), throughput ${(bareRow.perMinute / triggerRow.perMinute).toFixed(1)}x slower
The trigger road's poll wait is excluded: in production a decision waits up to 60 s (about 30 s on average) for n8n's next poll.`);
	} finally {
		await stack.stop();
		await fs.rm(work, { recursive: true, force: true });
	}
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
