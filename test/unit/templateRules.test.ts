/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: it reads the shipped templates with fs */
// The shipped templates hold wiring, settings and messages; the rules live in the nodes and
// financing/ (where they are tested). Read from the files as a practice imports them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}
interface Workflow {
	nodes: Node[];
	settings: Record<string, unknown>;
}

const DIR = join(__dirname, '..', '..', 'workflows');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const read = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Workflow;
const notes = (w: Workflow) => w.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
const steps = (w: Workflow) => w.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');

describe.each(FILES)('%s', (file) => {
	const text = readFileSync(join(DIR, file), 'utf8');
	const workflow = read(file);

	test('no object stringified in an expression, no inline search', () => {
		expect(text).not.toContain('JSON.stringify');
		expect(text).not.toContain('.find(');
		expect(text).not.toContain('policyJson');
	});

	test('messages go as body parameters', () => {
		for (const n of steps(workflow).filter((s) => s.type === 'n8n-nodes-base.httpRequest')) {
			// JSON or form bodies alike: named parameters (a form's specifyBody defaults to them).
			expect([undefined, 'keypair']).toContain(n.parameters.specifyBody);
			expect(n.parameters).toHaveProperty('bodyParameters.parameters');
			expect(n.parameters).not.toHaveProperty('jsonBody');
		}
	});

	test("messages to the practice's channels go through Practice Message, without n8n's Retry On Fail", () => {
		// n8n's Retry On Fail runs a node again with all its items: an HTTP Request posts every
		// message before the failed one again; Practice Message tries each message by itself.
		for (const n of steps(workflow).filter((s) => s.type === 'n8n-nodes-base.httpRequest'))
			expect(String(n.parameters.url)).not.toMatch(/WebhookUrl/);
		for (const n of steps(workflow).filter(
			(s) => s.type === 'n8n-nodes-dental-financing.practiceMessage',
		)) {
			expect(n).not.toHaveProperty('retryOnFail');
			expect(String(n.parameters.webhookUrl)).toMatch(/WebhookUrl/);
		}
	});

	test("the package's nodes without n8n's Retry On Fail: they try again by themselves, each item alone", () => {
		// Retry On Fail would run every item of the node again (a write looked up first, but its
		// reads and the throttled API's requests multiplied by the tries).
		for (const n of steps(workflow).filter((s) => s.type.startsWith('n8n-nodes-dental-financing.')))
			expect([n.name, n]).not.toEqual([n.name, expect.objectContaining({ retryOnFail: true })]);
	});
});

describe('the decision templates', () => {
	test.each(['carecredit-decision-to-dentrix.json', 'opendental-decision-to-arrangement.json'])(
		'%s: fewer nodes than the 30 they had, the policy and locations in Practice settings, Build reading them',
		(file) => {
			const w = read(file);
			expect(w.nodes.length).toBeLessThan(30);
			const settings = w.nodes.find((n) => n.name === 'Practice settings')!;
			const values = (
				settings.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
			).assignments;
			expect(values.find((a) => a.name === 'postCareCreditPayment')?.value).toBe(
				'whenPurchaseDone',
			);
			expect(values.find((a) => a.name === 'locations')?.value).toBe('[]');
			const build = w.nodes.find((n) => n.name === 'Build arrangement')!;
			expect(build.parameters.locations).toContain('.json.locations');
			expect((build.parameters.policy as Record<string, string>).postCareCreditPayment).toContain(
				'.json.postCareCreditPayment',
			);
			// One writer for the whole case; the CareCredit payment's transaction from Build's item.
			const write = w.nodes.find((n) => n.name === 'Write the financed case')!;
			expect(write.parameters).toMatchObject({ resource: 'financedCase', operation: 'write' });
			expect(write.parameters.transactionId).toBe(
				"={{ $('Build arrangement').item.json.careCreditPayment?.transactionId ?? '' }}",
			);
			for (const gone of ['Post CareCredit payment', 'Write audit note', 'Audit note new?'])
				expect(w.nodes.map((n) => n.name)).not.toContain(gone);
			expect(w.nodes.map((n) => n.name)).not.toContain('Purchase done?');
		},
	);
});

describe('saved runs', () => {
	test('treatment plan to CareCredit saves successful runs and says how to stop when tax id prefill goes on', () => {
		const w = read('treatment-plan-to-carecredit.json');
		expect(w.settings.saveDataSuccessExecution).toBe('all');
		const said = notes(w).map((n) => String(n.parameters.content));
		expect(said.some((c) => /tax id prefill/i.test(c) && /Do not save/.test(c))).toBe(true);
	});

	test('the Open Dental form carries a birthdate: its successful runs are not saved, and the canvas says so', () => {
		const w = read('opendental-plan-to-carecredit.json');
		expect(w.settings.saveDataSuccessExecution).toBe('none');
		const said = notes(w).map((n) => String(n.parameters.content));
		expect(said.some((c) => /not saved/.test(c) && /birthdate/.test(c))).toBe(true);
	});
});

describe('webhooks', () => {
	test("the one outsiders post to (Twilio's replies) asks for Basic Auth; the chair-side links only read", () => {
		const hooks = FILES.flatMap((f) =>
			steps(read(f))
				.filter((n) => n.type === 'n8n-nodes-base.webhook')
				.map((n) => ({ file: f, ...n })),
		);
		const posted = hooks.filter((h) => h.parameters.httpMethod === 'POST');
		expect(posted.map((h) => h.file)).toEqual(['outreach-replies-opendental.json']);
		for (const h of posted) {
			expect(h.parameters.authentication).toBe('basicAuth');
			expect((h as unknown as { credentials: unknown }).credentials).toEqual({
				httpBasicAuth: { id: null, name: 'Twilio replies webhook' },
			});
		}
		// A chair-side link reads the decision from CareCredit for its session: it carries no data.
		for (const h of hooks.filter((x) => x.parameters.httpMethod !== 'POST'))
			expect(h.parameters.httpMethod).toBe('GET');
	});
});
