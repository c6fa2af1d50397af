/* eslint-disable @n8n/community-nodes/no-restricted-globals -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource), as far as
// outreach uses it: create a message (form-encoded, HTTP basic auth with the account SID and auth
// token), fetch and list them, Twilio's JSON error body {code, message, more_info, status}. A
// patient's reply is posted to the practice's inbound webhook the way Twilio does it
// (https://www.twilio.com/docs/messaging/guides/webhook-request), signed with
// X-Twilio-Signature; STOP opts the number out and later sends answer error 21610.
import { createHmac } from 'node:crypto';

import type {
	Route,
	SandboxRequest,
	SandboxResponse,
	ServiceContext,
	ServiceDefinition,
} from '../core/types';
import type { SmsMessage, TwilioState } from './types';

type Ctx = ServiceContext<TwilioState>;
const API = '/2010-04-01/Accounts/:AccountSid';

/** Twilio's default opt-out and opt-in keywords (case-insensitive, the whole message). */
export const OPT_OUT_KEYWORDS = [
	'STOP',
	'STOPALL',
	'UNSUBSCRIBE',
	'CANCEL',
	'END',
	'QUIT',
	'OPTOUT',
	'REVOKE',
];
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'];
const E164 = /^\+[1-9]\d{1,14}$/;

function twilioError(status: number, code: number, message: string): SandboxResponse {
	return {
		status,
		body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
	};
}

/** RFC 2822 date in GMT, as Twilio writes date_created: "Thu, 24 Aug 2023 05:01:45 +0000". */
const rfc2822 = (iso: string | null) =>
	iso === null ? null : new Date(iso).toUTCString().replace('GMT', '+0000');

const segments = (body: string) => (body.length <= 160 ? 1 : Math.ceil(body.length / 153));

function messageOut(m: SmsMessage) {
	const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
	return {
		account_sid: m.accountSid,
		api_version: '2010-04-01',
		body: m.body,
		date_created: rfc2822(m.createdAt),
		date_sent: rfc2822(m.sentAt),
		date_updated: rfc2822(m.sentAt ?? m.createdAt),
		direction: m.direction,
		error_code: null,
		error_message: null,
		from: m.from,
		messaging_service_sid: m.messagingServiceSid,
		num_media: '0',
		num_segments: String(m.numSegments),
		price: null,
		price_unit: 'USD',
		sid: m.sid,
		status: m.status,
		subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
		to: m.to,
		uri,
	};
}

/** HTTP basic auth with the account SID and auth token, for the account in the path. */
function authenticate(req: SandboxRequest, ctx: Ctx): SandboxResponse | null {
	const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	const [user, token] = m ? Buffer.from(m[1], 'base64').toString('utf8').split(':') : [];
	const account = ctx.state.accounts.find((a) => a.accountSid === user && a.authToken === token);
	if (!account || account.accountSid !== req.params.AccountSid)
		return twilioError(401, 20003, 'Authenticate');
	return null;
}

const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;
export const isOptedOut = (state: TwilioState, phone: string) =>
	state.optOuts.some((o) => o.phone === phone && o.optedBackInAt === null);

function create(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const { state } = ctx;
	const form = (req.body ?? {}) as Record<string, string>;
	if (typeof req.body !== 'object' || req.body === null || '__invalidJson' in form)
		return twilioError(
			400,
			20001,
			'The request body must be form-encoded (application/x-www-form-urlencoded).',
		);
	const to = form.To?.trim() ?? '';
	const from = form.From?.trim() ?? '';
	const service = form.MessagingServiceSid?.trim() ?? '';
	const body = form.Body ?? '';
	if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
	if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
	if (!body && !form.MediaUrl && !form.ContentSid)
		return twilioError(400, 21602, 'Message body is required.');
	if (!E164.test(to))
		return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
	if (from && !state.phoneNumbers.includes(from))
		return twilioError(
			400,
			21606,
			`The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
		);
	if (service && !state.messagingServices.includes(service))
		return twilioError(400, 21701, `The Messaging Service Sid ${service} is invalid.`);
	if (body.length > 1600)
		return twilioError(
			400,
			21617,
			'The concatenated message body exceeds the 1600 character limit.',
		);
	if (isOptedOut(state, to))
		return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
	const at = ctx.now().toISOString();
	const message: SmsMessage = {
		sid: sid('SM', ctx.nextId('twilio.message', 1)),
		accountSid: req.params.AccountSid,
		direction: 'outbound-api',
		from: from || state.phoneNumbers[0],
		to,
		body,
		status: 'queued',
		messagingServiceSid: service || null,
		numSegments: segments(body),
		createdAt: at,
		sentAt: null,
	};
	state.messages.push(message);
	const answer = messageOut(message);
	// The carrier delivers it at once: later reads say "delivered".
	Object.assign(message, { status: 'delivered', sentAt: at });
	const reply = state.settings.autoReplies[to];
	if (reply !== undefined && state.settings.inboundUrl)
		setImmediate(() => void sendInbound(ctx, { from: to, to: message.from, body: reply }));
	return { status: 201, body: answer };
}

function list(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const q = req.query;
	const size = Math.min(1000, Math.max(1, Number(q.PageSize ?? 50) || 50));
	const pageNo = Math.max(0, Number(q.Page ?? 0) || 0);
	const rows = ctx.state.messages
		.filter((m) => (!q.To || m.to === q.To) && (!q.From || m.from === q.From))
		.slice()
		.reverse();
	const items = rows.slice(pageNo * size, pageNo * size + size);
	const base = `/2010-04-01/Accounts/${req.params.AccountSid}/Messages.json`;
	const pageUri = (p: number) => `${base}?PageSize=${size}&Page=${p}`;
	return {
		status: 200,
		body: {
			messages: items.map(messageOut),
			end: pageNo * size + items.length - 1,
			first_page_uri: pageUri(0),
			next_page_uri: rows.length > (pageNo + 1) * size ? pageUri(pageNo + 1) : null,
			page: pageNo,
			page_size: size,
			previous_page_uri: pageNo > 0 ? pageUri(pageNo - 1) : null,
			start: pageNo * size,
			uri: pageUri(pageNo),
		},
	};
}

/** X-Twilio-Signature: HMAC-SHA1 (auth token) of the URL followed by each POST parameter, name then value, sorted by name; base64. */
export function twilioSignature(
	authToken: string,
	url: string,
	params: Record<string, string>,
): string {
	const data = Object.keys(params)
		.sort()
		.reduce((s, k) => s + k + params[k], url);
	return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * A patient's text to the practice: recorded, opt-out keywords applied as Twilio does, then
 * posted form-encoded to the inbound webhook (the settings' URL, or `url`).
 */
export async function sendInbound(
	ctx: Pick<Ctx, 'state' | 'now' | 'nextId'>,
	input: { from: string; to?: string; body: string; url?: string },
): Promise<SmsMessage> {
	const { state } = ctx;
	const account = state.accounts[0];
	const to = input.to ?? state.phoneNumbers[0];
	const at = ctx.now().toISOString();
	const word = input.body.trim().toUpperCase();
	const optOutType = OPT_OUT_KEYWORDS.includes(word)
		? 'STOP'
		: OPT_IN_KEYWORDS.includes(word)
			? 'START'
			: ['HELP', 'INFO'].includes(word)
				? 'HELP'
				: null;
	if (optOutType === 'STOP' && !isOptedOut(state, input.from))
		state.optOuts.push({
			phone: input.from,
			practiceNumber: to,
			keyword: word,
			at,
			optedBackInAt: null,
		});
	if (optOutType === 'START')
		for (const o of state.optOuts.filter((x) => x.phone === input.from && x.optedBackInAt === null))
			o.optedBackInAt = at;
	const message: SmsMessage = {
		sid: sid('SM', ctx.nextId('twilio.message', 1)),
		accountSid: account.accountSid,
		direction: 'inbound',
		from: input.from,
		to,
		body: input.body,
		status: 'received',
		messagingServiceSid: null,
		numSegments: segments(input.body),
		createdAt: at,
		sentAt: at,
	};
	state.messages.push(message);
	const url = input.url ?? state.settings.inboundUrl;
	if (!url) return message;
	const params: Record<string, string> = {
		ToCountry: 'US',
		ToState: 'IL',
		SmsMessageSid: message.sid,
		NumMedia: '0',
		ToCity: '',
		FromZip: '',
		SmsSid: message.sid,
		...(optOutType ? { OptOutType: optOutType } : {}),
		FromState: 'IL',
		SmsStatus: 'received',
		FromCity: '',
		Body: input.body,
		FromCountry: 'US',
		To: to,
		ToZip: '',
		NumSegments: String(message.numSegments),
		MessageSid: message.sid,
		AccountSid: account.accountSid,
		From: input.from,
		ApiVersion: '2010-04-01',
	};
	// A user and password in the address (https://user:pass@host/...) are Twilio's HTTP
	// authentication (https://www.twilio.com/docs/usage/security#http-authentication): the
	// request goes to the address without them, and with them as Basic credentials when the
	// server asks (a 401 with WWW-Authenticate: Basic).
	const target = new URL(url);
	const basic =
		target.username !== ''
			? `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`
			: null;
	target.username = '';
	target.password = '';
	const address = target.toString();
	message.webhook = { url: address, status: null, error: null };
	const post = async (authorization: string | null) =>
		await fetch(address, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-twilio-signature': twilioSignature(account.authToken, address, params),
				'user-agent': 'TwilioProxy/1.1',
				...(authorization ? { authorization } : {}),
			},
			body: new URLSearchParams(params).toString(),
			signal: AbortSignal.timeout(15_000),
		});
	try {
		let res = await post(null);
		if (res.status === 401 && basic && /^basic/i.test(res.headers.get('www-authenticate') ?? '')) {
			await res.text();
			res = await post(basic);
		}
		message.webhook.status = res.status;
		await res.text();
	} catch (error) {
		message.webhook.error = (error as Error).message;
	}
	return message;
}

const guarded =
	(handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse) =>
	(req: SandboxRequest, ctx: Ctx): SandboxResponse =>
		authenticate(req, ctx) ?? handler(req, ctx);

const routes: Array<Route<TwilioState>> = [
	{ method: 'POST', path: `${API}/Messages.json`, handler: guarded(create) },
	{ method: 'GET', path: `${API}/Messages.json`, handler: guarded(list) },
	{
		method: 'GET',
		path: `${API}/Messages/:MessageSid`,
		handler: guarded((req, ctx) => {
			// The route matches the whole segment: `{Sid}.json`.
			const wanted = req.params.MessageSid.replace(/\.json$/, '');
			const m = ctx.state.messages.find((x) => x.sid === wanted);
			return m
				? { status: 200, body: messageOut(m) }
				: twilioError(404, 20404, `The requested resource ${req.path} was not found`);
		}),
	},
	// ----- sandbox steering (docs/sandbox.md, "Channels") -----
	{
		method: 'GET',
		path: '/__sandbox/twilio/settings',
		handler: (_req, ctx) => ({ status: 200, body: ctx.state.settings }),
	},
	{
		method: 'POST',
		path: '/__sandbox/twilio/settings',
		handler: (req, ctx) => {
			const b = (req.body ?? {}) as Partial<TwilioState['settings']>;
			if (b.inboundUrl !== undefined) ctx.state.settings.inboundUrl = b.inboundUrl || null;
			if (b.autoReplies && typeof b.autoReplies === 'object')
				ctx.state.settings.autoReplies = { ...ctx.state.settings.autoReplies, ...b.autoReplies };
			return { status: 200, body: ctx.state.settings };
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/twilio/inbound',
		handler: async (req, ctx) => {
			const b = (req.body ?? {}) as { from?: string; to?: string; body?: string; url?: string };
			if (!b.from || !E164.test(b.from) || typeof b.body !== 'string')
				return { status: 400, body: { message: 'from (E.164) and body are required' } };
			const message = await sendInbound(ctx, { from: b.from, to: b.to, body: b.body, url: b.url });
			return { status: 200, body: { message, optedOut: isOptedOut(ctx.state, b.from) } };
		},
	},
];

export const service: ServiceDefinition<TwilioState> = { name: 'twilio', routes };
