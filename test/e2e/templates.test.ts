/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The shipped templates in real n8n 2.41.1, end to end: the package packed and installed into
// `.n8n/nodes`, the templates imported unchanged from workflows/, their Practice settings filled
// in through the editor's REST API and published, credentials pointed at the sandbox, and the
// sandbox's ledger checked field by field. Sandbox and n8n run on free ports, so this suite runs
// while `npm run demo` is up. Tests run in order and share one practice.
import { existsSync, promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium } from 'playwright-core';
import {
	executeWorkflow,
	getExecution,
	listExecutions,
	nodeOutput,
	type ExecutionSummary,
	type RunData,
} from '../../scripts/n8n/runtime';
import {
	addDays,
	chairSideLink,
	Practice,
	practiceToday,
	tokenOf,
	type Session,
} from '../../scripts/e2e/practice';
import { pollNow, REPO, startStack, waitFor, type Stack } from '../../scripts/e2e/stack';
import {
	PRACTICE_SETTINGS,
	practiceSettingsOf,
	SANDBOX_MERCHANT_NUMBERS,
} from '../../scripts/e2e/practiceSettings';

const MINUTE = 60_000;
const started = Date.now();
const timings: string[] = [];
let stack: Stack;
let practice: Practice;
let work: string;

const decisionWorkflow = () => stack.ids.decision;
/** Executions of the decision workflow started at or after `since` (ms), finished. */
async function decisionRuns(since: number, mode?: string): Promise<ExecutionSummary[]> {
	const all = await listExecutions(stack.n8n, { workflowId: decisionWorkflow() });
	return all.filter(
		(e) =>
			e.startedAt !== null &&
			Date.parse(e.startedAt) >= since - 1000 &&
			(!mode || e.mode === mode) &&
			['success', 'error', 'crashed'].includes(e.status),
	);
}
/** The items of `node` in a run whose decision (the Practice settings' item) carried `sessionId`. */
function outputFor(run: RunData, node: string, sessionId: string): Array<Record<string, unknown>> {
	const decisions = nodeOutput(run, 'Practice settings') as Array<{ sessionId: string }>;
	if (!decisions.some((d) => d.sessionId === sessionId)) return [];
	return (run.resultData.runData[node] ? nodeOutput(run, node) : []) as Array<
		Record<string, unknown>
	>;
}
async function runsWithSession(since: number, sessionId: string, mode?: string) {
	const runs = [];
	for (const summary of await decisionRuns(since, mode)) {
		const execution = await getExecution(stack.n8n, summary.id);
		const decisions = execution.data.resultData.runData['Practice settings']
			? (nodeOutput(execution.data, 'Practice settings') as Array<{ sessionId: string }>)
			: [];
		if (decisions.some((d) => d.sessionId === sessionId)) runs.push(execution);
	}
	return runs;
}

/** CareCredit's number for the case inside its token: what the coordinator's message names. */
const caseNumber = (token: string) => token.slice('[cc:'.length, -1);

async function session(planId: string): Promise<Session> {
	return waitFor(`the CareCredit session of ${planId}`, () => practice.sessionOf(planId), MINUTE);
}
/** Waits until exactly `count` messages match, then a little longer to see no more arrive. */
async function messagesSettled(channel: string, count: number, ...parts: string[]) {
	await waitFor(
		`${count} ${channel} message(s) with ${parts.join(', ')}`,
		async () => ((await practice.messages(channel, ...parts)).length >= count ? true : undefined),
		3 * MINUTE,
	);
	return practice.messages(channel, ...parts);
}

// Plans of the seed (docs/dentrix-api.md) and what CareCredit's test applicants decide.
const WAVE = ['tp_2001', 'tp_2010', 'tp_2017', 'tp_2020', 'tp_2006', 'tp_2016', 'tp_2013'];

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-templates-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
		log: (line) => timings.push(line),
	});
	practice = new Practice(stack.sandbox.urls);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	console.log(
		`[e2e templates] ${((Date.now() - started) / 1000).toFixed(0)} s in all\n  ${timings.join('\n  ')}`,
	);
	if (work) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

describe('shipped templates in real n8n', () => {
	it(
		'imports every template with credentials resolved by name, fills only its Practice settings, and publishes the two that run alone',
		async () => {
			const urls = stack.sandbox.urls;
			// What the stack typed into each template's Practice settings, and nothing else.
			const filled: Record<string, Record<string, string>> = {
				application: {
					coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
					patientMessageWebhookUrl: `${urls.console}/hooks/patient`,
					n8nPublicUrl: stack.n8n.url,
				},
				decision: {
					coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
					reviewWebhookUrl: `${urls.console}/hooks/review`,
				},
				testMode: { reviewWebhookUrl: `${urls.console}/hooks/review` },
				errors: { opsWebhookUrl: `${urls.console}/hooks/ops` },
			};
			for (const key of ['application', 'decision', 'testMode', 'errors'] as const) {
				const response = await fetch(`${stack.n8n.url}/rest/workflows/${stack.ids[key]}`, {
					headers: { cookie: await stack.n8n.login() },
				});
				const workflow = ((await response.json()) as { data: WorkflowJson }).data;
				const template = JSON.parse(
					await fs.readFile(join(REPO, 'workflows', templateFile(key)), 'utf8'),
				) as WorkflowJson;
				// The shipped file holds no address of the sandbox (nor any other): empty settings.
				const shipped = practiceSettingsOf(template);
				for (const name of Object.keys(filled[key])) expect(shipped[name]).toBe('');
				expect(JSON.stringify(template)).not.toMatch(/127\.0\.0\.1|localhost/);
				// Unchanged but for the values filled in: same nodes and parameters as the file.
				expect(practiceSettingsOf(workflow)).toEqual({ ...shipped, ...filled[key] });
				// The CareCredit Trigger's Merchant Numbers ship empty and are filled like the settings.
				const trigger = 'n8n-nodes-dental-financing.careCreditDecisionTrigger';
				const others = (w: WorkflowJson, filledIn = false) =>
					w.nodes
						.filter((n) => n.name !== PRACTICE_SETTINGS)
						.map((n) => [
							n.name,
							n.type,
							filledIn && n.type === trigger
								? { ...n.parameters, merchantNumber: SANDBOX_MERCHANT_NUMBERS }
								: n.parameters,
						]);
				for (const node of template.nodes.filter((n) => n.type === trigger))
					expect(node.parameters.merchantNumber).toBe('');
				expect(others(workflow)).toEqual(others(template, true));
				for (const node of workflow.nodes.filter((n) => n.credentials)) {
					for (const credential of Object.values(node.credentials!)) {
						expect(credential.id).toMatch(/^[A-Za-z0-9]{16}$/);
					}
				}
				if (key !== 'errors') expect(workflow.settings.errorWorkflow).toBe(stack.ids.errors);
				expect(workflow.active).toBe(key !== 'testMode');
			}
		},
		2 * MINUTE,
	);

	it(
		'plans accepted with CareCredit become prefilled applications with the chair-side link',
		async () => {
			const t = Date.now();
			for (const plan of WAVE) await practice.acceptWithCareCredit(plan);
			// The Dentrix Trigger polls once a minute.
			const ready = await messagesSettled(
				'coordinator',
				WAVE.length,
				'CareCredit application ready',
			);
			expect(ready).toHaveLength(WAVE.length);
			const daniel = ready.find((m) => m.text.includes('Daniel Whitaker'))!;
			const danielSession = await session('tp_2001');
			expect(daniel.text).toBe(
				'CareCredit application ready for Daniel Whitaker (Implant #19, patient portion $4,220.01).\n' +
					`Application link for the patient: ${stack.sandbox.urls.console}/portal/${danielSession.sessionId}\n` +
					`When the patient has finished, press: ${stack.n8n.url}/webhook/carecredit-chairside?session=${danielSession.sessionId}`,
			);
			// The person who applies gets the link too (Practice settings: patientMessageWebhookUrl).
			const toPatients = await messagesSettled('patient', WAVE.length, 'CareCredit application');
			expect(toPatients).toHaveLength(WAVE.length);
			expect(toPatients.find((m) => m.text.includes(danielSession.sessionId))!.text).toBe(
				'Hello Daniel, here is your CareCredit application for the treatment we discussed, already filled in from our records: ' +
					`${stack.sandbox.urls.console}/portal/${danielSession.sessionId}`,
			);
			// The minor's guarantor applied: the application carries both ids.
			const jaylen = (await practice.sessions()).find((s) =>
				s.transactionInfo.invoiceNumber.startsWith('tp_2010'),
			) as Session & { recordId: string; applicants: Array<{ firstName: string }> };
			expect(jaylen.recordId).toBe('pat_1014~pat_1012');
			expect(jaylen.applicants[0].firstName).toBe('Marcus');
			timings.push(
				`applications for ${WAVE.length} plans: ${((Date.now() - t) / 1000).toFixed(0)} s`,
			);
		},
		4 * MINUTE,
	);

	it(
		'approved: the financing record, one audit note and one coordinator message, field by field',
		async () => {
			const { application } = await session('tp_2001');
			const token = tokenOf(application!.applicationId);
			const [message] = await messagesSettled('coordinator', 1, caseNumber(token));
			expect(message.text).toBe(
				'CareCredit approved Daniel Whitaker: $4,220.01 financed on DI24 ' +
					'(No interest if paid in full within 24 months), about $175.84/month to CareCredit. ' +
					`Nothing more to collect. Please book the appointment. CareCredit application ${caseNumber(token)}.`,
			);
			const agreements = (await practice.agreements('pat_1001')).filter((a) =>
				String(a.note).includes(token),
			);
			expect(agreements).toHaveLength(1);
			const today = practiceToday();
			expect(agreements[0]).toMatchObject({
				guarantorId: 'pat_1001',
				status: 'active',
				billingType: 'Third-Party Financing - No Statements',
				agreementDate: today,
				interval: 'monthly',
				annualFinanceChargePercent: 0,
				annualLateChargePercent: 0,
				gracePeriodDays: 0,
				minimumLateCharge: 0,
				minimumBalanceToCharge: 0,
				totalAgreedAmount: 4220.01,
				downPayment: 0,
				firstPaymentDue: addDays(today, 30),
				paymentAmount: 175.84,
				numberOfPayments: 24,
				statementNote: 'Financed by CareCredit',
				createdBy: 'api',
			});
			const notes = (await practice.ledgerNotes('pat_1001')).filter((n) =>
				String(n.text).includes(token),
			);
			expect(notes).toHaveLength(1);
			expect(notes[0]).toMatchObject({ patientId: 'pat_1001', date: today, kind: 'guarantorNote' });
			// No purchase was made: no CareCredit payment.
			expect(await practice.payments('pat_1001')).toEqual([]);
		},
		4 * MINUTE,
	);

	it(
		"approved below the plan total, a minor's guarantor applying: the in-house plan for the shortfall",
		async () => {
			const { application } = await session('tp_2010');
			const token = tokenOf(application!.applicationId);
			const [message] = await messagesSettled('coordinator', 1, caseNumber(token));
			expect(message.text).toContain('$2,500.00 financed');
			expect(message.text).toContain('In-house: 6 x $300.01 monthly');
			const agreements = (await practice.agreements('pat_1012')).filter((a) =>
				String(a.note).includes(token),
			);
			expect(agreements).toHaveLength(1);
			const today = practiceToday();
			expect(agreements[0]).toMatchObject({
				guarantorId: 'pat_1012',
				status: 'active',
				billingType: 'Payment Agreement',
				agreementDate: today,
				interval: 'monthly',
				annualFinanceChargePercent: 0,
				gracePeriodDays: 10,
				totalAgreedAmount: 1800.02,
				downPayment: 0,
				firstPaymentDue: addDays(today, 30),
				paymentAmount: 300.01,
				numberOfPayments: 6,
			});
			const notes = (await practice.ledgerNotes('pat_1012')).filter((n) =>
				String(n.text).includes(token),
			);
			expect(notes).toHaveLength(1);
			expect(notes[0].patientId).toBe('pat_1014');
		},
		4 * MINUTE,
	);

	it(
		'declined, call for auth and needs review: nothing financial written, one message each',
		async () => {
			const declined = await messagesSettled('coordinator', 1, 'declined', 'tp_2017');
			expect(declined).toHaveLength(1);
			const callForAuth = await messagesSettled(
				'coordinator',
				1,
				'call for authorization',
				'tp_2020',
			);
			expect(callForAuth).toHaveLength(1);
			// The review message names the patient and CareCredit's application number, no plan id.
			const held = await session('tp_2006');
			const review = await messagesSettled(
				'review',
				1,
				'Needs review',
				held.application!.applicationId,
			);
			expect(review[0].text).toContain(
				'account pat_1009 already has an active payment agreement (pa_3001); Dentrix keeps one per account',
			);
			expect(review[0].text).toContain('nothing was written');
			for (const account of ['pat_1023', 'pat_1030']) {
				expect(await practice.agreements(account)).toEqual([]);
				expect(await practice.payments(account)).toEqual([]);
				// One status note: the record that makes a repeated decision send nothing.
				expect(await practice.ledgerNotes(account)).toHaveLength(1);
			}
			expect((await practice.agreements('pat_1009')).map((a) => a.id)).toEqual(['pa_3001']);
			expect(await practice.payments('pat_1009')).toEqual([]);
		},
		4 * MINUTE,
	);

	it(
		'pending then approved by the trigger: told once while pending, then the approved path once',
		async () => {
			await messagesSettled('coordinator', 1, 'not decided yet', 'tp_2016');
			// The test applicant resolves after 120 s of sandbox clock (docs/carecredit-api.md).
			await practice.advanceClock(121);
			await pollNow(stack.n8n, decisionWorkflow());
			// David Kim's account already has pa_3003, so the approval goes to review.
			const david = await waitFor(
				'the approval of tp_2016',
				async () => (await session('tp_2016')).application?.applicationId,
				MINUTE,
			);
			const review = await messagesSettled('review', 1, 'Needs review', david);
			expect(review).toHaveLength(1);
			expect(review[0].text).toContain('David Kim');
			expect(await practice.messages('coordinator', 'not decided yet', 'tp_2016')).toHaveLength(1);
			expect((await practice.agreements('pat_1020')).map((a) => a.id)).toEqual(['pa_3003']);
		},
		4 * MINUTE,
	);

	it(
		"the chair-side road: pending, then approved with a purchase, written by the webhook's own execution before any poll; the later poll writes and sends nothing",
		async () => {
			const claire = await session('tp_2013');
			const [ready] = await practice.messages('coordinator', 'ready for Claire Moreau');
			const link = chairSideLink(ready.text);
			// Hold every read of the decision feed: no poll can see the decisions made now.
			const heldSince = Date.now();
			await practice.addFault('careCredit', {
				kind: 'latency',
				delayMs: 30_000,
				method: 'GET',
				pathPattern: '/decisions',
			});
			await practice.decide(claire.sessionId, { outcome: 'pending' });
			// A browser gets a short page in words; a program that asks for JSON gets JSON.
			const page = await fetch(link);
			expect(page.status).toBe(200);
			expect(page.headers.get('content-type')).toMatch(/^text\/html/);
			const html = await page.text();
			expect(html).toContain('<h1>CareCredit has not decided yet.</h1>');
			expect(html).not.toContain(claire.sessionId);
			const pendingAnswer = await fetch(link, { headers: { accept: 'application/json' } });
			expect(pendingAnswer.status).toBe(200);
			expect(await pendingAnswer.json()).toEqual({
				received: true,
				status: 'pending',
				message:
					'CareCredit has not decided yet. The coordinator will get a message with what to do next.',
			});
			await messagesSettled('coordinator', 1, 'not decided yet', 'tp_2013');

			await practice.decide(claire.sessionId, {
				outcome: 'approved',
				creditLine: 5000,
				promoCode: 'DI12',
				purchaseAmount: 2995,
			});
			const answer = await fetch(link, { headers: { accept: 'application/json' } });
			const body = (await answer.json()) as Record<string, unknown>;
			// No patient data in the answer: the status only.
			expect(body).toEqual({
				received: true,
				status: 'approved',
				message:
					'CareCredit approved the application. The payment arrangement is being written in Dentrix; the coordinator will get a message.',
			});
			const { application } = (await practice.sessionOf('tp_2013'))!;
			const token = tokenOf(application!.applicationId);
			const [message] = await messagesSettled('coordinator', 1, caseNumber(token));
			expect(message.text).toContain('Claire Moreau');
			expect(message.text).toContain('$2,995.00 financed on DI12');

			const webhookRuns = await waitFor(
				'the webhook execution',
				async () => {
					// The page a browser got, the JSON while pending, the JSON once approved.
					const runs = await runsWithSession(heldSince, claire.sessionId, 'webhook');
					return runs.length === 3 ? runs : undefined;
				},
				MINUTE,
			);
			const approvedRun = webhookRuns.find(
				(r) => outputFor(r.data, 'Write the financed case', claire.sessionId).length > 0,
			)!;
			// One node wrote the whole case: agreement, CareCredit payment, audit note.
			expect(
				outputFor(approvedRun.data, 'Write the financed case', claire.sessionId)[0],
			).toMatchObject({
				created: true,
				outcome: 'created',
				referenceToken: token,
				agreement: { outcome: 'created' },
				careCreditPayment: { outcome: 'created' },
				auditNote: { outcome: 'created' },
			});
			// No poll has seen these decisions yet.
			expect(await runsWithSession(heldSince, claire.sessionId, 'trigger')).toEqual([]);

			const expectWritesOnce = async () => {
				expect(
					(await practice.agreements('pat_1026')).filter((a) => String(a.note).includes(token)),
				).toHaveLength(1);
				const payments = await practice.payments('pat_1026');
				expect(payments).toHaveLength(1);
				expect(payments[0]).toMatchObject({ paymentType: 'CareCredit Payment', amount: 2995 });
				expect(
					(await practice.ledgerNotes('pat_1026')).filter((n) => String(n.text).includes(token)),
				).toHaveLength(1);
				expect(await practice.messages('coordinator', caseNumber(token))).toHaveLength(1);
				expect(await practice.messages('coordinator', 'not decided yet', 'tp_2013')).toHaveLength(
					1,
				);
			};
			await expectWritesOnce();

			// Now the safety net polls: it sees the decisions, writes nothing and sends nothing.
			await practice.clearFaults();
			const pollSince = Date.now();
			await pollNow(stack.n8n, decisionWorkflow());
			const [pollRun] = await waitFor(
				'a poll that saw the chair-side decision',
				async () => {
					const runs = await runsWithSession(pollSince, claire.sessionId, 'trigger');
					return runs.length > 0 ? runs : undefined;
				},
				2 * MINUTE,
			);
			expect(outputFor(pollRun.data, 'Write the financed case', claire.sessionId)[0]).toMatchObject(
				{ created: false, outcome: 'alreadyWritten', message: '' },
			);
			await expectWritesOnce();
		},
		6 * MINUTE,
	);

	it(
		'the same decision delivered twice by the feed changes nothing',
		async () => {
			const daniel = await session('tp_2001');
			const token = tokenOf(daniel.application!.applicationId);
			const before = (await practice.writes('dentrix')).length;
			await practice.repeatInFeed(daniel.sessionId);
			await practice.repeatInFeed(daniel.sessionId);
			const since = Date.now();
			await pollNow(stack.n8n, decisionWorkflow());
			await waitFor(
				'a poll that saw the repeated decision',
				async () => {
					const runs = await runsWithSession(since, daniel.sessionId, 'trigger');
					return runs.length > 0 ? runs : undefined;
				},
				2 * MINUTE,
			);
			expect((await practice.writes('dentrix')).length).toBe(before);
			expect(await practice.messages('coordinator', caseNumber(token))).toHaveLength(1);
		},
		4 * MINUTE,
	);

	it(
		'bursts of 503/429, timeouts and faults after commit, n8n stopped and restarted, then killed mid-write: every write exactly once',
		async () => {
			// Thomas Nguyen is an existing cardholder (reference id token); Carlos Reyes's application expires.
			const heldSince = Date.now();
			await practice.addFault('careCredit', {
				kind: 'latency',
				delayMs: 40_000,
				method: 'GET',
				pathPattern: '/decisions',
			});
			await practice.acceptWithCareCredit('tp_2004');
			await practice.acceptWithCareCredit('tp_2014');
			await messagesSettled('coordinator', 1, 'ready for Thomas Nguyen');
			await messagesSettled('coordinator', 1, 'ready for Carlos Reyes');
			// Decisions exist that no poll has read: stop n8n gracefully now.
			expect(await stack.n8n.stop()).toBe(0);
			expect(await runsWithSessionOffline()).toBe(true);
			await practice.clearFaults();
			const faults: Array<['careCredit' | 'dentrix', Record<string, unknown>]> = [
				[
					'careCredit',
					{ kind: 'status', status: 503, count: 2, method: 'GET', pathPattern: '/sessions/' },
				],
				[
					'careCredit',
					{
						kind: 'status',
						status: 429,
						retryAfterSeconds: 1,
						count: 1,
						pathPattern: '/decisions',
					},
				],
				['dentrix', { kind: 'status', status: 503, count: 2, method: 'GET' }],
				[
					'dentrix',
					{ kind: 'status', status: 429, retryAfterSeconds: 1, count: 2, method: 'POST' },
				],
				[
					'dentrix',
					{
						kind: 'reset',
						phase: 'after',
						count: 1,
						method: 'POST',
						pathPattern: '/payment-agreements$',
					},
				],
				[
					'dentrix',
					{
						kind: 'timeout',
						phase: 'after',
						delayMs: 2000,
						count: 1,
						method: 'POST',
						pathPattern: '/ledger-notes$',
					},
				],
				[
					'dentrix',
					{
						kind: 'status',
						status: 503,
						phase: 'after',
						count: 1,
						method: 'POST',
						pathPattern: '/ledger-notes$',
					},
				],
				// Slow agreement writes, so n8n can be killed in the middle of one.
				[
					'dentrix',
					{
						kind: 'latency',
						delayMs: 4000,
						count: 1,
						method: 'POST',
						pathPattern: '/payment-agreements$',
					},
				],
			];
			for (const [service, rule] of faults) await practice.addFault(service, rule);
			await stack.restartN8n();
			// n8n's start publishes the workflows again, which runs the first poll at once.
			await waitFor(
				'an execution writing the cardholder case',
				async () => {
					const running = await listExecutions(stack.n8n, {
						workflowId: decisionWorkflow(),
						status: ['running'],
					});
					return running.length > 0 ? true : undefined;
				},
				2 * MINUTE,
			);
			// Killed once the agreement's request has reached Dentrix (its wait has used the fault
			// up), not after a fixed time: so the run is killed in the middle of the write.
			await waitFor(
				'the agreement request to reach Dentrix',
				async () =>
					(await practice.faults('dentrix')).some((f) => f.kind === 'latency') ? undefined : true,
				2 * MINUTE,
			);
			await new Promise((r) => setTimeout(r, 1000));
			await stack.n8n.kill();
			await stack.restartN8n();

			const thomas = await session('tp_2004');
			const token = tokenOf(thomas.referenceId);
			expect(
				(await practice.ledgerNotes('pat_1006')).filter((n) =>
					String(n.text).includes(`[cc:${caseNumber(token)}.claim]`),
				),
			).toHaveLength(1);
			// n8n was killed holding the case's claim: the runs after it write nothing
			// (anotherRunIsWriting) until the claim's lease (5 minutes) has run out; then the trigger
			// sends the decision again (8th poll after the first) and that run finishes the case.
			await waitFor(
				'the coordinator message of the cardholder case',
				async () =>
					(await practice.messages('coordinator', caseNumber(token))).length > 0 ? true : undefined,
				12 * MINUTE,
			);
			const [message] = await messagesSettled('coordinator', 1, caseNumber(token));
			expect(message.text).toContain('Thomas Nguyen');
			await messagesSettled('coordinator', 1, 'expired', 'tp_2014');
			// The look-back sends both decisions again at the next polls: still once each.
			await pollNow(stack.n8n, decisionWorkflow());
			await new Promise((r) => setTimeout(r, 10_000));
			expect(
				(await practice.agreements('pat_1006')).filter((a) => String(a.note).includes(token)),
			).toHaveLength(1);
			expect(
				(await practice.ledgerNotes('pat_1006')).filter((n) => String(n.text).includes(token)),
			).toHaveLength(1);
			expect(await practice.messages('coordinator', caseNumber(token))).toHaveLength(1);
			expect(await practice.messages('coordinator', 'expired', 'tp_2014')).toHaveLength(1);
			expect(await practice.ledgerNotes('pat_1019')).toHaveLength(1);
			expect(await practice.agreements('pat_1019')).toEqual([]);
			// Every approved case so far: one agreement each, never two.
			for (const account of ['pat_1001', 'pat_1012', 'pat_1026', 'pat_1006']) {
				const tokens = (await practice.agreements(account)).map(
					(a) => String(a.note).match(/\[cc:[^\]]+\]/)?.[0],
				);
				expect(new Set(tokens).size).toBe(tokens.length);
			}
			await practice.clearFaults();
			void heldSince;
		},
		18 * MINUTE,
	);

	it(
		'test mode finds the recent financed cases by itself: automation matches the agreement, then a staff edit is reported; nothing written',
		async () => {
			const daniel = await session('tp_2001');
			// Nothing to set: Practice settings look back 30 days (lookBackDays) by default.
			const id = stack.ids.testMode;
			const writesBefore = (await practice.writes('dentrix')).length;

			const first = await executeWorkflow(stack.home, id);
			// Every case approved so far, each once (the pending one by its approval), nothing else.
			const cases = nodeOutput(first, 'Recent financed cases') as Array<{
				sessionId: string;
				status: string;
				pms: { treatmentPlanId: string };
			}>;
			expect(cases.map((c) => c.pms.treatmentPlanId).sort()).toEqual([
				'tp_2001',
				'tp_2004',
				'tp_2006',
				'tp_2010',
				'tp_2013',
				'tp_2016',
			]);
			expect(new Set(cases.map((c) => c.sessionId)).size).toBe(cases.length);
			expect(cases.every((c) => c.status === 'approved')).toBe(true);
			expect(cases.filter((c) => c.sessionId === daniel.sessionId)).toHaveLength(1);

			// Compare runs once per agreement Staff agreements read: Daniel's matches field by field.
			const staff = nodeOutput(first, 'Staff agreements') as Array<{ guarantorId: string }>;
			const compared = nodeOutput(first, 'Compare') as Array<{
				allMatch: boolean;
				discrepancyCount: number;
				matchCount: number;
			}>;
			expect(compared).toHaveLength(staff.length);
			const danielIndex = staff.findIndex((a) => a.guarantorId === 'pat_1001');
			expect(danielIndex).toBeGreaterThanOrEqual(0);
			expect(compared[danielIndex]).toEqual(
				expect.objectContaining({ allMatch: true, discrepancyCount: 0, matchCount: 13 }),
			);
			// Matching cases are silent; each comparison with a difference is reported once.
			expect(await practice.messages('review', 'Test mode, plan tp_2001')).toEqual([]);
			const reports = await practice.messages('review', 'Test mode');
			expect(reports).toHaveLength(compared.filter((c) => !c.allMatch).length);

			// Staff change the grace period by hand in the console.
			const [agreement] = await practice.agreements('pat_1001');
			const edit = await fetch(
				`${stack.sandbox.urls.dentrix}/v1/payment-agreements/${agreement.id}`,
				{
					method: 'PATCH',
					headers: {
						authorization: 'Bearer sandbox-dentrix-key',
						'content-type': 'application/json',
						'x-sandbox-source': 'console',
					},
					body: JSON.stringify({ gracePeriodDays: 5 }),
				},
			);
			expect(edit.status).toBe(200);
			await executeWorkflow(stack.home, id);
			const [report] = await messagesSettled('review', 1, 'Test mode, plan tp_2001');
			expect(report.text).toBe(
				'Test mode, plan tp_2001 (account pat_1001): 1 difference(s) between automation and the agreement entered by hand:\n' +
					'- gracePeriodDays: automation 0, by hand 5',
			);
			expect(await practice.messages('review', 'Test mode, plan tp_2001')).toHaveLength(1);
			// Test mode wrote nothing: the only Dentrix write since is the staff edit.
			expect((await practice.writes('dentrix')).length).toBe(writesBefore + 1);
		},
		4 * MINUTE,
	);

	it(
		'a failing execution reaches the error workflow and the ops channel, without patient data',
		async () => {
			const response = await fetch(
				`${stack.n8n.url}/webhook/carecredit-chairside?session=00000000-0000-4000-8000-000000000000`,
			);
			// The link's run failed before answering: n8n answers with its own error, no data.
			expect(response.status).toBeGreaterThanOrEqual(400);
			const [ops] = await messagesSettled('ops', 1, 'Get decision now');
			expect(ops.text).toMatch(
				/^n8n workflow "Dental financing: CareCredit decision to Dentrix" failed at step "Get decision now": /,
			);
			expect(ops.text).toContain(`${stack.n8n.url}/workflow/${decisionWorkflow()}/executions/`);
		},
		3 * MINUTE,
	);

	it(
		'a treatment plan Dentrix will not give goes to review with the reason: the run does not fail and nothing financial is written',
		async () => {
			// Emma Whitaker's fillings; her guarantor is Daniel (pat_1001), financed above.
			await practice.acceptWithCareCredit('tp_2002');
			const emma = await session('tp_2002');
			const agreementsBefore = (await practice.agreements('pat_1001')).map((a) => a.id);
			const paymentsBefore = (await practice.payments('pat_1001')).length;
			await practice.addFault('dentrix', {
				kind: 'status',
				status: 503,
				count: 1000,
				method: 'GET',
				pathPattern: 'treatment-plans/tp_2002$',
			});
			const since = Date.now();
			await practice.decide(emma.sessionId, {
				outcome: 'approved',
				creditLine: 1000,
				promoCode: 'DI12',
			});
			const application = await waitFor(
				'the approval of tp_2002',
				async () => (await session('tp_2002')).application?.applicationId,
				MINUTE,
			);
			await pollNow(stack.n8n, decisionWorkflow());
			const [review] = await messagesSettled('review', 1, 'Needs review', application);
			expect(review.text).toContain('Dentrix answered 503');
			expect(review.text).toContain('nothing was written');
			// No plan to name her by: the decision's patient id says whose case it is.
			expect(review.text).toContain('CareCredit approved the plan of patient pat_1003 (');
			const notes = (await practice.ledgerNotes('pat_1001')).filter((n) =>
				String(n.text).includes(`[cc:${emma.sessionId}.review]`),
			);
			expect(notes).toHaveLength(1);
			expect((await practice.agreements('pat_1001')).map((a) => a.id)).toEqual(agreementsBefore);
			expect(await practice.payments('pat_1001')).toHaveLength(paymentsBefore);
			// The run that read the plan ended well: the failure went to review, not to ops.
			const runs = await runsWithSession(since, emma.sessionId);
			expect(runs.length).toBeGreaterThan(0);
			for (const run of runs) expect(run.status).toBe('success');
			expect(await practice.messages('ops', 'Get treatment plan')).toEqual([]);
			await practice.clearFaults();
		},
		4 * MINUTE,
	);

	it(
		'opens each template in the editor (headless Chromium) with our nodes and icons, and saves the screenshot',
		async () => {
			const profile = await fs.mkdtemp(join(tmpdir(), 'e2e-editor-chromium-'));
			const context = await chromium.launchPersistentContext(profile, {
				executablePath: '/usr/bin/chromium',
				headless: true,
				viewport: { width: 1600, height: 900 },
				args: [
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--disable-quic',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
				],
			});
			try {
				const cookie = (await stack.n8n.login()).split('=');
				await context.addCookies([
					{ name: cookie[0], value: cookie.slice(1).join('='), url: stack.n8n.url },
				]);
				const page = await context.newPage();
				for (const key of ['application', 'decision', 'testMode', 'errors'] as const) {
					await page.goto(`${stack.n8n.url}/workflow/${stack.ids[key]}`);
					await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
					const template = JSON.parse(
						await fs.readFile(join(REPO, 'workflows', templateFile(key)), 'utf8'),
					) as WorkflowJson;
					const ours = template.nodes.filter((n) =>
						n.type.startsWith('n8n-nodes-dental-financing.'),
					);
					for (const node of template.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')) {
						expect(
							await page
								.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`)
								.count(),
						).toBe(1);
					}
					// Our icons are served by n8n from the installed package and rendered.
					for (const node of ours) {
						const icon = page.locator(
							`[data-test-id="canvas-node"][data-node-name="${node.name}"] img`,
						);
						await icon.first().waitFor({ timeout: 20_000 });
						expect(
							await icon
								.first()
								.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
						).toBeGreaterThan(0);
					}
					if (key === 'decision') {
						// For the README: the checklist n8n pops over a published workflow closed, the canvas fitted.
						const checklist = page.locator('text=Production Checklist');
						if ((await checklist.count()) > 0) {
							await checklist
								.locator('xpath=..')
								.locator('button, [role="button"], svg')
								.last()
								.click()
								.catch(() => undefined);
						}
						await page
							.locator('body')
							.press('1')
							.catch(() => undefined);
						await page.waitForTimeout(1500);
						const file = join(REPO, 'docs', 'screenshots', 'carecredit-decision-to-dentrix.png');
						await fs.mkdir(join(REPO, 'docs', 'screenshots'), { recursive: true });
						await page.screenshot({ path: file });
						expect(existsSync(file)).toBe(true);
					}
				}
			} finally {
				await context.close();
				await fs.rm(profile, { recursive: true, force: true });
			}
		},
		5 * MINUTE,
	);
});

interface WorkflowJson {
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string | null; name: string }>;
	}>;
	settings: { errorWorkflow?: string };
	active?: boolean;
}

function templateFile(key: keyof Stack['ids']): string {
	return {
		application: 'treatment-plan-to-carecredit.json',
		decision: 'carecredit-decision-to-dentrix.json',
		testMode: 'test-mode.json',
		errors: 'errors-to-ops.json',
	}[key];
}

/** While n8n is stopped nothing can have written the cardholder case. */
async function runsWithSessionOffline(): Promise<boolean> {
	const thomas = await practice.sessionOf('tp_2004');
	if (!thomas) return false;
	return (await practice.agreements('pat_1006')).length === 0;
}
