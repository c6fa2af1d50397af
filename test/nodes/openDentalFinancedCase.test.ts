/* eslint-disable @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: sandbox and item JSON is read loosely, and the suite prints the calls it counted */
// Open Dental "Financed Case: Write" through n8n-core's real execution against the stand-in:
// the shortfall case whole under one claim with its calls counted, several runs at once, a case
// held for review later written.
import { addAccounts } from '../../scripts/bench-faults';
import {
	chain,
	decision,
	KEYS,
	planAndBuild,
	servedAtProxy,
	setup,
	SETTINGS,
} from './openDentalFixtures';

jest.setTimeout(60_000);

let env: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

const TOKEN = '[cc:APP-900001]';
const items = () => [{ decision: decision() }];
const writeStep = {
	name: 'Case',
	type: 'openDental' as const,
	parameters: {
		resource: 'financedCase',
		operation: 'write',
		transactionId: 'TXN-900001',
		openDental: SETTINGS as never,
	},
};
const caseWorkflow = () => chain([...planAndBuild(), writeStep]);

async function patient() {
	const s = await env.state();
	const plans = (s.payPlans as any[]).filter((p) => p.PatNum === 227);
	return {
		plans,
		links: (s.payPlanLinks as any[]).filter((l) =>
			plans.some((p) => p.PayPlanNum === l.PayPlanNum),
		),
		commlogs: (s.commlogs as any[]).filter((c) => c.PatNum === 227),
		payments: (s.payments as any[]).filter((p) => p.PatNum === 227),
	};
}

test('a shortfall case whole: one plan limited by one override, one payment, one commlog; calls counted', async () => {
	const proxy = await servedAtProxy(env.sandbox.urls.openDental);
	await env.harness.setCredentials('openDentalApi', {
		baseUrl: `${proxy.url}/api/v1`,
		...KEYS,
		pacingMs: 0,
	});
	const run = await env.harness.run(caseWorkflow(), { items: items() });
	await proxy.close();
	expect(run.error).toBeUndefined();
	const out = run.json('Case')[0]! as any;
	expect(out).toMatchObject({
		outcome: 'created',
		created: true,
		resolvedReview: false,
		paymentPlan: { outcome: 'created', id: expect.any(String) },
		careCreditPayment: { outcome: 'created', id: expect.any(String) },
		auditNote: { outcome: 'created', id: expect.any(String) },
	});
	expect(out.message).toMatch(/^CareCredit approved /);
	expect(out.message).not.toMatch(/\[cc:|\(patient/);
	const p = await patient();
	expect(p.plans).toHaveLength(1);
	expect(p.links.filter((l) => l.AmountOverrideCents > 0)).toHaveLength(1);
	expect(p.payments).toHaveLength(1);
	expect(p.commlogs.filter((c) => c.Note.includes(TOKEN))).toHaveLength(1);
	expect(p.commlogs.filter((c) => /\.claim\]/.test(c.Note))).toEqual([]);

	const calls = proxy.served.map(
		(s) => `${s.method} ${s.path.replace(/\?.*$/, '').replace('/api/v1', '')}`,
	);
	const plan = calls.slice(0, 3);
	const writer = calls.slice(3);
	console.log(
		`Open Dental calls of one approved case with a shortfall plan (Financed Case: Write): ${calls.length} in all: treatment plan read ${plan.length} (${plan.join(', ')}), the case writer ${writer.length} (${writer.join(', ')})`,
	);
	// The patient and the plan's procedures, read by the treatment plan step of this execution
	// seconds earlier, are the facts the writer checks: shared, not read twice.
	expect(writer.map((c) => c.replace(/\/\d+$/, '/{n}'))).toEqual([
		'GET /commlogs',
		'POST /commlogs',
		'GET /commlogs',
		'POST /payplans/Dynamic',
		'GET /payplanlinks',
		'PUT /payplanlinks/{n}',
		'POST /payments',
		'PUT /commlogs/{n}',
	]);
	expect(calls.length).toBeLessThanOrEqual(12);

	await env.harness.setCredentials('openDentalApi', { baseUrl: env.baseUrl, ...KEYS, pacingMs: 0 });
	const writes = (await env.admin.writes()).length;
	const again = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(again).toMatchObject({ outcome: 'alreadyWritten', created: false, message: '' });
	expect(await env.admin.writes()).toHaveLength(writes);
});

test('the writer in an execution that read no treatment plan reads the facts itself first', async () => {
	const built = (await env.harness.run(chain(planAndBuild()), { items: items() })).json(
		'Build',
	)[0]!;
	const proxy = await servedAtProxy(env.sandbox.urls.openDental);
	await env.harness.setCredentials('openDentalApi', {
		baseUrl: `${proxy.url}/api/v1`,
		...KEYS,
		pacingMs: 0,
	});
	const run = await env.harness.run(chain([writeStep]), {
		items: [built],
	});
	await proxy.close();
	expect(run.error).toBeUndefined();
	expect(run.json('Case')[0]).toMatchObject({ outcome: 'created' });
	const calls = proxy.served.map(
		(s) =>
			`${s.method} ${s.path
				.replace(/\?.*$/, '')
				.replace('/api/v1', '')
				.replace(/\/\d+$/, '/{n}')}`,
	);
	expect(calls.slice(0, 3)).toEqual(['GET /patients/{n}', 'GET /proctps', 'GET /commlogs']);
});

test.each([2, 3])('%i runs of the same case at once: exactly one of every record', async (runs) => {
	const results = await Promise.all(
		Array.from({ length: runs }, () => env.harness.run(caseWorkflow(), { items: items() })),
	);
	for (const r of results) expect(r.error).toBeUndefined();
	const outs = results.map((r) => r.json('Case')[0]!);
	expect(outs.filter((o) => o.created)).toHaveLength(1);
	const p = await patient();
	expect(p.plans).toHaveLength(1);
	expect(p.payments).toHaveLength(1);
	expect(p.commlogs.filter((c) => c.Note.includes(TOKEN))).toHaveLength(1);
	const writes = (await env.admin.writes()).map(
		(w) => `${w.method} ${w.path.replace('/api/v1', '')}`,
	);
	expect(writes.filter((w) => w.startsWith('POST /payplans'))).toHaveLength(1);
	expect(writes.filter((w) => w.startsWith('POST /payments'))).toHaveLength(1);
	console.log(
		`Open Dental, ${runs} runs of one case at once: writes at the stand-in ${JSON.stringify(writes)}`,
	);
});

test('a case held for review, later written: one resolved commlog and the resolved message', async () => {
	const res = await env.postCommlog(
		227,
		'CareCredit case held for review: nothing was written. [cc:sess-900001.review]',
	);
	expect(res.status).toBe(201);
	const out = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]! as any;
	expect(out).toMatchObject({
		created: true,
		resolvedReview: true,
		resolvedNote: { outcome: 'created' },
	});
	expect(out.resolvedMessage).toMatch(/^Resolved: /);
	const p = await patient();
	expect(p.commlogs.filter((c) => /\[cc:APP-900001\.resolved\]/.test(c.Note))).toHaveLength(1);
	expect(p.commlogs.filter((c) => c.Note.includes(TOKEN))).toHaveLength(1);
	const again = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(again).toMatchObject({ outcome: 'alreadyWritten', resolvedReview: false });
});

test('a review commlog holding the case (Commlog: Create with Held Decision): none once the case is written, none left unresolved beside it', async () => {
	const reviewNote = () =>
		chain([
			{
				name: 'Review',
				type: 'openDental',
				parameters: {
					resource: 'commlog',
					operation: 'create',
					source: 'fields',
					patNum: '227',
					note: 'CareCredit approval held for review by automation. Problems: - Open Dental was not reached',
					caseReference: '[cc:sess-900001.review]',
					heldDecision: "={{ $('Start').item.json.decision }}",
				} as never,
			},
		]);
	const reviews = async () =>
		(await patient()).commlogs.filter((c) => /\[cc:sess-900001\.review\]/.test(c.Note));
	// Alongside runs of the case: whatever the order, a review is never left beside the written
	// case without its "resolved" commlog.
	for (let round = 0; round < 3; round++) {
		const [review, written] = await Promise.all([
			env.harness.run(reviewNote(), { items: items() }),
			env.harness.run(caseWorkflow(), { items: items() }),
		]);
		expect(review.error).toBeUndefined();
		expect(written.error).toBeUndefined();
	}
	const p = await patient();
	expect(p.plans).toHaveLength(1);
	expect(p.commlogs.filter((c) => c.Note.includes(TOKEN))).toHaveLength(1);
	if ((await reviews()).length > 0)
		expect(p.commlogs.filter((c) => /\[cc:APP-900001\.resolved\]/.test(c.Note))).toHaveLength(1);
	// Once written, a review is not written at all (or found, when one was written before).
	const writes = (await env.admin.writes()).length;
	const late = await env.harness.run(reviewNote(), { items: items() });
	expect(late.json('Review')[0]).toMatchObject({
		outcome: (await reviews()).length > 0 ? 'alreadyWritten' : 'caseWritten',
		created: false,
	});
	expect(await env.admin.writes()).toHaveLength(writes);
});

test('the writer posts the coordinator message while it holds the case, once; repeats send nothing', async () => {
	const hooks = {
		coordinatorWebhookUrl: `${env.sandbox.urls.console}/hooks/coordinator`,
		reviewWebhookUrl: `${env.sandbox.urls.console}/hooks/review`,
	};
	const withHooks = () =>
		chain([
			...planAndBuild(),
			{ ...writeStep, parameters: { ...writeStep.parameters, messages: hooks as never } },
		]);
	const told = () =>
		env.sandbox.store.state.notifications.filter(
			(m) => m.channel === 'coordinator' && m.text.includes('APP-900001'),
		);
	const out = (await env.harness.run(withHooks(), { items: items() })).json('Case')[0]! as any;
	expect(out).toMatchObject({ outcome: 'created', coordinatorTold: true });
	await Promise.all([1, 2].map(() => env.harness.run(withHooks(), { items: items() })));
	expect(told()).toHaveLength(1);
	expect(told()[0]!.text).toBe(out.message);
});

test("n8n's database not answering right after the message: the audit commlog is still written", async () => {
	// pg-pool's "timeout exceeded when trying to connect" during a PostgreSQL restart, as seen in a
	// queue-mode reliability run: the credential's reads fail for a while after the message.
	const hooks = { coordinatorWebhookUrl: `${env.sandbox.urls.console}/hooks/coordinator` };
	const told = () =>
		env.sandbox.store.state.notifications.filter(
			(m) => m.channel === 'coordinator' && m.text.includes('APP-900001'),
		);
	env.harness.credentials.failReads(3, () => told().length > 0);
	const run = await env.harness.run(
		chain([
			...planAndBuild(),
			{ ...writeStep, parameters: { ...writeStep.parameters, messages: hooks as never } },
		]),
		{ items: items() },
	);
	expect(run.error).toBeUndefined();
	expect(run.json('Case')[0]).toMatchObject({ outcome: 'created', coordinatorTold: true });
	expect(told()).toHaveLength(1);
	const p = await patient();
	expect(p.commlogs.filter((c: any) => /\[cc:APP-900001\]/.test(c.Note))).toHaveLength(1);
	expect(p.commlogs.filter((c: any) => /\.claim\]/.test(c.Note))).toEqual([]);
});

test.each([
	['the payment plan', '/payplans/Dynamic$'],
	['the CareCredit payment', '/payments$'],
])(
	'a fresh case whose %s committed but answered 500: looked up after the fault, found, never posted twice',
	async (_, pathPattern) => {
		await env.admin.fault({
			kind: 'status',
			status: 500,
			phase: 'after',
			method: 'POST',
			pathPattern,
			count: 1,
		} as never);
		const run = await env.harness.run(caseWorkflow(), { items: items() });
		expect(run.error).toBeUndefined();
		expect(run.json('Case')[0]).toMatchObject({ outcome: 'created' });
		const p = await patient();
		expect(p.plans).toHaveLength(1);
		expect(p.payments).toHaveLength(1);
		expect(p.links.filter((l) => l.AmountOverrideCents > 0)).toHaveLength(1);
	},
);

test('a plan whose limit keeps failing past the transport retries (503 six times) is limited on the next try, not closed', async () => {
	await env.admin.fault({
		kind: 'status',
		status: 503,
		phase: 'before',
		method: 'PUT',
		pathPattern: '/payplanlinks/',
		count: 6,
	} as never);
	const run = await env.harness.run(caseWorkflow(), { items: items() });
	expect(run.error).toBeUndefined();
	expect(run.json('Case')[0]).toMatchObject({
		outcome: 'created',
		paymentPlan: { outcome: 'created' },
	});
	const p = await patient();
	expect(p.plans).toHaveLength(1);
	expect(p.plans[0].IsClosed).toBe(false);
	expect(p.links.filter((l) => l.AmountOverrideCents > 0)).toHaveLength(1);
	expect(p.commlogs.filter((c) => /\.planClosed\]|\.review\]/.test(c.Note))).toEqual([]);
	// Every struck attempt was the link's PUT, and the last one went through.
	const puts = (await env.admin.writes()).filter((w: any) => /payplanlinks\//.test(w.path));
	expect(puts.map((w: any) => w.status)).toEqual([503, 503, 503, 503, 503, 503, 200]);
});

describe('a poll of many cases in one run', () => {
	/** N patients, each a copy of Maria Alvarez and her signed plan, with a shortfall decision. */
	function cases(n: number) {
		const plan = Array.from({ length: n }, (_, i) => ({
			i,
			kind: 'shortfallPurchase' as const,
			road: 'trigger' as const,
			location: 'lakeside' as const,
			wave: 1 as const,
		}));
		return addAccounts(env.sandbox, 'openDental', plan).map((a) => {
			const creditLineCents = Math.round(a.portionCents * 0.6);
			return decision({
				applicationId: `APP-91${String(a.i).padStart(4, '0')}`,
				sessionId: `sess-91${a.i}`,
				creditLineCents,
				approvedAmountCents: creditLineCents,
				purchase: {
					transactionId: `TX-91${a.i}`,
					amountCents: creditLineCents,
					promotionCode: null,
				},
				pms: {
					patientId: a.patientId,
					guarantorId: a.patientId,
					treatmentPlanId: a.planId,
					locationId: '2',
				},
			});
		});
	}
	const perItemTransaction = {
		...writeStep,
		parameters: {
			...writeStep.parameters,
			transactionId: "={{ $('Start').item.json.decision.purchase.transactionId }}",
		},
	};

	test.each([
		['no pacing: at the same time', 0],
		['paced: one after another', 100],
	])(
		'%s, each case written once; the same case twice in the poll takes turns',
		async (_, pacingMs) => {
			await env.harness.setCredentials('openDentalApi', {
				baseUrl: env.baseUrl,
				...KEYS,
				pacingMs,
			});
			const decided = cases(6);
			const polled = [decided[0]!, decided[0]!, ...decided.slice(1)];
			const run = await env.harness.run(chain([...planAndBuild(), perItemTransaction]), {
				items: polled.map((d) => ({ decision: d })),
			});
			expect(run.error).toBeUndefined();
			const out = run.json('Case') as any[];
			expect(out.map((o) => o.outcome)).toEqual([
				'created',
				'alreadyWritten',
				...decided.slice(1).map(() => 'created'),
			]);
			const s = await env.state();
			for (const d of decided as any[]) {
				const patNum = Number(d.pms.patientId);
				const plans = (s.payPlans as any[]).filter((p) => p.PatNum === patNum);
				const commlogs = (s.commlogs as any[]).filter((c) => c.PatNum === patNum);
				expect(plans).toHaveLength(1);
				expect((s.payments as any[]).filter((p) => p.PatNum === patNum)).toHaveLength(1);
				expect(commlogs.map((c) => c.Note.includes(`[cc:${d.applicationId}]`))).toEqual([true]);
			}
			// Claims of several cases before the first audit commlog only when nothing paces the calls.
			const writes = await env.admin.writes('/commlogs');
			const firstAudit = writes.findIndex((w) => w.method === 'PUT');
			const claimedFirst = writes.slice(0, firstAudit).filter((w) => w.method === 'POST').length;
			expect(claimedFirst > 1).toBe(pacingMs === 0);
		},
	);
});
