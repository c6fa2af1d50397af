/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; a loopback stand-in needs node:http */
// CareCredit Decision: Get Many through n8n-core's real WorkflowExecute, against the sandbox's
// merchant decision feed over loopback: one item per session (its latest decision), filtered
// by status and by decision time on the sandbox clock.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { parseDecision, todayIn, addDays } from '../../financing';
import { CareCredit } from '../../nodes/CareCredit/CareCredit.node';
import { MAX_PAGES } from '../../nodes/CareCredit/actions/decision/getMany.operation';
import type { Sandbox } from '../../sandbox';
import {
	NodeTestHarness,
	nodeWorkflow,
	sandboxAdmin,
	sandboxCredentials,
	startTestSandbox,
} from './harness';

const DOWNTOWN = '5348120100000001';
const LAKESIDE = '5348120100000002';
const DAY_SECONDS = 86_400;

let sandbox: Sandbox;
let cc: ReturnType<typeof sandboxAdmin>;
let harness: NodeTestHarness;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cc = sandboxAdmin(sandbox.urls.careCredit);
});
afterAll(async () => await sandbox.stop());

beforeEach(async () => {
	await cc.reset();
	harness = new NodeTestHarness({ nodes: [new CareCredit()], credentials: [new CareCreditApi()] });
	await harness.setCredentials('careCreditApi', {
		...sandboxCredentials(sandbox.urls).careCreditApi,
		merchantNumber: DOWNTOWN,
	});
});

/** A prefill straight to the stand-in (test applicants are decided at once, by last name). */
async function decided(
	lastName: string,
	patientId: string,
	merchantNumber = DOWNTOWN,
): Promise<{ sessionId: string; referenceId: string }> {
	// A fresh token each time: the tests move the sandbox clock past a token's lifetime.
	const tokenResponse = await fetch(`${sandbox.urls.careCredit}/oauth2/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		}),
	});
	const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
	const response = await fetch(`${sandbox.urls.careCredit}/v1/carecredit/prefill`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({
			merchantInfo: { merchantNumber, partnerCode: 'N8N', recordId: patientId },
			applicants: [{ firstName: 'Test', lastName }],
			transactionInfo: { invoiceNumber: `TP-${patientId}~downtown` },
		}),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { sessionId: string; referenceId: string };
}

async function getMany(parameters: IDataObject = {}) {
	const run = await harness.run(
		nodeWorkflow(
			harness.type('careCredit'),
			{ resource: 'decision', operation: 'getMany', returnAll: true, ...parameters } as never,
			{ credentials: ['careCreditApi'] },
		),
	);
	return run;
}

async function listed(parameters: IDataObject = {}): Promise<IDataObject[]> {
	const run = await getMany(parameters);
	expect(run.error).toBeUndefined();
	return run.json('Node');
}

const summary = (items: IDataObject[]) =>
	items.map((d) => `${d.rawStatus}:${(d.pms as IDataObject).patientId}`);

test('one item per session, its latest decision, newest first; declined filtered out; repeats collapsed', async () => {
	const approved = await decided('Approved', 'P1');
	await decided('Declined', 'P2');
	const pending = await decided('Pending', 'P3');
	await decided('Shortfall', 'P4');
	// The feed delivers at least once: the same decision again, at later cursors.
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId: approved.sessionId });
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId: approved.sessionId });
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId: pending.sessionId });

	// Default statuses: approved only. P3 is still pending.
	expect(summary(await listed())).toEqual(['Completed:P4', 'Completed:P1']);
	expect(summary(await listed({ statuses: ['pending'] }))).toEqual(['Pending:P3']);

	// The stand-in approves the pending application after 120 s of its clock (docs/carecredit-api.md).
	await cc.advanceClock(121);
	const all = await listed({ statuses: ['approved', 'declined', 'pending', 'other'] });
	expect(summary(all)).toEqual(['Completed:P3', 'Completed:P4', 'Declined:P2', 'Completed:P1']);
	expect(new Set(all.map((d) => d.sessionId)).size).toBe(4);
	// Its Pending entry (and the repeat of it) is not the latest any more: listed as approved only.
	expect(await listed({ statuses: ['pending'] })).toEqual([]);
	const afterPending = await listed();
	expect(summary(afterPending)).toEqual(['Completed:P3', 'Completed:P4', 'Completed:P1']);
	expect(afterPending[0]).toMatchObject({
		status: 'approved',
		sessionId: pending.sessionId,
		referenceId: pending.referenceId,
		approvedAmountCents: 500_000,
		pms: { patientId: 'P3', guarantorId: 'P3', treatmentPlanId: 'TP-P3', locationId: 'downtown' },
		merchantNumber: DOWNTOWN,
	});
	for (const decision of afterPending) expect(parseDecision(decision).ok).toBe(true);

	// The same decision as Application: Get Result gives for that session.
	const getResult = await harness.run(
		nodeWorkflow(
			harness.type('careCredit'),
			{
				resource: 'application',
				operation: 'getResult',
				sessionId: approved.sessionId,
				referenceId: approved.referenceId,
			} as never,
			{ credentials: ['careCreditApi'] },
		),
	);
	const fromFeed = afterPending.find((d) => d.sessionId === approved.sessionId)!;
	expect(fromFeed).toEqual({ ...getResult.json('Node')[0], merchantNumber: DOWNTOWN });

	// Only GETs: listing decisions changes nothing at CareCredit (the test's prefills and the
	// token exchange aside).
	expect(
		(await cc.writes()).filter((w) => !/^\/(oauth2\/|v1\/carecredit\/prefill$)/.test(w.path)),
	).toEqual([]);
});

test('decided since: days back and a date, measured against decisions made on the sandbox clock', async () => {
	// A decision 40 days ago on the sandbox clock, then one now.
	await cc.advanceClock(-40 * DAY_SECONDS);
	await decided('Approved', 'OLD');
	await cc.advanceClock(40 * DAY_SECONDS);
	await decided('Approved', 'NEW');

	expect(summary(await listed())).toEqual(['Completed:NEW']);
	expect(summary(await listed({ decidedSince: 'daysBack', daysBack: 30 }))).toEqual([
		'Completed:NEW',
	]);
	expect(summary(await listed({ decidedSince: 'daysBack', daysBack: 45 }))).toEqual([
		'Completed:NEW',
		'Completed:OLD',
	]);
	expect(summary(await listed({ decidedSince: 'anyTime' }))).toEqual([
		'Completed:NEW',
		'Completed:OLD',
	]);

	// A date: midnight of that day in the workflow's time zone, or an exact instant.
	const today = todayIn('America/New_York', new Date());
	const since = (sinceDate: string) => listed({ decidedSince: 'date', sinceDate });
	expect(summary(await since(addDays(today, -20)))).toEqual(['Completed:NEW']);
	expect(summary(await since(addDays(today, -41)))).toEqual(['Completed:NEW', 'Completed:OLD']);
	expect(summary(await since(addDays(today, 1)))).toEqual([]);
	expect(
		summary(await since(new Date(Date.now() - 39 * DAY_SECONDS * 1000).toISOString())),
	).toEqual(['Completed:NEW']);
});

test('limit keeps the newest; the merchant number can be overridden per item', async () => {
	await decided('Approved', 'P1');
	await decided('Shortfall', 'P2');
	await decided('Approved', 'P3');
	await decided('Approved', 'L1', LAKESIDE);
	expect(summary(await listed({ returnAll: false, limit: 2 }))).toEqual([
		'Completed:P3',
		'Completed:P2',
	]);
	const lakeside = await listed({ merchantNumber: LAKESIDE });
	expect(summary(lakeside)).toEqual(['Completed:L1']);
	expect(lakeside[0].merchantNumber).toBe(LAKESIDE);
});

test('reads every page of a long feed', async () => {
	for (let i = 0; i < 205; i++) await decided(i % 5 ? 'Approved' : 'Declined', `P${i}`);
	const all = await listed({ statuses: ['approved', 'declined'] });
	expect(all).toHaveLength(205);
	expect(await listed()).toHaveLength(164);
}, 60_000);

test('a feed that never ends is read up to the page cap, then the item fails saying so', async () => {
	// A feed that always has one more page, on a loopback stand-in: the sandbox's feed ends.
	const feedCalls: string[] = [];
	const server = createServer((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		if (req.url?.startsWith('/oauth2')) {
			res.end(JSON.stringify({ access_token: 't' }));
			return;
		}
		const cursor = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor'));
		feedCalls.push(String(cursor));
		const entry = {
			cursor: String(cursor + 1),
			sessionId: `s-${cursor}`,
			referenceId: `REF-${cursor}`,
			sessionStatus: 'Completed',
			decidedAt: new Date().toISOString(),
		};
		res.end(JSON.stringify({ entries: [entry], nextCursor: entry.cursor, hasMore: true }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		await harness.setCredentials('careCreditApi', {
			...sandboxCredentials(sandbox.urls).careCreditApi,
			baseUrl: `http://127.0.0.1:${port}`,
		});
		const run = await harness.run(
			nodeWorkflow(
				harness.type('careCredit'),
				{ resource: 'decision', operation: 'getMany', returnAll: true } as never,
				{ credentials: ['careCreditApi'], onError: 'continueErrorOutput' },
			),
		);
		expect(feedCalls).toHaveLength(MAX_PAGES);
		expect(run.json('Node', 0)).toEqual([]);
		const [failed] = run.json('Node', 1);
		expect(failed.error).toMatch(
			/more than 10000 entries: Decision: Get Many read that many and stopped/,
		);
		expect((failed.details as IDataObject).description).toMatch(/CareCredit Trigger/);
	} finally {
		server.close();
	}
}, 60_000);

test('a since date that is not a date, and a bad merchant number, are refused with a message saying so', async () => {
	const badDate = await getMany({ decidedSince: 'date', sinceDate: 'last month' });
	expect(badDate.error?.message).toMatch(/'Since Date' is not a date/);
	const badMerchant = await getMany({ merchantNumber: '123' });
	expect(badMerchant.error?.message).toMatch(/exactly 16 digits/);
});
