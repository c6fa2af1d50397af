// The sandbox's Twilio account: one account, two practice numbers (one per location).
import type { TwilioState } from './types';

export const TWILIO_ACCOUNT = {
	accountSid: 'AC00000000000000000000000000000001',
	authToken: 'sandbox-twilio-token',
	/** Downtown and Lakeside, fictional 555-01xx numbers. */
	phoneNumbers: ['+12175550100', '+12175550190'],
	messagingServiceSid: 'MG00000000000000000000000000000001',
};

export const seedTwilio = (): TwilioState => ({
	accounts: [{ accountSid: TWILIO_ACCOUNT.accountSid, authToken: TWILIO_ACCOUNT.authToken }],
	phoneNumbers: [...TWILIO_ACCOUNT.phoneNumbers],
	messagingServices: [TWILIO_ACCOUNT.messagingServiceSid],
	messages: [],
	optOuts: [],
	settings: { inboundUrl: null, autoReplies: {} },
});
