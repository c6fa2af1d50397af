/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox JSON is read loosely */
// The weekly digest template in real n8n 2.41.1, end to end, on the templates suite's stack
// (scripts/e2e/stack.ts: the package packed and installed into `.n8n/nodes`, sandbox and n8n on
// free ports). The sandbox holds the large practice (a year of CareCredit cases at two
// locations, some corrected by staff, some records no function can read); the template is
// imported unchanged beside n8n's SMTP credential for the sandbox's mail server, its Practice
// settings filled through n8n's REST API with the two seeded locations, and published. Run now,
// the e-mail reaches the sandbox's SMTP server with each location's numbers, the same figures
// the one pure function gives on everything the sandbox holds, and the owner's channel gets its
// message. `DIGEST_SCREENSHOT=docs/screenshots/weekly-digest.png` saves the e-mail as Chromium
// renders it.
import { existsSync, promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium } from 'playwright-core';

import {
	lastWeek,
	localClockIn,
	minutesText,
	practiceNumbers,
	type PracticeNumbersReport,
} from '../../financing';
import { practiceRecords } from '../../sandbox/console/metrics';
import { LOCATION_SETUP } from '../../sandbox/seed/locations';
import { fillPracticeSettings, practiceSettingsOf } from '../../scripts/e2e/practiceSettings';
import { getJson, postJson, REPO, startStack, type Stack } from '../../scripts/e2e/stack';
import {
	activateWorkflow,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	n8nCli,
	nodeOutput,
	rest,
} from '../../scripts/n8n/runtime';

const MINUTE = 60_000;
const TEMPLATE = join(REPO, 'workflows', 'weekly-practice-numbers.json');
const TO = 'owner@prairiesmiles.example.com';
const FROM = 'numbers@prairiesmiles.example.com';
const ZONE = 'America/Chicago';
let stack: Stack;
let work: string;
let id: string;
let started: number;
let corrected: string;

beforeAll(async () => {
	started = Date.now();
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-digest-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
	});
	await stack.n8n.stop();
	// This practice's CareCredit feed is about to hold a year of decisions: the decision template
	// would act on them, and this suite is about the numbers alone. (The large practice's plans
	// are not in Dentrix's accepted-plans feed: the application template finds nothing new.)
	await n8nCli(stack.home, ['unpublish:workflow', `--id=${stack.ids.decision}`]);
	const smtp = new URL(stack.sandbox.urls.smtp);
	await importCredentials(stack.home, [
		{
			name: 'Practice mail',
			type: 'smtp',
			data: { host: smtp.hostname, port: Number(smtp.port), secure: false, user: '', password: '' },
		},
	]);
	id = await importWorkflow(stack.home, TEMPLATE);
	await stack.restartN8n();
	// The large practice, dated from today: a year of cases at both locations.
	await postJson(`${stack.sandbox.urls.console}/__sandbox/seed/large`, { pms: 'dentrix' });
	// Staff correct one of last week's automated agreements (as in the console: a PATCH Dentrix
	// counts as the staff's), so the digest has a correction to show with what changed.
	const week = lastWeek(localClockIn(ZONE, new Date()).date);
	const agreement = stack.sandbox.store.state.dentrix.paymentAgreements.find((a) => {
		const day = localClockIn(ZONE, new Date(a.createdAt)).date;
		return a.createdBy === 'api' && !a.edits.length && day >= week.from && day <= week.to;
	});
	if (!agreement) throw new Error('the large practice has no automated agreement last week');
	corrected = agreement.id;
	const edited = await fetch(
		`${stack.sandbox.urls.dentrix}/v1/payment-agreements/${agreement.id}`,
		{
			method: 'PATCH',
			headers: {
				authorization: 'Bearer sandbox-dentrix-key',
				'content-type': 'application/json',
				'x-sandbox-source': 'console',
			},
			body: JSON.stringify({
				numberOfPayments: 4,
				paymentAmount: Math.ceil(agreement.totalAgreedAmountCents / 4) / 100,
			}),
		},
	);
	expect(edited.status).toBe(200);
	// As an ops person does in the editor: the two locations, where the digest goes; save, publish.
	const locations = LOCATION_SETUP.map((l) => ({
		name: l.name.replace(/^.* - /, ''),
		merchantNumber: l.merchantNumber,
		pmsLocationId: l.dentrixLocationId,
		timeZone: l.timeZone,
		coordinatorWebhookUrl: `${stack.sandbox.urls.console}/hooks/${l.coordinator.channel}`,
		policyOverride: l.policyOverride.downPaymentPercent
			? {
					shortfallPlan: {
						billingType: l.policyOverride.billingType,
						downPayment: {
							rule: 'percent',
							percentBasisPoints: l.policyOverride.downPaymentPercent * 100,
						},
					},
				}
			: {},
	}));
	await fillPracticeSettings(stack.n8n, id, {
		locations: JSON.stringify(locations),
		digestTo: TO,
		digestFrom: FROM,
		ownerWebhookUrl: `${stack.sandbox.urls.console}/hooks/owner`,
	});
	await activateWorkflow(stack.n8n, id);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	if (work && !process.env.E2E_KEEP) await fs.rm(work, { recursive: true, force: true });
	console.log(`weekly digest suite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}, 2 * MINUTE);

it('ships empty addresses and two example locations; publishes as a Monday 7:00 schedule in the practice zone', async () => {
	const shipped = JSON.parse(await fs.readFile(TEMPLATE, 'utf8'));
	const settings = practiceSettingsOf(shipped);
	expect(settings).toMatchObject({
		digestTo: '',
		digestFrom: '',
		ownerWebhookUrl: '',
		timeZone: ZONE,
	});
	const examples = JSON.parse(String(settings.locations));
	expect(
		examples.map((l: any) => [l.merchantNumber, l.pmsLocationId, l.coordinatorWebhookUrl]),
	).toEqual([
		['', '', ''],
		['', '', ''],
	]);
	const stored = await rest<any>(stack.n8n, 'GET', `/workflows/${id}`);
	expect(stored.settings.timezone).toBe(ZONE);
	const schedule = stored.nodes.find((n: any) => n.type === 'n8n-nodes-base.scheduleTrigger');
	expect(schedule.parameters.rule.interval).toEqual([
		expect.objectContaining({ field: 'weeks', triggerAtDay: [1], triggerAtHour: 7 }),
	]);
	expect(stored.active).toBe(true);
});

it(
	'e-mails the numbers per location and for the group, and messages the owner',
	async () => {
		const since = (await getJson<any>(`${stack.sandbox.urls.console}/__sandbox/mail`)).mail.length;
		const run = await executeWorkflow(stack.home, id);
		const [numbers] = nodeOutput(run, 'Practice numbers') as any[];
		expect(numbers.locations.map((l: any) => l.locationId)).toEqual([
			'loc_downtown',
			'loc_lakeside',
		]);
		expect(numbers.calls.total).toBeLessThanOrEqual(8);

		// The same figures as the pure function on everything the sandbox holds.
		const state = stack.sandbox.store.state;
		const now = new Date(numbers.generatedAt);
		const expected = practiceNumbers(
			practiceRecords(state, now),
			{ timeZone: ZONE, locationIds: ['loc_downtown', 'loc_lakeside'] },
			now,
		);
		if (!expected.ok) throw new Error(JSON.stringify(expected.problems));
		const figures = (r: PracticeNumbersReport) =>
			[r.group, ...r.locations].map((l) => ({
				id: l.locationId,
				period: l.period,
				weeks: l.weeks,
			}));
		expect(figures(numbers)).toEqual(figures(expected.value));
		expect(numbers.group.period.acceptance.presented).toBeGreaterThan(0);

		const mail = (await getJson<any>(`${stack.sandbox.urls.console}/__sandbox/mail?to=${TO}`)).mail;
		expect(mail.length).toBe(since + 1);
		const email = mail.at(-1);
		expect(email.from).toContain(FROM);
		expect(email.subject).toBe(numbers.digest.subject);
		expect(email.subject).toMatch(/^Prairie Smiles Dental Group: Financing numbers, \w{3} \d+ – /);
		for (const name of ['Downtown', 'Lakeside', 'Group']) expect(email.html).toContain(`>${name}<`);
		for (const l of expected.value.locations)
			expect(email.html).toContain(`>${minutesText(l.period.timeToArrangement.medianMinutes)}<`);
		expect(email.html).toContain('Four-week trend');
		// The staff correction, with what changed in words.
		expect(numbers.needsALook.corrected.map((k: any) => k.arrangementId)).toContain(corrected);
		expect(email.html).toMatch(
			new RegExp(`${corrected} \\[cc:APP-\\d+\\]<[^]*?number of payments 6 → 4`),
		);
		expect(email.html).not.toMatch(/<script|<img|https?:\/\//i);
		expect(email.text).toContain('*Downtown* · time-to-arrangement');

		const owner = (
			await getJson<any>(`${stack.sandbox.urls.console}/api/notifications?channel=owner`)
		).notifications;
		expect(owner).toHaveLength(1);
		expect(owner[0].text).toBe(numbers.digest.text);
		expect(owner[0].text).toMatch(/^\*Lakeside\* · /m);

		if (process.env.DIGEST_SCREENSHOT) await screenshot(email.html, process.env.DIGEST_SCREENSHOT);
	},
	10 * MINUTE,
);

/** The e-mail as a mail client shows it: its HTML alone, rendered by headless Chromium. */
async function screenshot(html: string, file: string) {
	const executablePath = '/usr/bin/chromium';
	if (!existsSync(executablePath))
		throw new Error(`${executablePath} is missing: run scripts/ensure-chromium.sh`);
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
	try {
		const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
		await page.setContent(html);
		await page.screenshot({ path: join(REPO, file), fullPage: true });
	} finally {
		await browser.close();
	}
}
