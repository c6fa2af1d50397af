/* eslint-disable @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: sandbox and item JSON is read loosely, and the suite prints the calls it counted */
// Open Dental "Financed Case: Write" through n8n-core's real execution against the stand-in:
// the shortfall case whole under one claim with its calls counted, several runs at once, a case
// held for review later written.
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
const caseWorkflow = () =>
	chain([
		...planAndBuild(),
		{
			name: 'Case',
			type: 'openDental',
			parameters: {
				resource: 'financedCase',
				operation: 'write',
				transactionId: 'TXN-900001',
				openDental: SETTINGS as never,
			},
		},
	]);

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
	expect(writer.map((c) => c.replace(/\/\d+$/, '/{n}'))).toEqual([
		'GET /patients/{n}',
		'GET /proctps',
		'GET /commlogs',
		'POST /commlogs',
		'GET /commlogs',
		'POST /payplans/Dynamic',
		'GET /payplanlinks',
		'PUT /payplanlinks/{n}',
		'POST /payments',
		'PUT /commlogs/{n}',
	]);
	expect(calls.length).toBeLessThanOrEqual(13);

	await env.harness.setCredentials('openDentalApi', { baseUrl: env.baseUrl, ...KEYS, pacingMs: 0 });
	const writes = (await env.admin.writes()).length;
	const again = (await env.harness.run(caseWorkflow(), { items: items() })).json('Case')[0]!;
	expect(again).toMatchObject({ outcome: 'alreadyWritten', created: false, message: '' });
	expect(await env.admin.writes()).toHaveLength(writes);
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
	const res = await fetch(`${env.baseUrl}/commlogs`, {
		method: 'POST',
		headers: {
			authorization: `ODFHIR ${KEYS.developerApiKey}/${KEYS.customerApiKey}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({
			PatNum: 227,
			Note: 'CareCredit case held for review: nothing was written. [cc:sess-900001.review]',
		}),
	});
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
