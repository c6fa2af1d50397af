/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox JSON is read loosely */
// The shipped Open Dental templates in real n8n 2.41.1, end to end, on the templates suite's stack
// (scripts/e2e/stack.ts: the package packed and installed into `.n8n/nodes`, sandbox and n8n on
// free ports): the Open Dental credential and the two Open Dental templates are imported
// unchanged beside the Dentrix ones, their Practice settings filled and published as an ops
// person does, then a coordinator fills the form, the patient is approved with a shortfall, the
// chair-side link is pressed, and the stand-in's ledger is checked. Last, the form's date of
// birth is looked for in n8n's database once the hard deletion has run (patient data at rest).
// Needs the Open Dental node and credential in package.json's `n8n` lists (or E2E_PACKAGE_DIR
// pointing at a package folder that lists them).
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
	compactSqlite,
	filesContaining,
	importCredentials,
	n8nCli,
	importWorkflow,
	sqliteQuery,
	TEST_N8N_ENV,
} from '../../scripts/n8n/runtime';
import { Practice, tokenOf } from '../../scripts/e2e/practice';
import { getJson, REPO, startStack, waitFor, type Stack } from '../../scripts/e2e/stack';

const MINUTE = 60_000;
const OD = { developerApiKey: 'sandbox-od-developer', customerApiKey: 'sandbox-od-customer' };
let stack: Stack;
let practice: Practice;
let work: string;
const ids: Record<'application' | 'decision', string> = { application: '', decision: '' };

type Row = Record<string, any>;
const FORM = () => `${stack.n8n.url}/form/opendental-carecredit-application`;
const odState = () => getJson<Row>(`${stack.sandbox.urls.openDental}/__sandbox/state`);

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-opendental-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
	});
	practice = new Practice(stack.sandbox.urls);
	await stack.n8n.stop();
	// One practice runs one practice system: the Dentrix decision workflow is not published here.
	await n8nCli(stack.home, ['unpublish:workflow', `--id=${stack.ids.decision}`]);
	await importCredentials(stack.home, [
		{
			name: 'Open Dental account',
			type: 'openDentalApi',
			data: { baseUrl: `${stack.sandbox.urls.openDental}/api/v1`, ...OD, pacingMs: 0 },
		},
	]);
	ids.application = await importWorkflow(
		stack.home,
		join(REPO, 'workflows', 'opendental-plan-to-carecredit.json'),
	);
	ids.decision = await importWorkflow(
		stack.home,
		join(REPO, 'workflows', 'opendental-decision-to-arrangement.json'),
	);
	await stack.restartN8n();
	// As an ops person does in the editor: fill each template's Practice settings, save, publish.
	for (const id of Object.values(ids)) await stack.setUpTemplate(id);
	// n8n activates published workflows after it answers logins: wait for the form to be served.
	await waitFor(
		'the coordinator form',
		async () => ((await fetch(FORM())).status === 200 ? true : undefined),
		MINUTE,
	);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	if (work && !process.env.E2E_KEEP) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

/** What the coordinator does: the form, as a browser submits it (multipart, field-0...). */
async function submitForm(fields: string[]): Promise<number> {
	const body = new FormData();
	fields.forEach((value, i) => body.append(`field-${i}`, value));
	const response = await fetch(FORM(), {
		method: 'POST',
		body,
	});
	return response.status;
}

describe('Open Dental templates in real n8n', () => {
	it(
		'form to application, approval with a shortfall, chair-side link: plan, commlog, payment, one message',
		async () => {
			// Maria Alvarez (PatNum 205), her signed plan 403: patient portion $1,497.00.
			expect(await submitForm(['Alvarez', 'Maria', '1968-11-22', '403'])).toBe(200);
			const [ready] = await waitFor(
				'the application message',
				async () => {
					const found = await practice.messages('coordinator', 'Maria Alvarez');
					return found.length > 0 ? found : undefined;
				},
				2 * MINUTE,
			);
			const link =
				/(https?:\/\/\S+\/webhook\/carecredit-chairside-opendental\?session=[0-9a-f-]+)/.exec(
					ready!.text,
				)?.[1];
			expect(link).toBeDefined();
			const session = await waitFor('the CareCredit session of 403', () =>
				practice.sessionOf('403'),
			);
			await practice.decide(session.sessionId, {
				outcome: 'approved',
				creditLine: 1000,
				promoCode: 'DI12',
				purchaseAmount: 1000,
			});
			const answer = await fetch(link!, { headers: { accept: 'application/json' } });
			expect(await answer.json()).toMatchObject({ received: true, status: 'approved' });

			const done = await waitFor(
				'the arrangement in Open Dental',
				async () => {
					const s = await odState();
					const plans = (s.payPlans as Row[]).filter((p) => p.PatNum === 205);
					// The audit commlog (the case's token, no suffix: not the claim) comes last.
					const audited = (s.commlogs as Row[]).some(
						(c) => c.PatNum === 205 && /\[cc:[^\].]+\]/.test(String(c.Note)),
					);
					return plans.length > 0 && audited ? s : undefined;
				},
				2 * MINUTE,
			);
			const plans = (done.payPlans as Row[]).filter((p) => p.PatNum === 205);
			expect(plans).toHaveLength(1);
			const links = (done.payPlanLinks as Row[]).filter(
				(l) => l.PayPlanNum === plans[0]!.PayPlanNum,
			);
			// The shortfall, $497.00, and only it, is on the plan: one procedure, one override, and
			// the plan left unlocked (APR 0), as links change only on a plan that is not locked.
			expect(links.map((l: Row) => l.AmountOverrideCents)).toEqual([49700]);
			expect(plans[0]).toMatchObject({
				Guarantor: 205,
				IsLocked: false,
				IsClosed: false,
				DynamicPayPlanTPOption: 'AwaitComplete',
			});
			const decided = await practice.sessionOf('403');
			const token = tokenOf(decided!.application!.applicationId);
			expect(plans[0]!.Note).toContain(token);
			await waitFor('the coordinator message', async () =>
				(await practice.messages('coordinator', token.slice('[cc:'.length, -1))).length > 0
					? true
					: undefined,
			);
			const s = await odState();
			expect((s.commlogs as Row[]).filter((c) => c.PatNum === 205)).toHaveLength(1);
			expect((s.payments as Row[]).filter((p) => p.PatNum === 205)).toEqual([
				expect.objectContaining({ PayAmtCents: 100000, PayType: 72 }),
			]);
			expect(JSON.stringify((s.commlogs as Row[]).filter((c) => c.PatNum === 205))).not.toMatch(
				/915-?22-?7314|1968-11-22/,
			);

			// The link pressed again: nothing new is written, nobody is messaged again.
			const messages = (await practice.notifications('coordinator')).length;
			await fetch(link!);
			await new Promise((r) => setTimeout(r, 5000));
			const again = await odState();
			expect((again.payPlans as Row[]).filter((p) => p.PatNum === 205)).toHaveLength(1);
			expect((again.commlogs as Row[]).filter((c) => c.PatNum === 205)).toHaveLength(1);
			expect((again.payments as Row[]).filter((p) => p.PatNum === 205)).toHaveLength(1);
			expect((await practice.notifications('coordinator')).length).toBe(messages);
			// Nothing failed on the way: the error workflow told ops nothing.
			expect(await practice.notifications('ops')).toEqual([]);
			// The deprecated PayPlans POST never reached Open Dental.
			const writes = await getJson<{ writes: Row[] }>(
				`${stack.sandbox.urls.openDental}/__sandbox/writes`,
			);
			expect(writes.writes.filter((w) => w.path === '/api/v1/payplans')).toEqual([]);
		},
		8 * MINUTE,
	);

	it(
		"the form's date of birth is gone from n8n's database once the hard deletion has run",
		async () => {
			// The application template saves no successful run: n8n soft-deletes it at its end,
			// and the hard deletion (every 3 s here, EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL)
			// deletes its row and data. Saved runs (the decision's) stay: the check can see data.
			expect(TEST_N8N_ENV.EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL).toBe('0.05');
			const rows = (sql: string) => sqliteQuery<{ n: number }>(stack.home, sql);
			const count = async (sql: string) => (await rows(sql))[0]!.n;
			const withText = (text: string) =>
				`SELECT count(*) AS n FROM execution_data WHERE data LIKE '%${text}%' OR "workflowData" LIKE '%${text}%'`;
			expect(await count(withText('Alvarez'))).toBeGreaterThan(0);
			await waitFor(
				'no soft-deleted execution left',
				async () =>
					(await count(
						'SELECT count(*) AS n FROM execution_entity WHERE "deletedAt" IS NOT NULL',
					)) === 0
						? true
						: undefined,
				MINUTE,
			);
			expect(
				await count(
					`SELECT count(*) AS n FROM execution_entity WHERE "workflowId" = '${ids.application}'`,
				),
			).toBe(0);
			expect(await count(withText('1968-11-22'))).toBe(0);
			// SQLite leaves deleted rows' bytes in its write-ahead log (and free pages) until they
			// are overwritten; with n8n stopped, a checkpoint and VACUUM remove them
			// (docs/n8n-runtime.md, "Patient data at rest").
			const before = await filesContaining(stack.home, '1968-11-22');
			console.log(
				`[e2e opendental] files holding the date of birth after the hard deletion: ${before.join(', ') || 'none'}`,
			);
			expect(await stack.n8n.stop()).toBe(0);
			await compactSqlite(stack.home);
			expect(await filesContaining(stack.home, '1968-11-22')).toEqual([]);
			expect(await filesContaining(stack.home, 'Alvarez')).toEqual(['.n8n/database.sqlite']);
		},
		4 * MINUTE,
	);
});
