/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The sandbox core over real HTTP: state kept across a restart, reset to the seed, and the
// fault injection that proves retries idempotent (docs/sandbox.md).
import axios, { type AxiosResponse } from 'axios';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox';

const MERCHANT = '5348120100000001';
const FREE_PORTS = { console: 0, careCredit: 0, dentrix: 0, openDental: 0 };

/** A parsed JSON answer, read deeply in assertions. */
type Json = Record<string, ReturnType<typeof JSON.parse>>;

const tokenOf = async (base: string): Promise<string> =>
	(
		await axios.post(`${base}/oauth2/v1/token`, {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		})
	).data.access_token;

const api = (base: string, token: string) => ({
	get: (p: string): Promise<AxiosResponse<Json>> =>
		axios.get(`${base}${p}`, {
			headers: { authorization: `Bearer ${token}` },
			validateStatus: () => true,
		}),
	post: (p: string, body: unknown): Promise<AxiosResponse<Json>> =>
		axios.post(`${base}${p}`, body, {
			headers: { authorization: `Bearer ${token}` },
			validateStatus: () => true,
		}),
});

const prefillBody = (lastName: string) => ({
	merchantInfo: { merchantNumber: MERCHANT },
	applicants: [{ firstName: 'Rory', lastName, estimatedFee: 1200 }],
	transactionInfo: { invoiceNumber: 'tp_2005' },
});

describe('restart and reset', () => {
	let dataDir: string;
	beforeEach(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-restart-'));
	});
	afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	it('keeps the state across a restart, and reset returns to the seed', async () => {
		let sandbox = await startSandbox({ dataDir, ports: FREE_PORTS });
		const token = await tokenOf(sandbox.urls.careCredit);
		let cc = api(sandbox.urls.careCredit, token);
		const session = (await cc.post('/v1/carecredit/prefill', prefillBody('Approved'))).data;
		await axios.post(`${sandbox.urls.console}/hooks/coordinators`, { text: 'Rory approved' });
		await axios.post(`${sandbox.urls.careCredit}/__sandbox/clock`, { advanceSeconds: 5 });
		const writesBefore = (await axios.get(`${sandbox.urls.careCredit}/__sandbox/writes`)).data
			.writes;
		expect(writesBefore.map((w: Json) => w.path)).toEqual([
			'/oauth2/v1/token',
			'/v1/carecredit/prefill',
		]);
		await sandbox.stop();
		expect(fs.existsSync(path.join(dataDir, 'state.json'))).toBe(true);

		sandbox = await startSandbox({ dataDir, ports: FREE_PORTS });
		cc = api(sandbox.urls.careCredit, token);
		const after = await cc.get(`/v1/carecredit/sessions/${session.sessionId}`);
		expect(after.status).toBe(200);
		expect(after.data.sessionStatus).toBe('Completed');
		const feed = await cc.get(`/v1/carecredit/merchants/${MERCHANT}/decisions`);
		expect(feed.data.entries).toHaveLength(1);
		const notes = (await axios.get(`${sandbox.urls.console}/api/notifications`)).data.notifications;
		expect(notes.map((n: Json) => n.text)).toEqual(['Rory approved']);
		expect(sandbox.store.state.clockOffsetMs).toBe(5000);
		expect((await axios.get(`${sandbox.urls.careCredit}/__sandbox/writes`)).data.writes).toEqual(
			writesBefore,
		);

		// Ids keep counting after a restart, so nothing is numbered twice.
		const second = (await cc.post('/v1/carecredit/prefill', prefillBody('Approved'))).data;
		expect(second.referenceId).not.toBe(session.referenceId);

		await axios.post(`${sandbox.urls.dentrix}/__sandbox/reset`);
		expect((await cc.get(`/v1/carecredit/sessions/${session.sessionId}`)).status).toBe(401);
		const fresh = api(sandbox.urls.careCredit, await tokenOf(sandbox.urls.careCredit));
		expect((await fresh.get(`/v1/carecredit/sessions/${session.sessionId}`)).status).toBe(404);
		expect(
			(await axios.get(`${sandbox.urls.console}/api/notifications`)).data.notifications,
		).toEqual([]);
		expect(sandbox.store.state.clockOffsetMs).toBe(0);
		await sandbox.stop();

		// The reset was saved too.
		sandbox = await startSandbox({ dataDir, ports: FREE_PORTS });
		expect(sandbox.store.state.careCredit.sessions).toEqual([]);
		await sandbox.stop();
	});

	it('starts from the seed with reset: true even when the folder holds state', async () => {
		let sandbox = await startSandbox({ dataDir, ports: FREE_PORTS });
		const cc = api(sandbox.urls.careCredit, await tokenOf(sandbox.urls.careCredit));
		await cc.post('/v1/carecredit/prefill', prefillBody('Declined'));
		await sandbox.stop();
		sandbox = await startSandbox({ dataDir, ports: FREE_PORTS, reset: true });
		expect(sandbox.store.state.careCredit.sessions).toEqual([]);
		expect(sandbox.store.state.writes).toEqual([]);
		await sandbox.stop();
	});
});

describe('fault injection', () => {
	let sandbox: Sandbox;
	let cc: ReturnType<typeof api>;
	const fault = (rule: Json) => axios.post(`${sandbox.urls.careCredit}/__sandbox/faults`, rule);
	const writes = async (): Promise<Json[]> =>
		(await axios.get(`${sandbox.urls.careCredit}/__sandbox/writes`)).data.writes;

	beforeEach(async () => {
		sandbox = await startSandbox({ dataDir: null, ports: FREE_PORTS });
		cc = api(sandbox.urls.careCredit, await tokenOf(sandbox.urls.careCredit));
	});
	afterEach(() => sandbox.stop());

	it('a 503 before the service: nothing is written, the next call goes through', async () => {
		const set = await fault({
			kind: 'status',
			status: 503,
			phase: 'before',
			count: 1,
			pathPattern: '/prefill$',
		});
		expect(set.status).toBe(201);
		const failed = await cc.post('/v1/carecredit/prefill', prefillBody('Approved'));
		expect(failed.status).toBe(503);
		expect(failed.data).toMatchObject({ code: '503', transient: true });
		expect(sandbox.store.state.careCredit.sessions).toHaveLength(0);
		const ok = await cc.post('/v1/carecredit/prefill', prefillBody('Approved'));
		expect(ok.status).toBe(200);
		expect(sandbox.store.state.careCredit.sessions).toHaveLength(1);
		const recorded = (await writes()).filter((w) => w.path === '/v1/carecredit/prefill');
		expect(recorded.map((w) => [w.status, w.faulted])).toEqual([
			[503, 'before'],
			[200, null],
		]);
	});

	it('a 429 carries Retry-After and only strikes matching calls', async () => {
		await fault({
			kind: 'status',
			status: 429,
			retryAfterSeconds: 7,
			phase: 'before',
			count: 1,
			method: 'POST',
		});
		const read = await cc.get(`/v1/carecredit/merchants/${MERCHANT}/decisions`);
		expect(read.status).toBe(200);
		const limited = await cc.post('/v1/carecredit/prefill', prefillBody('Approved'));
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.data.message).toBe('Too many requests');
		expect(
			(await axios.get(`${sandbox.urls.careCredit}/__sandbox/faults`)).data.faults.careCredit,
		).toEqual([]);
	});

	it('a reset after commit: the caller sees an error, the write happened, a retry is answered with it', async () => {
		const session = (await cc.post('/v1/carecredit/prefill', prefillBody('Approved'))).data;
		await fault({
			kind: 'reset',
			phase: 'after',
			count: 1,
			pathPattern: '/transactions/purchase$',
		});
		const purchase = {
			merchantInfo: { merchantNumber: MERCHANT },
			referenceId: session.referenceId,
			partnerTransactionID: 'retry-me',
			transactionInfo: { promoCode: 'DI12', purchaseAmount: 1200 },
		};
		await expect(cc.post('/v1/carecredit/transactions/purchase', purchase)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ECONNABORTED|EPIPE|ERR_/),
		});
		const recorded = (await writes()).filter(
			(w) => w.path === '/v1/carecredit/transactions/purchase',
		);
		expect(recorded).toEqual([
			expect.objectContaining({ status: 200, faulted: 'after', method: 'POST' }),
		]);
		expect(sandbox.store.state.careCredit.transactions).toHaveLength(1);

		const retry = await cc.post('/v1/carecredit/transactions/purchase', purchase);
		expect(retry.status).toBe(200);
		expect(retry.data.transactionID).toBe(
			sandbox.store.state.careCredit.transactions[0].transactionID,
		);
		expect(sandbox.store.state.careCredit.transactions).toHaveLength(1);
		const pullback = await cc.get(`/v1/carecredit/sessions/${session.sessionId}`);
		expect(pullback.data.lookupDetails[0].availableCredit).toBe(8800);
	});

	it('a 500 after commit: the caller sees 500 although the session exists', async () => {
		await fault({
			kind: 'status',
			status: 500,
			phase: 'after',
			count: 1,
			pathPattern: '/prefill$',
		});
		const res = await cc.post('/v1/carecredit/prefill', prefillBody('Declined'));
		expect(res.status).toBe(500);
		expect(res.data.transient).toBe(true);
		expect(sandbox.store.state.careCredit.sessions).toHaveLength(1);
		expect(sandbox.store.state.careCredit.sessions[0].status).toBe('Declined');
		const recorded = (await writes()).filter((w) => w.path === '/v1/carecredit/prefill');
		expect(recorded.map((w) => [w.status, w.faulted])).toEqual([[200, 'after']]);
	});

	it('count strikes exactly N calls; rate 1 strikes every call and rate 0 none', async () => {
		await fault({ kind: 'status', status: 503, phase: 'before', count: 2, method: 'GET' });
		const statuses = [];
		for (let i = 0; i < 3; i++)
			statuses.push((await cc.get('/v1/carecredit/transactions/TXN-1')).status);
		expect(statuses).toEqual([503, 503, 404]);

		await fault({ kind: 'status', status: 500, phase: 'before', rate: 0 });
		expect((await cc.get('/v1/carecredit/transactions/TXN-1')).status).toBe(404);
		await fault({
			kind: 'status',
			status: 502,
			phase: 'before',
			rate: 1,
			pathPattern: '/transactions/',
		});
		for (let i = 0; i < 3; i++)
			expect((await cc.get('/v1/carecredit/transactions/TXN-1')).status).toBe(502);
		expect((await cc.get(`/v1/carecredit/merchants/${MERCHANT}/decisions`)).status).toBe(200);

		await axios.delete(`${sandbox.urls.careCredit}/__sandbox/faults`);
		expect((await cc.get('/v1/carecredit/transactions/TXN-1')).status).toBe(404);
	});

	it('a timeout holds the call and then drops the connection', async () => {
		await fault({ kind: 'timeout', delayMs: 50, phase: 'before', count: 1 });
		await expect(cc.get(`/v1/carecredit/merchants/${MERCHANT}/decisions`)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_/),
		});
		expect((await cc.get(`/v1/carecredit/merchants/${MERCHANT}/decisions`)).status).toBe(200);
	});

	it('faults can target another service and are refused without a kind', async () => {
		const set = await fault({
			service: 'console',
			kind: 'status',
			status: 503,
			phase: 'before',
			count: 1,
		});
		expect(set.data.service).toBe('console');
		expect(
			(await axios.get(`${sandbox.urls.console}/`, { validateStatus: () => true })).status,
		).toBe(503);
		expect((await axios.get(`${sandbox.urls.console}/`)).status).toBe(200);
		const bad = await axios.post(
			`${sandbox.urls.careCredit}/__sandbox/faults`,
			{ status: 500 },
			{ validateStatus: () => true },
		);
		expect(bad.status).toBe(400);
	});
});
