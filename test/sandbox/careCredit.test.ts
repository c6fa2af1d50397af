// Contract tests of the CareCredit stand-in over real loopback HTTP (docs/carecredit-api.md).
import axios, { type AxiosResponse } from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';

const MERCHANT = '5348120100000001';
const OTHER_MERCHANT = '5348120100000002';
const FREE_PORTS = { console: 0, careCredit: 0, dentrix: 0, openDental: 0 };

/** A parsed JSON answer, read deeply in assertions. */
type Json = Record<string, ReturnType<typeof JSON.parse>>;

let sandbox: Sandbox;
let token: string;

const call = (
	method: 'GET' | 'POST',
	path: string,
	data?: unknown,
	headers: Record<string, string> = {},
): Promise<AxiosResponse<Json>> =>
	axios.request({
		method,
		url: `${sandbox.urls.careCredit}${path}`,
		data,
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
		validateStatus: () => true,
	});

async function getToken(): Promise<string> {
	const res = await axios.post(`${sandbox.urls.careCredit}/oauth2/v1/token`, {
		grant_type: 'client_credentials',
		client_id: 'sandbox-client',
		client_secret: 'sandbox-secret',
	});
	return res.data.access_token as string;
}

function prefillBody(applicant: Json = {}, extra: Json = {}): Json {
	return {
		merchantInfo: { merchantNumber: MERCHANT, partnerCode: 'N8N', recordId: 'pat_1001' },
		applicants: [
			{
				firstName: 'Dana',
				lastName: 'Rivera',
				middleName: '',
				address: {
					addressLine1: '1 Main St',
					addressLine2: '',
					zipCode: '62704',
					city: 'Springfield',
					state: 'IL',
				},
				contactInfo: {
					homePhone: '',
					cellPhone: '2175550100',
					workPhone: '',
					emailAddress: 'dana@example.com',
				},
				estimatedFee: 4800,
				...applicant,
			},
		],
		additionalInfo: {
			serviceType: 'C',
			oldReferenceId: '',
			landingPage: 'AP',
			userName: 'coordinator',
		},
		transactionInfo: {
			practiceMemo: '',
			promoCode: '',
			purchaseAmount: 4800,
			refundAmount: 0,
			invoiceNumber: 'tp_2001',
		},
		...extra,
	};
}

const prefill = async (applicant: Json = {}, extra: Json = {}) => {
	const res = await call('POST', '/v1/carecredit/prefill', prefillBody(applicant, extra));
	expect(res.status).toBe(200);
	return res.data as {
		referenceId: string;
		sessionId: string;
		availableCredit: number;
		portalUrl: string;
	};
};

const pullback = async (sessionId: string) => {
	const res = await call('GET', `/v1/carecredit/sessions/${sessionId}`);
	expect(res.status).toBe(200);
	return res.data;
};

/** Moves the sandbox clock; a fresh token, since these tests use 60-second tokens. */
const advance = async (seconds: number) => {
	await axios.post(`${sandbox.urls.careCredit}/__sandbox/clock`, { advanceSeconds: seconds });
	token = await getToken();
};

const feed = (merchant: string, cursor?: string, limit?: number) =>
	call(
		'GET',
		`/v1/carecredit/merchants/${merchant}/decisions?${new URLSearchParams({
			...(cursor !== undefined ? { cursor } : {}),
			...(limit !== undefined ? { limit: String(limit) } : {}),
		})}`,
	);

beforeEach(async () => {
	sandbox = await startSandbox({ dataDir: null, ports: FREE_PORTS, tokenLifetimeSeconds: 60 });
	token = await getToken();
});

afterEach(() => sandbox.stop());

describe('OAuth2 token', () => {
	it('issues a bearer token with the public response shape, from JSON or a form', async () => {
		const json = await call('POST', '/oauth2/v1/token', {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		});
		expect(json.status).toBe(200);
		expect(json.data).toEqual({
			access_token: expect.stringMatching(/^sbx_[0-9a-f]{48}$/),
			token_type: 'Bearer',
			expires_in: 60,
			issued_at: expect.any(Number),
			client_id: 'sandbox-client',
			application_name: 'n8n-nodes-dental-financing sandbox',
		});
		const form = await call(
			'POST',
			'/oauth2/v1/token',
			'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret',
			{ 'content-type': 'application/x-www-form-urlencoded' },
		);
		expect(form.status).toBe(200);
		expect(form.data.access_token).not.toBe(json.data.access_token);
	});

	it('refuses wrong credentials with 401 and a wrong grant type with 400', async () => {
		const wrong = await call('POST', '/oauth2/v1/token', {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'nope',
		});
		expect(wrong.status).toBe(401);
		expect(wrong.data).toMatchObject({ code: '401', transient: false, errors: [] });
		const grant = await call('POST', '/oauth2/v1/token', { grant_type: 'password' });
		expect(grant.status).toBe(400);
		expect(grant.data.errors).toEqual([
			{ field: 'grant_type', location: 'body', reason: 'must be client_credentials' },
		]);
	});

	it('answers 401 with the Synchrony error body for a missing, wrong or expired token', async () => {
		const good = await call('GET', '/v1/carecredit/merchants/5348120100000001/decisions');
		expect(good.status).toBe(200);
		const missing = await call('GET', '/v1/carecredit/sessions/x', undefined, {
			authorization: '',
		});
		expect(missing.status).toBe(401);
		const wrong = await call('GET', '/v1/carecredit/sessions/x', undefined, {
			authorization: 'Bearer sbx_wrong',
		});
		expect(wrong.status).toBe(401);
		expect(Object.keys(wrong.data).sort()).toEqual(
			[
				'code',
				'debugInfo',
				'documentationUrl',
				'errors',
				'message',
				'remediationInfo',
				'trackingId',
				'transient',
				'transientType',
				'userMessage',
			].sort(),
		);
		await axios.post(`${sandbox.urls.careCredit}/__sandbox/clock`, { advanceSeconds: 61 });
		const expired = await call('POST', '/v1/carecredit/prefill', prefillBody());
		expect(expired.status).toBe(401);
		expect(expired.data.message).toBe('Access token expired');
		token = await getToken();
		expect((await call('POST', '/v1/carecredit/prefill', prefillBody())).status).toBe(200);
	});

	it('echoes X-SYF-Request-TrackingId on answers and in error bodies', async () => {
		const res = await call('GET', '/v1/carecredit/sessions/unknown', undefined, {
			'X-SYF-Request-TrackingId': 'trk-42',
		});
		expect(res.status).toBe(404);
		expect(res.headers['x-syf-request-trackingid']).toBe('trk-42');
		expect(res.data.trackingId).toBe('trk-42');
		expect(res.data.code).toBe('404');
	});
});

describe('prefill', () => {
	it('answers referenceId, sessionId, availableCredit and a portal URL into the console', async () => {
		const answer = await prefill();
		expect(answer.referenceId).toMatch(/^REF-\d{6}$/);
		expect(answer.sessionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(answer.availableCredit).toBe(0);
		expect(answer.portalUrl).toBe(`${sandbox.urls.console}/portal/${answer.sessionId}`);
		const body = await pullback(answer.sessionId);
		expect(body.sessionStatus).toBe('Created');
		expect(body.patientInfo).toEqual({
			firstName: 'Dana',
			lastName: 'Rivera',
			phone: '2175550100',
			invoiceNumber: 'tp_2001',
			recordId: 'pat_1001',
			userName: 'coordinator',
		});
		expect(body.merchantInfo).toEqual({
			merchantNumber: MERCHANT,
			partnerCode: 'N8N',
			recordId: 'pat_1001',
		});
	});

	const bad: Array<[string, Json, string]> = [
		[
			'merchant number of 15 digits',
			{ merchantInfo: { merchantNumber: '534812010000000' } },
			'merchantInfo.merchantNumber',
		],
		[
			'merchant number of 17 digits',
			{ merchantInfo: { merchantNumber: '53481201000000011' } },
			'merchantInfo.merchantNumber',
		],
		[
			'merchant number with letters',
			{ merchantInfo: { merchantNumber: '5348-1201-0000-01' } },
			'merchantInfo.merchantNumber',
		],
		['missing merchant number', { merchantInfo: {} }, 'merchantInfo.merchantNumber'],
		[
			'unknown merchant',
			{ merchantInfo: { merchantNumber: '1111222233334444' } },
			'merchantInfo.merchantNumber',
		],
		['no applicants', { applicants: [] }, 'applicants'],
		[
			'negative purchase amount',
			{ transactionInfo: { purchaseAmount: -1 } },
			'transactionInfo.purchaseAmount',
		],
		[
			'negative refund amount',
			{ transactionInfo: { refundAmount: -0.01 } },
			'transactionInfo.refundAmount',
		],
		['unknown promo code', { transactionInfo: { promoCode: 'DI7' } }, 'transactionInfo.promoCode'],
	];
	it.each(bad)('refuses a %s with 400 and the field named', async (_name, extra, field) => {
		const res = await call('POST', '/v1/carecredit/prefill', prefillBody({}, extra));
		expect(res.status).toBe(400);
		expect(res.data.code).toBe('400');
		expect(res.data.errors).toEqual([expect.objectContaining({ field, location: 'body' })]);
	});

	const badApplicant: Array<[string, Json, string]> = [
		['missing first name', { firstName: '' }, 'applicants[0].firstName'],
		['blank last name', { lastName: '  ' }, 'applicants[0].lastName'],
		[
			'date of birth written MM/DD/YYYY',
			{ dateOfBirth: '04/12/1980' },
			'applicants[0].dateOfBirth',
		],
		['impossible date of birth', { dateOfBirth: '1980-02-30' }, 'applicants[0].dateOfBirth'],
		['date of birth in the future', { dateOfBirth: '2999-01-01' }, 'applicants[0].dateOfBirth'],
		['tax id of 8 digits', { taxId: '99900001' }, 'applicants[0].taxId'],
		['tax id with letters', { taxId: '999-0A-0001' }, 'applicants[0].taxId'],
		['negative estimated fee', { estimatedFee: -5 }, 'applicants[0].estimatedFee'],
		['estimated fee as a string', { estimatedFee: '4800' }, 'applicants[0].estimatedFee'],
	];
	it.each(badApplicant)(
		'refuses a %s with 400 and never echoes patient data',
		async (_name, applicant, field) => {
			const res = await call('POST', '/v1/carecredit/prefill', prefillBody(applicant));
			expect(res.status).toBe(400);
			expect(res.data.errors).toEqual([
				expect.objectContaining({ field, location: 'body', reason: expect.any(String) }),
			]);
			const text = JSON.stringify(res.data);
			for (const value of Object.values(applicant)) {
				if (typeof value === 'string' && value.trim()) expect(text).not.toContain(value);
			}
		},
	);

	it('collects every failing field in one answer', async () => {
		const res = await call('POST', '/v1/carecredit/prefill', {
			merchantInfo: { merchantNumber: '123' },
			applicants: [
				{ firstName: 'A', lastName: '', dateOfBirth: '1980-13-01', taxId: '1', estimatedFee: -1 },
			],
		});
		expect(res.status).toBe(400);
		expect(res.data.errors.map((e: Json) => e.field)).toEqual([
			'merchantInfo.merchantNumber',
			'applicants[0].lastName',
			'applicants[0].dateOfBirth',
			'applicants[0].taxId',
			'applicants[0].estimatedFee',
		]);
	});

	it('answers 499 for the closed merchant and 422 for the training-suspended one', async () => {
		const closed = await call(
			'POST',
			'/v1/carecredit/prefill',
			prefillBody({}, { merchantInfo: { merchantNumber: '5348120100000499' } }),
		);
		expect(closed.status).toBe(499);
		expect(closed.data).toMatchObject({ code: '499', message: 'Merchant closed' });
		const suspended = await call(
			'POST',
			'/v1/carecredit/prefill',
			prefillBody({}, { merchantInfo: { merchantNumber: '5348120100000422' } }),
		);
		expect(suspended.status).toBe(422);
		expect(suspended.data).toMatchObject({ code: '422', message: 'Training suspended' });
	});

	it('keeps only the last four of a tax id and no date of birth, also in the write log', async () => {
		const answer = await prefill({ taxId: '912-64-0011', dateOfBirth: '1979-04-12' });
		const state = (await axios.get(`${sandbox.urls.careCredit}/__sandbox/state`)).data;
		const session = state.sessions.find((s: Json) => s.sessionId === answer.sessionId);
		expect(session.applicants[0].taxIdLast4).toBe('0011');
		const writes = (await axios.get(`${sandbox.urls.careCredit}/__sandbox/writes`)).data.writes;
		const everything = JSON.stringify({
			state,
			writes,
			pullback: await pullback(answer.sessionId),
		});
		expect(everything).not.toContain('912-64-0011');
		expect(everything).not.toContain('1979-04-12');
		const write = writes.find((w: Json) => w.path === '/v1/carecredit/prefill');
		expect(write.body.applicants[0].taxId).toBe('*****0011');
		expect(write.body.applicants[0].dateOfBirth).toBe('****-**-**');
	});
});

describe('test applicants', () => {
	const rows: Array<[string, string, string, number, Json]> = [
		['Approved', '0001', 'Completed', 1, { appResponseCode: 'APPROVED', creditLine: 10000 }],
		['Shortfall', '0002', 'Completed', 2, { appResponseCode: 'APPROVED', creditLine: 2500 }],
		['Declined', '0004', 'Declined', 4, { appResponseCode: 'DECLINED', creditLine: 0 }],
		['Pending', '0005', 'Pending', 5, { appResponseCode: 'PENDING', creditLine: 0 }],
		['CallForAuth', '0006', 'CallForAuth', 6, { appResponseCode: 'CALL_FOR_AUTH', creditLine: 0 }],
	];
	it.each(rows)(
		'%s (tax id ending %s) is decided on prefill: %s',
		async (lastName, lastFour, status, cents, application) => {
			for (const applicant of [
				{ lastName },
				{ lastName: 'Rivera', taxId: `99900${lastFour}` },
				{ lastName: 'Rivera', estimatedFee: 4800 + cents / 100 },
			]) {
				const answer = await prefill(applicant);
				const body = await pullback(answer.sessionId);
				expect(body.sessionStatus).toBe(status);
				expect(body.responseCode).toBe('200');
				expect(body.applicationDetails).toEqual([
					{
						...application,
						applicationId: expect.stringMatching(/^APP-\d{6}$/),
						appEntryDate: expect.any(String),
					},
				]);
				expect(answer.availableCredit).toBe(application.creditLine);
			}
		},
	);

	it('Cardholder is an existing account with available credit, no application', async () => {
		const answer = await prefill({ lastName: 'Cardholder' });
		expect(answer.availableCredit).toBe(6000);
		const body = await pullback(answer.sessionId);
		expect(body.sessionStatus).toBe('AccountFound');
		expect(body.referenceId).toBe(answer.referenceId);
		expect(body.applicationDetails).toEqual([]);
		expect(body.lookupDetails).toEqual([
			{
				accountVerification: 'VERIFIED',
				availableCredit: 6000,
				message: 'Account found',
				pUrl: answer.portalUrl,
			},
		]);
	});

	it('Expired and CreatedError sessions', async () => {
		const expired = await pullback((await prefill({ lastName: 'Expired' })).sessionId);
		expect(expired.sessionStatus).toBe('Expired');
		expect(expired.applicationDetails).toEqual([]);
		const error = await pullback((await prefill({ taxId: '999000008' })).sessionId);
		expect(error.sessionStatus).toBe('CreatedError');
		expect(error.responseCode).toBe('500');
	});

	it('Pending resolves to a $5,000 approval on the third pullback', async () => {
		const { sessionId } = await prefill({ lastName: 'Pending' });
		expect((await pullback(sessionId)).sessionStatus).toBe('Pending');
		expect((await pullback(sessionId)).sessionStatus).toBe('Pending');
		const third = await pullback(sessionId);
		expect(third.sessionStatus).toBe('Completed');
		expect(third.applicationDetails[0]).toMatchObject({
			appResponseCode: 'APPROVED',
			creditLine: 5000,
		});
	});

	it('Pending resolves after 120 seconds of sandbox clock, dated when it became due', async () => {
		const { sessionId } = await prefill({ lastName: 'Pending' });
		const createdAt = (await feed(MERCHANT)).data.entries[0].decidedAt as string;
		await advance(119);
		expect((await pullback(sessionId)).sessionStatus).toBe('Pending');
		await advance(2);
		expect((await pullback(sessionId)).sessionStatus).toBe('Completed');
		const entries = (await feed(MERCHANT)).data.entries as Json[];
		expect(entries.map((e) => e.sessionStatus)).toEqual(['Pending', 'Completed']);
		expect(Date.parse(entries[1].decidedAt) - Date.parse(createdAt)).toBe(120_000);
	});

	it('a session nobody finishes expires 30 minutes after creation', async () => {
		const { sessionId } = await prefill();
		await advance(29 * 60);
		expect((await pullback(sessionId)).sessionStatus).toBe('Created');
		await advance(61);
		expect((await pullback(sessionId)).sessionStatus).toBe('Expired');
		const entries = (await feed(MERCHANT)).data.entries as Json[];
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ sessionId, sessionStatus: 'Expired' });
	});

	it('an approval with a promo code at prefill also completes the portal purchase', async () => {
		const answer = await prefill(
			{ lastName: 'Shortfall' },
			{ transactionInfo: { promoCode: 'DI12', purchaseAmount: 4800, invoiceNumber: 'tp_2001' } },
		);
		const body = await pullback(answer.sessionId);
		expect(body.transactionDetails).toEqual([
			expect.objectContaining({
				promoCode: 'DI12',
				transactionAmount: 2500,
				transactionType: 'PURCHASE',
				transactionStatus: 'APPROVED',
				discountPercentage: 9.9,
				merchantFee: 247.5,
				netAmount: 2252.5,
			}),
		]);
		expect(body.lookupDetails[0].availableCredit).toBe(0);
	});

	it('an unknown applicant waits for the patient; the admin decide call acts as the patient', async () => {
		const { sessionId } = await prefill();
		const decide = (body: Json) =>
			axios.post(
				`${sandbox.urls.careCredit}/__sandbox/careCredit/sessions/${sessionId}/decide`,
				body,
				{
					validateStatus: () => true,
				},
			);
		expect((await decide({ outcome: 'maybe' })).status).toBe(400);
		expect((await decide({ outcome: 'approved', promoCode: 'XX' })).status).toBe(400);
		const pending = await decide({ outcome: 'pending' });
		expect(pending.data.sessionStatus).toBe('Pending');
		const approved = await decide({
			outcome: 'approved',
			creditLine: 3000,
			promoCode: 'RA24',
			purchaseAmount: 2000,
		});
		expect(approved.status).toBe(200);
		expect(approved.data.applicationDetails[0]).toMatchObject({
			appResponseCode: 'APPROVED',
			creditLine: 3000,
		});
		expect(approved.data.transactionDetails[0]).toMatchObject({
			promoCode: 'RA24',
			transactionAmount: 2000,
			merchantFee: 100,
		});
		expect((await decide({ outcome: 'declined' })).status).toBe(409);
		const unknown = await axios.post(
			`${sandbox.urls.careCredit}/__sandbox/careCredit/sessions/nope/decide`,
			{ outcome: 'declined' },
			{ validateStatus: () => true },
		);
		expect(unknown.status).toBe(404);
	});
});

describe('pullback, lookup and QuickScreen', () => {
	it('pullback of an unknown session is 404', async () => {
		const res = await call('GET', '/v1/carecredit/sessions/00000000-0000-0000-0000-000000000000');
		expect(res.status).toBe(404);
		expect(res.data.code).toBe('404');
	});

	it('looks up the seeded cardholder by account number or by last name and ssn', async () => {
		const byNumber = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: { 'cipher.accountNumber': '6019000000000003' },
		});
		expect(byNumber.status).toBe(200);
		expect(byNumber.data).toEqual({
			accountInfo: { 'cipher.accountNumber': 'XXXXXXXXXXXX0003' },
			creditInfo: { creditLine: 8000, balance: 2000, availableCredit: 6000 },
			customerInfo: { firstName: 'Carla', lastName: 'Cardholder', zipCode: '60601' },
		});
		const byName = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: { 'cipher.lastName': 'cardholder', 'cipher.ssn': '999-00-0003' },
		});
		expect(byName.data.creditInfo.availableCredit).toBe(6000);
		expect(JSON.stringify(byName.data)).not.toContain('999-00-0003');
		const none = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: { 'cipher.accountNumber': '6019000000009999' },
		});
		expect(none.status).toBe(404);
		const empty = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: {},
		});
		expect(empty.status).toBe(400);
		const closed = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: '5348120100000499' },
			accountInfo: { 'cipher.accountNumber': '6019000000000003' },
		});
		expect(closed.status).toBe(499);
	});

	it('QuickScreen pre-approves the approving test applicants only', async () => {
		const qs = (lastName: string) =>
			call('POST', '/v1/carecredit/quickscreen', {
				merchantInfo: { merchantNumber: MERCHANT },
				applicants: [{ firstName: 'Q', lastName }],
			});
		const approved = await qs('Approved');
		expect(approved.status).toBe(200);
		expect(approved.data.sessionStatus).toBe('PreApproved');
		expect(approved.data.quickScreenTransactionDetails[0]).toMatchObject({
			preApproved: true,
			preApprovalAmount: 10000,
			accepted: false,
		});
		const declined = await qs('Declined');
		expect(declined.data.sessionStatus).toBe('AccountNotFoundQS');
		expect(declined.data.quickScreenTransactionDetails[0]).toMatchObject({
			preApproved: false,
			preApprovalAmount: 0,
		});
		expect((await qs('Cardholder')).data.sessionStatus).toBe('AccountFound');
		expect((await qs('')).status).toBe(400);
		expect((await feed(MERCHANT)).data.entries).toEqual([]);
	});
});

describe('transactions', () => {
	const purchase = (body: Json) => call('POST', '/v1/carecredit/transactions/purchase', body);
	const refund = (body: Json) => call('POST', '/v1/carecredit/transactions/refund', body);
	const buy = (
		referenceId: string,
		partnerTransactionID: string,
		purchaseAmount: number,
		promoCode = 'DI12',
	) =>
		purchase({
			merchantInfo: { merchantNumber: MERCHANT, partnerCode: 'N8N' },
			referenceId,
			partnerTransactionID,
			transactionInfo: {
				promoCode,
				purchaseAmount,
				practiceMemo: 'Crown and implant',
				invoiceNumber: 'tp_2001',
			},
		});

	it('purchases with the plan fee, and a repeated partnerTransactionID never charges twice', async () => {
		const session = await prefill({ lastName: 'Approved' });
		const first = await buy(session.referenceId, 'n8n-tp_2001', 4800);
		expect(first.status).toBe(200);
		expect(first.data).toEqual({
			customerName: 'Dana Approved',
			merchantNumber: MERCHANT,
			promoCode: 'DI12',
			practiceMemo: 'Crown and implant',
			cardHolderFirstName: 'Dana',
			cardHolderLastName: 'Approved',
			cardHolderPhone: '2175550100',
			transactionAmount: 4800,
			transactionID: expect.stringMatching(/^TXN-\d{6}$/),
			transactionType: 'PURCHASE',
			transactionStatus: 'APPROVED',
			transactionDateTime: expect.any(String),
			authCode: expect.stringMatching(/^\d{6}$/),
			partnerTransactionID: 'n8n-tp_2001',
			discountPercentage: 9.9,
			merchantFee: 475.2,
			netAmount: 4324.8,
			partnerCode: 'N8N',
			referenceId: expect.stringMatching(/^REF-\d{6}$/),
		});
		const again = await buy(session.referenceId, 'n8n-tp_2001', 999);
		expect(again.status).toBe(200);
		expect(again.data).toEqual(first.data);
		const body = await pullback(session.sessionId);
		expect(body.transactionDetails).toHaveLength(1);
		expect(body.lookupDetails[0].availableCredit).toBe(5200);
		const got = await call('GET', `/v1/carecredit/transactions/${first.data.transactionID}`);
		expect(got.data).toEqual(first.data);
		expect((await call('GET', '/v1/carecredit/transactions/TXN-1')).status).toBe(404);
	});

	it('uses each plan fee: DI6 5%, DI18 13.5%, RA60 5%', async () => {
		const session = await prefill({ lastName: 'Approved' });
		expect((await buy(session.referenceId, 'a', 1000, 'DI6')).data).toMatchObject({
			merchantFee: 50,
			netAmount: 950,
		});
		expect((await buy(session.referenceId, 'b', 1000, 'DI18')).data).toMatchObject({
			merchantFee: 135,
			netAmount: 865,
		});
		expect((await buy(session.referenceId, 'c', 1234.56, 'RA60')).data).toMatchObject({
			merchantFee: 61.73,
			netAmount: 1172.83,
		});
	});

	it('refuses purchases over the credit, under the plan minimum, with an unknown plan or account', async () => {
		const session = await prefill({ lastName: 'Shortfall' });
		const over = await buy(session.referenceId, 'x1', 2500.01);
		expect(over.status).toBe(400);
		expect(over.data.errors[0]).toMatchObject({
			field: 'transactionInfo.purchaseAmount',
			reason: 'exceeds the available credit',
		});
		expect((await buy(session.referenceId, 'x2', 999, 'RA24')).data.errors[0].field).toBe(
			'transactionInfo.purchaseAmount',
		);
		expect((await buy(session.referenceId, 'x3', 500, 'ZZ9')).data.errors[0].field).toBe(
			'transactionInfo.promoCode',
		);
		expect((await buy(session.referenceId, 'x4', -5)).status).toBe(400);
		expect((await buy('REF-999999', 'x5', 500)).status).toBe(404);
		const declined = await prefill({ lastName: 'Declined' });
		expect((await buy(declined.referenceId, 'x6', 500)).data.errors[0].field).toBe('referenceId');
		const noId = await purchase({
			merchantInfo: { merchantNumber: MERCHANT },
			referenceId: session.referenceId,
			transactionInfo: { promoCode: 'DI6', purchaseAmount: 300 },
		});
		expect(noId.data.errors[0].field).toBe('partnerTransactionID');
		expect((await buy(session.referenceId, 'x7', 2500)).status).toBe(200);
	});

	it('buys on a cardholder account by account number', async () => {
		const res = await purchase({
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: { 'cipher.accountNumber': '6019000000000003' },
			partnerTransactionID: 'card-1',
			transactionInfo: { promoCode: 'DI6', purchaseAmount: 600 },
		});
		expect(res.data).toMatchObject({ customerName: 'Carla Cardholder', transactionAmount: 600 });
		const lookup = await call('POST', '/v1/carecredit/lookup', {
			merchantInfo: { merchantNumber: MERCHANT },
			accountInfo: { 'cipher.accountNumber': '6019000000000003' },
		});
		expect(lookup.data.creditInfo).toEqual({
			creditLine: 8000,
			balance: 2600,
			availableCredit: 5400,
		});
	});

	it('refunds against the purchase referenceId, idempotently, never more than was bought; no void', async () => {
		const session = await prefill({ lastName: 'Approved' });
		const bought = (await buy(session.referenceId, 'p1', 4800)).data;
		const give = (
			partnerTransactionID: string,
			refundAmount: number,
			referenceId = bought.referenceId,
		) =>
			refund({
				merchantInfo: { merchantNumber: MERCHANT },
				referenceId,
				partnerTransactionID,
				transactionInfo: { refundAmount, practiceMemo: 'Crown not placed' },
			});
		const first = await give('r1', 300);
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({
			transactionType: 'REFUND',
			transactionAmount: 300,
			merchantFee: 29.7,
			netAmount: 270.3,
			promoCode: 'DI12',
			practiceMemo: 'Crown not placed',
			partnerTransactionID: 'r1',
		});
		expect(first.data.referenceId).not.toBe(bought.referenceId);
		expect((await give('r1', 300)).data).toEqual(first.data);
		expect((await pullback(session.sessionId)).lookupDetails[0].availableCredit).toBe(5500);
		const tooMuch = await give('r2', 4500.01);
		expect(tooMuch.status).toBe(400);
		expect(tooMuch.data.errors[0].field).toBe('transactionInfo.refundAmount');
		expect((await give('r3', 4500)).status).toBe(200);
		expect((await give('r4', 0.01)).status).toBe(400);
		expect((await give('r5', 10, 'REF-999999')).status).toBe(404);
		expect((await give('r6', 10, first.data.referenceId)).status).toBe(404);
		const voided = await call('POST', '/v1/carecredit/transactions/void', {
			referenceId: bought.referenceId,
		});
		expect([404, 405]).toContain(voided.status);
	});
});

describe('decision feed', () => {
	it('lists each decision once, in cursor order, per merchant, page by page', async () => {
		const a = await prefill({ lastName: 'Approved' });
		const b = await prefill({ lastName: 'Declined' });
		await prefill(
			{ lastName: 'CallForAuth' },
			{ merchantInfo: { merchantNumber: OTHER_MERCHANT } },
		);
		await prefill(); // Created: not a decision yet
		const c = await prefill({ lastName: 'Cardholder' });

		const first = await feed(MERCHANT, undefined, 2);
		expect(first.status).toBe(200);
		expect(first.data.hasMore).toBe(true);
		expect(first.data.entries.map((e: Json) => [e.sessionId, e.sessionStatus])).toEqual([
			[a.sessionId, 'Completed'],
			[b.sessionId, 'Declined'],
		]);
		const entry = first.data.entries[0];
		expect(Object.keys(entry).sort()).toEqual([
			'cursor',
			'decidedAt',
			'pullback',
			'referenceId',
			'sessionId',
			'sessionStatus',
		]);
		expect(entry.referenceId).toBe(a.referenceId);
		expect(entry.pullback).toEqual(await pullback(a.sessionId));
		expect(first.data.nextCursor).toBe(first.data.entries[1].cursor);

		const second = await feed(MERCHANT, first.data.nextCursor, 2);
		expect(second.data.entries.map((e: Json) => e.sessionId)).toEqual([c.sessionId]);
		expect(second.data.hasMore).toBe(false);
		expect(Number(second.data.entries[0].cursor)).toBeGreaterThan(Number(first.data.nextCursor));

		const idle = await feed(MERCHANT, second.data.nextCursor);
		expect(idle.data).toEqual({ entries: [], nextCursor: second.data.nextCursor, hasMore: false });

		const other = await feed(OTHER_MERCHANT);
		expect(other.data.entries.map((e: Json) => e.sessionStatus)).toEqual(['CallForAuth']);
	});

	it('repeats an entry on request, with a later cursor, so consumers must deduplicate', async () => {
		const a = await prefill({ lastName: 'Approved' });
		const read = await feed(MERCHANT);
		const original = read.data.entries[0];
		const repeat = await axios.post(`${sandbox.urls.careCredit}/__sandbox/careCredit/feed/repeat`, {
			sessionId: a.sessionId,
		});
		expect(repeat.status).toBe(200);
		const next = await feed(MERCHANT, read.data.nextCursor);
		expect(next.data.entries).toHaveLength(1);
		const copy = next.data.entries[0];
		expect(Number(copy.cursor)).toBeGreaterThan(Number(original.cursor));
		expect({ ...copy, cursor: original.cursor }).toEqual(original);
		const missing = await axios.post(
			`${sandbox.urls.careCredit}/__sandbox/careCredit/feed/repeat`,
			{ sessionId: 'nope' },
			{ validateStatus: () => true },
		);
		expect(missing.status).toBe(404);
	});

	it('refuses bad cursors, limits and merchants', async () => {
		expect((await feed(MERCHANT, 'abc')).status).toBe(400);
		expect((await feed(MERCHANT, '0', 0)).status).toBe(400);
		expect((await feed(MERCHANT, '0', 201)).status).toBe(400);
		expect((await feed('123')).status).toBe(400);
		expect((await feed('5348120100000499')).status).toBe(499);
		expect((await feed('5348120100000422')).status).toBe(422);
	});
});

describe('settings', () => {
	it('lets a test change a plan fee', async () => {
		const changed = await axios.post(`${sandbox.urls.careCredit}/__sandbox/careCredit/settings`, {
			promotions: { DI12: { merchantFeePercent: 10 } },
		});
		expect(changed.data.promotions.DI12).toMatchObject({ merchantFeePercent: 10, months: 12 });
		const session = await prefill({ lastName: 'Approved' });
		const res = await call('POST', '/v1/carecredit/transactions/purchase', {
			merchantInfo: { merchantNumber: MERCHANT },
			referenceId: session.referenceId,
			partnerTransactionID: 'fee-1',
			transactionInfo: { promoCode: 'DI12', purchaseAmount: 1000 },
		});
		expect(res.data).toMatchObject({ discountPercentage: 10, merchantFee: 100, netAmount: 900 });
	});
});
