/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox and item JSON is read loosely */
// The Payment Arrangement node (no HTTP) through n8n-core's real WorkflowExecute; the treatment
// plan comes from the Dentrix node against the sandbox, as in a practice's workflow.
import { nodeWorkflow } from './harness';
import { chain, decision, DENTRIX, POLICY, setup } from './dentrixFixtures';

type Env = Awaited<ReturnType<typeof setup>>;
let env: Env;
let plan: Record<string, unknown>;

const ARRANGEMENT = 'n8n-nodes-dental-financing.paymentArrangement';

beforeAll(async () => {
	env = await setup();
	const run = await env.harness.run(
		nodeWorkflow(
			DENTRIX,
			{
				resource: 'treatmentPlan',
				operation: 'get',
				treatmentPlan: { __rl: true, mode: 'id', value: 'tp_2019' },
			} as never,
			{
				credentials: ['dentrixApi'],
			},
		),
	);
	plan = run.json('Node')[0]!;
});
afterAll(async () => {
	await env.sandbox.stop();
});

const node = (
	parameters: Record<string, unknown>,
	onError?: 'continueErrorOutput' | 'continueRegularOutput',
) => nodeWorkflow(ARRANGEMENT, parameters as never, { onError });

const buildParams = (policy: Record<string, unknown> = POLICY) => ({
	operation: 'build',
	decision: '={{ $json.decision }}',
	treatmentPlan: '={{ $json.plan }}',
	policy,
	options: { agreementDate: '2026-11-20' },
});

async function built(decisionOverrides: Record<string, unknown> = {}) {
	const run = await env.harness.run(node(buildParams()), {
		items: [{ decision: decision(decisionOverrides), plan }],
	});
	expect(run.error).toBeUndefined();
	return run.json('Node')[0]! as any;
}

describe('Build', () => {
	test('an approval above the patient portion: the financing record is the agreement', async () => {
		const a = await built();
		expect(a.referenceToken).toBe('[cc:APP-700001]');
		expect(a.amounts).toMatchObject({
			patientPortionCents: 325001,
			amountFinancedCents: 325001,
			shortfallCents: 0,
		});
		expect(a.dentrixPaymentAgreement).toMatchObject({
			role: 'financingRecord',
			billingType: 'Third-Party Financing - No Statements',
			agreementDate: '2026-11-20',
			annualFinanceChargeBasisPoints: 0,
			totalAgreedAmountCents: 325001,
			sendStatements: false,
		});
		expect(a.careCreditPayment).toMatchObject({ amountCents: 325001, posting: 'gross' });
		expect(a.auditNote).toContain('Written by automation');
	});

	test('an approval below the patient portion: the in-house plan for the shortfall is the agreement', async () => {
		const a = await built({ creditLineCents: 200000, approvedAmountCents: 200000 });
		expect(a.amounts).toMatchObject({ amountFinancedCents: 200000, shortfallCents: 125001 });
		expect(a.shortfallPlan).toMatchObject({
			totalCents: 125001,
			numberOfPayments: 6,
			interval: 'monthly',
		});
		expect(a.dentrixPaymentAgreement).toMatchObject({
			role: 'shortfallPlan',
			billingType: 'Payment Agreement',
			sendStatements: true,
		});
	});

	test("the time zone defaults to the workflow's", async () => {
		const wf = node({
			...buildParams({ financingBillingType: 'Third-Party Financing - No Statements' }),
			options: {},
		});
		wf.settings = { timezone: 'Pacific/Honolulu' };
		const run = await env.harness.run(wf, { items: [{ decision: decision(), plan }] });
		expect(run.json('Node')[0]!.timeZone).toBe('Pacific/Honolulu');
	});

	test('a guarantor that is not the patient’s guarantor, or a decision not approved: an error naming the field', async () => {
		const run = await env.harness.run(node(buildParams(), 'continueErrorOutput'), {
			items: [
				{
					decision: decision({
						pms: {
							patientId: 'pat_1027',
							guarantorId: 'pat_1009',
							treatmentPlanId: 'tp_2019',
							locationId: null,
						},
					}),
					plan,
				},
				{
					decision: decision({
						status: 'declined',
						rawStatus: 'Declined',
						approvedAmountCents: null,
					}),
					plan,
				},
				{ decision: decision(), plan },
			],
		});
		expect(run.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 2 }]);
		const failed = run.json('Node', 1).map((j) => (j.details as any).problems[0].code);
		expect(failed).toEqual(['guarantorMismatch', 'decisionNotApproved']);
	});

	test('amounts that do not add up to the plan are refused', async () => {
		const broken = { ...plan, totalCents: 480000 };
		const run = await env.harness.run(node(buildParams(), 'continueRegularOutput'), {
			items: [{ decision: decision(), plan: broken }],
		});
		const [item] = run.json('Node');
		expect((item!.details as any).problems).toEqual([
			expect.objectContaining({
				field: 'treatmentPlan.procedures',
				code: 'proceduresDoNotSumToTotal',
			}),
		]);
	});
});

describe('Build: the CareCredit payment and the location', () => {
	test('the payment is posted once the purchase is done, keyed by its transaction id; never when the policy says so', async () => {
		const run = await env.harness.run(node(buildParams()), {
			items: [
				{ decision: decision(), plan },
				{ decision: decision({ purchase: null }), plan },
			],
		});
		const [done, notYet] = run.json('Node') as any[];
		expect(done.careCreditPayment).toMatchObject({
			transactionId: 'TX-700001',
			amountCents: 325001,
		});
		expect(notYet.careCreditPayment).toBeNull();
		expect(notYet.coordinatorMessage).not.toContain('TX-700001');

		const never = await env.harness.run(
			node(buildParams({ ...POLICY, postCareCreditPayment: 'never' })),
			{ items: [{ decision: decision(), plan }] },
		);
		expect((never.json('Node')[0] as any).careCreditPayment).toBeNull();
	});

	const LOCATIONS = [
		{
			name: 'Downtown',
			merchantNumber: '5348120100000001',
			pmsLocationId: 'loc_downtown',
			timeZone: 'America/Chicago',
			coordinatorWebhookUrl: 'http://127.0.0.1:9/downtown',
			policyOverride: {},
		},
		{
			name: 'Lakeside',
			merchantNumber: '5348120100000002',
			pmsLocationId: 'loc_lakeside',
			timeZone: 'America/Denver',
			coordinatorWebhookUrl: 'http://127.0.0.1:9/lakeside',
			policyOverride: {
				financingRecord: { billingType: 'Third-Party Financing - Lakeside' },
				shortfallPlan: { downPayment: { rule: 'percent', percentBasisPoints: 2000 } },
			},
		},
	];

	/** What travels with a Lakeside case: its entry without the policy override. */
	const LAKESIDE = {
		name: 'Lakeside',
		merchantNumber: '5348120100000002',
		pmsLocationId: 'loc_lakeside',
		timeZone: 'America/Denver',
		coordinatorWebhookUrl: 'http://127.0.0.1:9/lakeside',
	};

	test("the case's location by its location id (else merchant number): its channel, the group policy with its override", async () => {
		const run = await env.harness.run(
			node({ ...buildParams(), locations: '={{ $json.locations }}' }, 'continueErrorOutput'),
			{
				items: [
					{ decision: decision(), plan, locations: LOCATIONS },
					{
						decision: decision({
							creditLineCents: 200000,
							approvedAmountCents: 200000,
							merchantNumber: '5348120100000001',
							pms: { ...decision().pms, locationId: null },
						}),
						plan,
						locations: LOCATIONS,
					},
					{
						decision: decision({ pms: { ...decision().pms, locationId: 'loc_elsewhere' } }),
						plan,
						locations: LOCATIONS,
					},
				],
			},
		);
		const [lakeside, downtown] = run.json('Node', 0) as any[];
		expect(lakeside.location).toEqual(LAKESIDE);
		expect(lakeside.timeZone).toBe('America/Denver');
		expect(lakeside.dentrixPaymentAgreement.billingType).toBe('Third-Party Financing - Lakeside');
		expect(downtown.location.name).toBe('Downtown');
		// Downtown keeps the group's rule: no down payment on its shortfall.
		expect(downtown.shortfallPlan.downPaymentCents).toBe(0);
		const [lost] = run.json('Node', 1) as any[];
		expect(lost.details.problems[0]).toMatchObject({
			field: 'locations',
			code: 'noMatchingLocation',
		});
		expect(lost.error).not.toContain('5348120100000002');
	});

	test('the override reaches the in-house plan: Lakeside takes 20% down', async () => {
		const run = await env.harness.run(
			node({ ...buildParams(), locations: '={{ $json.locations }}' }),
			{
				items: [
					{
						decision: decision({ creditLineCents: 200000, approvedAmountCents: 200000 }),
						plan,
						locations: LOCATIONS,
					},
				],
			},
		);
		const [a] = run.json('Node') as any[];
		expect(a.shortfallPlan).toMatchObject({ totalCents: 125001, downPaymentCents: 25000 });
	});

	test("Find Location: any decision's location, or none with the reason; a list that does not read is named", async () => {
		const find = node(
			{
				operation: 'findLocation',
				decision: '={{ $json.decision }}',
				locations: '={{ $json.locations }}',
			},
			'continueErrorOutput',
		);
		const declined = decision({
			status: 'declined',
			creditLineCents: null,
			approvedAmountCents: null,
		});
		const run = await env.harness.run(find, {
			items: [
				{ decision: declined, locations: LOCATIONS },
				{
					decision: {
						...declined,
						merchantNumber: '5348120100000001',
						pms: { ...declined.pms, locationId: null },
					},
					locations: LOCATIONS,
				},
				{
					decision: { ...declined, pms: { ...declined.pms, locationId: 'loc_elsewhere' } },
					locations: LOCATIONS,
				},
				{ decision: declined, locations: [] },
				{ decision: declined, locations: [{ name: 'Downtown', coordinatorWebhookUrl: 7 }] },
			],
		});
		const [lakeside, downtown, elsewhere, none] = run.json('Node', 0) as any[];
		expect(lakeside).toMatchObject({ status: 'declined', sessionId: declined.sessionId });
		expect(lakeside.location).toEqual(LAKESIDE);
		expect(downtown.location.name).toBe('Downtown');
		expect(elsewhere.location).toBeNull();
		expect(elsewhere.locationProblem).toContain('matches none of the 2 locations');
		expect(none.location).toBeNull();
		expect(none).not.toHaveProperty('locationProblem');
		const [broken] = run.json('Node', 1) as any[];
		expect(broken.details.problems[0].field).toMatch(/^locations/);
	});
});

describe('Validate', () => {
	const validate = (target: string) =>
		node({ operation: 'validate', target, arrangement: '={{ $json }}' });

	test('a built arrangement is Valid for Dentrix, with the request bodies', async () => {
		const run = await env.harness.run(validate('dentrix'), { items: [await built()] });
		expect(run.json('Node', 1)).toEqual([]);
		const [valid] = run.json('Node', 0);
		expect(valid!.validation).toMatchObject({
			target: 'dentrix',
			valid: true,
			requests: { guarantorId: 'pat_1027' },
		});
	});

	test('bad fields go to Needs Review, every problem named', async () => {
		const a = await built();
		const bad = structuredClone(a);
		delete bad.dentrixPaymentAgreement.interval;
		bad.dentrixPaymentAgreement.firstPaymentDue = '2026-02-30';
		bad.dentrixPaymentAgreement.statementNote = 'x'.repeat(90);
		bad.auditNote = `${'y'.repeat(2100)} ${a.referenceToken}`;
		// Checked on its own: the domain's cross-field rules run once the fields themselves parse.
		const charged = structuredClone(a);
		charged.dentrixPaymentAgreement.annualLateChargeBasisPoints = 1800;
		const run = await env.harness.run(validate('dentrix'), { items: [a, bad, charged] });
		expect(run.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		const [review, chargedReview] = run.output('Node', 1);
		expect((chargedReview!.json.validation as any).problems).toEqual([
			expect.objectContaining({
				field: 'dentrixPaymentAgreement.annualFinanceChargeBasisPoints',
				code: 'chargesOnFinancedCase',
			}),
		]);
		expect(review!.pairedItem).toEqual({ item: 1 });
		const problems = (review!.json.validation as any).problems.map(
			(p: any) => `${p.field}:${p.code}`,
		);
		expect(problems).toEqual(
			expect.arrayContaining([
				'dentrixPaymentAgreement.interval:required',
				'dentrixPaymentAgreement.firstPaymentDue:invalidDate',
				'dentrixPaymentAgreement.statementNote:tooBig',
				'auditNote:noteTooLong',
			]),
		);
	});

	test('with Continue On Fail an item that cannot be read goes to Needs Review, never Valid; with the error output, there', async () => {
		const a = await built();
		const items = [{ arrangement: a }, { arrangement: 'not an arrangement' }];
		const params = {
			operation: 'validate',
			target: 'dentrix',
			arrangement: '={{ $json.arrangement }}',
		};

		const onFail = await env.harness.run(node(params, 'continueRegularOutput'), { items });
		expect(onFail.error).toBeUndefined();
		expect(onFail.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		const [review] = onFail.output('Node', 1);
		expect(review!.pairedItem).toEqual({ item: 1 });
		expect(review!.json.error).toMatch(/"Arrangement" is not an object/);

		const toErrorOutput = await env.harness.run(node(params, 'continueErrorOutput'), { items });
		expect(toErrorOutput.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(toErrorOutput.output('Node', 1)).toEqual([]);
		expect(toErrorOutput.output('Node', 2).map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
	});

	test('for Open Dental, Dentrix ids are a review item, not a write', async () => {
		const run = await env.harness.run(validate('openDental'), {
			items: [await built({ creditLineCents: 200000, approvedAmountCents: 200000 })],
		});
		expect(run.json('Node', 0)).toEqual([]);
		const codes = (run.json('Node', 1)[0]!.validation as any).problems.map((p: any) => p.code);
		expect(codes).toContain('notAnOpenDentalId');
	});
});

describe('Compare', () => {
	test('automated against hand-entered, field by field', async () => {
		const automated = (await built()).dentrixPaymentAgreement;
		const hand = {
			...automated,
			paymentAmountCents: 13500,
			numberOfPayments: 24,
			billingType: 'Payment Agreement',
		};
		const run = await env.harness.run(
			node({ operation: 'compare', automated: '={{ $json.a }}', handEntered: '={{ $json.b }}' }),
			{ items: [{ a: automated, b: hand }] },
		);
		const result = run.json('Node')[0]!;
		expect(result).toMatchObject({ allMatch: false, discrepancyCount: 2, matchCount: 11 });
		expect(result.discrepancies).toEqual([
			{
				field: 'billingType',
				automated: 'Third-Party Financing - No Statements',
				handEntered: 'Payment Agreement',
			},
			{ field: 'paymentAmountCents', automated: 13542, handEntered: 13500 },
		]);
	});

	test('test mode end to end: the agreement staff entered against the one automation would write', async () => {
		const carol = decision({
			applicationId: 'APP-700002',
			pms: {
				patientId: 'pat_1010',
				guarantorId: 'pat_1009',
				treatmentPlanId: 'tp_2007',
				locationId: 'loc_downtown',
			},
		});
		const wf = chain([
			{
				name: 'Plan',
				type: 'dentrix',
				parameters: {
					resource: 'treatmentPlan',
					operation: 'get',
					treatmentPlan: {
						__rl: true,
						mode: 'id',
						value: '={{ $json.decision.pms.treatmentPlanId }}',
					},
				},
			},
			{
				name: 'Build',
				type: 'paymentArrangement',
				parameters: {
					operation: 'build',
					decision: "={{ $('Start').item.json.decision }}",
					policy: POLICY,
				},
			},
			{
				name: 'Agreement',
				type: 'dentrix',
				parameters: { resource: 'paymentAgreement', operation: 'create', testMode: true },
			},
			{ name: 'Compare', type: 'paymentArrangement', parameters: { operation: 'compare' } },
		]);
		const writes = (await env.admin.writes()).length;
		const run = await env.harness.run(wf, { items: [{ decision: carol }] });
		expect(run.error).toBeUndefined();
		const result = run.json('Compare')[0]!;
		expect(result).toMatchObject({ automatedFound: true, handEnteredFound: true, allMatch: false });
		expect((result.discrepancies as any[]).map((d) => d.field)).toContain('totalAgreedAmountCents');
		expect(await env.admin.writes()).toHaveLength(writes);
	});
});

// n8n 2.x evaluates each expression in an isolate; the nodes read `{{ $json }}` and expressions of
// `$('Node').first()` alone without evaluating them for every item (shared/parameters.ts). These
// tests hold that the result is n8n's own, item by item.
describe('Parameters n8n evaluates once for the whole run', () => {
	const shortfallsOf = () =>
		[3, 4, 5, 6, 7].map((payments, k) => ({
			decision: decision({
				applicationId: `APP-70010${k}`,
				creditLineCents: 200000 + k * 1000,
				approvedAmountCents: 200000 + k * 1000,
			}),
			plan,
			payments,
			zone: k % 2 ? 'America/New_York' : 'Pacific/Honolulu',
		}));

	test('an expression that reads the item is evaluated for each item, in a collection beside ones read once', async () => {
		const shortfalls = shortfallsOf();
		const run = await env.harness.run(
			node(
				buildParams({
					financingBillingType:
						"={{ $('Start').first().json.zone === 'Pacific/Honolulu' ? 'First' : 'Other' }}",
					shortfallBillingType:
						"={{ $('Start').first().json.payments === 3 ? 'Payment Agreement' : 'none' }}",
					shortfallPayments: '={{ $json.payments }}',
					timeZone: '={{ $json.zone }}',
				}),
			),
			{ items: shortfalls },
		);
		expect(run.error).toBeUndefined();
		const out = run.json('Node') as any[];
		expect(out.map((a) => a.shortfallPlan.numberOfPayments)).toEqual([3, 4, 5, 6, 7]);
		expect(out.map((a) => a.timeZone)).toEqual(shortfalls.map((s) => s.zone));
		expect(out.map((a) => a.dentrixPaymentAgreement.billingType)).toEqual(
			shortfalls.map(() => 'Payment Agreement'),
		);
		expect(out.map((a) => a.financingRecord?.billingType ?? 'First')).toEqual(
			shortfalls.map(() => 'First'),
		);
	});

	test("the forms read once give exactly what n8n's own evaluation gives, for every item, valid or not", async () => {
		const shortfalls = shortfallsOf();
		const settings = {
			...shortfalls[0]!,
			billing: 'Third-Party Financing - No Statements',
			tz: 'America/Chicago',
		};
		const items = [settings, ...shortfalls.slice(1)];
		// The same expressions in parentheses: not recognised, so n8n evaluates them item by item.
		const policy = (wrap: (path: string) => string) => ({
			financingBillingType: `={{ ${wrap("$('Start').first().json.billing")} }}`,
			shortfallBillingType: 'Payment Agreement',
			timeZone: `={{ ${wrap("$('Start').first().json.tz")} }}`,
			shortfallPayments: `={{ ${wrap("$('Start').first().json.payments")} }}`,
		});
		const asIs = (path: string) => path;
		const wrapped = (path: string) => `(${path})`;
		const builtBy = async (wrap: (path: string) => string) => {
			const run = await env.harness.run(node(buildParams(policy(wrap))), { items });
			expect(run.error).toBeUndefined();
			return run.json('Node') as any[];
		};
		// Each build says when it ran; everything else must match.
		const timeless = (built: any[]) =>
			built.map((a) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'builtAt')));
		const once = await builtBy(asIs);
		expect(once.map((a) => a.shortfallPlan.numberOfPayments)).toEqual([3, 3, 3, 3, 3]);
		expect(timeless(once)).toEqual(timeless(await builtBy(wrapped)));

		// Check, `{{ $json }}` against `{{ ($json) }}`: valid, invalid and not-an-object items alike.
		const broken = structuredClone(once[1]);
		broken.dentrixPaymentAgreement.firstPaymentDue = '2026-02-30';
		const checked = async (arrangement: string) => {
			const run = await env.harness.run(
				node({ operation: 'validate', target: 'dentrix', arrangement }, 'continueErrorOutput'),
				{ items: [once[0], broken, { note: 'not an arrangement' }, once[2]] },
			);
			expect(run.error).toBeUndefined();
			return [run.output('Node', 0), run.output('Node', 1)];
		};
		const [valid, invalid] = await checked('={{ $json }}');
		expect(valid!.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(invalid!.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect([valid, invalid]).toEqual(await checked('={{ ($json) }}'));
	});
});
