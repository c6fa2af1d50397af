/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// docs/setup.md, followed step by step against a fresh n8n 2.41.1 (scripts/e2e/stack.ts, bare:
// sandbox and n8n on free ports, nothing installed): the guide's install commands run as
// written on the packed tarball, n8n restarted, the credentials created through n8n's REST API
// with the guide's names, the templates imported unchanged with the guide's command, the
// Practice settings filled as the guide's tables say (read from the page itself, so page and
// test cannot drift), published in the guide's order, then the guide's first case in test mode
// and what the guide says to watch.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cleanEnv, run } from '../../scripts/n8n/install';
import {
	activateWorkflow,
	executeWorkflow,
	listExecutions,
	n8nCli,
	nodeOutput,
	packPackage,
	rest,
	waitForExecutions,
	type RunData,
} from '../../scripts/n8n/runtime';
import { addDays, Practice, practiceToday } from '../../scripts/e2e/practice';
import { sandboxCredentials } from '../nodes/harness/credentials';
import {
	fillPracticeSettings,
	practiceSettingsOf,
	SANDBOX_MERCHANT_NUMBERS,
	PRACTICE_SETTINGS,
} from '../../scripts/e2e/practiceSettings';
import {
	dentrixTriggerHasPolled,
	markDentrixFeed,
	REPO,
	startStack,
	waitFor,
	type Stack,
} from '../../scripts/e2e/stack';

const MINUTE = 60_000;
const started = Date.now();
const timings: string[] = [];
let stack: Stack;
let practice: Practice;
let work: string;
let guide: string;
/** n8n workflow id of each imported template file. */
const ids: Record<string, string> = {};

interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string | null; name: string }>;
	}>;
	settings: { errorWorkflow?: string; saveDataSuccessExecution?: string };
}

// ---- Reading the guide -------------------------------------------------------------------

/** The text of the section whose heading starts with `heading`, up to the next heading of its level or above. */
function section(heading: string): string {
	const lines = guide.split('\n');
	// A heading is a `#` line outside fenced blocks (a shell comment inside one is not).
	let fenced = false;
	const level = lines.map((l) => {
		if (l.startsWith('```')) fenced = !fenced;
		return !fenced && /^#+ /.test(l) ? /^#+/.exec(l)![0].length : 0;
	});
	const start = lines.findIndex(
		(l, i) => level[i] > 0 && l.replace(/^#+ /, '').startsWith(heading),
	);
	if (start < 0) throw new Error(`docs/setup.md has no section "${heading}"`);
	const end = lines.findIndex((_, i) => i > start && level[i] > 0 && level[i] <= level[start]);
	return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The first markdown table of `text`, as rows of trimmed cells keyed by the header's words. */
function table(text: string): Array<Record<string, string>> {
	const lines = text.split('\n');
	const first = lines.findIndex((l) => l.startsWith('|'));
	const after = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
	const rows = lines
		.slice(first < 0 ? lines.length : first, after < 0 ? undefined : after)
		.map((l) =>
			l
				.slice(1, -1)
				.split('|')
				.map((c) => c.trim()),
		);
	if (rows.length < 3) throw new Error(`no table in:\n${text.slice(0, 300)}`);
	const [header, , ...body] = rows;
	return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** The text between the first pair of backticks of a cell. */
const code = (cell: string) => /`([^`]*)`/.exec(cell)?.[1];

/** What the guide quotes in a section (`"..."`), white space folded; `...` stands for any text. */
function quotes(text: string): string[] {
	return [...text.replace(/\s+/g, ' ').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** A quote of the guide as a pattern: `...` any text, `N` a number. */
function pattern(quote: string): RegExp {
	const escaped = quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escaped.replaceAll('\\.\\.\\.', '.+').replace(/\bN\b/g, '\\d+')}`);
}

/** The shell blocks of a section. */
function shellBlocks(text: string): string[] {
	return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

async function template(file: string): Promise<Workflow> {
	return JSON.parse(await fs.readFile(join(REPO, 'workflows', file), 'utf8')) as Workflow;
}

const templates = () => table(section('4. Import the templates'));
/** The files a Dentrix practice imports (the guide's "for" column). */
const dentrixFiles = () =>
	templates()
		.filter((row) => /Dentrix|both/.test(row.for))
		.map((row) => code(row.file)!);

// ---- What the sandbox practice types in ----------------------------------------------------

/** A value for every setting the guide says to fill in, for the sandbox practice. */
function sandboxValue(name: string): unknown {
	const urls = stack.sandbox.urls;
	const values: Record<string, unknown> = {
		coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
		reviewWebhookUrl: `${urls.console}/hooks/review`,
		opsWebhookUrl: `${urls.console}/hooks/ops`,
		ownerWebhookUrl: `${urls.console}/hooks/owner`,
		n8nPublicUrl: stack.n8n.url,
		practiceName: 'Prairie Smiles Dental - Downtown',
		digestTo: 'owner@prairiesmiles.example.com',
		digestFrom: 'numbers@prairiesmiles.example.com',
		locations: JSON.stringify([
			{
				name: 'Downtown',
				merchantNumber: '5348120100000001',
				pmsLocationId: '',
				timeZone: 'America/Chicago',
				coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
				policyOverride: {},
			},
		]),
	};
	if (!(name in values)) {
		throw new Error(`docs/setup.md says to fill in ${name}: this test has no sandbox value for it`);
	}
	return values[name];
}

/** Credential data pointing at the sandbox, by credential type (n8n's SMTP: its mail server). */
function sandboxCredential(type: string): Record<string, unknown> {
	const smtp = new URL(stack.sandbox.urls.smtp!);
	return {
		...sandboxCredentials(stack.sandbox.urls),
		smtp: { host: smtp.hostname, port: Number(smtp.port), secure: false, user: '', password: '' },
	}[type]!;
}

beforeAll(async () => {
	guide = await fs.readFile(join(REPO, 'docs', 'setup.md'), 'utf8');
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-setup-'));
	stack = await startStack({
		work,
		bare: true,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
		log: (line) => timings.push(line),
	});
	practice = new Practice(stack.sandbox.urls);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	console.log(
		`[e2e setup guide] ${((Date.now() - started) / 1000).toFixed(0)} s in all\n  ${timings.join('\n  ')}`,
	);
	if (work) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

const step = async (label: string, action: () => Promise<void>) => {
	const t = Date.now();
	await action();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

describe('docs/setup.md, followed in a fresh n8n', () => {
	it(
		"2. installs the packed tarball into .n8n/nodes with the guide's commands; after a restart n8n has the guide's nodes",
		async () => {
			await step('install the tarball as the guide says, restart', async () => {
				const tarball = await packPackage(process.env.E2E_PACKAGE_DIR ?? REPO);
				const install = shellBlocks(section('2. Install the package')).find((b) =>
					b.includes('cd ~/.n8n/nodes'),
				);
				expect(install).toBeDefined();
				const script = install!
					.replaceAll('~/.n8n', join(stack.home.dir, '.n8n'))
					.replace(/\/path\/to\/n8n-nodes-dental-financing-<version>\.tgz/g, tarball);
				// The guide's lines as written, with this n8n's user folder and the tarball's path.
				await run('bash', ['-euc', script], {
					env: cleanEnv({ PATH: `${join(stack.home.runtime.nodeDir, 'bin')}:${process.env.PATH}` }),
				});
				await stack.restartN8n();
			});
			const response = await fetch(`${stack.n8n.url}/types/nodes.json`, {
				headers: { cookie: await stack.n8n.login() },
			});
			const types = (await response.json()) as Array<{ name: string; displayName: string }>;
			const ours = types
				// n8n adds an AI-agent "Tool" twin of each node usable as a tool; the panel lists the nodes.
				.filter((t) => t.name.startsWith('n8n-nodes-dental-financing.') && !t.name.endsWith('Tool'))
				.map((t) => t.displayName);
			const check = /\*\*Check:\*\*[^\n]*\n?[^\n]*\n?[^\n]*/.exec(
				section('2. Install the package'),
			)![0];
			const named = [...check.matchAll(/_([^_]+)_/g)].map((m) => m[1]);
			expect(named.length).toBeGreaterThanOrEqual(6);
			expect([...new Set(ours)].sort()).toEqual([...named].sort());
		},
		5 * MINUTE,
	);

	it(
		"3. creates each credential through the REST API with the guide's name and type; the guide names every credential the templates use",
		async () => {
			const rows = table(section('3. Create the credentials'));
			const named = rows.map((r) => ({
				name: code(r['name (as the templates reference it)'])!,
				type: /\(`(\w+)`/.exec(r.type)![1],
			}));
			// Every credential a template refers to is in the guide, with its type.
			for (const file of await fs.readdir(join(REPO, 'workflows'))) {
				for (const node of (await template(file)).nodes) {
					for (const [type, credential] of Object.entries(node.credentials ?? {})) {
						expect(named).toContainEqual({ name: credential.name, type });
					}
				}
			}
			// Every credential type the package ships is in the guide.
			const manifest = JSON.parse(await fs.readFile(join(REPO, 'package.json'), 'utf8')) as {
				n8n: { credentials: string[] };
			};
			for (const file of manifest.n8n.credentials) {
				const type = /\/(\w+)\.credentials\.js$/.exec(file)![1];
				expect(named.map((n) => n.type.toLowerCase())).toContain(type.toLowerCase());
			}
			// Those a Dentrix practice's templates use, created with the guide's names; the guide's
			// Test button (one read) passes on this package's.
			const used = new Set<string>();
			for (const file of dentrixFiles()) {
				for (const node of (await template(file)).nodes) {
					for (const credential of Object.values(node.credentials ?? {})) used.add(credential.name);
				}
			}
			for (const { name, type } of named.filter((n) => used.has(n.name))) {
				const created = await rest<{ id: string }>(stack.n8n, 'POST', '/credentials', {
					name,
					type,
					data: sandboxCredential(type),
				});
				if (!['careCreditApi', 'dentrixApi', 'openDentalApi'].includes(type)) continue;
				const tested = await rest<{ status: string; message: string }>(
					stack.n8n,
					'POST',
					'/credentials/test',
					{ credentials: { id: created.id, name, type, data: sandboxCredential(type) } },
				);
				expect({ name, ...tested }).toEqual(expect.objectContaining({ name, status: 'OK' }));
			}
		},
		3 * MINUTE,
	);

	it(
		"4. imports the Dentrix practice's templates unchanged with the guide's command: credentials connected by name, the error workflow named",
		async () => {
			const folder = join(work, 'templates');
			await fs.mkdir(folder);
			for (const file of dentrixFiles()) {
				await fs.copyFile(join(REPO, 'workflows', file), join(folder, file));
			}
			const command = shellBlocks(section('4. Import the templates'))[0].split('\n')[0];
			expect(command).toBe('n8n import:workflow --separate --input=/path/to/the/templates/');
			await step('import the templates, restart', async () => {
				await stack.n8n.stop();
				const args = command
					.split(' ')
					.slice(1)
					.map((a) => a.replace('/path/to/the/templates/', folder));
				const { stdout, stderr } = await n8nCli(stack.home, args);
				expect(stdout + stderr).toMatch(/Successfully imported \d+ workflows?/);
				await stack.restartN8n();
			});
			const stored = await rest<Array<{ id: string; name: string }>>(
				stack.n8n,
				'GET',
				'/workflows',
			);
			for (const file of dentrixFiles()) {
				const shipped = await template(file);
				const match = stored.filter((w) => w.name === shipped.name);
				expect(match).toHaveLength(1);
				ids[file] = match[0].id;
				const workflow = await rest<Workflow>(stack.n8n, 'GET', `/workflows/${ids[file]}`);
				// Unchanged: the same nodes and parameters as the file, and its settings.
				const strip = (w: Workflow) => w.nodes.map((n) => [n.name, n.type, n.parameters]);
				expect(strip(workflow)).toEqual(strip(shipped));
				expect(workflow.settings).toEqual(expect.objectContaining(shipped.settings));
				for (const node of workflow.nodes.filter((n) => n.credentials)) {
					for (const credential of Object.values(node.credentials!)) {
						expect(credential.id).toMatch(/^[A-Za-z0-9]{16}$/);
					}
				}
			}
			expect(ids['errors-to-ops.json']).toBe('DentalFinErrors1');
		},
		5 * MINUTE,
	);

	it(
		'5. every template in workflows/ has a settings table naming exactly its Practice settings and their shipped values; the imported ones are filled as the tables say',
		async () => {
			const files = (await fs.readdir(join(REPO, 'workflows'))).filter((f) => f.endsWith('.json'));
			const documented = templates().map((row) => code(row.file));
			expect([...documented].sort()).toEqual([...files].sort());
			for (const file of files) {
				const shipped = practiceSettingsOf(await template(file));
				const rows = table(section(`\`${file}\``));
				const names = rows.map((r) => code(r.setting)!);
				expect({ file, names: [...names].sort() }).toEqual({
					file,
					names: Object.keys(shipped).sort(),
				});
				const fill: Record<string, unknown> = {};
				for (const row of rows) {
					const name = code(row.setting)!;
					const value = shipped[name];
					// "empty" is what the file holds: an empty value.
					if (row.shipped === 'empty') expect({ name, value }).toEqual({ name, value: '' });
					else if (code(row.shipped) !== undefined) {
						expect({ file, name, value: String(value) }).toEqual({
							file,
							name,
							value: code(row.shipped),
						});
					}
					expect(['fill in', 'optional', 'keep or change']).toContain(row.you);
					if (row.you === 'fill in' && ids[file]) fill[name] = sandboxValue(name);
				}
				// A template with the CareCredit Trigger has a table for its Merchant Numbers too.
				const trigger = (await template(file)).nodes.find(
					(n) => n.type === 'n8n-nodes-dental-financing.careCreditDecisionTrigger',
				);
				let merchantNumbers: string | undefined;
				if (trigger) {
					const [row] = table(section(`\`${file}\`: the safety net's merchant numbers`));
					expect({ file, parameter: code(row.parameter), shipped: row.shipped }).toEqual({
						file,
						parameter: 'merchantNumber',
						shipped: 'empty',
					});
					expect((trigger.parameters as Record<string, unknown>).merchantNumber).toBe('');
					expect(row.you).toBe('fill in');
					merchantNumbers = SANDBOX_MERCHANT_NUMBERS;
				}
				if (ids[file]) {
					const { filled } = await fillPracticeSettings(stack.n8n, ids[file], fill, {
						merchantNumbers,
					});
					expect(filled.sort()).toEqual(Object.keys(fill).sort());
				}
			}
			// What was not to be filled stayed as shipped: the optional patient message is empty.
			const application = await rest<Workflow>(
				stack.n8n,
				'GET',
				`/workflows/${ids['treatment-plan-to-carecredit.json']}`,
			);
			expect(practiceSettingsOf(application).patientMessageWebhookUrl).toBe('');
			expect(application.nodes.some((n) => n.name === PRACTICE_SETTINGS)).toBe(true);
		},
		3 * MINUTE,
	);

	it(
		'6. publishes the error workflow first, then those marked yes; the decision template and test mode stay unpublished',
		async () => {
			const order = templates().filter((row) => ids[code(row.file)!]);
			const first = order.filter((row) => row.publish === 'first');
			const then = order.filter((row) => /^yes/.test(row.publish));
			expect(first.map((r) => code(r.file))).toEqual(['errors-to-ops.json']);
			// The Dentrix Trigger starts "from now": wait for its first check before a plan is accepted.
			await markDentrixFeed(stack.sandbox.urls.dentrix);
			await step('publish', async () => {
				for (const row of [...first, ...then])
					await activateWorkflow(stack.n8n, ids[code(row.file)!]);
			});
			await dentrixTriggerHasPolled(stack.sandbox.urls.dentrix);
			for (const row of order) {
				const workflow = await rest<Workflow>(
					stack.n8n,
					'GET',
					`/workflows/${ids[code(row.file)!]}`,
				);
				expect({ file: row.file, active: workflow.active }).toEqual({
					file: row.file,
					active: row.publish === 'first' || /^yes/.test(row.publish),
				});
			}
		},
		3 * MINUTE,
	);

	it(
		'7. a first case in test mode: the application reaches the coordinator, staff enter the agreement by hand, test mode reports the one difference and writes nothing',
		async () => {
			const t = Date.now();
			// 1. The plan accepted with CareCredit (Daniel Whitaker, a test applicant approved at once).
			await practice.acceptWithCareCredit('tp_2001');
			// 2. Within a minute, the application message the guide quotes.
			const said = quotes(section('7. A first case in test mode'));
			const readyQuote = said.find((q) => q.startsWith('CareCredit application ready'))!;
			expect(readyQuote).toBeDefined();
			const [ready] = await waitFor(
				'the application message',
				async () => {
					const found = (await practice.messages('coordinator', 'Daniel Whitaker')).filter((m) =>
						pattern(readyQuote).test(m.text),
					);
					return found.length > 0 ? found : undefined;
				},
				3 * MINUTE,
			);
			expect(ready.text).toContain(`${stack.n8n.url}/webhook/carecredit-chairside?session=`);
			// The optional patient address was left empty: nothing sent to the patient.
			expect(await practice.notifications('patient')).toEqual([]);
			// 3. CareCredit decides; staff enter the agreement by hand, one field as a person might.
			await waitFor('the approval', async () => {
				const session = await practice.sessionOf('tp_2001');
				return session?.application ? session : undefined;
			});
			const today = practiceToday();
			const byHand = await fetch(
				`${stack.sandbox.urls.dentrix}/v1/accounts/pat_1001/payment-agreements`,
				{
					method: 'POST',
					headers: {
						authorization: 'Bearer sandbox-dentrix-key',
						'content-type': 'application/json',
						'x-sandbox-source': 'console',
					},
					body: JSON.stringify({
						billingType: 'Third-Party Financing - No Statements',
						agreementDate: today,
						interval: 'monthly',
						annualFinanceChargePercent: 0,
						annualLateChargePercent: 0,
						gracePeriodDays: 10,
						minimumLateCharge: 0,
						minimumBalanceToCharge: 0,
						totalAgreedAmount: 4220.01,
						downPayment: 0,
						firstPaymentDue: addDays(today, 30),
						paymentAmount: 175.84,
						numberOfPayments: 24,
						statementNote: 'Financed by CareCredit',
						note: 'CareCredit, entered by the front desk',
					}),
				},
			);
			expect(byHand.status).toBe(201);
			const writesBefore = (await practice.writes('dentrix')).length;
			// 4. Execute workflow (the guide's command line form).
			const id = ids['test-mode.json'];
			let run: RunData | undefined;
			await step('test mode run', async () => {
				run = await executeWorkflow(stack.home, id);
			});
			// 5. What the guide says to read.
			const cases = nodeOutput(run!, 'Recent financed cases') as Array<{
				pms: { treatmentPlanId: string };
			}>;
			expect(cases.map((c) => c.pms.treatmentPlanId)).toEqual(['tp_2001']);
			const compared = nodeOutput(run!, 'Compare') as Array<{
				allMatch: boolean;
				discrepancyCount: number;
			}>;
			expect(compared).toEqual([expect.objectContaining({ allMatch: false, discrepancyCount: 1 })]);
			const [report] = await waitFor('the test mode report', async () => {
				const found = await practice.messages('review', 'Test mode');
				return found.length > 0 ? found : undefined;
			});
			const example = '- gracePeriodDays: automation 0, by hand 10';
			expect(section('7. A first case in test mode')).toContain(example);
			const reportQuote = said.find((q) => q.startsWith('Test mode'))!;
			expect(report.text).toMatch(pattern(reportQuote));
			expect(report.text).toContain(': 1 difference');
			expect(report.text.split('\n').slice(1)).toEqual([example]);
			// Nothing written: no Dentrix write since the staff's.
			expect((await practice.writes('dentrix')).length).toBe(writesBefore);
			// 8. The executions list: the test mode run succeeded; the application's successful run
			// has a row unless its file says not to save successful runs.
			const [latest] = await listExecutions(stack.n8n, { workflowId: id });
			expect(latest.status).toBe('success');
			const application = ids['treatment-plan-to-carecredit.json'];
			const saved = (await listExecutions(stack.n8n, { workflowId: application })).filter(
				(e) => e.status === 'success',
			);
			const unsaved =
				(await template('treatment-plan-to-carecredit.json')).settings.saveDataSuccessExecution ===
				'none';
			expect(saved.length > 0).toBe(!unsaved);
			expect(await practice.messages('ops')).toEqual([]);
			timings.push(`first case to test mode report: ${((Date.now() - t) / 1000).toFixed(0)} s`);
		},
		6 * MINUTE,
	);

	it(
		'6.3 publishing the decision template afterwards never overwrites what staff entered: the case goes to review',
		async () => {
			const id = ids['carecredit-decision-to-dentrix.json'];
			await activateWorkflow(stack.n8n, id);
			// Its first check reads what the merchant's decision feed holds: Daniel's approval.
			await waitForExecutions(stack.n8n, id, 1, 3 * MINUTE);
			const quote = quotes(section('6. Publish')).find((q) => q.includes('payment agreement'))!;
			expect(quote).toBe('already has an active payment agreement');
			await waitFor(
				'the review message',
				async () => {
					const found = await practice.messages('review', quote);
					return found.length > 0 ? found : undefined;
				},
				2 * MINUTE,
			);
			const agreements = await practice.agreements('pat_1001');
			expect(agreements).toHaveLength(1);
			expect(agreements[0].gracePeriodDays).toBe(10);
			expect(await practice.messages('ops')).toEqual([]);
		},
		6 * MINUTE,
	);
});
