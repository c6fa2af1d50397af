// The sandbox's message channels: e-mail received by the loopback SMTP server, and text messages
// through the Twilio Messages API stand-in (docs/sandbox.md, "Channels").

export interface MailMessage {
	id: number;
	/** When the SMTP server accepted it, from the sandbox clock. */
	at: string;
	envelope: { from: string; to: string[] };
	from: string;
	to: string[];
	cc: string[];
	subject: string;
	text: string;
	html: string | null;
	messageId: string;
	attachments: Array<{ filename: string; contentType: string; size: number }>;
	/** The user name the client authenticated with, or null. */
	user: string | null;
}

export interface SmsMessage {
	sid: string;
	accountSid: string;
	direction: 'outbound-api' | 'inbound';
	from: string;
	to: string;
	body: string;
	status: 'queued' | 'delivered' | 'received';
	messagingServiceSid: string | null;
	numSegments: number;
	createdAt: string;
	sentAt: string | null;
	/** Inbound replies: where the webhook was posted and what it answered. */
	webhook?: { url: string; status: number | null; error: string | null };
}

export interface OptOut {
	/** The patient's number (E.164) and the practice number it stopped. */
	phone: string;
	practiceNumber: string;
	keyword: string;
	at: string;
	/** Set when the patient texted START (or another opt-in keyword) later. */
	optedBackInAt: string | null;
}

export interface TwilioState {
	accounts: Array<{ accountSid: string; authToken: string }>;
	/** The practice's SMS-capable numbers (valid `From` values). */
	phoneNumbers: string[];
	messagingServices: string[];
	messages: SmsMessage[];
	optOuts: OptOut[];
	settings: {
		/** The practice's inbound-message webhook: where replies are posted. */
		inboundUrl: string | null;
		/** Patient number -> the reply sent automatically right after a message reaches it. */
		autoReplies: Record<string, string>;
	};
}
