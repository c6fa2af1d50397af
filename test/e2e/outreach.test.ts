/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox JSON is read loosely */
// The outreach templates in real n8n 2.41.1 with the packed package (scripts/e2e/stack.ts), imported
// unchanged, their Practice settings filled through n8n's REST API: recall outreach against the
// Open Dental stand-in, texts through the Twilio stand-in, e-mails through the sandbox's SMTP
// server, replies through the published replies webhook. Quiet hours hold, the sends, a re-run
// that sends nothing twice, the touch cap, a STOP reply that ends outreach and is recorded.
import { existsSync, promises as fs } from 'fs';
import { chromium } from 'playwright-core';
import { tmpdir } from 'os';
import { join } from 'path';
import { executeWorkflow, nodeOutput } from '../../scripts/n8n/runtime';
import { fillPracticeSettings } from '../../scripts/e2e/practiceSettings';
import { Practice } from '../../scripts/e2e/practice';
import { getJson, postJson, REPO, startStack, waitFor, type Stack } from '../../scripts/e2e/stack';
import {
	OPEN_WINDOW,
	OUTREACH_TEMPLATES,
	setUpOutreach,
	type OutreachKey,
} from '../../scripts/e2e/outreach';

const MINUTE = 60_000;
let stack: Stack;
let practice: Practice;
let work: string;
let ids: Record<OutreachKey, string>;

type Row = Record<string, any>;
const od = () => getJson<Row>(`${stack.sandbox.urls.openDental}/__sandbox/state`);
const sms = async () =>
	(await getJson<{ messages: Row[] }>(`${stack.sandbox.urls.twilio}/__sandbox/sms`)).messages;
const mail = async () =>
	(await getJson<{ mail: Row[] }>(`${stack.sandbox.urls.console}/__sandbox/mail`)).mail;
const outreachCommlogs = async () =>
	((await od()).commlogs as Row[]).filter((c) => String(c.Note).includes('[out:'));
/** The Plan step's items by output name, per patient. */
function planned(run: Parameters<typeof nodeOutput>[0]) {
	const out: Record<string, Row[]> = {};
	['Text', 'E-Mail', 'Staff', 'No Message'].forEach((name, i) => {
		out[name] = nodeOutput(run, 'Plan next message', i) as Row[];
	});
	return out;
}
const ofPatient = (rows: Row[], id: string) => rows.find((r) => r.patientId === id);

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-outreach-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
	});
	practice = new Practice(stack.sandbox.urls);
	ids = await setUpOutreach(stack);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	if (work && !process.env.E2E_KEEP) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

describe('Recall outreach (Open Dental) in real n8n', () => {
	it(
		'quiet hours hold every message: nothing sent, nothing written',
		async () => {
			const hour = Number(
				new Intl.DateTimeFormat('en-US', {
					timeZone: 'America/Chicago',
					hour: 'numeric',
					hourCycle: 'h23',
				}).format(new Date()),
			);
			const start = (hour + 2) % 22;
			await fillPracticeSettings(stack.n8n, ids.recall, {
				sendWindowStart: `${String(start).padStart(2, '0')}:00`,
				sendWindowEnd: `${String(start + 1).padStart(2, '0')}:00`,
			});
			const run = await executeWorkflow(stack.home, ids.recall);
			const plan = planned(run);
			expect(plan.Text).toEqual([]);
			expect(plan['E-Mail']).toEqual([]);
			expect(ofPatient(plan['No Message'], '239')).toMatchObject({
				action: 'held',
				reason: 'quietHours',
			});
			expect(await sms()).toEqual([]);
			expect(await mail()).toEqual([]);
			expect(await outreachCommlogs()).toEqual([]);
			await fillPracticeSettings(stack.n8n, ids.recall, OPEN_WINDOW);
		},
		5 * MINUTE,
	);

	it(
		"sends by each patient's channel, records each on the recall once, skips and lists the rest for the front desk",
		async () => {
			const run = await executeWorkflow(stack.home, ids.recall);
			const plan = planned(run);
			// Texts: Rosa (231), Lena (239), Edwin (248): Text OK, prefer texts.
			expect(plan.Text.map((r) => r.patientId).sort()).toEqual(['231', '239', '248']);
			// E-mails: Omar (240, text not OK), Beatrice (241, e-mail only, third touch).
			expect(plan['E-Mail'].map((r) => r.patientId).sort()).toEqual(['240', '241']);
			const texts = (await sms()).filter((m) => m.direction === 'outbound-api');
			expect(texts.map((m) => m.to).sort()).toEqual([
				'+12175550301',
				'+12175550309',
				'+12175550318',
			]);
			expect(texts.find((m) => m.to === '+12175550309')!.body).toMatch(
				/^Hi Lena, it's time for your checkup at Prairie Smiles Dental \(due \d{4}-\d{2}-\d{2}\)\..* Reply STOP to opt out\.$/,
			);
			const mails = await mail();
			expect(mails.map((m) => m.to[0]).sort()).toEqual([
				'beatrice.lowe@example.com',
				'omar.haddad@example.com',
			]);
			expect(mails[0]!.subject).toBe('Time for your checkup at Prairie Smiles Dental');
			// Each message left one commlog, the recall's own (Recalls PUT Status), with its touch key.
			const logs = await outreachCommlogs();
			expect(logs).toHaveLength(5);
			expect(logs.every((c) => c.CommType === 237)).toBe(true);
			const writes = (
				await getJson<{ writes: Row[] }>(
					`${stack.sandbox.urls.console}/__sandbox/writes?service=openDental`,
				)
			).writes;
			expect(writes.filter((w: Row) => w.path.endsWith('/recalls/Status'))).toHaveLength(5);
			expect(writes.filter((w: Row) => w.path.endsWith('/commlogs'))).toHaveLength(0);
			const recalls = (await od()).recalls as Row[];
			expect(recalls.find((r) => r.PatNum === 239)!.RecallStatus).toBe(132);
			expect(recalls.find((r) => r.PatNum === 240)!.RecallStatus).toBe(133);
			// Nobody else: do not contact, inactive, deceased, home phone only, bad data.
			for (const id of ['242', '243', '244', '245', '246', '247'])
				expect(logs.some((c) => c.PatNum === Number(id))).toBe(false);
			expect(ofPatient(plan.Staff, '244')!.problems.map((p: Row) => p.code)).toEqual([
				'malformedPhone',
				'malformedEmail',
			]);
			expect(ofPatient(plan.Staff, '247')!.problems[0].code).toBe('noDueDate');
			const [summary] = await waitFor('the front desk summary', async () => {
				const found = await practice.messages('frontdesk', 'Recall outreach', '*Sent*');
				return found.length ? found : undefined;
			});
			expect(summary!.text).toContain('*Sent* (5)');
			expect(summary!.text).toContain('Felix Morrow');
			expect(summary!.text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
		},
		5 * MINUTE,
	);

	it(
		'a re-run the same day sends nothing twice; the touch cap holds',
		async () => {
			const textsBefore = (await sms()).length;
			const run = await executeWorkflow(stack.home, ids.recall);
			const plan = planned(run);
			expect(plan.Text).toEqual([]);
			expect(plan['E-Mail']).toEqual([]);
			expect(ofPatient(plan['No Message'], '239')).toMatchObject({
				action: 'wait',
				reason: 'minimumGap',
			});
			expect(ofPatient(plan['No Message'], '241')).toMatchObject({
				action: 'stop',
				reason: 'maxTouchesReached',
			});
			expect((await sms()).length).toBe(textsBefore);
			expect(await mail()).toHaveLength(2);
			expect(await outreachCommlogs()).toHaveLength(5);
		},
		5 * MINUTE,
	);

	it(
		"a reply that does not come with the webhook's user and password is refused, and nothing is recorded",
		async () => {
			const textOk = (await odCall('GET', '/patients/239')).TxtMsgOk;
			const hook = `${stack.n8n.url}/webhook/outreach-replies-opendental`;
			const forged = new URLSearchParams({
				From: '+12175550309',
				To: '+12175550100',
				Body: 'START',
				MessageSid: 'SMforged0000000000000000000000001',
				AccountSid: 'AC00000000000000000000000000000001',
			}).toString();
			const basic = (user: string, password: string) =>
				`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
			for (const authorization of [undefined, basic('twilio', 'guessed'), basic('', '')]) {
				const response = await fetch(hook, {
					method: 'POST',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						...(authorization ? { authorization } : {}),
					},
					body: forged,
				});
				expect(response.status).toBe(401);
				await response.text();
			}
			// Twilio's stand-in given the address without them: asked, it has nothing to send.
			const plain = await postJson<Row>(`${stack.sandbox.urls.twilio}/__sandbox/twilio/inbound`, {
				from: '+12175550309',
				body: 'START',
				url: hook,
			});
			expect(plain.message.webhook.status).toBe(401);
			// Give n8n the time a run would take; none started, nothing was written or told.
			await new Promise((r) => setTimeout(r, 5000));
			expect((await outreachCommlogs()).filter((c) => c.Note.includes(':239:SM'))).toEqual([]);
			expect((await odCall('GET', '/patients/239')).TxtMsgOk).toBe(textOk);
			expect(await practice.messages('frontdesk', 'Patient 239 replied')).toEqual([]);
		},
		3 * MINUTE,
	);

	it(
		'a STOP reply reaches the replies webhook, is recorded once, and ends outreach for that patient',
		async () => {
			const reply = await postJson<Row>(`${stack.sandbox.urls.twilio}/__sandbox/twilio/inbound`, {
				from: '+12175550309',
				body: 'STOP',
			});
			expect(reply.message.webhook.status).toBe(200);
			const [log] = await waitFor('the opt-out commlog', async () => {
				const found = (await outreachCommlogs()).filter((c) => c.Note.includes('[out:stop:239:'));
				return found.length ? found : undefined;
			});
			expect(log).toMatchObject({ PatNum: 239, Mode_: 'Text', SentOrReceived: 'Received' });
			expect(log!.Note).toMatch(/^The patient replied STOP by text at .*outreach ended/);
			await waitFor('the front desk told', async () => {
				const found = await practice.messages('frontdesk', 'Patient 239 replied by text STOP');
				return found.length ? found : undefined;
			});
			// Open Dental's Text OK says No, as its own texting sets it after a STOP.
			expect((await odCall('GET', '/patients/239')).TxtMsgOk).toBe('No');
			// Twilio's own opt-out, and the next run ends outreach for Lena whatever the gap.
			const optOuts = (await getJson<Row>(`${stack.sandbox.urls.twilio}/__sandbox/sms`)).optOuts;
			expect(optOuts.some((o: Row) => o.phone === '+12175550309')).toBe(true);
			const run = await executeWorkflow(stack.home, ids.recall);
			expect(ofPatient(planned(run)['No Message'], '239')).toMatchObject({
				action: 'stop',
				reason: 'optedOut',
			});
		},
		5 * MINUTE,
	);
});

const OD_AUTH = { authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer' };
async function odCall(method: string, path: string, body?: unknown): Promise<Row> {
	const response = await fetch(`${stack.sandbox.urls.openDental}/api/v1${path}`, {
		method,
		headers: { ...OD_AUTH, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return text ? (JSON.parse(text) as Row) : {};
}

describe('Financed but not booked (Open Dental) in real n8n', () => {
	const planOf = (run: Parameters<typeof nodeOutput>[0]) => {
		const out: Record<string, Row[]> = {};
		['Text', 'E-Mail', 'Staff', 'No Message'].forEach((name, i) => {
			out[name] = nodeOutput(run, 'Plan follow-up', i) as Row[];
		});
		return out;
	};

	it(
		'the coordinator first, then the patient, and nothing once an appointment holds the financed procedures',
		async () => {
			const first = await executeWorkflow(stack.home, ids.financed);
			let plan = planOf(first);
			expect(ofPatient(plan['No Message'], '253')).toMatchObject({ action: 'booked' });
			expect(ofPatient(plan['No Message'], '254')).toMatchObject({ action: 'wait' });
			expect(ofPatient(plan.Staff, '252')).toMatchObject({ action: 'coordinatorTask' });
			await waitFor('the coordinator task message', async () => {
				const found = await practice.messages(
					'coordinator',
					'Marta Kovacs',
					'please call the patient',
				);
				return found.length ? found : undefined;
			});
			const task = (await outreachCommlogs()).filter((c) =>
				c.Note.includes('[out:fnb:252:APP-520614:task]'),
			);
			expect(task).toHaveLength(1);
			expect(plan.Text).toEqual([]);
			// A re-run: the task is not given twice, and the patient is not messaged before the day.
			plan = planOf(await executeWorkflow(stack.home, ids.financed));
			expect(ofPatient(plan['No Message'], '252')).toMatchObject({ action: 'wait' });
			expect(await practice.messages('coordinator', 'Marta Kovacs')).toHaveLength(1);

			await fillPracticeSettings(stack.n8n, ids.financed, { patientMessageAfterDays: 5 });
			const second = await executeWorkflow(stack.home, ids.financed);
			plan = planOf(second);
			expect(ofPatient(plan.Text, '252')).toMatchObject({ touchKey: '[out:fnb:252:APP-520614:1]' });
			const toMarta = () => sms().then((m) => m.filter((x) => x.to === '+12175550325'));
			expect(await toMarta()).toHaveLength(1);

			// The coordinator books Marta: an appointment holding the financed procedures.
			const marta = (nodeOutput(second, 'Financed cases') as Row[]).find(
				(c) => c.patientId === '252',
			)!;
			const ops = (await odCall('GET', '/operatories?ClinicNum=1')) as unknown as Row[];
			const apt = await odCall('POST', '/appointments', {
				PatNum: 252,
				Op: ops[0]!.OperatoryNum,
				AptDateTime: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)} 10:00:00`,
			});
			for (const procNum of marta.procedureIds as string[])
				await odCall('PUT', `/procedurelogs/${procNum}`, { AptNum: apt.AptNum });
			await fillPracticeSettings(stack.n8n, ids.financed, { minimumDaysBetweenTouches: 1 });
			plan = planOf(await executeWorkflow(stack.home, ids.financed));
			expect(ofPatient(plan['No Message'], '252')).toMatchObject({
				action: 'booked',
				appointmentIds: [String(apt.AptNum)],
			});
			expect(await toMarta()).toHaveLength(1);
		},
		10 * MINUTE,
	);
});

describe('Reactivation (Open Dental) in real n8n', () => {
	it(
		'a work list for the coordinator, largest value first, and a message to each patient allowed',
		async () => {
			const run = await executeWorkflow(stack.home, ids.reactivation);
			const list = nodeOutput(run, 'Reactivation list') as Row[];
			expect(list.map((e) => e.patientId)).toEqual(['249', '251', '250']);
			expect(list[0]).toMatchObject({ valueCents: 475000, rank: 1 });
			const [workList] = await waitFor('the work list', async () => {
				const found = await practice.messages('coordinator', 'Reactivation work list');
				return found.length ? found : undefined;
			});
			expect(workList!.text.indexOf('Patient 249')).toBeLessThan(
				workList!.text.indexOf('Patient 251'),
			);
			const texts = nodeOutput(run, 'Plan next message', 0) as Row[];
			const mails = nodeOutput(run, 'Plan next message', 1) as Row[];
			expect(texts.map((t) => t.patientId).sort()).toEqual(['249', '251']);
			expect(mails.map((t) => t.patientId)).toEqual(['250']);
			expect((await mail()).some((m) => m.to[0] === 'gloria.stein@example.com')).toBe(true);
			// Again the same day: nothing twice.
			const again = await executeWorkflow(stack.home, ids.reactivation);
			expect(nodeOutput(again, 'Plan next message', 0)).toEqual([]);
			expect(nodeOutput(again, 'Plan next message', 1)).toEqual([]);
		},
		10 * MINUTE,
	);
});

describe('the outreach templates in the editor', () => {
	it(
		'every node renders with our icons; no sticky note overlaps another or a node, and each note fits; the recall screenshot',
		async () => {
			const profile = await fs.mkdtemp(join(tmpdir(), 'e2e-outreach-chromium-'));
			const context = await chromium.launchPersistentContext(profile, {
				executablePath: '/usr/bin/chromium',
				headless: true,
				viewport: { width: 1800, height: 1000 },
				args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
			});
			try {
				const cookie = (await stack.n8n.login()).split('=');
				await context.addCookies([
					{ name: cookie[0]!, value: cookie.slice(1).join('='), url: stack.n8n.url },
				]);
				const page = await context.newPage();
				for (const key of Object.keys(OUTREACH_TEMPLATES) as OutreachKey[]) {
					await page.goto(`${stack.n8n.url}/workflow/${ids[key]}`);
					await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
					const template = JSON.parse(
						await fs.readFile(join(REPO, 'workflows', OUTREACH_TEMPLATES[key]), 'utf8'),
					) as { nodes: Array<{ id: string; name: string; type: string }> };
					await page
						.locator('body')
						.press('1')
						.catch(() => undefined);
					await page.waitForTimeout(1500);
					const boxes: Array<{ name: string; sticky: boolean; box: Row; fits: boolean }> = [];
					for (const node of template.nodes) {
						// vue-flow's wrapper of every node, sticky notes too, by the node's id.
						const el = page.locator(`.vue-flow__node[data-id="${node.id}"]`);
						expect(await el.count()).toBe(1);
						const box = (await el.boundingBox())!;
						const sticky = node.type === 'n8n-nodes-base.stickyNote';
						// A note fits when its last line of text ends inside the note.
						const fits = sticky
							? await el.evaluate((e) => {
									const note = e as unknown as {
										getBoundingClientRect(): { bottom: number; right: number };
										querySelectorAll(s: string): ArrayLike<{
											getBoundingClientRect(): { bottom: number; right: number; height: number };
										}>;
									};
									const box = note.getBoundingClientRect();
									return Array.from(note.querySelectorAll('p, li, h1, h2, h3, code'))
										.map((x) => x.getBoundingClientRect())
										.filter((r) => r.height > 0)
										.every((r) => r.bottom <= box.bottom + 1 && r.right <= box.right + 1);
								})
							: true;
						boxes.push({ name: node.name, sticky, box, fits });
						if (node.type.startsWith('n8n-nodes-dental-financing.')) {
							const icon = el.locator('img').first();
							await icon.waitFor({ timeout: 20_000 });
							expect(
								await icon.evaluate(
									(img) => (img as unknown as { naturalWidth: number }).naturalWidth,
								),
							).toBeGreaterThan(0);
						}
					}
					const overlap = (a: Row, b: Row) =>
						a.x < b.x + b.width &&
						b.x < a.x + a.width &&
						a.y < b.y + b.height &&
						b.y < a.y + a.height;
					const clashes: string[] = [];
					for (const a of boxes.filter((b) => b.sticky)) {
						if (!a.fits) clashes.push(`${a.name} does not fit its text`);
						for (const b of boxes)
							if (b !== a && (b.sticky ? a.name < b.name : true) && overlap(a.box, b.box))
								clashes.push(`${a.name} overlaps ${b.name}`);
					}
					if (key === 'recall') {
						const file = join(REPO, 'docs', 'screenshots', 'recall-outreach-opendental.png');
						await page.screenshot({ path: file });
						expect(existsSync(file)).toBe(true);
					}
					expect({ template: key, clashes }).toEqual({ template: key, clashes: [] });
				}
			} finally {
				await context.close();
				await fs.rm(profile, { recursive: true, force: true });
			}
		},
		5 * MINUTE,
	);
});
