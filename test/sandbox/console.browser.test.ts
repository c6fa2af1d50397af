/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The practice console in headless Chromium (Debian's, driven by playwright-core), used the way
// a person uses it: accept a plan with CareCredit, open the application link from the inbox,
// approve as the patient, press the "patient finished" link, and read the result on screen.
// The console page is loaded once: every later change must appear in it by itself.
// n8n's part is played over the sandbox's own HTTP APIs, as the templates call them: a small
// stand-in answers the chair-side webhook the "patient finished" link points at and writes what
// n8n writes. Without Chromium this fails loudly: run scripts/ensure-chromium.sh.
// CONSOLE_SCREENSHOT=<file.png> saves the console mid-case (docs/screenshots/console.png).
import axios from 'axios';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { formatInstantIn, todayIn } from '../../financing/dates';
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
/** Not the sandbox's default zone, and far from this machine's, so a UTC time shows up wrong. */
const ZONE = 'Pacific/Honolulu';
const DENTRIX = { headers: { authorization: 'Bearer sandbox-dentrix-key' } };
/** Each step's update must show within this long (the page long-polls; no reload). */
const UPDATE_MS = 10_000;

let sandbox: Sandbox;
let browser: BrowserContext;
let profile: string;
let n8n: http.Server;
let n8nUrl: string;
let careCreditToken: string;

jest.setTimeout(90_000);

type Json = Record<string, ReturnType<typeof JSON.parse>>;

const careCredit = async (method: 'get' | 'post', p: string, body?: unknown): Promise<Json> =>
	(
		await axios.request({
			method,
			url: `${sandbox.urls.careCredit}${p}`,
			data: body,
			headers: { authorization: `Bearer ${careCreditToken}` },
		})
	).data;

/**
 * What the decision template does once the chair-side link is pressed, through the same APIs:
 * read the decision, write the financing agreement, the CareCredit payment and the audit note
 * to Dentrix, then message the coordinator. Amounts are the case's; the wording is n8n's.
 */
async function n8nWritesTheArrangement(sessionId: string): Promise<void> {
	const pullback = await careCredit('get', `/v1/carecredit/sessions/${sessionId}`);
	const [patientId, guarantorId = patientId] = pullback.patientInfo.recordId.split('~');
	const applicationId = pullback.applicationDetails[0].applicationId;
	const purchase = pullback.transactionDetails[0];
	const token = `[cc:${applicationId}]`;
	const today = todayIn(ZONE, new Date());
	const account = `${sandbox.urls.dentrix}/v1/accounts/${guarantorId}`;
	await axios.post(
		`${account}/payment-agreements`,
		{
			billingType: 'Third-Party Financing - No Statements',
			agreementDate: today,
			interval: 'monthly',
			totalAgreedAmount: purchase.transactionAmount,
			firstPaymentDue: today,
			paymentAmount: purchase.transactionAmount,
			numberOfPayments: 1,
			note: `CareCredit financed $${purchase.transactionAmount} on ${purchase.promoCode}. Paid by CareCredit: do not bill. ${token}`,
		},
		DENTRIX,
	);
	await axios.post(
		`${account}/payments`,
		{
			patientId,
			paymentType: 'CareCredit Payment',
			amount: purchase.transactionAmount,
			date: today,
			reference: purchase.transactionID,
			note: `CareCredit ${purchase.promoCode} purchase ${token}`,
		},
		DENTRIX,
	);
	await axios.post(
		`${account}/ledger-notes`,
		{
			patientId,
			date: today,
			kind: 'guarantorNote',
			text: `${formatInstantIn(ZONE, new Date())} CareCredit approved: application ${applicationId}. ${token}`,
		},
		DENTRIX,
	);
	await axios.post(`${sandbox.urls.console}/hooks/coordinator`, {
		text: `CareCredit approved Claire Moreau (patient ${patientId}): $${purchase.transactionAmount} financed on ${purchase.promoCode}. Please book the appointment. ${token}`,
	});
}

/** n8n's chair-side webhook, as far as this test needs it. */
function startN8nStandIn(): Promise<void> {
	n8n = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://n8n');
		const session = url.searchParams.get('session');
		if (url.pathname !== '/webhook/carecredit-chairside' || !session) {
			res.writeHead(404).end();
			return;
		}
		n8nWritesTheArrangement(session).then(
			() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p id="done">Thank you.</p>'),
			(error: Error & { response?: { data?: unknown } }) =>
				res.writeHead(500).end(`${error.message} ${JSON.stringify(error.response?.data ?? '')}`),
		);
	});
	return new Promise((resolve) =>
		n8n.listen(0, '127.0.0.1', () => {
			n8nUrl = `http://127.0.0.1:${(n8n.address() as AddressInfo).port}`;
			resolve();
		}),
	);
}

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (Debian's chromium package)`,
		);
	}
	await startN8nStandIn();
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		practiceTimeZone: ZONE,
		n8nEditorUrl: n8nUrl,
		// A Monday, far from the seed's fixed dates: "this week" on the numbers is Claire's case.
		today: '2027-03-08',
	});
	// Noon in Honolulu, so the practice's Monday is under way whatever the time here.
	await axios.post(`${sandbox.urls.console}/__sandbox/clock`, {
		offsetMs: Date.parse('2027-03-08T22:00:00Z') - Date.now(),
	});
	careCreditToken = (
		await axios.post(`${sandbox.urls.careCredit}/oauth2/v1/token`, {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		})
	).data.access_token;
	profile = fs.mkdtempSync(path.join(os.tmpdir(), 'console-chromium-'));
	browser = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		viewport: { width: 1280, height: 860 },
	});
});

afterAll(async () => {
	await browser?.close();
	await sandbox?.stop();
	await new Promise((resolve) => n8n?.close(resolve));
	if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** What a person reads in the element (cells and lines apart), spaces collapsed. */
const text = async (page: Page, selector: string) =>
	(await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();

/** Waits until the element's text matches, without touching the page. */
async function shows(page: Page, selector: string, pattern: RegExp): Promise<string> {
	await page
		.waitForFunction(
			([s, source, flags]) => {
				type Doc = { querySelector(q: string): { textContent: string | null } | null };
				const el = (globalThis as unknown as { document: Doc }).document.querySelector(s);
				return !!el && new RegExp(source, flags).test((el.textContent ?? '').replace(/\s+/g, ' '));
			},
			[selector, pattern.source, pattern.flags] as const,
			{ timeout: UPDATE_MS },
		)
		.catch(async () => {
			const now = await text(page, selector).catch(() => '(no such element)');
			throw new Error(`${selector} did not come to show ${pattern} by itself; it shows: ${now}`);
		});
	return text(page, selector);
}

it('shows each family account in words: names, kinds and who entered what', async () => {
	const page = await browser.newPage();
	await page.goto(`${sandbox.urls.console}/`);
	const account = page.locator('#account-pat_1017');
	const summary = (await account.locator('summary').textContent()) ?? '';
	expect(summary).toMatch(/^\S+ \S+'s account \(.+\) · (Downtown|Lakeside)$/);
	expect(summary).not.toContain('pat_');
	await expect(
		account
			.getByText(/CareCredit approved, 12 months no interest/)
			.first()
			.isVisible(),
	).resolves.toBe(true);
	const agreementHeaders = await account.locator('table').nth(1).locator('th').allTextContents();
	expect(agreementHeaders).toEqual([
		'Billing type',
		'Status',
		'Agreement date',
		'Total',
		'Down payment',
		'Payments',
		'First due',
		'Note',
		'Entered by',
		'Staff corrections',
	]);
	await expect(page.locator('#ledger-corrections b').textContent()).resolves.toBe('0');
	await expect(text(page, '#what-happened')).resolves.toMatch(/^Nothing has happened yet today/);
	await expect(page.locator('#n8n-editor').getAttribute('href')).resolves.toBe(n8nUrl);
	const html = await page.content();
	expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
	await page.close();
});

it('a whole case, clicked through, with every update appearing without a reload', async () => {
	const page = await browser.newPage();
	await page.goto(`${sandbox.urls.console}/`);

	// 1. The coordinator accepts Claire Moreau's plan with CareCredit.
	const headers = await page.locator('#dentrix table').first().locator('th').allTextContents();
	expect(headers[headers.length - 1]).toBe('Financing');
	await Promise.all([page.waitForURL(/#plan-tp_2013$/), page.click('#accept-tp_2013')]);
	await expect(text(page, '#plan-tp_2013')).resolves.toMatch(/^CareCredit, accepted .* HST$/);
	await expect(text(page, '#what-happened')).resolves.toMatch(
		/Claire Moreau's treatment plan "Root canal and crown #3" was accepted with CareCredit \(patient portion \$2,995\.00\)\. Next: n8n prefills/,
	);
	// From here on the console page is never reloaded: a reload would drop this marker.
	await page.evaluate(() => ((globalThis as unknown as { stillHere: boolean }).stillHere = true));
	let navigations = 0;
	page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);

	// 2. n8n (first template) prefills the application and messages coordinator and patient.
	const plan = (await axios.get(`${sandbox.urls.dentrix}/v1/treatment-plans/tp_2013`, DENTRIX))
		.data;
	const patient = (
		await axios.get(`${sandbox.urls.dentrix}/v1/patients/${plan.patientId}`, DENTRIX)
	).data;
	const prefill = await careCredit('post', '/v1/carecredit/prefill', {
		merchantInfo: {
			merchantNumber: '5348120100000001',
			recordId: `${plan.patientId}~${patient.guarantorId}`,
		},
		applicants: [{ firstName: patient.firstName, lastName: patient.lastName, estimatedFee: 2995 }],
		transactionInfo: { invoiceNumber: `tp_2013~${plan.locationId}` },
	});
	const finishedLink = `${n8nUrl}/webhook/carecredit-chairside?session=${prefill.sessionId}`;
	await axios.post(`${sandbox.urls.console}/hooks/coordinator`, {
		text: `CareCredit application ready for Claire Moreau (Root canal and crown #3, patient portion $2,995.00).\nApplication link for the patient: ${prefill.portalUrl}\nWhen the patient has finished, press: ${finishedLink}`,
	});
	await axios.post(`${sandbox.urls.console}/hooks/patient`, {
		text: `Hello Claire, here is your CareCredit application: ${prefill.portalUrl}`,
		to: { email: 'claire.moreau@example.com', cellPhone: '(217) 555-0261' },
	});

	const ready = '#inbox .msg[data-channel="coordinator"]';
	await shows(page, ready, /application ready for Claire Moreau/);
	await expect(page.locator(`${ready} a[href="${prefill.portalUrl}"]`).count()).resolves.toBe(1);
	await expect(page.locator(`${ready} a[href="${finishedLink}"]`).count()).resolves.toBe(1);
	const sent = (await axios.get(`${sandbox.urls.console}/api/notifications?channel=coordinator`))
		.data.notifications[0];
	await expect(text(page, `${ready} small`)).resolves.toBe(
		`Coordinator · ${formatInstantIn(ZONE, new Date(sent.at))}`,
	);
	await shows(page, '#patients .msg', /to claire\.moreau@example\.com[^]*Hello Claire/);
	await expect(page.locator('#inbox .msg[data-channel="patient"]').count()).resolves.toBe(0);
	const row = page.locator('#carecredit tbody tr').first();
	await expect(row.textContent()).resolves.toMatch(
		/Claire Moreau\s*Root canal and crown #3\s*Downtown\b.*Waiting for the patient/,
	);
	await expect(row.textContent()).resolves.not.toMatch(/tp_2013|pat_1026|loc_/);

	// 3. The coordinator hands over the application link; the person approves as the patient.
	const [portal] = await Promise.all([
		browser.waitForEvent('page'),
		page.click(`${ready} a[href="${prefill.portalUrl}"]`),
	]);
	await portal.waitForLoadState();
	await expect(text(portal, '#applicant')).resolves.toContain('Claire Moreau');
	await expect(text(portal, '#patient-portion')).resolves.toBe('$2,995.00');
	await expect(portal.content()).resolves.not.toMatch(/Pullback|Estimated fee|"sessionStatus"/);
	await portal.fill('#creditLine', '8000');
	await portal.selectOption('#promoCode', 'DI12');
	await Promise.all([portal.waitForURL(prefill.portalUrl), portal.click('#approve')]);
	await expect(text(portal, '#session-status')).resolves.toBe('Approved');
	await expect(text(portal, '#what-happened')).resolves.toMatch(
		/CareCredit approved Claire Moreau: \$8,000\.00 credit line, purchase \$2,995\.00 on DI12\. Next: press the "patient finished" link/,
	);

	// 4. The console shows the decision by itself.
	await shows(page, `[data-session="${prefill.sessionId}"]`, /^Approved$/);
	await shows(page, '#what-happened', /CareCredit approved Claire Moreau/);
	await expect(text(page, '#carecredit tbody tr')).resolves.toMatch(
		/Approved.*\(CareCredit: Completed\).*\$8,000\.00.*\$2,995\.00 on DI12 \(No interest if paid in full within 12 months\)/,
	);
	if (process.env.CONSOLE_SCREENSHOT) {
		await page.evaluate(() =>
			(globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
		);
		await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT });
	}

	// 5. The coordinator presses "patient finished"; n8n writes; the console fills in by itself.
	const [finished] = await Promise.all([
		browser.waitForEvent('page'),
		page.click(`${ready} a[href="${finishedLink}"]`),
	]);
	await finished.waitForSelector('#done', { timeout: UPDATE_MS }).catch(async () => {
		throw new Error(`the stand-in n8n answered: ${await finished.content()}`);
	});
	await shows(page, '#inbox .msg', /^Coordinator · .* HST CareCredit approved Claire Moreau/);
	await shows(page, '#what-happened', /Claire Moreau's financing is arranged/);
	// The numbers, by the pure function: from Claire's yes to the agreement n8n wrote.
	const median = await shows(page, '#time-to-arrangement b', /^\d+ min$/);
	expect(median).toMatch(/^[0-5] min$/);
	const slowest = await text(page, '#numbers tbody tr');
	expect(slowest).toMatch(/^Claire Moreau \[cc:APP-\d+\] \w+ .* HST .* HST [0-5] min$/);
	await expect(text(page, '#case-acceptance b')).resolves.toBe('100%');
	await shows(page, '#locations', /Time-to-arrangement.*Group/);
	const account = page.locator('#account-pat_1026');
	await expect(account.getAttribute('open')).resolves.toBe('');
	await expect(account.locator('table').nth(1).textContent()).resolves.toMatch(
		/Third-Party Financing - No Statements.*Active.*n8n \(automation\)/,
	);
	await expect(account.locator('table').nth(2).textContent()).resolves.toMatch(
		/Account note.*HST CareCredit approved.*n8n \(automation\)/,
	);
	await expect(text(page, '#activity li')).resolves.toMatch(/financing is arranged/);

	// Nothing above reloaded the console page.
	expect(navigations).toBe(0);
	await expect(
		page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere),
	).resolves.toBe(true);
	await expect(text(page, '#live-status')).resolves.toMatch(/^Live: this page updates by itself/);
	await Promise.all([portal.close(), finished.close(), page.close()]);
});

it('keeps what a person is typing while the page updates around it', async () => {
	const page = await browser.newPage();
	await page.goto(`${sandbox.urls.console}/#account-pat_1017`);
	const note = page.locator('#account-pat_1017 form input[name="note"]').first();
	const saved = await note.inputValue();
	await note.fill('typed by staff, not saved yet');
	await page.locator('#numbers h2').click();
	await axios.post(`${sandbox.urls.console}/hooks/coordinator`, { text: 'Meanwhile, a message' });
	await shows(page, '#inbox .msg', /Meanwhile, a message/);
	await expect(note.inputValue()).resolves.toBe('typed by staff, not saved yet');
	await expect(text(page, '#live-status')).resolves.toMatch(/waits until you save/);
	// Put back as it was, the ledger updates again.
	await note.fill(saved);
	await page.locator('#numbers h2').click();
	await axios.post(
		`${sandbox.urls.dentrix}/v1/treatment-plans/tp_2001/accept`,
		{ fundingMethod: 'CareCredit' },
		DENTRIX,
	);
	await shows(page, '#plan-tp_2001', /^CareCredit, accepted .* HST$/);
	await page.close();
});
