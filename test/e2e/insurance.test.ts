/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox JSON is read loosely */
// The two insurance templates in real n8n 2.41.1, end to end, with the packed package installed
// as a practice installs it (scripts/e2e/stack.ts): imported unchanged, their Practice settings
// filled through n8n's REST API and published as an ops person does. Open Dental is a second
// stand-in with its documented throttle on (one request a second per customer key) and the
// credential paced as for the cloud API; its scenario seed is dated from the practice's today.
// The morning check runs twice the same day (Run now): the second run writes and sends nothing.
// Then the financing offer form, with the prefilled application. Last, the editor screenshot.
import { existsSync, promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium } from 'playwright-core';

import { todayIn } from '../../financing';
import { startSandbox, type Sandbox } from '../../sandbox';
import { Practice } from '../../scripts/e2e/practice';
import { fillPracticeSettings } from '../../scripts/e2e/practiceSettings';
import { getJson, REPO, startStack, waitFor, type Stack } from '../../scripts/e2e/stack';
import {
	activateWorkflow,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
} from '../../scripts/n8n/runtime';

const MINUTE = 60_000;
const TIME_ZONE = 'America/Chicago';
const OD = { developerApiKey: 'sandbox-od-developer', customerApiKey: 'sandbox-od-customer' };
const FILES = {
	verification: 'opendental-insurance-verification.json',
	offer: 'opendental-estimate-to-offer.json',
};
let stack: Stack;
let od: Sandbox;
let practice: Practice;
let work: string;
const ids = { verification: '', offer: '' };

type Row = Record<string, any>;
const odState = () => getJson<Row>(`${od.urls.openDental}/__sandbox/state`);
const odWrites = async () =>
	(await getJson<{ writes: Row[] }>(`${od.urls.openDental}/__sandbox/writes`)).writes;

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-insurance-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
	});
	practice = new Practice(stack.sandbox.urls);
	od = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		openDentalThrottle: true,
		today: todayIn(TIME_ZONE, new Date()),
	});
	await stack.n8n.stop();
	await importCredentials(stack.home, [
		{
			name: 'Open Dental account',
			type: 'openDentalApi',
			// One request a second, as the credential is set for Open Dental's cloud API.
			data: { baseUrl: `${od.urls.openDental}/api/v1`, ...OD, pacingMs: 1000 },
		},
	]);
	ids.verification = await importWorkflow(stack.home, join(REPO, 'workflows', FILES.verification));
	ids.offer = await importWorkflow(stack.home, join(REPO, 'workflows', FILES.offer));
	await stack.restartN8n();
	await fillPracticeSettings(stack.n8n, ids.verification, {
		frontDeskWebhookUrl: `${stack.sandbox.urls.console}/hooks/frontdesk`,
	});
	await activateWorkflow(stack.n8n, ids.verification);
	await stack.setUpTemplate(ids.offer);
	await waitFor(
		'the financing offer form',
		async () =>
			(await fetch(`${stack.n8n.url}/form/opendental-financing-offer`)).status === 200
				? true
				: undefined,
		MINUTE,
	);
}, 20 * MINUTE);

afterAll(async () => {
	await od?.stop();
	await stack?.stop();
	if (work && !process.env.E2E_KEEP) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

describe('insurance templates in real n8n', () => {
	it(
		'the morning check: ready appointments stamped, the rest in one front-desk message; the same day again changes nothing',
		async () => {
			const started = Date.now();
			const first = await executeWorkflow(stack.home, ids.verification);
			const firstSeconds = (Date.now() - started) / 1000;
			const checks = nodeOutput(first, 'Check insurance') as Row[];
			expect(checks.length).toBeGreaterThan(0);
			const byApt = Object.fromEntries(checks.map((c) => [c.appointmentId, c]));
			// Rosa Delgado: all good, next business day.
			expect(byApt['701']).toMatchObject({ status: 'ready', patientId: '231' });
			const open = checks.filter((c) => c.status !== 'ready');
			const writes = await odWrites();
			expect(writes.filter((w) => w.path.endsWith('/insverifies')).map((w) => w.body.FKey)).toEqual(
				[31],
			);
			expect(writes.filter((w) => w.path.endsWith('/apptfields')).map((w) => w.body)).toEqual([
				{ AptNum: 701, FieldName: 'Ins Verified', FieldValue: 'Yes' },
			]);
			const notes = writes.filter((w) => w.path.endsWith('/commlogs'));
			expect(notes.map((w) => w.body.PatNum).sort()).toEqual(
				checks.map((c) => Number(c.patientId)).sort(),
			);
			const state = await odState();
			const rosa = (state.insVerifies as Row[]).find(
				(v) => v.VerifyType === 'PatientEnrollment' && v.FKey === 31,
			);
			expect(rosa!.DateLastVerified).toBe(todayIn(TIME_ZONE, new Date()));

			const [message] = await waitFor('the front desk work list', async () => {
				const found = await practice.messages('frontdesk', 'Insurance to check');
				return found.length > 0 ? found : undefined;
			});
			for (const c of open)
				expect(message!.text).toContain(`PatNum ${c.patientId} (appointment ${c.appointmentId})`);
			expect(message!.text).not.toContain('PatNum 231 ');
			expect(message!.text).toMatch(/Fix in Open Dental first: .*-1/);

			const writesBefore = (await odWrites()).length;
			const again = Date.now();
			const second = await executeWorkflow(stack.home, ids.verification);
			const secondSeconds = (Date.now() - again) / 1000;
			expect(
				(nodeOutput(second, 'Record check') as Row[]).every(
					(r) => r.recorded.outcome === 'alreadyWritten',
				),
			).toBe(true);
			expect(nodeOutput(second, 'Build work list')).toEqual([
				expect.objectContaining({ send: false, lineCount: 0 }),
			]);
			expect(await odWrites()).toHaveLength(writesBefore);
			expect(await practice.messages('frontdesk')).toHaveLength(1);
			console.log(
				`insurance e2e, throttle on: ${checks.length} appointments; first run ${firstSeconds.toFixed(1)} s, same-day re-run ${secondSeconds.toFixed(1)} s`,
			);
		},
		10 * MINUTE,
	);

	it(
		'the financing offer: the saved plan’s portion after insurance and its plans to the coordinator, then the prefilled application',
		async () => {
			const body = new FormData();
			['227', '419', 'Yes'].forEach((value, i) => body.append(`field-${i}`, value));
			const response = await fetch(`${stack.n8n.url}/form/opendental-financing-offer`, {
				method: 'POST',
				body,
			});
			expect(response.status).toBe(200);
			const [offer] = await waitFor(
				'the offer message',
				async () => {
					const found = await practice.messages('coordinator', 'Financing offer for Henry Fischer');
					return found.length > 0 ? found : undefined;
				},
				3 * MINUTE,
			);
			expect(offer!.text).toContain('patient portion after insurance $3,250.01');
			expect(offer!.text).toMatch(/about \$[\d,]+\.\d\d\/month for \d+ months/);
			expect(offer!.text).toMatch(/estimate/i);
			const [application] = await waitFor(
				'the application message',
				async () => {
					const found = await practice.messages(
						'coordinator',
						'CareCredit application ready for Henry Fischer',
					);
					return found.length > 0 ? found : undefined;
				},
				3 * MINUTE,
			);
			expect(application!.text).toContain('/webhook/carecredit-chairside-opendental?session=');
			const cc = await getJson<Row>(`${stack.sandbox.urls.careCredit}/__sandbox/state`);
			const sessions = Object.values(cc.sessions ?? {}) as Row[];
			expect(
				sessions
					.filter((s) => s.transactionInfo?.invoiceNumber?.startsWith('419'))
					.map((s) => s.applicants[0].estimatedFeeCents),
			).toEqual([325001]);
		},
		6 * MINUTE,
	);

	it(
		'opens the insurance check in the editor (headless Chromium) and saves the screenshot',
		async () => {
			const profile = await fs.mkdtemp(join(tmpdir(), 'e2e-insurance-chromium-'));
			const context = await chromium.launchPersistentContext(profile, {
				executablePath: '/usr/bin/chromium',
				headless: true,
				viewport: { width: 1600, height: 900 },
				args: [
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
				],
			});
			try {
				const cookie = (await stack.n8n.login()).split('=');
				await context.addCookies([
					{ name: cookie[0]!, value: cookie.slice(1).join('='), url: stack.n8n.url },
				]);
				const page = await context.newPage();
				await page.goto(`${stack.n8n.url}/workflow/${ids.verification}`);
				await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
				const template = JSON.parse(
					await fs.readFile(join(REPO, 'workflows', FILES.verification), 'utf8'),
				) as { nodes: Row[] };
				for (const node of template.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote'))
					expect(
						await page
							.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`)
							.count(),
					).toBe(1);
				const checklist = page.locator('text=Production Checklist');
				if ((await checklist.count()) > 0)
					await checklist
						.locator('xpath=..')
						.locator('button, [role="button"], svg')
						.last()
						.click()
						.catch(() => undefined);
				await page
					.locator('body')
					.press('1')
					.catch(() => undefined);
				await page.waitForTimeout(1500);
				const file = join(REPO, 'docs', 'screenshots', 'opendental-insurance-verification.png');
				await page.screenshot({ path: file });
				expect(existsSync(file)).toBe(true);
			} finally {
				await context.close();
				await fs.rm(profile, { recursive: true, force: true });
			}
		},
		5 * MINUTE,
	);
});
