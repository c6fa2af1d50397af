/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The practice console in headless Chromium (Debian's, driven by playwright-core): it shows a
// ledger, and a person acting as the patient approves an application the pullback then reports.
// Without Chromium this fails loudly: run scripts/ensure-chromium.sh.
import axios from 'axios';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

import { startSandbox, type Sandbox } from '../../sandbox';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let sandbox: Sandbox;
let browser: BrowserContext;
let profile: string;

jest.setTimeout(60_000);

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (Debian's chromium package)`,
		);
	}
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
	profile = fs.mkdtempSync(path.join(os.tmpdir(), 'console-chromium-'));
	browser = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
	});
});

afterAll(async () => {
	await browser?.close();
	await sandbox?.stop();
	if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

it('shows each account ledger with its payment agreement and notes', async () => {
	const page = await browser.newPage();
	await page.goto(`${sandbox.urls.console}/`);
	await page.waitForSelector('#dentrix');
	const account = page.locator('#account-pat_1017');
	await expect(account.locator('summary').textContent()).resolves.toContain('account pat_1017');
	await expect(account.getByText('pa_3002', { exact: true }).isVisible()).resolves.toBe(true);
	await expect(
		account
			.getByText(/CareCredit approved, 12 months no interest/)
			.first()
			.isVisible(),
	).resolves.toBe(true);
	await expect(page.locator('#ledger-corrections b').textContent()).resolves.toBe('0');
	await page.close();
});

it('accepts a plan with CareCredit, then acts as the patient: the pullback shows the approval', async () => {
	const page = await browser.newPage();
	await page.goto(`${sandbox.urls.console}/#account-pat_1001`);
	await Promise.all([page.waitForURL(/#account-pat_1001$/), page.click('#accept-tp_2001')]);
	const plan = sandbox.store.state.dentrix.treatmentPlans.find(
		(t: { id: string }) => t.id === 'tp_2001',
	);
	expect(plan).toMatchObject({ status: 'accepted', fundingMethod: 'CareCredit' });

	const token = (
		await axios.post(`${sandbox.urls.careCredit}/oauth2/v1/token`, {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		})
	).data.access_token;
	const auth = { headers: { authorization: `Bearer ${token}` } };
	const prefill = (
		await axios.post(
			`${sandbox.urls.careCredit}/v1/carecredit/prefill`,
			{
				merchantInfo: { merchantNumber: '5348120100000001', recordId: 'pat_1001' },
				applicants: [{ firstName: 'Daniel', lastName: 'Whitaker', estimatedFee: 3450 }],
				transactionInfo: { invoiceNumber: 'tp_2001', purchaseAmount: 3450 },
			},
			auth,
		)
	).data;

	await page.goto(prefill.portalUrl);
	await expect(page.locator('#session-status').textContent()).resolves.toBe('Created');
	await expect(page.locator('#applicant').textContent()).resolves.toContain('Daniel Whitaker');
	await page.fill('#creditLine', '4000');
	await page.selectOption('#promoCode', 'DI12');
	await Promise.all([page.waitForURL(prefill.portalUrl), page.click('#approve')]);
	await expect(page.locator('#session-status').textContent()).resolves.toBe('Completed');

	const pullback = (
		await axios.get(`${sandbox.urls.careCredit}/v1/carecredit/sessions/${prefill.sessionId}`, auth)
	).data;
	expect(pullback.sessionStatus).toBe('Completed');
	expect(pullback.applicationDetails[0]).toMatchObject({
		appResponseCode: 'APPROVED',
		creditLine: 4000,
	});
	expect(pullback.transactionDetails[0]).toMatchObject({
		promoCode: 'DI12',
		transactionAmount: 3450,
	});

	await page.goto(`${sandbox.urls.console}/#carecredit`);
	await expect(page.locator(`[data-session="${prefill.sessionId}"]`).textContent()).resolves.toBe(
		'Completed',
	);
	await page.close();
});

export type { Browser };
