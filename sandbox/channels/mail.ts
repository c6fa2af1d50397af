/* eslint-disable @n8n/community-nodes/no-restricted-imports -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
// receives, parsed by `mailparser`, in the sandbox state: what n8n's Send Email node sends over
// SMTP in the demo and the tests. Plain SMTP, no TLS (STARTTLS is not offered); any user name
// and password are accepted, and so is no authentication.
import type { AddressInfo } from 'node:net';

import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import type { StateStore } from '../core/store';
import type { MailMessage } from './types';

export interface RunningMailServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** Up to 10 MB a message; enough for HTML digests with inline images. */
const MAX_SIZE = 10 * 1024 * 1024;

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
	(Array.isArray(a) ? a : a ? [a] : [])
		.flatMap((x) => x.value.map((v) => v.address ?? ''))
		.filter(Boolean);

export function startMailServer(store: StateStore, port: number): Promise<RunningMailServer> {
	const server = new SMTPServer({
		name: 'sandbox.smtp.local',
		banner: 'Practice sandbox SMTP',
		secure: false,
		disabledCommands: ['STARTTLS'],
		authOptional: true,
		authMethods: ['PLAIN', 'LOGIN'],
		size: MAX_SIZE,
		logger: false,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username ?? 'anonymous' });
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const state = store.state;
					const message: MailMessage = {
						id: store.nextId('sandbox.mail'),
						at: new Date(Date.now() + state.clockOffsetMs).toISOString(),
						envelope: {
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							to: session.envelope.rcptTo.map((r) => r.address),
						},
						from: addresses(parsed.from)[0] ?? '',
						to: addresses(parsed.to),
						cc: addresses(parsed.cc),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: parsed.html === false ? null : (parsed.html ?? null),
						messageId: parsed.messageId ?? '',
						attachments: parsed.attachments.map((a) => ({
							filename: a.filename ?? '',
							contentType: a.contentType,
							size: a.size,
						})),
						user: typeof session.user === 'string' ? session.user : null,
					};
					state.mail.push(message);
					store.save();
					callback();
				})
				.catch((error: Error) => callback(error));
		},
	});
	return new Promise((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const actual = (server.server.address() as AddressInfo).port;
			resolve({
				url: `smtp://127.0.0.1:${actual}`,
				port: actual,
				close: () => new Promise<void>((done) => server.close(() => done())),
			});
		});
	});
}
