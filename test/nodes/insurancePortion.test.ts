/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: item JSON is read loosely */
// The patient portion after insurance end to end through the real engine: Open Dental's saved
// plan carries its per-procedure insurance estimate and the portion estimate; the CareCredit
// prefill can be sent that portion; Payment Arrangement: Build finances it when asked, and sends
// the case to review when the portion differs from the one the application was sent with.
import { chainWorkflow, type WorkflowJson } from './harness';
import { decision } from './openDentalFixtures';
import { setup, TIME_ZONE, type Env } from './insuranceFixtures';

let env: Env;
beforeAll(async () => {
	env = await setup();
});
afterAll(async () => {
	await env.sandbox.stop();
});

const plan = {
	name: 'Plan',
	type: 'openDental',
	credentials: ['openDentalApi'],
	parameters: {
		resource: 'treatmentPlan',
		operation: 'get',
		patient: { __rl: true, mode: 'id', value: '227' },
		treatmentPlan: { __rl: true, mode: 'id', value: '419' },
	},
};
const flow = (steps: any[]): WorkflowJson => ({
	...chainWorkflow(steps),
	settings: { timezone: TIME_ZONE },
});
const build = (options: Record<string, unknown>) => ({
	name: 'Build',
	type: 'paymentArrangement',
	onError: 'continueErrorOutput',
	parameters: {
		operation: 'build',
		decision: "={{ $('Start').item.json.decision }}",
		policy: { timeZone: TIME_ZONE },
		options,
	},
});

test("a saved plan: each procedure's insurance figures and the portion estimate with its caveat", async () => {
	const run = await env.harness.run(flow([plan]));
	const [tp] = run.json('Plan') as any[];
	expect(tp.patientPortionCents).toBe(325001);
	for (const p of tp.procedures) {
		expect(p.feeCents - p.primaryInsuranceCents - p.secondaryInsuranceCents - p.discountCents).toBe(
			p.patientPortionCents,
		);
	}
	expect(tp.portionEstimate).toMatchObject({
		basis: 'pmsEstimate',
		totals: { patientPortionCents: 325001 },
	});
	expect(tp.portionEstimate.caveat).toMatch(/estimate/i);
	expect(tp.portionEstimate.procedures[0].reasons[0].rule).toBe('pmsEstimate');
});

test('Build finances the estimate when asked; the same portion as sent goes on', async () => {
	const run = await env.harness.run(
		flow([plan, build({ patientPortion: 'estimate', portionAtApplication: '3250.01' })]),
		{
			items: [{ decision: decision() }],
		},
	);
	expect(run.output('Build', 1)).toEqual([]);
	const [built] = run.json('Build') as any[];
	expect(
		built.amounts?.patientPortionCents ?? built.patientPortionCents ?? JSON.stringify(built),
	).toBeDefined();
	expect(JSON.stringify(built)).toContain('325001');
});

test('a portion that changed since the application goes to review, never financed', async () => {
	const run = await env.harness.run(flow([plan, build({ portionAtApplication: '2990.00' })]), {
		items: [{ decision: decision() }],
	});
	expect(run.json('Build')).toEqual([]);
	const [review] = run.output('Build', 1).map((o) => o.json as any);
	expect(review.details.problems).toEqual([
		expect.objectContaining({
			field: 'treatmentPlan.patientPortionCents',
			code: 'portionChangedAfterApplication',
		}),
	]);
	expect(review.details.problems[0].message).toContain('$2,990.00 → $3,250.01');
});

test('the CareCredit prefill is sent the estimate after insurance, and keeps it', async () => {
	const prefill = {
		name: 'Prefill',
		type: 'careCredit',
		credentials: ['careCreditApi'],
		parameters: {
			resource: 'application',
			operation: 'prefill',
			patientId: '227',
			treatmentPlanId: '419',
			firstName: 'Hank',
			lastName: 'Fischer',
			dateOfBirth: '1971-03-09',
			addressLine1: '12 Elm St',
			city: 'Springfield',
			state: 'IL',
			zipCode: '62701',
			cellPhone: '217-555-0100',
			emailAddress: 'hank@example.com',
			estimatedFee: '1.00',
			prefillOptions: { portionEstimate: "={{ $('Plan').item.json.portionEstimate }}" },
		},
	};
	const run = await env.harness.run(flow([plan, prefill]));
	expect(run.error).toBeUndefined();
	const [out] = run.json('Prefill') as any[];
	expect(out.portionSent.patientPortionCents).toBe(325001);
	expect(out.applicant.estimatedFee).toBe(3250.01);
	const cc = (await (await fetch(`${env.sandbox.urls.careCredit}/__sandbox/state`)).json()) as any;
	const sessions = Object.values(cc.sessions ?? {}) as any[];
	expect(sessions.map((x) => x.applicants[0].estimatedFeeCents)).toEqual([325001]);
});

test('the financing offer: the plans the portion qualifies for, each with its monthly payment', async () => {
	const run = await env.harness.run(
		flow([{ ...plan, parameters: { ...plan.parameters, financingOffer: true } }]),
	);
	const [tp] = run.json('Plan') as any[];
	const offer = tp.financingOffer;
	expect(offer.amountCents).toBe(325001);
	expect(offer.plans.length).toBeGreaterThan(0);
	expect(offer.lines).toHaveLength(offer.plans.length);
	expect(offer.lines[0]).toMatch(/^\w+ \(.+\): about \$[\d,]+\.\d\d\/month for \d+ months/);
	expect(offer.lowestMonthlyPaymentCents).toBe(
		Math.min(...offer.plans.map((p: any) => p.monthlyPaymentCents)),
	);
	expect(offer.caveat).toMatch(/CareCredit decides/);
});
