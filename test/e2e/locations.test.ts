/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Several locations, one standard (issue 15), end to end in real n8n: the shipped Dentrix
// application and decision templates imported unchanged, their `locations` setting filled as an
// ops person would (docs/templates.md, "One place for each location": the sandbox's two
// locations, each with its merchant number, location id and coordinator channel; Lakeside with
// its policy override), then one plan accepted with CareCredit at each location: the
// application template prefills it under its location's merchant number, and the approved
// case (with a shortfall) comes back by the chair-side link. Each case's coordinator message
// reaches its own location's channel only, and Lakeside's in-house plan carries Lakeside's
// billing type while Downtown's carries the group's. Then a declined case at each location: its
// status message reaches its own location's channel only.
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { activateWorkflow } from '../../scripts/n8n/runtime';
import { Practice } from '../../scripts/e2e/practice';
import { fillPracticeSettings } from '../../scripts/e2e/practiceSettings';
import { getJson, pollNow, startStack, waitFor, type Stack } from '../../scripts/e2e/stack';
import type { DentrixPatient, DentrixTreatmentPlan } from '../../sandbox/dentrix/types';

const MINUTE = 60_000;
let stack: Stack;
let practice: Practice;
let work: string;

interface Location {
	name: string;
	merchantNumber: string;
	dentrixLocationId: string;
	coordinator: { channel: string };
}
const CASES = [
	{ key: 'downtown', firstName: 'Lena' },
	{ key: 'lakeside', firstName: 'Dario' },
] as const;

beforeAll(async () => {
	work = await fs.mkdtemp(join(tmpdir(), 'e2e-locations-'));
	stack = await startStack({
		work,
		build: process.env.E2E_PACKAGE_DIR === undefined,
		packageDir: process.env.E2E_PACKAGE_DIR,
	});
	practice = new Practice(stack.sandbox.urls);
}, 20 * MINUTE);

afterAll(async () => {
	await stack?.stop();
	if (work) await fs.rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

/** The sandbox's locations, by key (downtown, lakeside). */
async function sandboxLocations(): Promise<(key: string) => Location> {
	const { locations } = await getJson<{ locations: Location[] }>(
		`${stack.sandbox.urls.console}/__sandbox/locations`,
	);
	return (key) => locations.find((l) => l.dentrixLocationId === `loc_${key}`) as Location;
}

/**
 * An account and plan of its own at a location (a copy of a seeded family and plan), accepted
 * with CareCredit. The last name picks CareCredit's test applicant (docs/carecredit-api.md).
 */
async function acceptAt(key: string, firstName: string, lastName: string, prefix: string) {
	const state = stack.sandbox.store.state.dentrix;
	const patient = state.patients.find((p) => p.id === 'pat_1001')!;
	const plan = state.treatmentPlans.find((p) => p.id === 'tp_2001')!;
	const patientId = `pat_${prefix}_${key}`;
	const planId = `tp_${prefix}_${key}`;
	state.patients.push({
		...patient,
		id: patientId,
		guarantorId: patientId,
		firstName,
		lastName,
	} as DentrixPatient);
	state.treatmentPlans.push({
		...plan,
		id: planId,
		patientId,
		locationId: `loc_${key}`,
		status: 'proposed',
		fundingMethod: null,
		acceptedAt: null,
		acceptSequence: null,
	} as DentrixTreatmentPlan);
	await practice.acceptWithCareCredit(planId);
	return { patientId, planId };
}

/** The plan's CareCredit session, once the application template's poll has prefilled it. */
async function sessionOf(key: string, planId: string) {
	return await waitFor(
		`the application of ${key}'s plan`,
		async () =>
			stack.sandbox.store.state.careCredit.sessions.find((s) =>
				s.transactionInfo.invoiceNumber.startsWith(`${planId}~`),
			),
		3 * MINUTE,
	);
}

/** The coordinator presses the chair-side link: the decision's status, as the link answers it. */
async function press(sessionId: string): Promise<string> {
	const answer = await fetch(`${stack.n8n.url}/webhook/carecredit-chairside?session=${sessionId}`, {
		headers: { accept: 'application/json' },
	});
	expect(answer.status).toBe(200);
	return ((await answer.json()) as { status: string }).status;
}

/** One message with `parts` in the case's own channel: not the other location's, not the group's. */
async function onlyInItsChannel(
	c: { key: string; channel: string },
	cases: Array<{ key: string; channel: string }>,
	parts: string[],
) {
	await waitFor(
		`${c.key}'s coordinator message`,
		async () => ((await practice.messages(c.channel, ...parts)).length > 0 ? true : undefined),
		3 * MINUTE,
	);
	const others = cases.filter((o) => o.key !== c.key).map((o) => o.channel);
	for (const channel of [...others, 'coordinator'])
		expect(await practice.messages(channel, ...parts)).toEqual([]);
	expect(await practice.messages(c.channel, ...parts)).toHaveLength(1);
}

it(
	"routes each case by its location: the location's coordinator channel and its policy override",
	async () => {
		const urls = stack.sandbox.urls;
		const byKey = await sandboxLocations();

		// What an ops person types into the decision template's one `locations` setting.
		const setting = CASES.map(({ key }) => {
			const l = byKey(key);
			return {
				name: l.name,
				merchantNumber: l.merchantNumber,
				pmsLocationId: l.dentrixLocationId,
				timeZone: 'America/Chicago',
				coordinatorWebhookUrl: `${urls.console}/hooks/${l.coordinator.channel}`,
				policyOverride:
					key === 'lakeside'
						? { shortfallPlan: { billingType: 'Payment Agreement - Lakeside' } }
						: {},
			};
		});
		for (const id of [stack.ids.application, stack.ids.decision]) {
			await fillPracticeSettings(stack.n8n, id, { locations: JSON.stringify(setting) });
			await activateWorkflow(stack.n8n, id);
		}

		// One account and plan of its own per location. The last name is CareCredit's test
		// applicant "Shortfall": approved at once for less than the plan, so the rest is an
		// in-house plan under the location's policy.
		const LAST_NAME = 'Shortfall';
		const cases = [];
		for (const { key, firstName } of CASES) {
			const { patientId, planId } = await acceptAt(key, firstName, LAST_NAME, 'loc');
			cases.push({ key, firstName, patientId, planId, channel: byKey(key).coordinator.channel });
		}
		// The application template's next poll prefills both (a poll now, not in a minute).
		await pollNow(stack.n8n, stack.ids.application);
		for (const c of cases) {
			const session = await sessionOf(c.key, c.planId);
			// Under its own location's merchant number: CareCredit funds that location.
			expect(session.merchantNumber).toBe(byKey(c.key).merchantNumber);
			expect(session.application?.creditLineCents).toBe(250_000);
			await press(session.sessionId);
		}

		for (const c of cases) {
			// The approval's message (the application's went to the group's channel before it).
			const parts = ['approved', `${c.firstName} ${LAST_NAME}`];
			await onlyInItsChannel(c, cases, parts);

			const billingTypes = (await practice.agreements(c.patientId)).map((a) => a.billingType);
			if (c.key === 'lakeside') expect(billingTypes).toContain('Payment Agreement - Lakeside');
			else {
				expect(billingTypes).toContain('Payment Agreement');
				expect(billingTypes).not.toContain('Payment Agreement - Lakeside');
			}
		}
	},
	10 * MINUTE,
);

it(
	"a declined case's message goes to its own location's coordinator too",
	async () => {
		// Settings as the test above left them: both locations, each with its channel. The test
		// applicant "Declined" is declined at once.
		const byKey = await sandboxLocations();
		const cases = [];
		for (const { key, firstName } of CASES) {
			const { planId } = await acceptAt(key, firstName, 'Declined', 'locd');
			cases.push({ key, planId, channel: byKey(key).coordinator.channel });
		}
		await pollNow(stack.n8n, stack.ids.application);
		for (const c of cases)
			expect(await press((await sessionOf(c.key, c.planId)).sessionId)).toBe('declined');
		for (const c of cases) await onlyInItsChannel(c, cases, ['declined the application', c.planId]);
	},
	10 * MINUTE,
);
