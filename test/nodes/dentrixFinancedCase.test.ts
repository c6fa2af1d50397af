/* eslint-disable @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: sandbox and item JSON is read loosely, and the suite prints the calls it counted */
// Dentrix "Financed Case: Write" through n8n-core's real execution against the stand-in: one
// case whole under one claim, several runs of it at once, a deadline reached and the case then
// taken over, a case held for review later written.
import { sleep } from 'n8n-workflow';

import { chain, decision, POLICY, setup } from './dentrixFixtures';
import { CASES_AT_ONCE } from '../../nodes/shared/financedCase';
import { REQUESTS_AT_ONCE } from '../../nodes/shared/runCache';

jest.setTimeout(60_000);

let env: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

const TOKEN = '[cc:APP-700001]';

function caseWorkflow(write: Record<string, unknown> = {}) {
	return chain([
		{
			name: 'Plan',
			type: 'dentrix',
			parameters: {
				resource: 'treatmentPlan',
				operation: 'get',
				treatmentPlan: {
					__rl: true,
					mode: 'id',
					value: '={{ $json.decision.pms.treatmentPlanId }}',
				},
			},
		},
		{
			name: 'Build',
			type: 'paymentArrangement',
			parameters: {
				operation: 'build',
				decision: "={{ $('Start').item.json.decision }}",
				policy: { ...POLICY, posting: 'gross', merchantFeeAdjustment: true },
			},
		},
		{
			name: 'Case',
			type: 'dentrix',
			parameters: {
				resource: 'financedCase',
				operation: 'write',
				transactionId: 'TXN-700001',
				...write,
			},
		},
	]);
}

const items = () => [{ decision: decision() }];

async function account() {
	const s = await env.state();
	const mine = (list: any[]) => list.filter((r) => r.guarantorId === 'pat_1027');
	return {
		agreements: mine(s.paymentAgreements),
		notes: mine(s.ledgerNotes),
		payments: mine(s.payments),
		adjustments: mine(s.adjustments),
	};
}

/** The case's claim expires (as if its lease had passed: its until is moved back at the stand-in). */
async function expireClaim() {
	const claimNote = (await account()).notes.find((n) => /\.claim\]/.test(n.text));
	await fetch(`${env.sandbox.urls.dentrix}/v1/accounts/pat_1027/ledger-notes/${claimNote.id}`, {
		method: 'PUT',
		headers: { authorization: 'Bearer sandbox-dentrix-key', 'content-type': 'application/json' },
		body: JSON.stringify({
			text: claimNote.text.replace(
				/until [^)]+\)/,
				`until ${new Date(Date.now() - 1000).toISOString()})`,
			),
		}),
	});
}

const caseWrites = async () =>
	(await env.admin.writes()).map(
		(w) => `${w.method} ${w.path.replace('/v1/accounts/pat_1027', '')}`,
	);

test('one case whole: one agreement, one payment, one fee, one note (the claim become the audit note)', async () => {
	const run = await env.harness.run(caseWorkflow(), { items: items() });
	expect(run.error).toBeUndefined();
	const out = run.json('Case')[0]! as any;
	expect(out).toMatchObject({
		outcome: 'created',
		created: true,
		resolvedReview: false,
		resolvedMessage: '',
		agreement: { outcome: 'created', id: expect.any(String) },
		careCreditPayment: { outcome: 'created', id: expect.any(String) },
		merchantFee: { outcome: 'created', id: expect.any(String) },
		resolvedNote: { outcome: 'nothingToWrite', id: null },
		auditNote: { outcome: 'created', id: expect.any(String) },
	});
	expect(out.message).toMatch(/^CareCredit approved /);
	// CareCredit's own application number is the coordinator's handle on the case; no practice-system id, no token.
	expect(out.message).not.toMatch(/\[cc:|pat_|tp_/);
	const a = await account();
	expect([a.agreements.length, a.notes.length, a.payments.length, a.adjustments.length]).toEqual([
		1, 1, 1, 1,
	]);
	expect(a.notes[0].text).toContain(TOKEN);
	expect(a.notes[0].text).not.toMatch(/\.claim\]/);
	expect(await caseWrites()).toEqual([
		'POST /ledger-notes',
		'POST /payment-agreements',
		'POST /payments',
		'POST /adjustments',
		`PUT /ledger-notes/${out.auditNote.id}`,
	]);

	const before = (await env.admin.writes()).length;
	const again = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(again).toMatchObject({ outcome: 'alreadyWritten', created: false, message: '' });
	expect(await env.admin.writes()).toHaveLength(before);
});

test.each([2, 3, 4])(
	'%i runs of the same case at once: exactly one of every record',
	async (runs) => {
		const results = await Promise.all(
			Array.from({ length: runs }, () => env.harness.run(caseWorkflow(), { items: items() })),
		);
		for (const r of results) expect(r.error).toBeUndefined();
		const outs = results.map((r) => r.json('Case')[0]!);
		expect(outs.filter((o) => o.created)).toHaveLength(1);
		for (const o of outs)
			expect(['created', 'anotherRunIsWriting', 'alreadyWritten']).toContain(o.outcome);
		const a = await account();
		expect(a.agreements).toHaveLength(1);
		expect(a.payments).toHaveLength(1);
		expect(a.adjustments).toHaveLength(1);
		expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
		expect(a.notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);
		const w = await caseWrites();
		expect(w.filter((x) => x.startsWith('POST /payment-agreements'))).toHaveLength(1);
		expect(w.filter((x) => x.startsWith('POST /payments'))).toHaveLength(1);
		expect(w.filter((x) => x.startsWith('POST /adjustments'))).toHaveLength(1);
		console.log(
			`Dentrix, ${runs} runs of one case at once: writes at the stand-in ${JSON.stringify(w)}`,
		);
	},
);

test('a deadline reached: unfinished, what exists said, nothing after; the expired claim is then taken over and the case completed', async () => {
	// Lease 47 s: a Dentrix request (30 s timeout) starts only until 2 s after the claim.
	await env.admin.fault({
		kind: 'latency',
		delayMs: 3000,
		method: 'POST',
		pathPattern: 'payment-agreements$',
		count: 1,
	} as never);
	const first = (
		await env.harness.run(caseWorkflow({ claimLeaseSeconds: 47 }), { items: items() })
	).json('Case')[0]!;
	expect(first).toMatchObject({
		outcome: 'unfinished',
		created: false,
		message: '',
		agreement: { outcome: 'created' },
		careCreditPayment: { outcome: 'unfinished', id: null },
		auditNote: { outcome: 'notStarted' },
	});
	expect(first.whatExists).toMatch(/^written: the payment agreement\. /);
	expect(await caseWrites()).toEqual(['POST /ledger-notes', 'POST /payment-agreements']);

	await expireClaim();
	const second = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(second).toMatchObject({
		outcome: 'created',
		created: true,
		agreement: { outcome: 'alreadyWritten' },
		careCreditPayment: { outcome: 'created' },
		merchantFee: { outcome: 'created' },
		auditNote: { outcome: 'created' },
	});
	const a = await account();
	expect([a.agreements.length, a.payments.length, a.adjustments.length]).toEqual([1, 1, 1]);
	expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
	// The first run's lapsed claim no longer says it is writing the case.
	expect(a.notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);
	expect(a.notes.filter((n) => /\[cc:APP-700001\.takenOver\]/.test(n.text))).toEqual([
		expect.objectContaining({
			text: expect.stringMatching(/stopped before it finished this case; .* took the case over/),
		}),
	]);
});

test('a case held for review, later written: one resolved note and the resolved message', async () => {
	// The review path wrote its note (keyed by the CareCredit session), nothing else.
	const review = await fetch(`${env.sandbox.urls.dentrix}/v1/accounts/pat_1027/ledger-notes`, {
		method: 'POST',
		headers: { authorization: 'Bearer sandbox-dentrix-key', 'content-type': 'application/json' },
		body: JSON.stringify({
			patientId: 'pat_1027',
			text: 'CareCredit case held for review: Dentrix could not be reached. Nothing was written. [cc:sess-700001.review]',
		}),
	});
	expect(review.status).toBe(201);
	const runs = await Promise.all(
		[1, 2].map(() => env.harness.run(caseWorkflow(), { items: items() })),
	);
	const outs = runs.map((r) => r.json('Case')[0]!);
	const writer = outs.find((o) => o.created)!;
	expect(writer).toMatchObject({ resolvedReview: true, resolvedNote: { outcome: 'created' } });
	expect(writer.resolvedMessage).toMatch(/^Resolved: /);
	expect(writer.resolvedMessage).not.toMatch(/\[cc:|pat_|sess-/);
	expect(outs.filter((o) => o.resolvedReview)).toHaveLength(1);
	const notes = (await account()).notes;
	expect(notes.filter((n) => /\[cc:APP-700001\.resolved\]/.test(n.text))).toHaveLength(1);
	expect(notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
});

test('a run whose claim lands just after another run finished the case stands down: nothing written twice', async () => {
	// The first run's claim reaches Dentrix 3 s late; the second run claims, writes the whole case
	// and turns its claim into the audit note in that time. The first run's check read then finds
	// no live claim but its own, and the case's audit note: it writes nothing.
	await env.admin.fault({
		kind: 'latency',
		delayMs: 3000,
		method: 'POST',
		pathPattern: 'ledger-notes$',
		count: 1,
	} as never);
	const late = env.harness.run(caseWorkflow(), { items: items() });
	await sleep(300);
	const quick = await env.harness.run(caseWorkflow(), { items: items() });
	const slow = await late;
	expect(quick.error).toBeUndefined();
	expect(slow.error).toBeUndefined();
	expect(quick.json('Case')[0]).toMatchObject({ outcome: 'created', created: true });
	expect(slow.json('Case')[0]).toMatchObject({ outcome: 'alreadyWritten', created: false });
	const a = await account();
	expect([a.agreements.length, a.payments.length, a.adjustments.length]).toEqual([1, 1, 1]);
	expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
	expect(a.notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);
	expect((await caseWrites()).filter((w) => w.startsWith('POST /payment-agreements'))).toHaveLength(
		1,
	);
});

describe('a review note holding the case (Ledger Note: Create with Held Decision)', () => {
	const reviewNote = () =>
		chain([
			{
				name: 'Review',
				type: 'dentrix',
				parameters: {
					resource: 'ledgerNote',
					operation: 'create',
					source: 'fields',
					guarantorId: 'pat_1027',
					patientId: 'pat_1027',
					text: 'CareCredit approval held for review by automation. Problems: - Dentrix was not reached',
					caseReference: '[cc:sess-700001.review]',
					heldDecision: "={{ $('Start').item.json.decision }}",
				},
			},
		]);
	const reviews = async () =>
		(await account()).notes.filter((n) => /\[cc:sess-700001\.review\]/.test(n.text));

	test('is not written once the case is written', async () => {
		await env.harness.run(caseWorkflow(), { items: items() });
		const writes = (await env.admin.writes()).length;
		const run = await env.harness.run(reviewNote(), { items: items() });
		expect(run.error).toBeUndefined();
		expect(run.json('Review')[0]).toMatchObject({ outcome: 'caseWritten', created: false });
		expect(await reviews()).toEqual([]);
		expect(await env.admin.writes()).toHaveLength(writes);
	});

	test('written alongside a run of the case: never a review note left beside a written case unresolved', async () => {
		for (let round = 0; round < 3; round++) {
			const [review, written] = await Promise.all([
				env.harness.run(reviewNote(), { items: items() }),
				env.harness.run(caseWorkflow(), { items: items() }),
			]);
			expect(review.error).toBeUndefined();
			expect(written.error).toBeUndefined();
		}
		// Whatever the order: the case ends written once, and a review note is there only with
		// the case's "resolved" note beside it.
		const a = await account();
		expect(a.agreements).toHaveLength(1);
		expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
		const resolved = a.notes.filter((n) => /\[cc:APP-700001\.resolved\]/.test(n.text));
		expect((await reviews()).length).toBeLessThanOrEqual(1);
		if ((await reviews()).length === 1) expect(resolved).toHaveLength(1);
		expect(a.notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);
	});
});

test('a refusal after the agreement was written: the error says what exists, for the review note', async () => {
	await env.admin.fault({
		kind: 'status',
		status: 400,
		method: 'POST',
		pathPattern: '/payments$',
		count: 1,
	} as never);
	const run = await env.harness.run(caseWorkflow(), { items: items() });
	const error = run.error as any;
	expect(error).toBeDefined();
	expect(error.context.details.whatExists).toMatch(/^written: the payment agreement\b/);
	expect(error.context.details.whatExists).not.toMatch(/CareCredit payment/);
	expect((await account()).agreements).toHaveLength(1);
});

describe('messages sent by the writer while it holds the case', () => {
	const hooks = () => ({
		coordinatorWebhookUrl: `${env.sandbox.urls.console}/hooks/coordinator`,
		reviewWebhookUrl: `${env.sandbox.urls.console}/hooks/review`,
	});
	const told = (channel: string) =>
		env.sandbox.store.state.notifications.filter(
			(m) => m.channel === channel && m.text.includes('APP-700001'),
		);

	test('the coordinator message goes out before the audit note, once; repeats send nothing', async () => {
		const out = (
			await env.harness.run(caseWorkflow({ messages: hooks() }), { items: items() })
		).json('Case')[0]!;
		expect(out).toMatchObject({ outcome: 'created', coordinatorTold: true, reviewTold: false });
		expect(told('coordinator')).toHaveLength(1);
		expect(told('coordinator')[0]!.text).toBe(out.message);
		await Promise.all(
			[1, 2, 3].map(() => env.harness.run(caseWorkflow({ messages: hooks() }), { items: items() })),
		);
		expect(told('coordinator')).toHaveLength(1);
	});

	test("n8n's database not answering after the message: the audit note is still written, the case needs no second run", async () => {
		// As pg-pool did in a queue-mode reliability run (PostgreSQL restarted): reads of the
		// credential fail for a while, right after the coordinator message went out.
		env.harness.credentials.failReads(3, () => told('coordinator').length > 0);
		const run = await env.harness.run(caseWorkflow({ messages: hooks() }), { items: items() });
		expect(run.error).toBeUndefined();
		expect(run.json('Case')[0]).toMatchObject({ outcome: 'created', coordinatorTold: true });
		expect(told('coordinator')).toHaveLength(1);
		const a = await account();
		expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
		expect(a.notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);
	});

	test('a run stopped before its audit note sends nothing; the run that takes the case over sends it, once', async () => {
		await env.admin.fault({
			kind: 'latency',
			delayMs: 3000,
			method: 'POST',
			pathPattern: 'payment-agreements$',
			count: 1,
		} as never);
		const first = (
			await env.harness.run(caseWorkflow({ claimLeaseSeconds: 47, messages: hooks() }), {
				items: items(),
			})
		).json('Case')[0]!;
		expect(first).toMatchObject({ outcome: 'unfinished' });
		expect(told('coordinator')).toEqual([]);
		await expireClaim();
		const second = (
			await env.harness.run(caseWorkflow({ messages: hooks() }), { items: items() })
		).json('Case')[0]!;
		expect(second).toMatchObject({ outcome: 'created', coordinatorTold: true });
		expect(told('coordinator')).toHaveLength(1);
	});

	test('a webhook that keeps failing: the case is written, coordinatorTold false (the template sends it then)', async () => {
		await env.admin.call('POST', '/__sandbox/faults', {
			service: 'console',
			kind: 'status',
			status: 503,
			pathPattern: '^/hooks/',
			count: 10,
		});
		const out = (
			await env.harness.run(caseWorkflow({ messages: hooks() }), { items: items() })
		).json('Case')[0]!;
		expect(out).toMatchObject({ outcome: 'created', created: true, coordinatorTold: false });
		expect(out.message).toMatch(/^CareCredit approved /);
		expect(told('coordinator')).toEqual([]);
	}, 90_000);

	test('an address that is not a web address is refused before anything is written', async () => {
		const run = await env.harness.run(
			caseWorkflow({ messages: { coordinatorWebhookUrl: 'hooks/coordinator' } }),
			{ items: items() },
		);
		expect(run.error?.message ?? '').toMatch(/not written/);
		expect(JSON.stringify(run.error)).toMatch(/messages\.coordinatorWebhookUrl/);
		expect(await env.admin.writes()).toEqual([]);
	});
});

test('a run stopped mid-case whose claim became the review note: the next run finds what exists and finishes the case, resolved', async () => {
	await env.admin.fault({
		kind: 'latency',
		delayMs: 3000,
		method: 'POST',
		pathPattern: 'payment-agreements$',
		count: 1,
	} as never);
	// As the template does: the case ends unfinished, and the same execution writes its review
	// note under the case's claim (its claim note becomes the review note).
	const stopped = caseWorkflow({ claimLeaseSeconds: 47 });
	stopped.nodes.push({
		id: 'review',
		name: 'Review',
		type: stopped.nodes.find((n) => n.name === 'Case')!.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			resource: 'ledgerNote',
			operation: 'create',
			source: 'fields',
			guarantorId: 'pat_1027',
			patientId: 'pat_1027',
			text: 'CareCredit approval held for review by automation. Problems: - the run stopped',
			caseReference: '[cc:sess-700001.review]',
			heldDecision: "={{ $('Start').item.json.decision }}",
		},
		credentials: stopped.nodes.find((n) => n.name === 'Case')!.credentials,
	} as never);
	(stopped.connections as any).Case = { main: [[{ node: 'Review', type: 'main', index: 0 }]] };
	const first = await env.harness.run(stopped, { items: items() });
	expect(first.json('Case')[0]).toMatchObject({ outcome: 'unfinished' });
	expect(first.json('Review')[0]).toMatchObject({ outcome: 'created', created: true });
	expect((await account()).notes.filter((n) => /\.claim\]/.test(n.text))).toEqual([]);

	const second = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(second).toMatchObject({
		outcome: 'created',
		resolvedReview: true,
		agreement: { outcome: 'alreadyWritten' },
		careCreditPayment: { outcome: 'created' },
		resolvedNote: { outcome: 'created' },
	});
	const a = await account();
	expect([a.agreements.length, a.payments.length, a.adjustments.length]).toEqual([1, 1, 1]);
	expect(a.notes.filter((n) => n.text.includes(TOKEN))).toHaveLength(1);
});

describe('a poll of many cases in one run', () => {
	/** N accounts, each a copy of Hank Fischer with a copy of his plan (in-process seed). */
	function accounts(n: number) {
		const state = env.sandbox.store.state.dentrix;
		const patient = state.patients.find((p) => p.id === 'pat_1027')!;
		const plan = state.treatmentPlans.find((p) => p.id === 'tp_2019')!;
		return Array.from({ length: n }, (_, k) => {
			const patientId = `pat_poll${k}`;
			const treatmentPlanId = `tp_poll${k}`;
			state.patients.push({ ...patient, id: patientId, guarantorId: patientId });
			state.treatmentPlans.push({ ...plan, id: treatmentPlanId, patientId });
			return decision({
				applicationId: `APP-71${String(k).padStart(4, '0')}`,
				sessionId: `sess-71${k}`,
				purchase: { transactionId: `TX-71${k}`, amountCents: 325001, promotionCode: null },
				pms: { ...decision().pms, patientId, guarantorId: patientId, treatmentPlanId },
			});
		});
	}

	test('cases run at the same time, each written once; the same case twice in the poll takes turns', async () => {
		// More cases than the writer takes at once: the rest wait, unclaimed, for a free lane.
		const cases = accounts(CASES_AT_ONCE + 6);
		// The feed sent the first case twice in the same poll: it comes again right after itself.
		const polled = [cases[0]!, cases[0]!, ...cases.slice(1)];
		// Every answer takes 30 ms, so the run's requests overlap: at most its slots at once.
		await env.admin.fault({ kind: 'latency', delayMs: 30, rate: 1, phase: 'before' });
		await env.admin.call('GET', '/__sandbox/in-flight');
		const run = await env.harness.run(
			caseWorkflow({
				transactionId: "={{ $('Start').item.json.decision.purchase.transactionId }}",
				messages: {
					coordinatorWebhookUrl: `${env.sandbox.urls.console}/hooks/coordinator`,
					reviewWebhookUrl: `${env.sandbox.urls.console}/hooks/review`,
				},
			}),
			{ items: polled.map((d) => ({ decision: d })) },
		);
		expect(run.error).toBeUndefined();
		const out = run.json('Case') as any[];
		// One output per item, in the items' order.
		expect(out.map((o) => o.referenceToken)).toEqual(
			polled.map((d: any) => `[cc:${d.applicationId}]`),
		);
		expect(out.map((o) => o.outcome)).toEqual([
			'created',
			'alreadyWritten',
			...cases.slice(1).map(() => 'created'),
		]);
		const s = await env.state();
		for (const d of cases as any[]) {
			const of = (list: any[]) => list.filter((r) => r.guarantorId === d.pms.guarantorId);
			const notes = of(s.ledgerNotes);
			expect([
				of(s.paymentAgreements).length,
				of(s.payments).length,
				of(s.adjustments).length,
				notes.length,
			]).toEqual([1, 1, 1, 1]);
			expect(notes[0].text).toContain(`[cc:${d.applicationId}]`);
			const told = env.sandbox.store.state.notifications.filter((m) =>
				m.text.includes(d.applicationId),
			);
			expect(told).toHaveLength(1);
		}
		// At the same time, as many as the writer takes at once: the first lanes' cases were claimed
		// before the first claim became its audit note, and no other (the repeated first case waits
		// in a lane of its own for its first item), so a stopped run leaves that many claims at most.
		const writes = await env.admin.writes('/ledger-notes');
		const firstAudit = writes.findIndex((w) => w.method === 'PUT');
		expect(writes.slice(0, firstAudit).filter((w) => w.method === 'POST').length).toBe(
			CASES_AT_ONCE - 1,
		);
		// ... and never more requests at once than the run's slots.
		const { most } = (await env.admin.call('GET', '/__sandbox/in-flight')) as { most: number };
		expect(most).toBe(REQUESTS_AT_ONCE);
	});

	test('one case with bad input stops the node only after the cases already started are whole', async () => {
		const cases = accounts(10);
		const hook = `${env.sandbox.urls.console}/hooks/coordinator`;
		const run = await env.harness.run(
			caseWorkflow({
				transactionId: "={{ $('Start').item.json.decision.purchase.transactionId }}",
				messages: { coordinatorWebhookUrl: "={{ $('Start').item.json.hook }}" },
			}),
			// The fourth case's message address is no web address: refused before any write of its own.
			{ items: cases.map((d, k) => ({ decision: d, hook: k === 3 ? 'coordinator desk' : hook })) },
		);
		expect(run.error?.message).toMatch(/not written/i);
		expect(JSON.stringify(run.error)).toMatch(/coordinatorWebhookUrl/);
		const s = await env.state();
		// Whatever a case started, it finished: no claim is left standing, no case is half written.
		expect(s.ledgerNotes.filter((n: any) => /\.claim\]/.test(n.text))).toEqual([]);
		for (const d of cases as any[]) {
			const of = (list: any[]) => list.filter((r) => r.guarantorId === d.pms.guarantorId);
			const n = of(s.paymentAgreements).length;
			expect([of(s.payments).length, of(s.adjustments).length, of(s.ledgerNotes).length]).toEqual([
				n,
				n,
				n,
			]);
		}
		const written = (cases as any[]).map(
			(d) => s.paymentAgreements.filter((r: any) => r.guarantorId === d.pms.guarantorId).length,
		);
		expect(written[3]).toBe(0);
		expect(written.slice(0, 3)).toEqual([1, 1, 1]);
	});
});
