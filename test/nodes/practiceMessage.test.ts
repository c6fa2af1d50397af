/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox JSON is read loosely */
// Practice Message through n8n-core's real execution, posting to the sandbox console's Slack-style
// webhook (`POST /hooks/:channel`) over loopback: each item once, a failed post tried again alone,
// n8n's Retry On Fail posting nothing twice, bad input posting nothing, patient data hidden.
import type { Sandbox } from '../../sandbox';
import { PracticeMessage } from '../../nodes/PracticeMessage/PracticeMessage.node';
import { NodeTestHarness, nodeWorkflow, sandboxAdmin, startTestSandbox } from './harness';

jest.setTimeout(60_000);

let sandbox: Sandbox;
let harness: NodeTestHarness;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	harness = new NodeTestHarness({ nodes: [new PracticeMessage()], credentials: [] });
});
afterAll(async () => {
	await sandbox.stop();
});
beforeEach(async () => {
	await sandboxAdmin(sandbox.urls.console).clearFaults();
	await sandboxAdmin(sandbox.urls.console).reset();
});

const hook = (channel = 'coordinator') => `${sandbox.urls.console}/hooks/${channel}`;
const console_ = () => sandboxAdmin(sandbox.urls.console);
const received = (channel = 'coordinator') =>
	sandbox.store.state.notifications.filter((n) => n.channel === channel);

function message(
	parameters: Record<string, unknown> = {},
	o: { onError?: 'continueErrorOutput'; retry?: number } = {},
) {
	const wf = nodeWorkflow(
		harness.type('practiceMessage'),
		{
			webhookUrl: '={{ $json.url }}',
			text: '={{ $json.text }}',
			options: { secondsBetweenTries: 0 },
			...parameters,
		} as never,
		{ onError: o.onError },
	);
	if (o.retry)
		Object.assign(wf.nodes[1]!, { retryOnFail: true, maxTries: o.retry, waitBetweenTries: 10 });
	return wf;
}
const items = (n: number, channel = 'coordinator') =>
	Array.from({ length: n }, (_, i) => ({ url: hook(channel), text: `Message ${i + 1}` }));

test('each item posted once, in order, its output paired with it', async () => {
	const run = await harness.run(message(), { items: items(5) });
	expect(run.error).toBeUndefined();
	expect(received().map((n) => n.text)).toEqual([1, 2, 3, 4, 5].map((i) => `Message ${i}`));
	expect(run.json('Node')).toEqual(Array.from({ length: 5 }, () => ({ posted: true, tries: 1 })));
	expect(run.output('Node').map((o) => o.pairedItem)).toEqual(
		[0, 1, 2, 3, 4].map((item) => ({ item })),
	);
});

test.each([
	['a 503 before the hook', { kind: 'status', status: 503, phase: 'before' }],
	['a reset', { kind: 'reset', phase: 'before' }],
	['a 429', { kind: 'status', status: 429, phase: 'before' }],
])('%s, twice: only that post is tried again', async (_name, fault) => {
	// The run's first post is struck twice.
	await console_().fault({ ...(fault as object), count: 2, pathPattern: '^/hooks/' } as never);
	const run = await harness.run(message(), { items: items(4) });
	expect(run.error).toBeUndefined();
	expect(received().map((n) => n.text)).toEqual([1, 2, 3, 4].map((i) => `Message ${i}`));
	expect(run.json('Node').map((j) => j.tries)).toEqual([3, 1, 1, 1]);
});

test("with n8n's Retry On Fail on, a node run again posts none of the messages already taken", async () => {
	// One try per message: the third message's failure fails the node, and n8n runs it again
	// with the same items (n8n-core workflow-execute, the tryIndex loop).
	const wf = message({ options: { tries: 1, secondsBetweenTries: 0 } }, { retry: 3 });
	const list = items(4);
	// Message 3 goes to a channel that fails once.
	list[2] = { url: hook('flaky'), text: 'Message 3' };
	await console_().fault({
		kind: 'status',
		status: 500,
		count: 1,
		pathPattern: '^/hooks/flaky',
	} as never);
	const run = await harness.run(wf, { items: list });
	expect(run.error).toBeUndefined();
	const texts = sandbox.store.state.notifications.map((n) => n.text);
	expect(texts).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
	// The second node run found messages 1 and 2 taken.
	expect(run.json('Node')).toEqual([
		{ posted: true, tries: 0, alreadyPosted: true },
		{ posted: true, tries: 0, alreadyPosted: true },
		{ posted: true, tries: 1 },
		{ posted: true, tries: 1 },
	]);
});

test('a webhook that keeps failing: the error names the message, earlier ones posted, later ones not', async () => {
	const list = items(4);
	list[2] = { url: hook('down'), text: 'Message 3' };
	await console_().fault({
		kind: 'status',
		status: 503,
		count: 10,
		pathPattern: '^/hooks/down',
	} as never);
	const run = await harness.run(message({ options: { tries: 3, secondsBetweenTries: 0 } }), {
		items: list,
	});
	expect(run.error?.message).toMatch(/did not take message 3 of 4 after 3 tries \(answered 503/);
	expect((run.error as any).description).toMatch(/Messages 1 to 2 of this run were posted/);
	expect(sandbox.store.state.notifications.map((n) => n.text)).toEqual(['Message 1', 'Message 2']);
});

test('with the error output, a failed message leaves by it and the others are posted', async () => {
	const list = items(3);
	list[1] = { url: hook('down'), text: 'Message 2' };
	await console_().fault({
		kind: 'status',
		status: 503,
		count: 10,
		pathPattern: '^/hooks/down',
	} as never);
	const run = await harness.run(
		message({ options: { tries: 2, secondsBetweenTries: 0 } }, { onError: 'continueErrorOutput' }),
		{ items: list },
	);
	expect(run.error).toBeUndefined();
	expect(received().map((n) => n.text)).toEqual(['Message 1', 'Message 3']);
	expect(run.output('Node', 1).map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
});

describe('bad input, by kind, in hundreds: the error names the field and nothing is posted', () => {
	const kinds: Array<[string, Record<string, unknown>, RegExp]> = [
		['an empty webhook address', { url: '' }, /webhookUrl: is empty/],
		['blanks for an address', { url: '   ' }, /webhookUrl: is empty/],
		['a relative address', { url: 'hooks/coordinator' }, /webhookUrl: is not a web address/],
		['another scheme', { url: 'ftp://example.com/hook' }, /webhookUrl: is not a web address/],
		['a script address', { url: 'javascript:alert(1)' }, /webhookUrl: is not a web address/],
		['no address at all', { url: undefined }, /webhookUrl: is empty/],
		['an empty text', { text: '' }, /text: is empty/],
		['a text of blanks', { text: ' \n\t ' }, /text: is empty/],
		['no text at all', { text: undefined }, /text: is empty/],
	];
	test.each(kinds)('%s, at each place among 25 items', async (_kind, bad, named) => {
		let runs = 0;
		for (let at = 0; at < 25; at++) {
			const list: Array<Record<string, any>> = items(25);
			list[at] = { ...list[at], ...bad };
			const run = await harness.run(message(), { items: list });
			expect(run.error?.message).toMatch(named);
			runs++;
		}
		expect(runs).toBe(25);
		expect(sandbox.store.state.notifications).toHaveLength(0);
		expect(await console_().writes('/hooks/')).toHaveLength(0);
	});
});

test('a tax id and a date of birth in the text are hidden; an old visit date is kept', async () => {
	const text =
		'Call Dana (SSN 123-45-6789, DOB 04/12/1980) about her visit of 2019-03-04; ref 987654321.';
	const run = await harness.run(message(), { items: [{ url: hook(), text }] });
	expect(run.error).toBeUndefined();
	const [posted] = received();
	expect(posted!.text).not.toMatch(/6789|1980|987654321/);
	expect(posted!.text).toContain('2019-03-04');
	expect(posted!.text).toContain('(hidden)');
});

test("the patient-messaging service's recipients ride beside the text", async () => {
	const run = await harness.run(
		message({ options: { toEmail: ' pat@example.com ', toCellPhone: '', secondsBetweenTries: 0 } }),
		{ items: [{ url: hook('patient'), text: 'Your application link' }] },
	);
	expect(run.error).toBeUndefined();
	expect(received('patient')[0]!.body).toEqual({
		text: 'Your application link',
		to: { email: 'pat@example.com', cellPhone: null },
	});
});
