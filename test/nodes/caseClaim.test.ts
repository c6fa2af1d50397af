/* eslint-disable @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: sandbox and item JSON is read loosely, and the suite prints the writes it counted */
// The case claim (nodes/shared/claim.ts) through n8n-core's real execution against the sandbox:
// several executions of the same write at once (Promise.all), a dead run's expired claim taken
// over, a live claim of another run respected, and a holder that reaches its deadline.
import { nodeWorkflow } from './harness';
import { DENTRIX, setup as dentrixSetup } from './dentrixFixtures';
import { OPEN_DENTAL, setup as openDentalSetup } from './openDentalFixtures';

jest.setTimeout(60_000);

const CLAIM = /\[cc:[^\]]+\.claim\]/;

describe('Dentrix', () => {
	let env: Awaited<ReturnType<typeof dentrixSetup>>;
	beforeEach(async () => {
		env = await dentrixSetup();
	});
	afterEach(async () => {
		await env.sandbox.stop();
	});

	const node = (parameters: Record<string, unknown>) =>
		nodeWorkflow(DENTRIX, parameters as never, { credentials: ['dentrixApi'] });
	const note = (token: string) =>
		node({
			resource: 'ledgerNote',
			operation: 'create',
			source: 'fields',
			guarantorId: 'pat_1027',
			text: 'CareCredit approved; financing recorded by hand for the test',
			caseReference: token,
		});
	const payment = (txn: string, extra: Record<string, unknown> = {}) =>
		node({
			resource: 'payment',
			operation: 'post',
			source: 'fields',
			transactionId: txn,
			guarantorId: 'pat_1027',
			amount: '1,000.00',
			additionalFields: { merchantFee: '50.00' },
			...extra,
		});
	const notes = async () =>
		((await env.state()).ledgerNotes as any[]).filter((n) => n.guarantorId === 'pat_1027');
	/** A note posted straight to the stand-in, as another n8n process would have. */
	const postNote = async (text: string) => {
		const res = await fetch(`${env.sandbox.urls.dentrix}/v1/accounts/pat_1027/ledger-notes`, {
			method: 'POST',
			headers: { authorization: 'Bearer sandbox-dentrix-key', 'content-type': 'application/json' },
			body: JSON.stringify({ patientId: 'pat_1027', text }),
		});
		expect(res.status).toBe(201);
	};
	const at = (ms: number) => new Date(Date.now() + ms).toISOString();

	test.each([2, 3, 5])('%i runs of the same audit note at once: one note', async (runs) => {
		const token = '[cc:APP-810001]';
		const results = await Promise.all(
			Array.from({ length: runs }, () => env.harness.run(note(token))),
		);
		for (const r of results) expect(r.error).toBeUndefined();
		const outcomes = results.map((r) => r.json('Node')[0]!.outcome).sort();
		expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
		for (const o of outcomes)
			expect(['created', 'anotherRunIsWriting', 'alreadyWritten']).toContain(o);
		const all = await notes();
		expect(all.filter((n) => n.text.includes(token))).toHaveLength(1);
		expect(all.filter((n) => CLAIM.test(n.text))).toEqual([]);
		const writes = await env.admin.writes('ledger-notes');
		console.log(
			`Dentrix, ${runs} runs of one note: ${writes.length} note writes (${writes.map((w) => w.method).join(' ')})`,
		);
	});

	test('three runs of the same payment with its fee at once: one payment, one fee adjustment', async () => {
		const results = await Promise.all([1, 2, 3].map(() => env.harness.run(payment('TXN-810002'))));
		for (const r of results) expect(r.error).toBeUndefined();
		const s = await env.state();
		const mine = (list: any[]) => list.filter((x) => x.reference === 'TXN-810002');
		expect(mine(s.payments)).toHaveLength(1);
		expect(mine(s.adjustments)).toHaveLength(1);
		expect(await env.admin.writes('/payments')).toHaveLength(1);
		expect(await env.admin.writes('/adjustments')).toHaveLength(1);
		expect((await notes()).filter((n) => CLAIM.test(n.text))).toEqual([]);
	});

	test('a live claim of another run: this run writes nothing and says who holds the case', async () => {
		await postNote(
			`The financing automation is writing this case (run other-7, until ${at(120_000)}). [cc:APP-810003.claim]`,
		);
		const before = (await env.admin.writes()).length;
		const run = await env.harness.run(note('[cc:APP-810003]'));
		expect(run.json('Node')[0]).toMatchObject({
			outcome: 'anotherRunIsWriting',
			heldByRun: 'other-7',
			created: false,
		});
		expect(await env.admin.writes()).toHaveLength(before);
	});

	test('an expired claim of a dead run is taken over and the case completed from where it stopped', async () => {
		// The dead run posted the payment, then died before its fee adjustment; its claim expired.
		await postNote(
			`The financing automation is writing this case (run dead-1, until ${at(-1000)}). [cc:TXN-810004.claim]`,
		);
		const first = await env.harness.run(payment('TXN-810004', { additionalFields: {} }));
		expect(first.json('Node')[0]!.outcome).toBe('created');
		const run = await env.harness.run(payment('TXN-810004'));
		expect(run.error).toBeUndefined();
		expect(run.json('Node')[0]).toMatchObject({ outcome: 'alreadyWritten' });
		expect((run.json('Node')[0]!.feeAdjustment as any).outcome).toBe('created');
		const s = await env.state();
		expect(s.payments.filter((p: any) => p.reference === 'TXN-810004')).toHaveLength(1);
		expect(s.adjustments.filter((p: any) => p.reference === 'TXN-810004')).toHaveLength(1);
		// The run that took over said so in the dead run's claim: no note still claims the case.
		const all = await notes();
		expect(all.filter((n) => CLAIM.test(n.text))).toEqual([]);
		expect(all.filter((n) => n.text.includes('[cc:TXN-810004.takenOver]'))).toEqual([
			expect.objectContaining({
				text: expect.stringMatching(
					/^The financing automation's run dead-1 stopped before it finished this case; its claim ran out at \S+Z and run \S+ took the case over\./,
				),
			}),
		]);
	});

	test('the lapsed claim cannot be rewritten (503 each time): the case is written all the same', async () => {
		await postNote(
			`The financing automation is writing this case (run dead-2, until ${at(-1000)}). [cc:APP-810006.claim]`,
		);
		const dead = (await notes()).find((n) => n.text.includes('run dead-2'));
		await env.admin.fault({
			kind: 'status',
			status: 503,
			phase: 'before',
			method: 'PUT',
			pathPattern: `ledger-notes/${dead.id}$`,
			rate: 1,
		} as never);
		const run = await env.harness.run(note('[cc:APP-810006]'));
		expect(run.error).toBeUndefined();
		expect(run.json('Node')[0]!.outcome).toBe('created');
		const all = await notes();
		expect(all.filter((n) => n.text.includes('[cc:APP-810006]'))).toHaveLength(1);
		// Its text stays, no longer a live claim (its until has passed): the rewrite was tried.
		expect(all.find((n) => n.id === dead.id).text).toContain('run dead-2');
		const tried = (await env.admin.writes()).filter(
			(w) => w.method === 'PUT' && w.path.endsWith(`/${dead.id}`),
		);
		expect(tried.length).toBeGreaterThan(0);
		expect(tried.every((w) => w.faulted === 'before')).toBe(true);
	});

	test('a holder that reaches its deadline stops with unfinished and sends nothing after', async () => {
		// Lease 47 s: a Dentrix request (30 s timeout) may start only until 2 s after the claim,
		// 15 s before the claim expires; the payment's answer takes 3 s.
		await env.admin.fault({
			kind: 'latency',
			delayMs: 3000,
			method: 'POST',
			pathPattern: 'payments$',
			count: 1,
		} as never);
		const run = await env.harness.run(payment('TXN-810005', { claimLeaseSeconds: 47 }));
		expect(run.error).toBeUndefined();
		const out = run.json('Node')[0]!;
		expect(out.outcome).toBe('created');
		expect((out.feeAdjustment as any).outcome).toBe('unfinished');
		const writes = await env.admin.writes();
		expect(
			writes.map((w) => `${w.method} ${w.path.replace(/\/v1\/accounts\/pat_1027/, '')}`),
		).toEqual(['POST /ledger-notes', 'POST /payments']);
		// The claim stays until it expires; the next run takes over and writes the fee.
		expect((await notes()).filter((n) => CLAIM.test(n.text))).toHaveLength(1);
	});
});

describe('Open Dental', () => {
	let env: Awaited<ReturnType<typeof openDentalSetup>>;
	beforeEach(async () => {
		env = await openDentalSetup();
	});
	afterEach(async () => {
		await env.sandbox.stop();
	});

	const node = (parameters: Record<string, unknown>) =>
		nodeWorkflow(OPEN_DENTAL, parameters as never, { credentials: ['openDentalApi'] });

	test.each([2, 3])('%i runs of the same commlog at once: one commlog', async (runs) => {
		const token = '[cc:APP-910001]';
		const wf = node({
			resource: 'commlog',
			operation: 'create',
			source: 'fields',
			patNum: '227',
			note: 'CareCredit approved; recorded for the test',
			caseReference: token,
		});
		const results = await Promise.all(Array.from({ length: runs }, () => env.harness.run(wf)));
		for (const r of results) expect(r.error).toBeUndefined();
		const outcomes = results.map((r) => r.json('Node')[0]!.outcome);
		expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
		const logs = ((await env.state()).commlogs as any[]).filter((c) => c.PatNum === 227);
		expect(logs.filter((c) => c.Note.includes(token))).toHaveLength(1);
		expect(logs.filter((c) => CLAIM.test(c.Note))).toEqual([]);
		const writes = await env.admin.writes('/commlogs');
		console.log(
			`Open Dental, ${runs} runs of one commlog: ${writes.length} commlog writes (${writes.map((w) => w.method).join(' ')})`,
		);
	});

	test('an expired commlog claim of a dead run: taken over, rewritten to say so, one commlog', async () => {
		const until = new Date(Date.now() - 1000).toISOString();
		const res = await env.postCommlog(
			227,
			`The financing automation is writing this case (run dead-9, until ${until}). [cc:APP-910003.claim]`,
		);
		expect(res.status).toBe(201);
		const run = await env.harness.run(
			node({
				resource: 'commlog',
				operation: 'create',
				source: 'fields',
				patNum: '227',
				note: 'CareCredit approved; recorded for the test',
				caseReference: '[cc:APP-910003]',
			}),
		);
		expect(run.json('Node')[0]!.outcome).toBe('created');
		const logs = ((await env.state()).commlogs as any[]).filter((c) => c.PatNum === 227);
		expect(logs.filter((c) => c.Note.includes('[cc:APP-910003]'))).toHaveLength(1);
		expect(logs.filter((c) => CLAIM.test(c.Note))).toEqual([]);
		expect(logs.filter((c) => c.Note.includes('[cc:APP-910003.takenOver]'))).toEqual([
			expect.objectContaining({
				Note: expect.stringContaining(
					`run dead-9 stopped before it finished this case; its claim ran out at ${until}`,
				),
			}),
		]);
	});

	test('three runs of the same payment at once: one payment', async () => {
		const wf = node({
			resource: 'payment',
			operation: 'create',
			source: 'fields',
			transactionId: 'TXN-910002',
			patNum: '227',
			amount: '1,000.00',
			openDental: { careCreditPayType: 72, clinicNum: 2 },
		});
		const results = await Promise.all([1, 2, 3].map(() => env.harness.run(wf)));
		for (const r of results) expect(r.error).toBeUndefined();
		expect(await env.admin.writes(/^\/api\/v1\/payments/)).toHaveLength(1);
	});
});
