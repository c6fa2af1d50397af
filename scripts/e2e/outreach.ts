/* eslint-disable @n8n/community-nodes/no-restricted-imports -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The outreach templates on a running stack (scripts/e2e/stack.ts), as a practice sets them up:
// the Open Dental, Twilio (and its replies webhook's Basic Auth) and SMTP credentials, the templates imported unchanged, their Practice
// settings filled through n8n's REST API, the replies webhook published and given to Twilio.
// Used by test/e2e/outreach.test.ts and scripts/bench-outreach.ts.
import { join } from 'path';
import { activateWorkflow, importCredentials, importWorkflow, n8nCli } from '../n8n/runtime';
import { fillPracticeSettings } from './practiceSettings';
import { postJson, REPO, type Stack } from './stack';

export const OUTREACH_TEMPLATES = {
	recall: 'recall-outreach-opendental.json',
	replies: 'outreach-replies-opendental.json',
	financed: 'financed-not-booked-opendental.json',
	reactivation: 'reactivation-opendental.json',
} as const;
export type OutreachKey = keyof typeof OUTREACH_TEMPLATES;

/** The sandbox's Twilio account and messaging service (sandbox/channels/seed.ts). */
export const TWILIO = {
	accountSid: 'AC00000000000000000000000000000001',
	authToken: 'sandbox-twilio-token',
	messagingServiceSid: 'MG00000000000000000000000000000001',
};

/** The replies webhook's Basic Auth (credential "Twilio replies webhook"), as Twilio is given it. */
export const REPLIES_WEBHOOK_AUTH = { user: 'twilio', password: 'sandbox-replies-password' };

/** Always inside the send window, every day: the tests set quiet hours themselves. */
export const OPEN_WINDOW = {
	sendWindowStart: '00:00',
	sendWindowEnd: '23:59',
	sendDays: 'monday, tuesday, wednesday, thursday, friday, saturday, sunday',
};

/** What an ops person types into the outreach templates' Practice settings for the sandbox. */
export function outreachSettings(stack: Stack): Record<string, unknown> {
	const urls = stack.sandbox.urls;
	return {
		frontDeskWebhookUrl: `${urls.console}/hooks/frontdesk`,
		coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
		twilioApiBaseUrl: urls.twilio,
		twilioAccountSid: TWILIO.accountSid,
		twilioMessagingServiceSid: TWILIO.messagingServiceSid,
		emailFrom: 'frontdesk@prairiesmiles.example.com',
		practiceName: 'Prairie Smiles Dental',
		practicePhone: '(217) 555-0100',
		bookingLink: 'https://book.prairiesmiles.example.com',
		recallStatusTexted: '132',
		recallStatusEmailed: '133',
		...OPEN_WINDOW,
	};
}

/**
 * Imports the credentials and the outreach templates into the stack's n8n (stopped for the
 * import, then restarted), fills their settings, publishes the replies webhook and points the
 * Twilio stand-in's replies at it. Returns the workflow ids.
 */
export async function setUpOutreach(
	stack: Stack,
	options: { pacingMs?: number; openDentalBaseUrl?: string } = {},
): Promise<Record<OutreachKey, string>> {
	const urls = stack.sandbox.urls;
	await stack.n8n.stop();
	// One practice runs one practice system: the Dentrix decision workflow is not published here.
	await n8nCli(stack.home, ['unpublish:workflow', `--id=${stack.ids.decision}`]);
	await importCredentials(stack.home, [
		{
			name: 'Open Dental account',
			type: 'openDentalApi',
			data: {
				baseUrl: options.openDentalBaseUrl ?? `${urls.openDental}/api/v1`,
				developerApiKey: 'sandbox-od-developer',
				customerApiKey: 'sandbox-od-customer',
				pacingMs: options.pacingMs ?? 0,
			},
		},
		{
			name: 'Twilio replies webhook',
			type: 'httpBasicAuth',
			data: REPLIES_WEBHOOK_AUTH,
		},
		{
			name: 'Twilio account',
			type: 'twilioApi',
			data: { authType: 'authToken', accountSid: TWILIO.accountSid, authToken: TWILIO.authToken },
		},
		{
			name: 'Practice e-mail (SMTP)',
			type: 'smtp',
			data: {
				user: 'frontdesk',
				password: 'sandbox',
				host: '127.0.0.1',
				port: Number(new URL(urls.smtp).port),
				secure: false,
				disableStartTls: true,
			},
		},
	]);
	const ids = {} as Record<OutreachKey, string>;
	for (const key of Object.keys(OUTREACH_TEMPLATES) as OutreachKey[]) {
		ids[key] = await importWorkflow(stack.home, join(REPO, 'workflows', OUTREACH_TEMPLATES[key]));
	}
	const n8n = await stack.restartN8n();
	for (const id of Object.values(ids)) {
		await fillPracticeSettings(n8n, id, outreachSettings(stack), { onlyExisting: true });
	}
	await activateWorkflow(n8n, ids.replies);
	// As the practice sets it in Twilio: the production URL with the webhook's user and password.
	const inbound = new URL(`${n8n.url}/webhook/outreach-replies-opendental`);
	inbound.username = REPLIES_WEBHOOK_AUTH.user;
	inbound.password = REPLIES_WEBHOOK_AUTH.password;
	await postJson(`${urls.twilio}/__sandbox/twilio/settings`, { inboundUrl: inbound.toString() });
	return ids;
}
