/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The CareCredit node and credential through n8n-core's real WorkflowExecute, against the
// CareCredit stand-in of the sandbox over loopback.
import type { IDataObject } from 'n8n-workflow';

import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { parseDecision } from '../../financing';
import { CareCredit } from '../../nodes/CareCredit/CareCredit.node';
import type { Sandbox } from '../../sandbox';
import {
	NodeTestHarness,
	nodeWorkflow,
	sandboxAdmin,
	sandboxCredentials,
	startTestSandbox,
	type NodeWorkflowOptions,
} from './harness';

/** A prefill body as the stand-in recorded it. */
interface SentPrefill {
	merchantInfo: IDataObject;
	applicants: IDataObject[];
}

const DOWNTOWN = '5348120100000001';
const LAKESIDE = '5348120100000002';

let sandbox: Sandbox;
let cc: ReturnType<typeof sandboxAdmin>;
let harness: NodeTestHarness;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cc = sandboxAdmin(sandbox.urls.careCredit);
});
afterAll(async () => await sandbox.stop());

beforeEach(async () => {
	await cc.reset();
	harness = new NodeTestHarness({ nodes: [new CareCredit()], credentials: [new CareCreditApi()] });
	await harness.setCredentials('careCreditApi', {
		...sandboxCredentials(sandbox.urls).careCreditApi,
		merchantNumber: DOWNTOWN,
	});
});

const workflow = (parameters: IDataObject, options: NodeWorkflowOptions = {}) =>
	nodeWorkflow(harness.type('careCredit'), parameters as never, {
		credentials: ['careCreditApi'],
		...options,
	});

const applicant = (lastName: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'application',
	operation: 'prefill',
	patientId: '={{ $json.patientId }}',
	treatmentPlanId: '={{ $json.planId }}',
	locationId: 'downtown',
	firstName: 'Maria',
	lastName,
	dateOfBirth: '1980-04-12',
	addressLine1: '12 Elm St',
	city: 'Chicago',
	state: 'IL',
	zipCode: '60601',
	cellPhone: '312-555-0100',
	emailAddress: 'maria@example.com',
	estimatedFee: '4800.00',
	...extra,
});

async function prefill(lastName: string, extra: IDataObject = {}) {
	const run = await harness.run(workflow(applicant(lastName, extra)), {
		items: [{ patientId: 'P12', planId: 'TP7' }],
	});
	expect(run.error).toBeUndefined();
	return run.json('Node')[0];
}

describe('credential', () => {
	test('the credential test proves the keys work', async () => {
		expect(await harness.testCredential('careCreditApi')).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect((await cc.writes('/oauth2/')).length).toBe(1);
	});

	test('the credential test reports a wrong secret', async () => {
		await harness.setCredentials('careCreditApi', {
			environment: 'custom',
			baseUrl: sandbox.urls.careCredit,
			merchantNumber: DOWNTOWN,
			clientId: 'sandbox-client',
			clientSecret: 'wrong',
		});
		const result = await harness.testCredential('careCreditApi');
		expect(result.status).toBe('Error');
	});

	test('a default merchant number that is not 16 digits is refused with a message saying so', async () => {
		await harness.setCredentials('careCreditApi', {
			environment: 'custom',
			baseUrl: sandbox.urls.careCredit,
			merchantNumber: '534812010000001',
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
		});
		const result = await harness.testCredential('careCreditApi');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/exactly 16 digits/);
		const run = await harness.run(workflow(applicant('Approved')), {
			items: [{ patientId: 'P1' }],
		});
		expect(run.error?.message).toMatch(/Default Merchant Number.*exactly 16 digits.*has 15 digits/);
		expect(await cc.writes()).toEqual([]);
	});

	test('the token is exchanged once, reused, and refreshed once after it expires', async () => {
		await prefill('Approved');
		await prefill('Declined');
		expect((await cc.writes('/oauth2/')).length).toBe(1);
		const stored = await harness.credentials.current('careCreditApi');
		expect(stored.accessToken).toMatch(/\S+/);

		await cc.advanceClock(1801);
		const out = await prefill('Approved');
		expect(out.sessionId).toMatch(/\S+/);
		const tokens = await cc.writes('/oauth2/');
		expect(tokens.length).toBe(2);
		expect((await harness.credentials.current('careCreditApi')).accessToken).not.toBe(
			stored.accessToken,
		);
		// The expired token met one 401 on the prefill, which was then sent again and succeeded.
		const prefills = await cc.writes('/prefill');
		expect(prefills.map((w) => w.status)).toEqual([200, 200, 401, 200]);
	});
});

describe('Application', () => {
	test('Prefill sends the applicant without a tax id and outputs the session, portal link and masked applicant', async () => {
		const out = await prefill('Approved');
		expect(out).toMatchObject({
			referenceId: expect.stringMatching(/^REF-/),
			portalUrl: expect.stringContaining('/portal/'),
			merchantNumber: DOWNTOWN,
			pms: { patientId: 'P12', guarantorId: 'P12', treatmentPlanId: 'TP7', locationId: 'downtown' },
			applicant: {
				applicantIs: 'patient',
				firstName: 'Maria',
				lastName: 'Approved',
				dateOfBirth: '**/**/****',
			},
		});
		expect(out.applicant).not.toHaveProperty('taxId');
		// The stand-in records what reached it with the date of birth and tax id reduced.
		const [sent] = (await cc.writes('/prefill')) as Array<{ body: SentPrefill }>;
		expect(sent.body.applicants[0]).not.toHaveProperty('taxId');
		expect(sent.body).toMatchObject({
			merchantInfo: { merchantNumber: DOWNTOWN, partnerCode: 'N8N', recordId: 'P12' },
			transactionInfo: { invoiceNumber: 'TP7~downtown' },
			applicants: [
				{ firstName: 'Maria', estimatedFee: 4800, contactInfo: { cellPhone: '3125550100' } },
			],
		});
		expect(sent.body.applicants[0].dateOfBirth).toBeDefined();
	});

	test('Prefill sends the tax id only when the practice turns it on, and outputs the last four only', async () => {
		const run = await harness.run(
			workflow(
				applicant('Approved', {
					prefillTaxId: true,
					taxId: '={{ $json.ssn }}',
					dateOfBirth: '={{ $json.dob }}',
				}),
			),
			{
				items: [{ patientId: 'P12', ssn: '999-00-0001', dob: '1980-04-12' }],
			},
		);
		expect(run.json('Node')[0].applicant).toMatchObject({
			taxId: '***-**-0001',
			dateOfBirth: '**/**/****',
		});
		const [sent] = (await cc.writes('/prefill')) as Array<{ body: SentPrefill }>;
		expect(String(sent.body.applicants[0].taxId)).toMatch(/0001$/);
		const everything = JSON.stringify(run.run.data.resultData.runData.Node);
		expect(everything).not.toMatch(/999-?00-?0001/);
		expect(everything).not.toContain('1980-04-12');
	});

	test('a minor applies through the guarantor, whose id travels with the patient id', async () => {
		const out = await prefill('Approved', {
			applicantIs: 'guarantor',
			guarantorId: 'G3',
			firstName: 'Ana',
		});
		expect(out.pms).toEqual({
			patientId: 'P12',
			guarantorId: 'G3',
			treatmentPlanId: 'TP7',
			locationId: 'downtown',
		});
		const [sent] = (await cc.writes('/prefill')) as Array<{ body: SentPrefill }>;
		expect(sent.body.merchantInfo.recordId).toBe('P12~G3');

		const result = await harness.run(
			workflow({ resource: 'application', operation: 'getResult', sessionId: out.sessionId }),
		);
		expect(result.json('Node')[0].pms).toEqual({
			patientId: 'P12',
			guarantorId: 'G3',
			treatmentPlanId: 'TP7',
			locationId: 'downtown',
		});
	});

	test('Get Result returns the decision of docs/financing-domain.md §7, and the raw response when Simplify is off', async () => {
		const out = await prefill('Approved');
		const run = await harness.run(
			workflow({
				resource: 'application',
				operation: 'getResult',
				sessionId: out.sessionId,
				referenceId: out.referenceId,
			}),
		);
		const decision = run.json('Node')[0];
		expect(decision).toMatchObject({
			status: 'approved',
			rawStatus: 'Completed',
			applicationId: expect.stringMatching(/^APP-\d{6}$/),
			sessionId: out.sessionId,
			referenceId: out.referenceId,
			accountKind: 'newApplication',
			creditLineCents: 1_000_000,
			approvedAmountCents: 1_000_000,
			pms: { patientId: 'P12', guarantorId: 'P12', treatmentPlanId: 'TP7', locationId: 'downtown' },
		});
		expect(parseDecision(decision).ok).toBe(true);
		expect(decision).not.toHaveProperty('response');

		const raw = await harness.run(
			workflow({
				resource: 'application',
				operation: 'getResult',
				sessionId: out.sessionId,
				simplify: false,
			}),
		);
		expect(raw.json('Node')[0]).toMatchObject({
			status: 'approved',
			response: { sessionStatus: 'Completed', responseCode: '200' },
		});
	});

	test('Get Result maps a decline and an existing cardholder', async () => {
		const declined = await prefill('Declined');
		const cardholder = await prefill('Cardholder');
		const run = await harness.run(
			workflow({
				resource: 'application',
				operation: 'getResult',
				sessionId: '={{ $json.sessionId }}',
			}),
			// The chair-side road knows only the session id: the reference comes from the pullback.
			{ items: [declined, cardholder].map((o) => ({ sessionId: o.sessionId })) },
		);
		const [d, c] = run.json('Node');
		expect(d).toMatchObject({
			status: 'declined',
			rawStatus: 'Declined',
			approvedAmountCents: null,
		});
		expect(c).toMatchObject({
			status: 'approved',
			rawStatus: 'AccountFound',
			accountKind: 'existingCardholder',
			applicationId: null,
			referenceId: cardholder.referenceId,
			approvedAmountCents: 600_000,
		});
		expect(parseDecision(c).ok).toBe(true);
		expect(run.output('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('QuickScreen, Account, Transaction, Promotion', () => {
	test('QuickScreen: Pre-screen reports a pre-approval', async () => {
		const run = await harness.run(
			workflow({ ...applicant('Approved'), resource: 'quickScreen', operation: 'preScreen' }),
			{ items: [{ patientId: 'P5' }] },
		);
		expect(run.json('Node')[0]).toMatchObject({
			preApproved: true,
			preApprovalAmountCents: 1_000_000,
			rawStatus: 'PreApproved',
			status: 'pending',
		});
	});

	test('Account: Lookup gives credit line, balance and available credit, account masked', async () => {
		const run = await harness.run(
			workflow({ resource: 'account', operation: 'lookup', accountNumber: '6019000000000003' }),
		);
		expect(run.json('Node')[0]).toEqual({
			accountNumberLastFour: '0003',
			creditLineCents: 800_000,
			balanceCents: 200_000,
			availableCreditCents: 600_000,
			customer: { firstName: 'Carla', lastName: 'Cardholder', zipCode: '60601' },
			merchantNumber: DOWNTOWN,
		});
	});

	test('Transaction: Purchase, the same purchase again (no second charge), Refund and Get', async () => {
		const session = await prefill('Approved');
		const purchase = {
			resource: 'transaction',
			operation: 'purchase',
			referenceId: session.referenceId,
			partnerTransactionId: 'n8n-TP7',
			amount: '4,800.00',
			promoCode: 'DI12',
		};
		const result = () =>
			harness.run(
				workflow({ resource: 'application', operation: 'getResult', sessionId: session.sessionId }),
			);
		// Before the purchase the decision knows of none; after it, the purchase CareCredit reports.
		expect((await result()).json('Node')[0]).toMatchObject({ status: 'approved', purchase: null });
		const first = (await harness.run(workflow(purchase))).json('Node')[0];
		const decided = (await result()).json('Node')[0];
		expect(decided.purchase).toEqual({
			transactionId: first.transactionId,
			amountCents: 480_000,
			promotionCode: 'DI12',
		});
		expect(decided.promotionalPlan).toBe('DI12');
		expect(parseDecision(decided).ok).toBe(true);
		expect(first).toMatchObject({
			type: 'PURCHASE',
			status: 'APPROVED',
			amountCents: 480_000,
			merchantFeeCents: 47_520,
			netAmountCents: 432_480,
			promotionalPlan: 'DI12',
			partnerTransactionId: 'n8n-TP7',
		});
		const again = (await harness.run(workflow({ ...purchase, amount: '5000' }))).json('Node')[0];
		expect(again.transactionId).toBe(first.transactionId);
		expect(again.amountCents).toBe(480_000);

		const refund = (
			await harness.run(
				workflow({
					resource: 'transaction',
					operation: 'refund',
					referenceId: first.referenceId,
					partnerTransactionId: 'refund-1',
					amount: '300',
				}),
			)
		).json('Node')[0];
		expect(refund).toMatchObject({ type: 'REFUND', amountCents: 30_000 });
		// A refund is not the purchase: the decision still names the purchase.
		expect(
			((await result()).json('Node')[0] as { purchase: { transactionId: string } }).purchase
				.transactionId,
		).toBe(first.transactionId);

		const got = (
			await harness.run(
				workflow({ resource: 'transaction', operation: 'get', transactionId: first.transactionId }),
			)
		).json('Node')[0];
		expect(got).toEqual(first);
	});

	test('Promotion: List Plans and Estimate Payment come from the financing domain, with no HTTP', async () => {
		const plans = await harness.run(
			workflow({ resource: 'promotion', operation: 'listPlans' }, { credentials: [] }),
		);
		expect(plans.json('Node').map((p) => p.code)).toEqual([
			'DI6',
			'DI12',
			'DI18',
			'DI24',
			'RA24',
			'RA36',
			'RA48',
			'RA60',
		]);
		const estimate = await harness.run(
			workflow(
				{ resource: 'promotion', operation: 'estimatePayment', amount: '4800', promoCode: 'DI12' },
				{ credentials: [] },
			),
		);
		expect(estimate.json('Node')[0]).toMatchObject({
			planCode: 'DI12',
			amountCents: 480_000,
			monthlyPaymentCents: 40_000,
			numberOfPayments: 12,
		});
		expect(await cc.writes()).toEqual([]);
	});

	test('a per-item merchant number routes each location to its own merchant', async () => {
		const run = await harness.run(
			workflow({ ...applicant('Approved'), merchantNumber: '={{ $json.merchant }}' }),
			{
				items: [
					{ patientId: 'P1', merchant: LAKESIDE },
					{ patientId: 'P2', merchant: '' },
				],
			},
		);
		expect(run.json('Node').map((o) => o.merchantNumber)).toEqual([LAKESIDE, DOWNTOWN]);
		expect(
			(await cc.writes('/prefill')).map((w) => (w.body as SentPrefill).merchantInfo.merchantNumber),
		).toEqual([LAKESIDE, DOWNTOWN]);
	});

	describe("Locations: the merchant number of the plan's location", () => {
		const LOCATIONS = [
			{ name: 'Downtown', pmsLocationId: 'downtown', merchantNumber: DOWNTOWN },
			{ name: 'Lakeside', pmsLocationId: 'lakeside', merchantNumber: LAKESIDE },
			{ name: 'Annex', pmsLocationId: 'annex' },
		];
		const byLocation = (locations: unknown, extra: IDataObject = {}) =>
			workflow(
				applicant('Approved', {
					locationId: '={{ $json.location }}',
					prefillOptions: { locations },
					...extra,
				}),
			);
		const sentNumbers = async () =>
			(await cc.writes('/prefill')).map((w) => (w.body as SentPrefill).merchantInfo.merchantNumber);

		test("each plan's application goes under its location's number; an entry without one, the credential's", async () => {
			await harness.setCredentials('careCreditApi', {
				...sandboxCredentials(sandbox.urls).careCreditApi,
				merchantNumber: LAKESIDE,
			});
			const run = await harness.run(byLocation(JSON.stringify(LOCATIONS)), {
				items: [
					{ patientId: 'P1', location: 'downtown' },
					{ patientId: 'P2', location: 'annex' },
					{ patientId: 'P3', location: 'downtown' },
				],
			});
			expect(run.error).toBeUndefined();
			const want = [DOWNTOWN, LAKESIDE, DOWNTOWN];
			expect(run.json('Node').map((o) => o.merchantNumber)).toEqual(want);
			expect(await sentNumbers()).toEqual(want);
		});

		test("the node's own Merchant Number wins; Locations as an expression's list works too", async () => {
			const run = await harness.run(
				byLocation('={{ $json.locations }}', { merchantNumber: '={{ $json.merchant }}' }),
				{
					items: [
						{ patientId: 'P1', location: 'downtown', merchant: LAKESIDE, locations: LOCATIONS },
						{ patientId: 'P2', location: 'lakeside', merchant: '', locations: LOCATIONS },
					],
				},
			);
			expect(run.error).toBeUndefined();
			expect(await sentNumbers()).toEqual([LAKESIDE, LAKESIDE]);
		});

		test.each([
			[
				'a plan whose location is not in the list',
				JSON.stringify(LOCATIONS),
				'uptown',
				/not prefilled: locations: the case \(location id uptown and no merchant number\) matches none of the 3 locations/,
			],
			[
				'a plan without a location, the list naming locations',
				JSON.stringify(LOCATIONS),
				'',
				/matches none of the 3 locations/,
			],
			[
				'a location whose merchant number is not 16 digits',
				JSON.stringify([{ name: 'Lakeside', pmsLocationId: 'lakeside', merchantNumber: '534812' }]),
				'lakeside',
				/merchantNumber of location 'Lakeside' in 'Locations' is not valid: .*exactly 16 digits/,
			],
			[
				'a list that is not JSON',
				'[{"name": "Downtown",',
				'downtown',
				/Locations: is not valid JSON/,
			],
		])('%s: an error that says so, nothing sent', async (_kind, locations, location, message) => {
			const run = await harness.run(byLocation(locations), {
				items: [{ patientId: 'P1', location }],
			});
			expect(run.error?.message).toMatch(message);
			expect(await cc.writes('/prefill')).toEqual([]);
		});
	});
});

describe('bad input', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'a missing applicant field',
			applicant('={{ $json.lastName }}', {}),
			/Item 0: 'Last Name' is empty/,
		],
		[
			'a malformed applicant field',
			applicant('Approved', { zipCode: '6060' }),
			/Item 0: 'ZIP Code' is not a 5 or 9 digit ZIP code/,
		],
		[
			'a date of birth in the future',
			applicant('Approved', { dateOfBirth: '2999-01-01' }),
			/Item 0: 'Date of Birth' is today or in the future/,
		],
		[
			'a patient applying for a dependent',
			applicant('Approved', { guarantorId: 'G9' }),
			/Item 0: 'Applicant' is the patient, but the patient's guarantor is G9/,
		],
		[
			'an amount below the plan minimum',
			{
				resource: 'transaction',
				operation: 'purchase',
				referenceId: 'REF-1',
				partnerTransactionId: 'x',
				amount: '150',
				promoCode: 'DI12',
			},
			/The purchase was not sent: promoCode: DI12 .* needs a purchase of at least \$200\.00/,
		],
		[
			'an unknown promotional plan',
			{ resource: 'promotion', operation: 'estimatePayment', amount: '4800', promoCode: 'ZZ9' },
			/Item 0: Promotional Plan: .*"ZZ9".*not in/,
		],
		[
			'a merchant number that is not 16 digits',
			{ ...applicant('Approved'), merchantNumber: '12345' },
			/Item 0: 'Merchant Number' is not valid: .*exactly 16 digits/,
		],
	];

	test.each(cases)(
		'%s stops the workflow with an error naming the item and the field',
		async (_name, parameters, message) => {
			const run = await harness.run(workflow(parameters), { items: [{ patientId: 'P1' }] });
			expect(run.error?.message).toMatch(message);
			expect(run.error?.description).toMatch(/\S/);
			expect((await cc.writes()).filter((w) => !w.path.includes('/oauth2/'))).toEqual([]);
		},
	);

	test('with Continue On Fail the failing item carries its error and the others go on', async () => {
		const run = await harness.run(
			workflow(
				{ ...applicant('Approved'), dateOfBirth: '={{ $json.dob }}' },
				{ onError: 'continueRegularOutput' },
			),
			{
				items: [
					{ patientId: 'P1', dob: '1980-04-12' },
					{ patientId: 'P2', dob: '2999-01-01' },
					{ patientId: 'P3', dob: '1975-01-31' },
				],
			},
		);
		expect(run.error).toBeUndefined();
		const out = run.json('Node');
		expect(out).toHaveLength(3);
		expect(out[1].error).toBe("Item 1: 'Date of Birth' is today or in the future");
		expect(out[0].sessionId).toMatch(/\S/);
		expect(out[2].sessionId).toMatch(/\S/);
		expect(run.output('Node').map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	test('with the error output, failing items leave by it and the others by main', async () => {
		const run = await harness.run(
			workflow(
				{
					resource: 'promotion',
					operation: 'estimatePayment',
					amount: '={{ $json.amount }}',
					promoCode: '={{ $json.plan }}',
				},
				{ onError: 'continueErrorOutput', credentials: [] },
			),
			{
				items: [
					{ amount: '4800', plan: 'DI12' },
					{ amount: '150', plan: 'RA24' },
					{ amount: '1200', plan: 'DI6' },
					{ amount: '900', plan: 'NOPE' },
				],
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.json('Node', 0).map((o) => o.monthlyPaymentCents)).toEqual([40_000, 20_000]);
		expect(run.output('Node', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		const errors = run.output('Node', 1);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(errors[0].json.amount).toBe('150'); // n8n merges the input item into the error item
		expect(errors[0].json.error).toMatch(/Item 1: Promotional Plan: RA24 .* at least \$1,000\.00/);
		expect(errors[1].json.error).toMatch(/Item 3: .*"NOPE"/);
	});

	test("CareCredit's 400 becomes an error with its userMessage and each field error, never retried", async () => {
		const run = await harness.run(
			workflow({
				...applicant('Approved'),
				merchantNumber: '5348120100009999',
				prefillTaxId: true,
				taxId: '={{ $json.ssn }}',
			}),
			{
				items: [{ patientId: 'P1', ssn: '123456789' }],
			},
		);
		expect(run.error?.message).toMatch(/merchantInfo\.merchantNumber: /);
		expect(run.error?.message).toMatch(/^\S.*\S merchantInfo/);
		expect((run.error as { httpCode?: string } | undefined)?.httpCode).toBe('400');
		expect(JSON.stringify(run.error)).not.toContain('123456789');
		expect(JSON.stringify(run.run.data.resultData.runData.Node)).not.toContain('123456789');
		expect((await cc.writes('/prefill')).length).toBe(1);
	});

	test('a closed merchant answers 499 and the error says so', async () => {
		const run = await harness.run(
			workflow({ ...applicant('Approved'), merchantNumber: '5348120100000499' }),
			{ items: [{ patientId: 'P1' }] },
		);
		expect((run.error as { httpCode?: string } | undefined)?.httpCode).toBe('499');
		expect(run.error?.description).toMatch(/merchant is closed/);
	});
});

describe('transport retries', () => {
	test('503 twice, then success: three calls reached CareCredit', async () => {
		await prefill('Approved'); // token first, so the counts below are the prefill's own
		await cc.fault({
			kind: 'status',
			status: 503,
			count: 2,
			method: 'POST',
			pathPattern: '/prefill',
		});
		const out = await prefill('Approved');
		expect(out.sessionId).toMatch(/\S/);
		expect((await cc.writes('/prefill')).slice(1).map((w) => w.status)).toEqual([503, 503, 200]);
	});

	test('429 with Retry-After is honoured and retried', async () => {
		await cc.fault({
			kind: 'status',
			status: 429,
			retryAfterSeconds: 1,
			count: 1,
			method: 'POST',
			pathPattern: '/prefill',
		});
		const out = await prefill('Approved');
		expect(out.sessionId).toMatch(/\S/);
		expect((await cc.writes('/prefill')).map((w) => w.status)).toEqual([429, 200]);
	});

	test('a CareCredit that keeps failing: four attempts, then an error telling what to do', async () => {
		await cc.fault({
			kind: 'status',
			status: 503,
			count: 10,
			method: 'POST',
			pathPattern: '/prefill',
		});
		const run = await harness.run(workflow(applicant('Approved')), {
			items: [{ patientId: 'P1' }],
		});
		expect((run.error as { httpCode?: string } | undefined)?.httpCode).toBe('503');
		expect(run.error?.description).toMatch(/retried and gave up/);
		expect((await cc.writes('/prefill')).length).toBe(4);
	});

	test('a dropped connection is retried for a purchase (idempotent) but not for a prefill', async () => {
		const session = await prefill('Approved');
		await cc.fault({ kind: 'reset', count: 2, method: 'POST', pathPattern: '/purchase' });
		const purchase = await harness.run(
			workflow({
				resource: 'transaction',
				operation: 'purchase',
				referenceId: session.referenceId,
				partnerTransactionId: 'n8n-1',
				amount: '1000',
				promoCode: 'DI6',
			}),
		);
		expect(purchase.error).toBeUndefined();
		expect(purchase.json('Node')[0].amountCents).toBe(100_000);
		expect(await cc.faults('careCredit')).toEqual([]);

		await cc.fault({ kind: 'reset', count: 2, method: 'POST', pathPattern: '/prefill' });
		const run = await harness.run(workflow(applicant('Approved')), {
			items: [{ patientId: 'P1' }],
		});
		expect(run.error?.message).toMatch(/could not be reached/);
		expect((await cc.faults('careCredit')).map((f) => f.count)).toEqual([1]);
	});

	test('each request carries a fresh tracking id', async () => {
		const seen: string[] = [];
		const server = (await import('node:http')).createServer((req, res) => {
			seen.push(String(req.headers['x-syf-request-trackingid']));
			res.writeHead(req.url?.startsWith('/oauth2') ? 200 : 503, {
				'content-type': 'application/json',
			});
			res.end(
				JSON.stringify(
					req.url?.startsWith('/oauth2') ? { access_token: 't' } : { transient: true },
				),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		await harness.setCredentials('careCreditApi', {
			environment: 'custom',
			baseUrl: `http://127.0.0.1:${port}`,
			merchantNumber: DOWNTOWN,
			clientId: 'a',
			clientSecret: 'b',
		});
		await harness.run(
			workflow({ resource: 'application', operation: 'getResult', sessionId: 's1' }),
		);
		server.close();
		expect(seen).toHaveLength(5);
		expect(new Set(seen).size).toBe(5);
		expect(seen.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
	});
});
