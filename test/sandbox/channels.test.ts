/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; a loopback webhook needs node:http */
// The sandbox's real channels over loopback: mail sent with nodemailer (what n8n's Send Email
// node uses) reaches the SMTP server and the admin JSON; the Twilio Messages API stand-in answers
// Twilio's shapes and delivers a STOP reply to a webhook, signed, after which sends are refused.
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import axios, { type AxiosInstance } from 'axios';
import nodemailer from 'nodemailer';

import { startSandbox, type Sandbox } from '../../sandbox';
import { TWILIO_ACCOUNT } from '../../sandbox/channels/seed';

const SID = TWILIO_ACCOUNT.accountSid;
let sandbox: Sandbox;
let twilio: AxiosInstance;
let webhook: http.Server;
let webhookUrl: string;
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
	twilio = axios.create({
		baseURL: `${sandbox.urls.twilio}/2010-04-01/Accounts/${SID}`,
		auth: { username: SID, password: TWILIO_ACCOUNT.authToken },
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		validateStatus: () => true,
	});
	webhook = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response></Response>');
		});
	});
	await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
	webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms/inbound`;
});
afterAll(async () => {
	await sandbox.stop();
	await new Promise((resolve) => webhook.close(resolve));
});

const send = (fields: Record<string, string>) =>
	twilio.post('/Messages.json', new URLSearchParams(fields).toString());

describe('SMTP', () => {
	it('receives mail over SMTP with authentication and shows it, parsed, on every port', async () => {
		expect(sandbox.urls.smtp).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
		const transport = nodemailer.createTransport({
			host: '127.0.0.1',
			port: Number(new URL(sandbox.urls.smtp).port),
			secure: false,
			auth: { user: 'frontdesk', pass: 'anything' },
		});
		await transport.sendMail({
			from: 'Prairie Smiles <frontdesk@prairiesmiles.example.com>',
			to: 'omar.haddad@example.com',
			cc: 'keisha.monroe@prairiesmiles.example.com',
			subject: 'Time for your cleaning',
			text: 'Hello Omar, your cleaning is due.',
			html: '<p>Hello Omar, your cleaning is <b>due</b>.</p>',
			attachments: [{ filename: 'map.txt', content: 'Downtown office' }],
		});
		const mail = (
			await axios.get(`${sandbox.urls.console}/__sandbox/mail?to=omar.haddad@example.com`)
		).data.mail;
		expect(mail).toEqual([
			expect.objectContaining({
				from: 'frontdesk@prairiesmiles.example.com',
				to: ['omar.haddad@example.com'],
				cc: ['keisha.monroe@prairiesmiles.example.com'],
				subject: 'Time for your cleaning',
				text: 'Hello Omar, your cleaning is due.',
				html: '<p>Hello Omar, your cleaning is <b>due</b>.</p>',
				attachments: [{ filename: 'map.txt', contentType: 'text/plain', size: 15 }],
				user: 'frontdesk',
				envelope: {
					from: 'frontdesk@prairiesmiles.example.com',
					to: ['omar.haddad@example.com', 'keisha.monroe@prairiesmiles.example.com'],
				},
			}),
		]);
		// No authentication works too, and the mailbox can be emptied.
		await nodemailer
			.createTransport({
				host: '127.0.0.1',
				port: Number(new URL(sandbox.urls.smtp).port),
				secure: false,
			})
			.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'y' });
		expect((await axios.get(`${sandbox.urls.twilio}/__sandbox/mail`)).data.mail).toHaveLength(2);
		await axios.delete(`${sandbox.urls.console}/__sandbox/mail`);
		expect((await axios.get(`${sandbox.urls.console}/__sandbox/mail`)).data.mail).toEqual([]);
	});
});

describe('Twilio Messages API', () => {
	it('creates a message with Twilio’s fields, fetches and lists it, and records the write', async () => {
		const res = await send({
			To: '+12175550309',
			From: '+12175550100',
			Body: 'Lena, your cleaning is due. Reply STOP to opt out.',
		});
		expect(res.status).toBe(201);
		expect(res.data).toEqual({
			account_sid: SID,
			api_version: '2010-04-01',
			body: 'Lena, your cleaning is due. Reply STOP to opt out.',
			date_created: expect.stringMatching(
				/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/,
			),
			date_sent: null,
			date_updated: expect.any(String),
			direction: 'outbound-api',
			error_code: null,
			error_message: null,
			from: '+12175550100',
			messaging_service_sid: null,
			num_media: '0',
			num_segments: '1',
			price: null,
			price_unit: 'USD',
			sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
			status: 'queued',
			subresource_uris: {
				media: `/2010-04-01/Accounts/${SID}/Messages/${res.data.sid}/Media.json`,
			},
			to: '+12175550309',
			uri: `/2010-04-01/Accounts/${SID}/Messages/${res.data.sid}.json`,
		});
		const fetched = await twilio.get(`/Messages/${res.data.sid}.json`);
		expect(fetched.data).toMatchObject({
			sid: res.data.sid,
			status: 'delivered',
			date_sent: expect.any(String),
		});
		const list = await twilio.get('/Messages.json?To=%2B12175550309&PageSize=20');
		expect(list.data).toMatchObject({ page: 0, page_size: 20, next_page_uri: null });
		expect(list.data.messages.map((m: { sid: string }) => m.sid)).toEqual([res.data.sid]);
		expect((await twilio.get('/Messages/SM0000.json')).status).toBe(404);
		const writes = (await axios.get(`${sandbox.urls.twilio}/__sandbox/writes`)).data.writes;
		expect(writes.at(-1)).toMatchObject({
			service: 'twilio',
			method: 'POST',
			status: 201,
			body: { To: '+12175550309' },
		});
	});

	it('answers Twilio’s error codes and shape', async () => {
		const error = async (fields: Record<string, string>) => (await send(fields)).data;
		expect(await error({ From: '+12175550100', Body: 'x' })).toMatchObject({
			code: 21604,
			status: 400,
		});
		expect(await error({ To: '+12175550309', Body: 'x' })).toMatchObject({ code: 21603 });
		expect(await error({ To: '+12175550309', From: '+12175550100' })).toMatchObject({
			code: 21602,
		});
		expect(await error({ To: '555-02', From: '+12175550100', Body: 'x' })).toEqual({
			code: 21211,
			message: "The 'To' number 555-02 is not a valid phone number.",
			more_info: 'https://www.twilio.com/docs/errors/21211',
			status: 400,
		});
		expect(await error({ To: '+12175550309', From: '+13125550000', Body: 'x' })).toMatchObject({
			code: 21606,
		});
		expect(
			await error({ To: '+12175550309', From: '+12175550100', Body: 'x'.repeat(1601) }),
		).toMatchObject({ code: 21617 });
		const anon = await axios.post(
			`${sandbox.urls.twilio}/2010-04-01/Accounts/${SID}/Messages.json`,
			'To=%2B1',
			{
				validateStatus: () => true,
			},
		);
		expect(anon.status).toBe(401);
		expect(anon.data).toMatchObject({ code: 20003, message: 'Authenticate' });
		const other = await axios.get(
			`${sandbox.urls.twilio}/2010-04-01/Accounts/AC00000000000000000000000000000009/Messages.json`,
			{
				auth: { username: SID, password: TWILIO_ACCOUNT.authToken },
				validateStatus: () => true,
			},
		);
		expect(other.status).toBe(401);
		expect(
			(
				await send({
					To: '+12175550309',
					MessagingServiceSid: TWILIO_ACCOUNT.messagingServiceSid,
					Body: 'x',
				})
			).status,
		).toBe(201);
	});

	it('posts a STOP reply to the inbound webhook, signed like Twilio, and refuses later sends with 21610', async () => {
		await axios.post(`${sandbox.urls.twilio}/__sandbox/twilio/settings`, {
			inboundUrl: webhookUrl,
			autoReplies: { '+12175550303': 'STOP' },
		});
		expect(
			(
				await send({
					To: '+12175550303',
					From: '+12175550190',
					Body: 'Priya, your visit is Thursday.',
				})
			).status,
		).toBe(201);
		for (let i = 0; i < 50 && received.length === 0; i++)
			await new Promise((r) => setTimeout(r, 20));
		expect(received).toHaveLength(1);
		const form = Object.fromEntries(new URLSearchParams(received[0].body));
		expect(form).toMatchObject({
			From: '+12175550303',
			To: '+12175550190',
			Body: 'STOP',
			OptOutType: 'STOP',
			AccountSid: SID,
			SmsStatus: 'received',
		});
		expect(form.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
		expect(received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		const expected = createHmac('sha1', TWILIO_ACCOUNT.authToken)
			.update(
				Object.keys(form)
					.sort()
					.reduce((s, k) => s + k + form[k], webhookUrl),
			)
			.digest('base64');
		expect(received[0].headers['x-twilio-signature']).toBe(expected);

		const refused = await send({
			To: '+12175550303',
			From: '+12175550190',
			Body: 'Another reminder',
		});
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({
			code: 21610,
			message: 'Attempt to send to unsubscribed recipient',
		});
		const sms = (await axios.get(`${sandbox.urls.console}/__sandbox/sms?phone=%2B12175550303`))
			.data;
		expect(sms.messages.map((m: { direction: string }) => m.direction)).toEqual([
			'outbound-api',
			'inbound',
		]);
		expect(sms.optOuts).toEqual([
			expect.objectContaining({ phone: '+12175550303', keyword: 'STOP', optedBackInAt: null }),
		]);

		// START opts back in; a reply can also be sent on demand.
		const start = await axios.post(`${sandbox.urls.twilio}/__sandbox/twilio/inbound`, {
			from: '+12175550303',
			body: 'start',
		});
		expect(start.data).toMatchObject({
			optedOut: false,
			message: { webhook: { url: webhookUrl, status: 200 } },
		});
		expect(
			(await send({ To: '+12175550303', From: '+12175550190', Body: 'Welcome back' })).status,
		).toBe(201);
		expect(
			(
				await axios.post(
					`${sandbox.urls.twilio}/__sandbox/twilio/inbound`,
					{ from: '555', body: 'STOP' },
					{ validateStatus: () => true },
				)
			).status,
		).toBe(400);
	});

	it("a user and password in the webhook's address: sent as Basic credentials when the server asks, never kept", async () => {
		const asked: Array<string | undefined> = [];
		const guarded = http.createServer((req, res) => {
			asked.push(req.headers.authorization);
			req.resume();
			const ok =
				req.headers.authorization ===
				`Basic ${Buffer.from('twilio:s3cret pass').toString('base64')}`;
			if (ok) res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response></Response>');
			else res.writeHead(401, { 'www-authenticate': 'Basic realm="Webhook"' }).end();
		});
		await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
		const port = (guarded.address() as AddressInfo).port;
		try {
			const reply = async (url: string) =>
				(
					await axios.post(`${sandbox.urls.twilio}/__sandbox/twilio/inbound`, {
						from: '+12175550303',
						body: 'Thanks',
						url,
					})
				).data.message.webhook;
			const plain = `http://127.0.0.1:${port}/sms/inbound`;
			expect(await reply(`http://twilio:s3cret%20pass@127.0.0.1:${port}/sms/inbound`)).toEqual({
				url: plain,
				status: 200,
				error: null,
			});
			expect(asked).toEqual([
				undefined,
				`Basic ${Buffer.from('twilio:s3cret pass').toString('base64')}`,
			]);
			expect((await reply(`http://twilio:wrong@127.0.0.1:${port}/sms/inbound`)).status).toBe(401);
			expect((await reply(plain)).status).toBe(401);
			expect(asked).toHaveLength(5);
		} finally {
			await new Promise((resolve) => guarded.close(resolve));
		}
	});

	it('takes injected faults like every stand-in', async () => {
		await axios.post(`${sandbox.urls.twilio}/__sandbox/faults`, {
			kind: 'status',
			status: 429,
			retryAfterSeconds: 2,
			count: 1,
		});
		const limited = await send({ To: '+12175550309', From: '+12175550100', Body: 'x' });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');
		expect((await send({ To: '+12175550309', From: '+12175550100', Body: 'x' })).status).toBe(201);
	});
});
