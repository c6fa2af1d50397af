/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The trigger road's floor with the writer's protocol, in a process of its own (`npm run bench`
// starts it): one poll's feed read, then the poll's cases as the writer takes them (at most
// `CASES_AT_ONCE` at a time, their requests at most `REQUESTS_AT_ONCE` at a time: a node run's
// request slots), each making the calls Financed Case: Write makes on Dentrix: the
// treatment plan, the patient, the account's agreements, the case's notes, the claim note, its
// 1 s settle, the check read, the session's review note read, the agreement, the message, the
// claim rewritten into the audit note. Only n8n is missing. Its own process, so that its requests
// do not share a thread with the sandbox that answers them (the bench runs the sandbox).
// Reads the job (JSON) from the file named by its argument; prints `{ startedAt, noteAt }`.
import { promises as fs } from 'fs';

import { CASES_AT_ONCE } from '../nodes/shared/financedCase';
import { REQUESTS_AT_ONCE } from '../nodes/shared/runCache';

/** Rounds of warm-up reads (one treatment plan read a case each) before the clock starts. */
export const WARM_UP_ROUNDS = 3;

export interface FloorJob {
	urls: { dentrix: string; careCredit: string; hook: string };
	careCreditToken: string;
	merchantNumber: string;
	/** An agreement's request body as the template's writer sent it (its note's token replaced). */
	agreement: Record<string, unknown> & { note: string };
	/** The audit note the template's writer wrote (its tokens replaced). */
	note: { date: string; kind: string; text: string };
	cases: { patientId: string; planId: string; sessionId: string; applicationId: string }[];
}

/** A limiter: at most `size` of the works it is handed run at a time, the others wait their turn. */
function slotsOf(size: number) {
	let free = size;
	const waiting: (() => void)[] = [];
	return async <T>(work: () => Promise<T>): Promise<T> => {
		if (free > 0) free -= 1;
		else await new Promise<void>((r) => waiting.push(r));
		try {
			return await work();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else free += 1;
		}
	};
}

async function send(url: string, method: string, headers: Record<string, string>, body?: unknown) {
	const response = await fetch(url, {
		method,
		headers: { ...headers, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}`);
	// The message hook answers in plain text.
	const text = await response.text();
	return (/^\s*[[{]/.test(text) ? JSON.parse(text) : {}) as Record<string, unknown>;
}

async function main() {
	const job = JSON.parse(await fs.readFile(process.argv[2]!, 'utf8')) as FloorJob;
	const slots = slotsOf(REQUESTS_AT_ONCE);
	const dentrix = (method: string, path: string, body?: unknown) =>
		slots(() =>
			send(
				`${job.urls.dentrix}/v1${path}`,
				method,
				{ authorization: 'Bearer sandbox-dentrix-key' },
				body,
			),
		);
	const noteAt: Record<string, string> = {};
	const writeCase = async (c: FloorJob['cases'][number]) => {
		const token = `[cc:${c.applicationId}]`;
		const notesOf = (text: string) =>
			`/accounts/${c.patientId}/ledger-notes?contains=${encodeURIComponent(text)}&limit=200`;
		await dentrix('GET', `/treatment-plans/${c.planId}`);
		await dentrix('GET', `/patients/${c.patientId}`);
		await dentrix('GET', `/accounts/${c.patientId}/payment-agreements?limit=200`);
		await dentrix('GET', notesOf(`[cc:${c.applicationId}`));
		const until = new Date(Date.now() + 300_000).toISOString();
		const claim = await dentrix('POST', `/accounts/${c.patientId}/ledger-notes`, {
			patientId: c.patientId,
			date: job.note.date,
			kind: job.note.kind,
			text: `[cc:${c.applicationId}.claim] run bench until ${until}`,
		});
		await new Promise((r) => setTimeout(r, 1000));
		await dentrix('GET', notesOf(`[cc:${c.applicationId}`));
		await dentrix('GET', notesOf(`[cc:${c.sessionId}.review]`));
		await dentrix('POST', `/accounts/${c.patientId}/payment-agreements`, {
			...job.agreement,
			note: job.agreement.note.replace(/\[cc:[^\]]+\]/, token),
		});
		await slots(() => send(job.urls.hook, 'POST', {}, { text: `bench ${token}` }));
		await dentrix('PUT', `/accounts/${c.patientId}/ledger-notes/${String(claim.id)}`, {
			text: job.note.text.replace(/\[cc:[^\]]+\]/g, token),
		});
		noteAt[c.applicationId] = new Date().toISOString();
	};
	// A fresh process is cold (its HTTP client, the JIT): warm it on reads first, so the floor is
	// not raised by what a running n8n has long done.
	for (let round = 0; round < WARM_UP_ROUNDS; round++)
		await Promise.all(job.cases.map((c) => dentrix('GET', `/treatment-plans/${c.planId}`)));
	const startedAt = new Date().toISOString();
	// The poll's feed read, as the trigger's clock includes it.
	await send(
		`${job.urls.careCredit}/v1/carecredit/merchants/${job.merchantNumber}/decisions?cursor=0&limit=100`,
		'GET',
		{ authorization: `Bearer ${job.careCreditToken}` },
	);
	// The writer's lanes: each takes the next case when its last one is written.
	const lanes = slotsOf(CASES_AT_ONCE);
	await Promise.all(job.cases.map((c) => lanes(() => writeCase(c))));
	console.log(JSON.stringify({ startedAt, noteAt }));
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
