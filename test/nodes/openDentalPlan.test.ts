/* eslint-disable @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: sandbox and item JSON is read loosely */
// The Open Dental shortfall plan through n8n-core's real WorkflowExecute against the stand-in:
// the order of its calls, what a second run and a concurrent run do, test mode, and what is left
// when a step after the plan's POST fails (fault injection at each step, each kind of fault).
import {
	decision,
	financedCase,
	planAndBuild,
	chain,
	servedAtProxy,
	setup,
	KEYS,
} from './openDentalFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;

beforeEach(async () => {
	env = await setup();
});
afterEach(async () => {
	await env.sandbox.stop();
});

/** What the stand-in holds for a patient (amounts in cents). */
async function ledger(patNum: number) {
	const s = await env.state();
	const plans = (s.payPlans as any[]).filter((p) => p.PatNum === patNum);
	return {
		plans,
		links: (s.payPlanLinks as any[]).filter((l) =>
			plans.some((p) => p.PayPlanNum === l.PayPlanNum),
		),
		procedures: (s.procedures as any[]).filter((p) => p.PatNum === patNum),
		// The case's commlogs; the claims' own records (a payment's released claim…) apart.
		commlogs: (s.commlogs as any[]).filter(
			(c) => c.PatNum === patNum && !/\.(claim|stoodBack|posted)\]/.test(c.Note),
		),
		payments: (s.payments as any[]).filter((p) => p.PatNum === patNum),
	};
}

/** What an open plan bills: each link its override, else its procedure's patient portion. */
function billed(l: Awaited<ReturnType<typeof ledger>>, payPlanNum: number): number {
	return l.links
		.filter((x) => x.PayPlanNum === payPlanNum)
		.reduce((sum, x) => {
			if (x.AmountOverrideCents > 0) return sum + x.AmountOverrideCents;
			const p = l.procedures.find((q) => q.ProcNum === x.FKey);
			return sum + (p.ProcFeeCents - p.InsEstCents);
		}, 0);
}

const items = [{ decision: decision() }];
// Hank Fischer's signed implant plan: patient portions $1,500.00, $650.00 and $1,100.01; an
// approval of $2,500.00 leaves a $750.01 shortfall.
const SHORTFALL = 75001;

describe('the shortfall plan, in an order Open Dental accepts', () => {
	test('on the fewest procedures, unlocked, one override; then one commlog, one payment; again nothing', async () => {
		const first = await env.harness.run(financedCase(), { items });
		expect(first.error).toBeUndefined();
		expect(first.json('Payment Plan')[0]).toMatchObject({
			created: true,
			outcome: 'created',
			paymentPlan: {
				patientId: '227',
				guarantorId: '227',
				totalCents: SHORTFALL,
				chargeFrequency: 'Monthly',
				isLocked: false,
				isClosed: false,
				treatmentPlanOption: 'AwaitComplete',
				referenceToken: '[cc:APP-900001]',
			},
		});
		const after = await ledger(227);
		expect(after.plans).toHaveLength(1);
		const [plan] = after.plans;
		expect(plan).toMatchObject({ APR: 0, IsLocked: false, IsClosed: false });
		// One procedure (the smallest whose patient portion covers $750.01: $1,100.01), one override.
		expect(after.links.map((l: any) => l.AmountOverrideCents)).toEqual([SHORTFALL]);
		const proc = after.procedures.find((p: any) => p.ProcNum === after.links[0].FKey);
		expect(proc.ProcFeeCents - proc.InsEstCents).toBe(110001);
		expect(billed(after, plan.PayPlanNum)).toBe(SHORTFALL);
		// The plan was created before its link changed, and never locked while it changed.
		const writes = await env.admin.writes();
		// The commlog writer's claim becomes the commlog; the payment writer's claim ends as its record.
		expect(writes.map((w) => `${w.method} ${w.path.replace(/\d+$/, 'n')}`)).toEqual([
			'POST /api/v1/payplans/Dynamic',
			'PUT /api/v1/payplanlinks/n',
			'POST /api/v1/commlogs',
			'PUT /api/v1/commlogs/n',
			'POST /api/v1/commlogs',
			'POST /api/v1/payments',
			'PUT /api/v1/commlogs/n',
		]);
		expect((writes[0]!.body as any).IsLocked).toBe('false');
		expect((writes[0]!.body as any).NumberOfPayments).toBeUndefined();

		const again = await env.harness.run(financedCase(), { items });
		expect(again.json('Payment Plan')[0]).toMatchObject({
			created: false,
			outcome: 'alreadyWritten',
			paymentPlan: { totalCents: SHORTFALL },
		});
		expect(again.json('Commlog')[0]).toMatchObject({ outcome: 'alreadyWritten' });
		expect(again.json('Payment')[0]).toMatchObject({ outcome: 'alreadyWritten' });
		expect(await env.admin.writes()).toHaveLength(writes.length);
	});

	test('the Open Dental calls of an approved case with a shortfall plan, counted', async () => {
		const proxy = await servedAtProxy(env.sandbox.urls.openDental);
		await env.harness.setCredentials('openDentalApi', {
			baseUrl: `${proxy.url}/api/v1`,
			...KEYS,
			pacingMs: 0,
		});
		const run = await env.harness.run(financedCase(), { items });
		await proxy.close();
		expect(run.error).toBeUndefined();
		const calls = proxy.served.map((s) => `${s.method} ${s.path.replace(/\?.*$/, '')}`);
		const by = (prefix: RegExp) => calls.filter((c) => prefix.test(c)).length;
		// The patient and the procedures were read by the treatment plan step of this execution:
		// shared, not read again (transport.ts `shareInRun`).
		const plan = [
			/^GET \/api\/v1\/payplans$/,
			/^POST \/api\/v1\/payplans\/Dynamic$/,
			/^GET \/api\/v1\/payplanlinks$/,
			/^PUT \/api\/v1\/payplanlinks\/\d+$/,
			/^GET \/api\/v1\/payplans\/\d+$/,
		];
		const counts = {
			treatmentPlanRead: 3,
			paymentPlan: 5,
			auditNote: by(/commlogs$/),
			careCreditPayment: by(/payments$/),
		};
		console.log(
			`Open Dental calls of one approved case with a shortfall plan: ${calls.length} in all (${JSON.stringify(counts)})`,
		);
		// Treatment plan read (treatplans, proctps, patient), then the plan writer's five.
		expect(calls.slice(0, 3)).toEqual([
			'GET /api/v1/treatplans',
			'GET /api/v1/proctps',
			'GET /api/v1/patients/227',
		]);
		calls.slice(3, 8).forEach((c, k) => expect(c).toMatch(plan[k]!));
		// The single-record writers each take a claim of their own (the commlogs read, the claim's
		// POST, read back, later its PUT) and look again on a fresh claim: 21 calls. Financed Case:
		// Write, one claim for the case, makes 11 in all (openDentalFinancedCase.test.ts).
		expect(counts.auditNote).toBe(8);
		expect(counts.careCreditPayment).toBe(3);
		expect(calls.length).toBe(21);
	});

	test('two runs of the same decision at once: one plan, limited once', async () => {
		const runs = await Promise.all([
			env.harness.run(financedCase(), { items }),
			env.harness.run(financedCase(), { items }),
		]);
		for (const r of runs) expect(r.error).toBeUndefined();
		const outcomes = runs.map((r) => r.json('Payment Plan')[0]!.outcome).sort();
		expect(outcomes[0]).toBe('created');
		expect(['alreadyWritten', 'writtenConcurrently']).toContain(outcomes[1]);
		const after = await ledger(227);
		expect(after.plans).toHaveLength(1);
		expect(billed(after, after.plans[0].PayPlanNum)).toBe(SHORTFALL);
	});

	test('test mode returns exactly what would be written and writes nothing', async () => {
		const run = await env.harness.run(financedCase({ testMode: true }), { items });
		expect(run.error).toBeUndefined();
		const plan = run.json('Payment Plan')[0]!;
		expect(plan).toMatchObject({ created: false, outcome: 'testMode' });
		const [post, ...links] = plan.wouldWrite as any[];
		expect(post).toMatchObject({
			method: 'POST',
			path: '/payplans/Dynamic',
			body: {
				PatNum: 227,
				Guarantor: 227,
				APR: 0,
				IsLocked: 'false',
				ChargeFrequency: 'Monthly',
				DynamicPayPlanTPOption: 'AwaitComplete',
				procNums: [expect.any(Number)],
			},
		});
		expect(post.body.Note).toContain('[cc:APP-900001]');
		expect(links.map((l) => l.body.AmountOverride)).toEqual([750.01]);
		expect(await env.admin.writes()).toEqual([]);
	});

	test('an in-house APR: written locked when no link needs limiting, else refused before any write', async () => {
		const withApr = (approved: number) =>
			env.harness.run(
				financedCase({ policy: { policyJson: { shortfallPlan: { aprBasisPoints: 990 } } } }),
				{
					items: [
						{ decision: decision({ approvedAmountCents: approved, creditLineCents: approved }) },
					],
				},
			);
		// $3,250.01 − $1,750.01 = $1,500.00: the implant's whole patient portion, no override.
		const exact = await withApr(175001);
		expect(exact.error).toBeUndefined();
		const [plan] = (await ledger(227)).plans;
		expect(plan).toMatchObject({ APR: 9.9, IsLocked: true });
		expect((await ledger(227)).links.map((l: any) => l.AmountOverrideCents)).toEqual([0]);
		await env.admin.reset();
		const limited = await withApr(250000);
		expect(limited.error?.message).toMatch(
			/aprBasisPoints: Open Dental creates a plan with an APR/,
		);
		expect(await env.admin.writes()).toEqual([]);
	});

	test.each([
		[
			'503 before the plan is saved',
			{ kind: 'status', status: 503, phase: 'before', pathPattern: 'payplans/Dynamic$' },
		],
		[
			'a reset after the plan committed',
			{ kind: 'reset', phase: 'after', pathPattern: 'payplans/Dynamic$' },
		],
		[
			'a timeout after the commlog committed',
			{ kind: 'timeout', delayMs: 50, phase: 'after', pathPattern: 'commlogs$' },
		],
		[
			'a reset after the payment committed',
			{ kind: 'reset', phase: 'after', pathPattern: 'payments$' },
		],
		[
			'503 after the payment committed',
			{ kind: 'status', status: 503, phase: 'after', pathPattern: 'payments$' },
		],
	])('%s still ends with exactly one plan, one commlog, one payment', async (_name, fault) => {
		await env.admin.fault({ ...fault, method: 'POST', count: 1 } as never);
		const run = await env.harness.run(financedCase(), { items });
		expect(run.error).toBeUndefined();
		expect(await env.admin.faults('openDental')).toEqual([]);
		expect(run.json('Payment Plan')[0]).toMatchObject({ created: true });
		const after = await ledger(227);
		expect([after.plans.length, after.commlogs.length, after.payments.length]).toEqual([1, 1, 1]);
		expect(billed(after, after.plans[0].PayPlanNum)).toBe(SHORTFALL);
	});

	test('a run that died between the POST and the link: the next run finds the plan and limits it', async () => {
		// What a run that died right after its POST leaves: the plan it sent, on the whole production.
		const preview = await env.harness.run(financedCase({ testMode: true }), { items });
		const post = (preview.json('Payment Plan')[0]!.wouldWrite as any[])[0];
		const sent = await fetch(`${env.baseUrl}${post.path}`, {
			method: 'POST',
			headers: {
				Authorization: `ODFHIR ${KEYS.developerApiKey}/${KEYS.customerApiKey}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify(post.body),
		});
		expect(sent.status).toBe(201);
		const open = await ledger(227);
		expect(billed(open, open.plans[0].PayPlanNum)).toBe(110001);
		const resumed = await env.harness.run(financedCase(), { items });
		expect(resumed.error).toBeUndefined();
		expect(resumed.json('Payment Plan')[0]).toMatchObject({
			outcome: 'alreadyWritten',
			paymentPlan: { totalCents: SHORTFALL },
		});
		const after = await ledger(227);
		expect(after.plans).toHaveLength(1);
		expect(billed(after, after.plans[0].PayPlanNum)).toBe(SHORTFALL);
	});
});

describe('a plan a person changed afterwards', () => {
	test('is found again and left as the person left it, never closed', async () => {
		const first = await env.harness.run(financedCase(), { items });
		expect(first.error).toBeUndefined();
		const [plan] = (await ledger(227)).plans;
		const edited = await fetch(`${env.baseUrl}/payplans/${plan.PayPlanNum}/Dynamic`, {
			method: 'PUT',
			headers: {
				Authorization: `ODFHIR ${KEYS.developerApiKey}/${KEYS.customerApiKey}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ PayAmt: 200 }),
		});
		expect(edited.status).toBe(200);
		const again = await env.harness.run(financedCase(), { items });
		expect(again.error).toBeUndefined();
		expect(again.json('Payment Plan')[0]).toMatchObject({
			outcome: 'alreadyWritten',
			paymentPlan: { paymentAmountCents: 20000, isClosed: false },
		});
		expect((await ledger(227)).plans[0].IsClosed).toBe(false);
	});
});

describe('a step after the POST fails: the plan is closed, a commlog says so, review names it', () => {
	const STEPS = {
		'reading its links': { method: 'GET', pathPattern: 'payplanlinks$' },
		'limiting its link': { method: 'PUT', pathPattern: 'payplanlinks/\\d+$' },
		'reading it back': { method: 'GET', pathPattern: 'payplans/\\d+$' },
	} as const;
	// Each fault outlasts the transport's four attempts (a 400 is never retried).
	const FAULTS = {
		'503 before': { kind: 'status', status: 503, phase: 'before', retryAfterSeconds: 0, count: 4 },
		'503 after it committed': {
			kind: 'status',
			status: 503,
			phase: 'after',
			retryAfterSeconds: 0,
			count: 4,
		},
		'a reset': { kind: 'reset', phase: 'before', count: 4 },
		'a timeout': { kind: 'timeout', delayMs: 20, phase: 'before', count: 4 },
		'429 (throttled)': {
			kind: 'status',
			status: 429,
			phase: 'before',
			retryAfterSeconds: 0,
			count: 4,
		},
		'400 (an Open Dental older than 25.3.29)': {
			kind: 'status',
			status: 400,
			phase: 'before',
			count: 1,
		},
	} as const;
	const cases = Object.entries(STEPS).flatMap(([step, where]) =>
		Object.entries(FAULTS).map(([fault, rule]) => [step, fault, { ...rule, ...where }] as const),
	);

	test.each(cases)(
		'%s, %s',
		async (_step, _fault, rule) => {
			const wf = financedCase();
			wf.nodes.find((n) => n.name === 'Payment Plan')!.onError = 'continueErrorOutput';
			await env.admin.fault(rule as never);
			const run = await env.harness.run(wf, { items });
			expect(run.error).toBeUndefined();
			expect(run.json('Payment Plan', 0)).toEqual([]);
			const [failed] = run.json('Payment Plan', 1);
			const details = failed!.details as any;
			const after = await ledger(227);
			// Exactly one plan, and it bills nothing: closed.
			expect(after.plans).toHaveLength(1);
			const [plan] = after.plans;
			expect(plan.IsClosed).toBe(true);
			expect(details).toMatchObject({ payPlanId: String(plan.PayPlanNum), planClosed: true });
			expect(failed!.error).toContain(`Payment plan ${plan.PayPlanNum} was created`);
			expect(details.whatExists).toMatch(/it was closed, so it bills nothing/);
			// The commlog says what exists, on the patient's account.
			const notes = after.commlogs.filter((c: any) =>
				c.Note.includes('[cc:APP-900001.planClosed]'),
			);
			expect(notes).toHaveLength(1);
			expect(notes[0].Note).toContain(`Payment plan ${plan.PayPlanNum} was created`);
			expect(notes[0].Note).toContain('it bills nothing');
			expect(details.commlogId).toBe(String(notes[0].CommlogNum));
			// Nothing after the plan was written: no audit note, no payment.
			expect(after.commlogs).toHaveLength(1);
			expect(after.payments).toEqual([]);

			// The decision again: the closed plan is reported again, nothing new is written.
			await env.admin.clearFaults();
			const writes = (await env.admin.writes()).length;
			const again = await env.harness.run(wf, { items });
			expect(again.json('Payment Plan', 1)[0]!.details as any).toMatchObject({
				payPlanId: String(plan.PayPlanNum),
				planClosed: true,
			});
			expect(await env.admin.writes()).toHaveLength(writes);
		},
		30_000,
	);

	test('a plan that cannot be closed either is named as open, for a person to close', async () => {
		const wf = financedCase();
		wf.nodes.find((n) => n.name === 'Payment Plan')!.onError = 'continueErrorOutput';
		await env.admin.fault({
			kind: 'status',
			status: 400,
			method: 'PUT',
			pathPattern: 'payplanlinks/\\d+$',
			count: 1,
		} as never);
		await env.admin.fault({
			kind: 'status',
			status: 400,
			method: 'PUT',
			pathPattern: '/Close$',
			count: 1,
		} as never);
		const run = await env.harness.run(wf, { items });
		const details = run.json('Payment Plan', 1)[0]!.details as any;
		const [plan] = (await ledger(227)).plans;
		expect(plan.IsClosed).toBe(false);
		expect(details).toMatchObject({ payPlanId: String(plan.PayPlanNum), planClosed: false });
		expect(details.whatExists).toMatch(/could not be closed: close it in Open Dental/);
	});
});

describe('Open Dental refuses link changes on a locked or closed plan (the stand-in, as the official page says)', () => {
	test('a link is not added or limited on a locked plan, nor on a closed one', async () => {
		const build = await env.harness.run(chain(planAndBuild()), { items });
		expect(build.error).toBeUndefined();
		const api = `${env.baseUrl}`;
		const call = async (method: string, path: string, body?: unknown) => {
			const r = await fetch(`${api}${path}`, {
				method,
				headers: {
					Authorization: `ODFHIR ${KEYS.developerApiKey}/${KEYS.customerApiKey}`,
					'Content-Type': 'application/json',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: r.status, body: (await r.json()) as any };
		};
		const procs = (await ledger(227)).procedures.map((p: any) => p.ProcNum);
		const created = await call('POST', '/payplans/Dynamic', {
			PatNum: 227,
			PayAmt: 100,
			procNums: [procs[0]],
		});
		expect(created.status).toBe(201);
		expect(created.body.IsLocked).toBe('true');
		const links = await call('GET', `/payplanlinks?PayPlanNum=${created.body.PayPlanNum}`);
		const put = await call('PUT', `/payplanlinks/${links.body[0].PayPlanLinkNum}`, {
			AmountOverride: 1,
		});
		expect(put.status).toBe(400);
		const post = await call('POST', '/payplanlinks', {
			PayPlanNum: created.body.PayPlanNum,
			LinkType: 'Procedure',
			FKey: procs[1],
		});
		expect(post.status).toBe(400);
		const over = await call('POST', '/payplans/Dynamic', {
			PatNum: 227,
			PayAmt: 100,
			IsLocked: 'false',
			procNums: [procs[1]],
		});
		const [link] = (await call('GET', `/payplanlinks?PayPlanNum=${over.body.PayPlanNum}`)).body;
		expect(
			(await call('PUT', `/payplanlinks/${link.PayPlanLinkNum}`, { AmountOverride: 1e6 })).status,
		).toBe(400);
		await call('PUT', `/payplans/${over.body.PayPlanNum}/Close`);
		expect(
			(await call('PUT', `/payplanlinks/${link.PayPlanLinkNum}`, { AmountOverride: 1 })).status,
		).toBe(400);
	});
});
