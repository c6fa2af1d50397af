/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// Practice Numbers: Get on the Dentrix and Open Dental nodes, through n8n-core's real execution
// against the sandbox over loopback. Each case is made as it happens in a practice, at set times
// on the sandbox clock: the plan accepted (Dentrix), CareCredit's decision (the input items, as
// Decision: Get Many outputs them), the package's own writers for the arrangement and the audit
// note, a booking, a staff correction, a declined case with its status note, and records the
// numbers cannot interpret. Every call the operation makes is counted by a loopback proxy.
import { DentrixApi } from '../../credentials/DentrixApi.credentials';
import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { Dentrix } from '../../nodes/Dentrix/Dentrix.node';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { startSandbox } from '../../sandbox';
import { chainWorkflow, NodeTestHarness, nodeWorkflow, sandboxCredentials } from './harness';
import { countingProxy } from './harness/proxy';
import { sandboxAdmin } from './harness/sandbox';

const DAY = '2026-12-09'; // a Wednesday
const T0 = Date.parse(`${DAY}T15:00:00Z`); // 9:00 in Chicago
const MIN = 60_000;

function decision(
	n: string,
	status: string,
	patientId: string,
	planId: string,
	location: string,
	at: number,
	approvedCents: number | null,
) {
	return {
		status,
		rawStatus: status === 'approved' ? 'Completed' : status === 'declined' ? 'Declined' : 'Pending',
		applicationId: status === 'approved' ? `APP-${n}` : null,
		sessionId: `sess-${n}`,
		referenceId: `REF-${n}`,
		accountKind: 'newApplication',
		creditLineCents: approvedCents,
		approvedAmountCents: approvedCents,
		promotionalPlan: null,
		decidedAt: new Date(at).toISOString(),
		pms: { patientId, guarantorId: patientId, treatmentPlanId: planId, locationId: location },
	};
}

async function json(
	url: string,
	init: RequestInit & { body?: any } = {},
	headers: Record<string, string> = {},
) {
	const response = await fetch(url, {
		...init,
		headers: { 'content-type': 'application/json', ...headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

const numbersParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'practiceNumbers',
	operation: 'get',
	period: 'custom',
	from: DAY,
	to: DAY,
	timeZone: 'America/Chicago',
	options: { includeDigest: true, practiceName: 'Prairie Smiles' },
	...extra,
});

type System = 'dentrix' | 'openDental';

/**
 * A sandbox (on `today` when given), the harness with the system's node and Payment
 * Arrangement, its credential pointed through a counting proxy, and a clock setter.
 */
async function startSystem(system: System, today?: string) {
	const sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		...(today ? { today } : {}),
	});
	const proxy = await countingProxy(sandbox.urls[system]);
	const dentrix = system === 'dentrix';
	const harness = new NodeTestHarness({
		nodes: [dentrix ? new Dentrix() : new OpenDental(), new PaymentArrangement()],
		credentials: [dentrix ? new DentrixApi() : new OpenDentalApi()],
	});
	const credentials = sandboxCredentials(sandbox.urls);
	if (dentrix)
		await harness.setCredentials('dentrixApi', { ...credentials.dentrixApi, baseUrl: proxy.url });
	else
		await harness.setCredentials('openDentalApi', {
			...credentials.openDentalApi,
			baseUrl: `${proxy.url}/api/v1`,
			pacingMs: 0,
		});
	const at = async (instant: number) =>
		await sandboxAdmin(sandbox.urls[system]).call('POST', '/__sandbox/clock', {
			offsetMs: instant - Date.now(),
		});
	return { sandbox, proxy, harness, at };
}

/** The package's writers for a financed case, each step a [name, parameters] of `system`'s chain. */
function writeCase(system: System, steps: Array<[string, Record<string, unknown>]>) {
	const credential = system === 'dentrix' ? 'dentrixApi' : 'openDentalApi';
	return chainWorkflow(
		steps.map(([name, parameters]) =>
			name === 'Build'
				? { name, type: 'paymentArrangement', parameters }
				: { name, type: system, credentials: [credential], parameters },
		) as never,
		'write-case',
	);
}

/** Runs Practice Numbers: Get on `items` (the decisions), one item out. */
async function numbersRun(
	system: System,
	harness: NodeTestHarness,
	items: unknown[],
	parameters: Record<string, unknown>,
	onError?: 'continueRegularOutput',
) {
	const run = await harness.run(
		nodeWorkflow(`n8n-nodes-dental-financing.${system}`, numbersParameters(parameters), {
			credentials: [system === 'dentrix' ? 'dentrixApi' : 'openDentalApi'],
			name: 'Numbers',
			onError,
		}),
		{ items: items as never },
	);
	if (!onError) expect(run.error).toBeUndefined();
	return run.json('Numbers') as any[];
}

describe('Dentrix', () => {
	let system: Awaited<ReturnType<typeof startSystem>>;
	let report: any;
	const dentrix = (path: string, init: any = {}, headers: Record<string, string> = {}) =>
		json(`${system.sandbox.urls.dentrix}/v1${path}`, init, {
			authorization: 'Bearer sandbox-dentrix-key',
			...headers,
		});
	const decisions: any[] = [];

	beforeAll(async () => {
		system = await startSystem('dentrix', DAY);
		const { harness, at } = system;
		const written = writeCase('dentrix', [
			[
				'Plan',
				{
					resource: 'treatmentPlan',
					operation: 'get',
					treatmentPlan: { __rl: true, mode: 'id', value: '={{ $json.pms.treatmentPlanId }}' },
				},
			],
			[
				'Build',
				{
					operation: 'build',
					decision: "={{ $('Start').item.json }}",
					policy: {
						financingBillingType: 'Third-Party Financing - No Statements',
						shortfallBillingType: 'Payment Agreement',
						timeZone: 'America/Chicago',
					},
				},
			],
			['Agreement', { resource: 'paymentAgreement', operation: 'create' }],
			['Note', { resource: 'ledgerNote', operation: 'create' }],
		]);

		// 9:00 Chicago: Daniel (tp_2001), Claire (tp_2013) and Patrick (tp_2017) say yes.
		await at(T0);
		for (const plan of ['tp_2001', 'tp_2013', 'tp_2017'])
			await dentrix(`/treatment-plans/${plan}/accept`, {
				method: 'POST',
				body: { fundingMethod: 'CareCredit' },
			});
		const daniel = await dentrix('/treatment-plans/tp_2001');
		const claire = await dentrix('/treatment-plans/tp_2013');
		// CareCredit: Daniel approved in full, Claire approved $2,000 of $2,995 (an in-house plan
		// for the rest), Patrick declined.
		decisions.push(
			decision(
				'800001',
				'approved',
				'pat_1001',
				'tp_2001',
				daniel.locationId,
				T0 + 10 * MIN,
				1_000_000,
			),
			decision(
				'800002',
				'approved',
				'pat_1026',
				'tp_2013',
				claire.locationId,
				T0 + 15 * MIN,
				200_000,
			),
			decision('800003', 'declined', 'pat_1023', 'tp_2017', 'loc_lakeside', T0 + 20 * MIN, null),
		);
		// The package writes each approved case (agreement, audit note) 30 and 45 minutes after the yes.
		await at(T0 + 30 * MIN);
		expect((await harness.run(written, { items: [decisions[0]] })).error).toBeUndefined();
		await at(T0 + 45 * MIN);
		expect((await harness.run(written, { items: [decisions[1]] })).error).toBeUndefined();
		// The status note of the declined case, as the decision template writes it.
		await dentrix('/accounts/pat_1023/ledger-notes', {
			method: 'POST',
			body: {
				text: 'CareCredit application status Declined (declined) for plan tp_2017. [cc:sess-800003.declined]',
			},
		});
		// Daniel is booked two hours after his yes, for his plan's first procedure.
		await at(T0 + 120 * MIN);
		await dentrix('/appointments', {
			method: 'POST',
			body: {
				patientId: 'pat_1001',
				date: '2026-12-16',
				time: '09:00',
				procedureIds: [daniel.procedures[0].id],
			},
		});
		// And an appointment with no procedures for him: it cannot be matched to a case.
		await dentrix('/appointments', {
			method: 'POST',
			body: { patientId: 'pat_1001', date: '2026-12-17', time: '10:00' },
		});
		// A staff note about CareCredit with no reference token.
		await dentrix('/accounts/pat_1009/ledger-notes', {
			method: 'POST',
			body: { text: 'CareCredit approved, see paper file. -front desk' },
		});
		// The next morning staff change Claire's in-house plan.
		await at(T0 + 24 * 60 * MIN);
		const [claireAgreement] = (await dentrix('/payment-agreements?contains=[cc:APP-800002]')).items;
		await dentrix(
			`/payment-agreements/${claireAgreement.id}`,
			{ method: 'PATCH', body: { paymentAmount: 200, numberOfPayments: 5 } },
			{ 'x-sandbox-source': 'console' },
		);

		system.proxy.take();
		const out = await numbersRun('dentrix', harness, decisions, {});
		expect(out).toHaveLength(1);
		report = out[0];
	}, 120_000);

	afterAll(async () => {
		await system?.proxy.close();
		await system?.sandbox.stop();
	});

	it('counts the day: three presented, two approved and arranged, one booked, one declined', () => {
		expect(report.period).toEqual({ from: DAY, to: DAY });
		expect(report.group.period.acceptance).toEqual({
			presented: 3,
			applicationsCompleted: 3,
			approved: 2,
			arranged: 2,
			booked: 1,
			declined: 1,
			pending: 0,
			otherOutcome: 0,
			noDecision: 0,
			arrangedPercent: 66.7,
			bookedPercent: 33.3,
		});
	});

	it("times each case from the patient's yes: to the agreement, and to the booking", () => {
		// The writers ran at 30 and 45 minutes; Daniel was booked at 120.
		expect(report.group.period.timeToArrangement).toEqual({
			cases: 2,
			medianMinutes: 37.5,
			p90Minutes: 45,
		});
		expect(report.group.period.timeToBooked).toEqual({
			cases: 1,
			medianMinutes: 120,
			p90Minutes: 120,
		});
		expect(report.needsALook.slowest.map((c: any) => [c.token, c.minutesToArrangement])).toEqual([
			['[cc:APP-800002]', 45],
			['[cc:APP-800001]', 30],
		]);
		expect(report.needsALook.approvedNotBooked.map((c: any) => c.token)).toEqual([
			'[cc:APP-800002]',
		]);
	});

	it("lists the staff correction with what changed against the audit note's terms", () => {
		expect(report.group.period.corrections).toEqual({
			automated: 2,
			corrected: 1,
			changed: 1,
			removed: 0,
			percent: 50,
		});
		const [corrected] = report.needsALook.corrected;
		expect(corrected).toMatchObject({
			token: '[cc:APP-800002]',
			kind: 'changed',
			patientId: 'pat_1026',
		});
		expect(corrected.changes.map((c: any) => [c.field, c.current])).toEqual([
			['paymentCents', 200_00],
			['numberOfPayments', 5],
		]);
	});

	it('lists what it cannot interpret, and never the status note', () => {
		const mine = report.unclassified.filter(
			(u: any) =>
				!['[cc:APP-520614]', '[cc:APP-530919]', '[cc:APP-540202]'].some((t) => u.text.includes(t)),
		);
		expect(mine.map((u: any) => [u.record, u.reason])).toEqual([
			['auditNote', 'noReferenceToken'],
			['appointment', 'appointmentWithoutProcedures'],
		]);
		// The scenario's financed cases have audit notes but no decision in this run's input.
		expect(report.unclassified.length - mine.length).toBe(3);
	});

	it('shows each location and the group, in four calls, and the digest', () => {
		expect(report.locations.map((l: any) => l.locationId)).toEqual([
			'loc_downtown',
			'loc_lakeside',
		]);
		expect(report.calls).toEqual({
			total: 4,
			treatmentPlans: 1,
			ledgerNotes: 1,
			paymentAgreements: 1,
			appointments: 1,
		});
		expect(system.proxy.calls).toHaveLength(4);
		expect(system.proxy.calls.every((c) => c.startsWith('GET '))).toBe(true);
		expect(report.digest.subject).toBe('Prairie Smiles: Financing numbers, Dec 9, 2026');
		expect(report.digest.text).toContain('*Group* · time-to-arrangement 38 min median');
		expect(report.digest.html).toMatch(/payment \$[\d.,]+ → \$200\.00; number of payments 6 → 5/);
	});

	it('one location asked for: its numbers, its appointments only', async () => {
		system.proxy.take();
		const [one] = await numbersRun('dentrix', system.harness, decisions, {
			locations: '[{"name": "Downtown", "pmsLocationId": "loc_downtown"}]',
		});
		expect(one.locations.map((l: any) => l.locationId)).toEqual(['loc_downtown']);
		expect(one.group.period).toEqual(one.locations[0].period);
		expect(system.proxy.calls.filter((c) => c.includes('/appointments'))).toEqual([
			expect.stringContaining('locationId=loc_downtown'),
		]);
		expect(one.digest.text).toMatch(/^\*Downtown\*/m);
	});

	it('refuses a period that cannot be read, naming the field', async () => {
		const [item] = await numbersRun(
			'dentrix',
			system.harness,
			decisions,
			{ from: '2026-12-31', to: '2026-12-01' },
			'continueRegularOutput',
		);
		expect(item.error).toMatch(/period/);
	});
});

describe('Open Dental', () => {
	let system: Awaited<ReturnType<typeof startSystem>>;
	let report: any;
	const od = (path: string, init: any = {}) =>
		json(`${system.sandbox.urls.openDental}/api/v1${path}`, init, {
			authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer',
		});
	const decisions: any[] = [];
	// The stand-in keeps Open Dental's date-times in UTC (docs/opendental-sandbox.md): the
	// practice's zone here is UTC too, so every time is read as the office wrote it. The package's
	// writers date what they write by n8n's clock, so this case runs at the real time.
	const UTC = 'UTC';
	const NOW = Date.now();
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const period = { period: 'custom', from: day(NOW - 86_400_000), to: day(NOW + 86_400_000) };

	beforeAll(async () => {
		system = await startSystem('openDental');
		const { harness, at } = system;
		// The workflow's zone is UTC too: the writers' "today" is then the UTC date the case is on.
		const written = {
			...writeCase('openDental', [
				[
					'Plan',
					{
						resource: 'treatmentPlan',
						operation: 'get',
						patient: { __rl: true, mode: 'id', value: '={{ $json.pms.patientId }}' },
						treatmentPlan: { __rl: true, mode: 'id', value: '={{ $json.pms.treatmentPlanId }}' },
					},
				],
				[
					'Build',
					{
						operation: 'build',
						decision: "={{ $('Start').item.json }}",
						policy: { timeZone: UTC },
					},
				],
				['Payment Plan', { resource: 'paymentPlan', operation: 'create' }],
				['Commlog', { resource: 'commlog', operation: 'create' }],
			]),
			settings: { timezone: UTC },
		};
		const state = (await json(`${system.sandbox.urls.openDental}/__sandbox/state`)) as any;
		const saved = (num: number) => state.treatPlans.find((t: any) => t.TreatPlanNum === num);
		const [hank, second, third] = [saved(419), saved(403), saved(407)];
		const procsOf = (num: number) =>
			state.procTPs.filter((p: any) => p.TreatPlanNum === num).map((p: any) => p.ProcNumOrig);

		// CareCredit: Hank approved $2,500 of $3,250.01 (an in-house plan for the rest), the second
		// patient approved in full (no plan: the commlog is the record), the third declined.
		decisions.push(
			decision('900001', 'approved', String(hank.PatNum), '419', '2', NOW - 15 * MIN, 250_000),
			decision('900002', 'approved', String(second.PatNum), '403', '1', NOW - 18 * MIN, 1_000_000),
			decision('900003', 'declined', String(third.PatNum), '407', '1', NOW - 20 * MIN, null),
		);
		// The package writes both approved cases now: 15 and 18 minutes after their decisions.
		expect((await harness.run(written, { items: [decisions[0]] })).error).toBeUndefined();
		expect((await harness.run(written, { items: [decisions[1]] })).error).toBeUndefined();
		await od('/commlogs', {
			method: 'POST',
			body: {
				PatNum: third.PatNum,
				Note: 'CareCredit application status Declined (declined). [cc:sess-900003.declined]',
			},
		});
		// The second patient is booked an hour after the decision, for the financed procedures.
		await at(NOW + 42 * MIN);
		const appointment = await od('/appointments', {
			method: 'POST',
			body: { PatNum: second.PatNum, Op: 1, AptDateTime: '2026-12-16 09:00:00' },
		});
		for (const procNum of procsOf(403))
			await od(`/procedurelogs/${procNum}`, {
				method: 'PUT',
				body: { AptNum: appointment.AptNum },
			});
		// An appointment of Hank's with no procedures; a staff note about CareCredit with no token.
		await od('/appointments', {
			method: 'POST',
			body: { PatNum: hank.PatNum, Op: 3, AptDateTime: '2026-12-17 10:00:00' },
		});
		await od('/commlogs', {
			method: 'POST',
			body: { PatNum: third.PatNum, Note: 'CareCredit approved, see paper file. -front desk' },
		});
		// Staff lower Hank's payment the next day.
		await at(NOW + 24 * 60 * MIN);
		const [plan] = await od(`/payplans?PatNum=${hank.PatNum}`);
		await od(`/payplans/${plan.PayPlanNum}/Dynamic`, { method: 'PUT', body: { PayAmt: 50 } });

		system.proxy.take();
		[report] = await numbersRun('openDental', harness, decisions, { timeZone: UTC, ...period });
	}, 120_000);

	afterAll(async () => {
		await system?.proxy.close();
		await system?.sandbox.stop();
	});

	it('counts the day from the plans the package sent to CareCredit', () => {
		expect(report.group.period.acceptance).toMatchObject({
			presented: 3,
			approved: 2,
			arranged: 2,
			booked: 1,
			declined: 1,
			noDecision: 0,
		});
		expect(report.locations.map((l: any) => l.locationId)).toEqual(['1', '2']);
	});

	it('times each case from the decision (Open Dental keeps no acceptance time) to the commlog, and to the booking', () => {
		expect(report.group.period.timeToArrangement).toEqual({
			cases: 2,
			medianMinutes: 16.5,
			p90Minutes: 18,
		});
		expect(report.group.period.timeToBooked).toEqual({
			cases: 1,
			medianMinutes: 60,
			p90Minutes: 60,
		});
		expect(report.needsALook.approvedNotBooked.map((c: any) => c.token)).toEqual([
			'[cc:APP-900001]',
		]);
	});

	it("lists the staff's change of the payment plan against the audit note", () => {
		expect(report.group.period.corrections).toMatchObject({
			automated: 1,
			corrected: 1,
			changed: 1,
		});
		expect(report.needsALook.corrected[0].changes).toEqual([
			expect.objectContaining({ field: 'paymentCents', current: 50_00 }),
		]);
	});

	it('lists what it cannot interpret, and never the status note', () => {
		const mine = report.unclassified.filter(
			(u: any) =>
				!['[cc:APP-520614]', '[cc:APP-530919]', '[cc:APP-540202]'].some((t) => u.text.includes(t)),
		);
		expect(mine.map((u: any) => [u.record, u.reason])).toEqual([
			['auditNote', 'noReferenceToken'],
			['appointment', 'appointmentWithoutProcedures'],
		]);
	});

	it('reads in bulk where Open Dental lets it, per approved case where it does not: 7 calls', () => {
		expect(report.calls).toEqual({
			total: 7,
			commlogs: 1,
			appointments: 1,
			procTPs: 2,
			procedures: 2,
			payPlans: 1,
		});
		expect(system.proxy.calls).toHaveLength(7);
		expect(system.proxy.calls.every((c) => c.startsWith('GET '))).toBe(true);
	});
});
