/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: static data is read loosely */
// The CareCredit Trigger polled through n8n-core's PollContext, its cursor kept in static data
// between polls as n8n keeps it, against the sandbox's decision feed over loopback.
import type { IDataObject } from 'n8n-workflow';

import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { parseDecision } from '../../financing';
import { CareCreditDecisionTrigger } from '../../nodes/CareCredit/CareCreditDecisionTrigger.node';
import type { Sandbox } from '../../sandbox';
import {
	NodeTestHarness,
	sandboxAdmin,
	sandboxCredentials,
	startTestSandbox,
	triggerWorkflow,
} from './harness';

const DOWNTOWN = '5348120100000001';
const LAKESIDE = '5348120100000002';

let sandbox: Sandbox;
let cc: ReturnType<typeof sandboxAdmin>;
let harness: NodeTestHarness;
let token = '';

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cc = sandboxAdmin(sandbox.urls.careCredit);
});
afterAll(async () => await sandbox.stop());

beforeEach(async () => {
	await cc.reset();
	token = '';
	harness = new NodeTestHarness({
		nodes: [new CareCreditDecisionTrigger()],
		credentials: [new CareCreditApi()],
	});
	await harness.setCredentials('careCreditApi', {
		...sandboxCredentials(sandbox.urls).careCreditApi,
		merchantNumber: DOWNTOWN,
	});
});

/** A prefill straight to the stand-in (test applicants are decided at once, by last name). */
async function applicantDecided(
	lastName: string,
	patientId: string,
	merchantNumber = DOWNTOWN,
): Promise<{ sessionId: string; referenceId: string }> {
	if (!token) {
		const response = await fetch(`${sandbox.urls.careCredit}/oauth2/v1/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: 'sandbox-client',
				client_secret: 'sandbox-secret',
			}),
		});
		token = ((await response.json()) as { access_token: string }).access_token;
	}
	const response = await fetch(`${sandbox.urls.careCredit}/v1/carecredit/prefill`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({
			merchantInfo: { merchantNumber, partnerCode: 'N8N', recordId: patientId },
			applicants: [{ firstName: 'Test', lastName }],
			transactionInfo: { invoiceNumber: `TP-${patientId}` },
		}),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { sessionId: string; referenceId: string };
}

const trigger = (parameters: IDataObject = {}) =>
	triggerWorkflow(
		harness.type('careCreditDecisionTrigger'),
		{ lookBackMinutes: 0, ...parameters } as never,
		{ credentials: ['careCreditApi'] },
	);

const summary = (items: Array<{ json: IDataObject }> | undefined) =>
	(items ?? []).map(
		({ json }) =>
			`${json.rawStatus}:${(json.pms as IDataObject).patientId}${json.redelivered ? ':again' : ''}`,
	);

test('emits every new decision once, as the decision of docs/financing-domain.md §7, and null when nothing is new', async () => {
	const wf = trigger();
	expect(await harness.poll(wf)).toBeNull();
	const approved = await applicantDecided('Approved', 'P1');
	await applicantDecided('Declined', 'P2');
	const first = await harness.poll(wf);
	expect(summary(first?.[0])).toEqual(['Completed:P1', 'Declined:P2']);
	const decision = first![0][0].json;
	expect(decision).toMatchObject({
		status: 'approved',
		sessionId: approved.sessionId,
		referenceId: approved.referenceId,
		applicationId: expect.stringMatching(/^APP-/),
		approvedAmountCents: 1_000_000,
		pms: { patientId: 'P1', guarantorId: 'P1', treatmentPlanId: 'TP-P1', locationId: null },
		merchantNumber: DOWNTOWN,
		redelivered: false,
	});
	expect(parseDecision(decision).ok).toBe(true);
	expect(await harness.poll(wf)).toBeNull();

	await applicantDecided('CallForAuth', 'P3');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['CallForAuth:P3']);
	expect(harness.staticData(wf)['node:Trigger']).toMatchObject({
		merchants: { [DOWNTOWN]: { cursor: expect.stringMatching(/^\d+$/) } },
	});
});

test('collapses the entries the feed repeats within a poll', async () => {
	const wf = trigger();
	const { sessionId } = await applicantDecided('Approved', 'P1');
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId });
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId });
	await applicantDecided('Declined', 'P2');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Completed:P1', 'Declined:P2']);
});

test('a decision that changes status is emitted again with its new status', async () => {
	const wf = trigger();
	await applicantDecided('Pending', 'P5');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Pending:P5']);
	await cc.advanceClock(121);
	// The stand-in moves a pending application on when its feed or session is next read.
	const next = await harness.poll(wf);
	expect(summary(next?.[0])).toEqual(['Completed:P5']);
	expect(next![0][0].json).toMatchObject({ status: 'approved', approvedAmountCents: 500_000 });
});

test('re-emits the decisions of the look-back window, marked redelivered, alongside new ones', async () => {
	const wf = trigger({ lookBackMinutes: 5 });
	await applicantDecided('Approved', 'P1');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Completed:P1']);
	// n8n saved the cursor, then died while the workflow for P1 ran: the next poll sends P1 again.
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Completed:P1:again']);
	await applicantDecided('Declined', 'P2');
	// New decisions first, then the look-back's.
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Declined:P2', 'Completed:P1:again']);

	// Outside the window (here: a window of 0) nothing is sent again.
	const saved = harness.staticData(wf);
	const noWindow = { ...trigger({ lookBackMinutes: 0 }), id: wf.id };
	harness.resetStaticData(noWindow, saved);
	expect(await harness.poll(noWindow)).toBeNull();
});

test('sends a decision again at the 1st, 2nd, 4th, 8th, 16th, 32nd, then every 30th poll after, for as long as the window lasts', async () => {
	const wf = trigger({ lookBackMinutes: 240 });
	await applicantDecided('Approved', 'P1');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Completed:P1']);
	const sentAgain: number[] = [];
	for (let poll = 1; poll <= 95; poll++) {
		if (poll === 5) await applicantDecided('Declined', 'P2');
		const items = summary((await harness.poll(wf))?.[0]);
		if (items.includes('Completed:P1:again')) sentAgain.push(poll);
	}
	// Doubling, then every 30th poll.
	expect(sentAgain).toEqual([1, 2, 4, 8, 16, 32, 62, 92]);
	// A decision whose batch could not be sent whole (no room) is due again at the next poll.
	const small = { ...trigger({ lookBackMinutes: 240, maxDecisions: 1 }), id: 'small' };
	await cc.reset();
	token = '';
	await applicantDecided('Approved', 'Q1');
	await applicantDecided('Approved', 'Q2');
	const polls: string[][] = [];
	for (let poll = 0; poll < 5; poll++) polls.push(summary((await harness.poll(small))?.[0]));
	expect(polls).toEqual([
		['Completed:Q1'],
		['Completed:Q2'],
		['Completed:Q1:again'],
		['Completed:Q2:again'],
		['Completed:Q1:again'],
	]);
});

test('a restarted cursor reads the backlog again, collapsed, and pages through it', async () => {
	const wf = trigger({ maxDecisions: 500 });
	for (let i = 0; i < 120; i++) await applicantDecided(i % 2 ? 'Declined' : 'Approved', `P${i}`);
	const { sessionId } = await applicantDecided('Approved', 'P120');
	await cc.call('POST', '/__sandbox/careCredit/feed/repeat', { sessionId });
	const all = await harness.poll(wf);
	expect(all?.[0]).toHaveLength(121);
	expect(new Set(all![0].map((i) => i.json.sessionId)).size).toBe(121);
	expect(await harness.poll(wf)).toBeNull();

	harness.resetStaticData(wf);
	expect(await harness.poll(wf).then((r) => r?.[0].length)).toBe(121);
	expect(await harness.poll(wf)).toBeNull();
});

test('filters by status and watches the merchant number it is given', async () => {
	await applicantDecided('Approved', 'P1');
	await applicantDecided('Declined', 'P2');
	await applicantDecided('Expired', 'P3');
	await applicantDecided('Approved', 'L1', LAKESIDE);
	expect(summary((await harness.poll(trigger({ statuses: ['approved'] })))?.[0])).toEqual([
		'Completed:P1',
	]);
	expect(summary((await harness.poll(trigger({ statuses: ['declined', 'other'] })))?.[0])).toEqual([
		'Declined:P2',
		'Expired:P3',
	]);
	expect(summary((await harness.poll(trigger({ merchantNumber: LAKESIDE })))?.[0])).toEqual([
		'Completed:L1',
	]);
});

test('manual mode returns a decision (or a sample) and leaves the cursor alone', async () => {
	const wf = trigger();
	const sample = await harness.poll(wf, { mode: 'manual' });
	expect(sample?.[0][0].json).toMatchObject({ sample: true, status: 'approved' });
	await applicantDecided('Declined', 'P2');
	const real = await harness.poll(wf, { mode: 'manual' });
	expect(summary(real?.[0])).toEqual(['Declined:P2']);
	expect(harness.staticData(wf)).toEqual({});
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Declined:P2']);
});

test('a merchant number that is not 16 digits is refused with a message saying so', async () => {
	await expect(harness.poll(trigger({ merchantNumber: '123' }))).rejects.toThrow(
		/exactly 16 digits/,
	);
});

test('watches every merchant number of the list, a cursor each; at most N decisions per poll, new ones first, the rest at the next poll', async () => {
	const wf = trigger({
		merchantNumber: `${DOWNTOWN}, ${LAKESIDE}`,
		maxDecisions: 3,
		lookBackMinutes: 10,
	});
	await applicantDecided('Approved', 'P1');
	await applicantDecided('Declined', 'P2');
	await applicantDecided('Approved', 'L1', LAKESIDE);
	await applicantDecided('Declined', 'L2', LAKESIDE);
	const first = await harness.poll(wf);
	expect(summary(first?.[0])).toEqual(['Completed:P1', 'Declined:P2', 'Completed:L1']);
	expect(first![0].map((i) => i.json.merchantNumber)).toEqual([DOWNTOWN, DOWNTOWN, LAKESIDE]);
	const state = harness.staticData(wf)['node:Trigger'] as any;
	expect(Object.keys(state.merchants).sort()).toEqual([DOWNTOWN, LAKESIDE].sort());
	// The next poll: the one left first, then the look-back's (bounded too).
	expect(summary((await harness.poll(wf))?.[0])).toEqual([
		'Declined:L2',
		'Completed:P1:again',
		'Declined:P2:again',
	]);
	const third = await harness.poll(wf);
	expect(third![0]).toHaveLength(3);
	expect(third![0].every((i) => i.json.redelivered === true)).toBe(true);
});

test("an empty list watches the credential's default merchant number; the older single cursor is kept", async () => {
	await applicantDecided('Approved', 'P1');
	const wf = trigger();
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Completed:P1']);
	const cursor = (harness.staticData(wf)['node:Trigger'] as any).merchants[DOWNTOWN].cursor;
	harness.resetStaticData(wf, { 'node:Trigger': { cursor } });
	expect(await harness.poll(wf)).toBeNull();
	await applicantDecided('Declined', 'P2');
	expect(summary((await harness.poll(wf))?.[0])).toEqual(['Declined:P2']);
});
