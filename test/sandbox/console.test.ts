// The practice console over real HTTP: the Slack-style inbox, the act-as-patient form, the
// staff controls that go through the Dentrix stand-in, and the three practice numbers.
import axios, { type AxiosResponse } from 'axios';

import { formatInstantIn } from '../../financing/dates';
import { startSandbox, type Sandbox } from '../../sandbox';
import { duration } from '../../sandbox/console/words';

const MERCHANT = '5348120100000001';
const FREE_PORTS = { console: 0, careCredit: 0, dentrix: 0, openDental: 0 };
const DENTRIX_KEY = 'sandbox-dentrix-key';

/** A parsed JSON answer, read deeply in assertions. */
type Json = Record<string, ReturnType<typeof JSON.parse>>;

let sandbox: Sandbox;
let token: string;

const raw = { validateStatus: () => true, maxRedirects: 0 };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...raw };

const careCredit = {
	post: (p: string, body: unknown): Promise<AxiosResponse<Json>> =>
		axios.post(`${sandbox.urls.careCredit}${p}`, body, {
			headers: { authorization: `Bearer ${token}` },
			...raw,
		}),
	get: (p: string): Promise<AxiosResponse<Json>> =>
		axios.get(`${sandbox.urls.careCredit}${p}`, {
			headers: { authorization: `Bearer ${token}` },
			...raw,
		}),
};
const dentrix = (method: 'GET' | 'POST', p: string, data?: unknown): Promise<AxiosResponse<Json>> =>
	axios.request({
		method,
		url: `${sandbox.urls.dentrix}${p}`,
		data,
		headers: { authorization: `Bearer ${DENTRIX_KEY}` },
		...raw,
	});
const advance = async (seconds: number) => {
	await axios.post(`${sandbox.urls.careCredit}/__sandbox/clock`, { advanceSeconds: seconds });
	token = (
		await careCredit.post('/oauth2/v1/token', {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		})
	).data.access_token;
};

const prefill = async (lastName: string, invoiceNumber: string, recordId: string) => {
	const res = await careCredit.post('/v1/carecredit/prefill', {
		merchantInfo: { merchantNumber: MERCHANT, recordId },
		applicants: [{ firstName: 'Daniel', lastName, estimatedFee: 3450 }],
		transactionInfo: { invoiceNumber },
	});
	expect(res.status).toBe(200);
	return res.data as { sessionId: string; referenceId: string; portalUrl: string };
};

beforeEach(async () => {
	sandbox = await startSandbox({ dataDir: null, ports: FREE_PORTS });
	await advance(0);
});
afterEach(() => sandbox.stop());

describe('notification inbox (Slack-style incoming webhook)', () => {
	it('stores {text} posts per channel and answers ok as Slack does', async () => {
		const res = await axios.post(
			`${sandbox.urls.console}/hooks/front-desk`,
			{ text: 'Dan approved: book the implant' },
			raw,
		);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/^text\/plain/);
		expect(res.data).toBe('ok');
		const viaForm = await axios.post(
			`${sandbox.urls.console}/hooks/billing`,
			form({ payload: JSON.stringify({ text: 'second' }) }),
			formHeaders,
		);
		expect(viaForm.data).toBe('ok');
		const list = (await axios.get(`${sandbox.urls.console}/api/notifications`)).data.notifications;
		expect(list.map((n: Json) => [n.id, n.channel, n.text])).toEqual([
			[1, 'front-desk', 'Dan approved: book the implant'],
			[2, 'billing', 'second'],
		]);
		const billing = (await axios.get(`${sandbox.urls.console}/api/notifications?channel=billing`))
			.data.notifications;
		expect(billing).toHaveLength(1);
		const page = (await axios.get(`${sandbox.urls.console}/`)).data as string;
		expect(page).toContain('Dan approved: book the implant');
	});

	it('refuses a post without text the way Slack does', async () => {
		const none = await axios.post(`${sandbox.urls.console}/hooks/front-desk`, { blocks: [] }, raw);
		expect([none.status, none.data]).toEqual([400, 'no_text']);
		const broken = await axios.post(`${sandbox.urls.console}/hooks/front-desk`, '{not json', {
			headers: { 'content-type': 'application/json' },
			...raw,
		});
		expect([broken.status, broken.data]).toEqual([400, 'invalid_payload']);
		expect(sandbox.store.state.notifications).toEqual([]);
	});
});

describe('act as the patient', () => {
	it('the portal URL opens the session; the form approves with a credit line and promotional plan', async () => {
		const session = await prefill('Rivera', 'tp_2001', 'pat_1001');
		const page = await axios.get(session.portalUrl);
		expect(page.status).toBe(200);
		expect(page.data).toContain('Daniel Rivera');
		expect(page.data).toMatch(
			/id="session-status"[^>]*data-status="Created">Waiting for the patient</,
		);
		expect(page.data).not.toMatch(/Pullback|Estimated fee/);
		const decided = await axios.post(
			`${session.portalUrl}/decide`,
			form({ outcome: 'approved', creditLine: '3000', promoCode: 'DI6', purchaseAmount: '2000' }),
			formHeaders,
		);
		expect(decided.status).toBe(303);
		expect(decided.headers.location).toBe(`/portal/${session.sessionId}`);
		const pullback = (await careCredit.get(`/v1/carecredit/sessions/${session.sessionId}`)).data;
		expect(pullback.sessionStatus).toBe('Completed');
		expect(pullback.applicationDetails[0]).toMatchObject({
			appResponseCode: 'APPROVED',
			creditLine: 3000,
		});
		expect(pullback.transactionDetails[0]).toMatchObject({
			promoCode: 'DI6',
			transactionAmount: 2000,
			merchantFee: 100,
		});
		const again = await axios.post(
			`${session.portalUrl}/decide`,
			form({ outcome: 'declined' }),
			formHeaders,
		);
		expect(again.status).toBe(409);
		expect(again.data).toContain('already Completed');
	});

	it('decline and leave pending', async () => {
		const session = await prefill('Rivera', 'tp_2001', 'pat_1001');
		await axios.post(`${session.portalUrl}/decide`, form({ outcome: 'pending' }), formHeaders);
		expect(
			(await careCredit.get(`/v1/carecredit/sessions/${session.sessionId}`)).data.sessionStatus,
		).toBe('Pending');
		await axios.post(`${session.portalUrl}/decide`, form({ outcome: 'declined' }), formHeaders);
		expect(
			(await careCredit.get(`/v1/carecredit/sessions/${session.sessionId}`)).data.sessionStatus,
		).toBe('Declined');
		expect((await axios.get(`${sandbox.urls.console}/portal/nope`, raw)).status).toBe(404);
	});
});

describe('staff controls and practice numbers', () => {
	it('accepts a treatment plan with CareCredit through the Dentrix stand-in', async () => {
		const res = await axios.post(
			`${sandbox.urls.console}/dentrix/treatment-plans/tp_2004/accept`,
			'',
			formHeaders,
		);
		expect(res.status).toBe(303);
		expect(res.headers.location).toBe('/#plan-tp_2004');
		const plan = (await dentrix('GET', '/v1/treatment-plans/tp_2004')).data;
		expect(plan).toMatchObject({ status: 'accepted', fundingMethod: 'CareCredit' });
		const completed = await axios.post(
			`${sandbox.urls.console}/dentrix/treatment-plans/tp_2008/accept`,
			'',
			formHeaders,
		);
		expect(completed.status).toBe(409);
		expect(completed.data).toMatch(
			/id="problem">Accepting [A-Z][a-z]+ [A-Z][a-z]+&#39;s &quot;[^&]+&quot; with CareCredit: Dentrix refused \(409\)/,
		);
	});

	it('computes the three numbers with the pure function, per location and for the group, from what was written', async () => {
		// A Monday noon in Chicago, far from the seed's November dates; this week is that day so far.
		await axios.post(`${sandbox.urls.console}/__sandbox/reset`, { today: '2027-03-08' });
		await axios.post(`${sandbox.urls.console}/__sandbox/clock`, {
			offsetMs: Date.parse('2027-03-08T18:00:00Z') - Date.now(),
		});
		await advance(0);
		// 2 plans accepted with CareCredit at the chair; CareCredit approves one, declines the other.
		for (const plan of ['tp_2001', 'tp_2004'])
			expect(
				(
					await axios.post(
						`${sandbox.urls.console}/dentrix/treatment-plans/${plan}/accept`,
						'',
						formHeaders,
					)
				).status,
			).toBe(303);
		const approved = await prefill('Approved', 'tp_2001~loc_downtown', 'pat_1001');
		await prefill('Declined', 'tp_2004', 'pat_1006');
		const applicationId = (await careCredit.get(`/v1/carecredit/sessions/${approved.sessionId}`))
			.data.applicationDetails[0].applicationId;
		const reference = `[cc:${applicationId}]`;

		// Two minutes after the yes, automation writes the financing record and its audit note.
		await advance(120);
		const today = new Date(Date.now() + sandbox.store.state.clockOffsetMs)
			.toISOString()
			.slice(0, 10);
		const agreement = await dentrix('POST', '/v1/accounts/pat_1001/payment-agreements', {
			billingType: 'Third-Party Financing - No Statements',
			agreementDate: today,
			interval: 'monthly',
			totalAgreedAmount: 3450,
			firstPaymentDue: today,
			paymentAmount: 287.5,
			numberOfPayments: 12,
			note: `CareCredit DI12 ${reference}`,
		});
		expect(agreement.status).toBe(201);
		expect(
			(
				await dentrix('POST', '/v1/accounts/pat_1001/ledger-notes', {
					text: `CareCredit approved: application ${applicationId}. Approved $10,000.00; patient portion $3,450.00; financed by CareCredit $3,450.00; est. $287.50/mo to CareCredit for 12 months, from about ${today}. Written by automation. ${reference}`,
				})
			).status,
		).toBe(201);

		let numbers = (await axios.get(`${sandbox.urls.console}/api/numbers`)).data;
		expect(numbers.group.period.acceptance).toMatchObject({
			presented: 2,
			approved: 1,
			arranged: 1,
			declined: 1,
			arrangedPercent: 50,
		});
		expect(numbers.group.period.timeToArrangement).toEqual({
			cases: 1,
			medianMinutes: 2,
			p90Minutes: 2,
		});
		expect(numbers.group.period.corrections).toMatchObject({ automated: 1, corrected: 0 });
		expect(numbers.locations.map((l: Json) => l.locationId)).toEqual(['loc_downtown', 'loc_lakeside']);
		// What the seed holds and no decision explains: Hoffman's hand-keyed CareCredit note (no
		// token) in both systems, and the scenario patients' audit notes (no decision in the feed).
		expect(numbers.unclassified.map((u: Json) => [u.id, u.reason])).toEqual([
			['note_4001', 'noReferenceToken'],
			['note_4051', 'noDecisionForToken'],
			['note_4052', 'noDecisionForToken'],
			['note_4053', 'noDecisionForToken'],
			['601', 'noReferenceToken'],
			['653', 'noDecisionForToken'],
			['654', 'noDecisionForToken'],
			['655', 'noDecisionForToken'],
		]);

		// Staff correct the agreement in the console: a correction, with what changed.
		const edit = await axios.post(
			`${sandbox.urls.console}/dentrix/payment-agreements/${agreement.data.id}/edit`,
			form({
				paymentAmount: '300',
				numberOfPayments: '12',
				firstPaymentDue: today,
				note: agreement.data.note,
			}),
			formHeaders,
		);
		expect(edit.status).toBe(303);
		numbers = (await axios.get(`${sandbox.urls.console}/api/numbers`)).data;
		expect(numbers.group.period.corrections).toMatchObject({
			automated: 1,
			corrected: 1,
			changed: 1,
		});
		expect(numbers.needsALook.corrected[0].changes).toEqual([
			expect.objectContaining({ field: 'paymentCents', recorded: 287_50, current: 300_00 }),
		]);

		const page = (await axios.get(`${sandbox.urls.console}/`)).data as string;
		expect(page).toContain(reference);
		expect(page).toMatch(/id="case-acceptance">[^]*?<b>50%<\/b>/);
		expect(page).toMatch(/id="time-to-arrangement">[^<]*<b>2 min<\/b>/);
		expect(page).toContain('payment $287.50 → $300.00');
		expect(page).toMatch(
			/<section id="locations" data-live><h2>Numbers per location<\/h2>[^]*>Downtown<[^]*Four-week trend|>Downtown<[^]*Time-to-arrangement/,
		);
		expect(page).not.toContain('912-64-');
	});
});

describe("in the practice's words and time zone", () => {
	it('shows every time in the practice zone, as the ledger notes write it', async () => {
		await axios.post(`${sandbox.urls.console}/hooks/coordinator`, { text: 'hello' });
		const [sent] = sandbox.store.state.notifications;
		const page = (await axios.get(`${sandbox.urls.console}/`)).data as string;
		const zoned = formatInstantIn('America/Chicago', new Date(sent.at));
		expect(page).toContain(`Coordinator</span> · ${zoned}</small>`);
		expect(page).not.toMatch(/\d\d:\d\d(:\d\d)? UTC/);
	});

	it('names the patient and plan of an application instead of the ids it carries', async () => {
		await prefill('Moreau', 'tp_2013~loc_downtown', 'pat_1026');
		const page = (await axios.get(`${sandbox.urls.console}/`)).data as string;
		const applications = /<section id="carecredit"[^]*?<\/section>/.exec(page)![0];
		expect(applications).toContain('Daniel Moreau');
		expect(applications).toContain('Root canal and crown #3');
		expect(applications).toContain('Waiting for the patient');
		expect(applications).not.toMatch(/tp_2013|loc_downtown|pat_1026/);
		expect(page).toContain('n8n prefilled a CareCredit application for Daniel Moreau');
	});

	it('reads elapsed time as a person says it', () => {
		expect([0.4, 9.96, 24, 59.4, 60, 130, 3599, 3900, 90_000].map(duration)).toEqual([
			'0.4 s',
			'10 s',
			'24 s',
			'59 s',
			'1 min',
			'2 min 10 s',
			'59 min 59 s',
			'1 h 5 min',
			'1 d 1 h',
		]);
	});

	it('refuses a start with an unknown time zone or an n8n address that is not one', async () => {
		await expect(
			startSandbox({ dataDir: null, ports: FREE_PORTS, practiceTimeZone: 'Mars/Olympus' }),
		).rejects.toThrow(/practiceTimeZone "Mars\/Olympus" is not an IANA time zone/);
		await expect(
			startSandbox({ dataDir: null, ports: FREE_PORTS, n8nEditorUrl: 'javascript:alert(1)' }),
		).rejects.toThrow(/n8nEditorUrl .* is not an http\(s\) address/);
	});
});

describe('live updates', () => {
	it('answers /api/changes as soon as something changed, and holds while nothing does', async () => {
		const first = (await axios.get(`${sandbox.urls.console}/api/changes?since=`)).data.version;
		expect(first).toMatch(/^[0-9a-f]{16}$/);
		const page = (await axios.get(`${sandbox.urls.console}/`)).data as string;
		expect(page).toContain(`data-version="${first}"`);
		const held = (await axios.get(`${sandbox.urls.console}/api/changes?since=${first}&wait=1`)).data
			.version;
		expect(held).toBe(first);
		const waiting = axios.get(`${sandbox.urls.console}/api/changes?since=${first}&wait=20`);
		await axios.post(`${sandbox.urls.console}/hooks/coordinator`, { text: 'news' });
		const next = (await waiting).data.version;
		expect(next).not.toBe(first);
		expect((await axios.get(`${sandbox.urls.console}/`)).data).toContain(`data-version="${next}"`);
	});
});
