import { sleep, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fail, ok, problem, type Problem, type Result } from '../../financing';
import { practiceWords, resolvedMessage } from './financedCase';

/**
 * The messages of a financed case sent by Financed Case: Write itself, while it holds the case's
 * claim and before the claim becomes the audit note (docs/writers.md, "Messages under the claim").
 * A run stopped after the records and before the audit note leaves its claim: the run that takes
 * the case over sends them then. So a stop never loses the coordinator message; only a stop in the
 * instant between the message and the audit note sends it twice. A chat webhook has no
 * idempotency key: one that keeps a message and then fails is sent it again by the retry.
 */
export const messagesField: INodeProperties = {
	displayName: 'Messages',
	name: 'messages',
	type: 'collection',
	placeholder: 'Add Message Address',
	default: {},
	description:
		'Where this node posts the case\'s messages ({"text": ...}) while it holds the case, before the audit note: a run stopped in between is taken over and the message sent then. Leave empty to send `message` and `resolvedMessage` yourself.',
	options: [
		{
			displayName: 'Coordinator Webhook URL',
			name: 'coordinatorWebhookUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://hooks.slack.com/services/...',
			description: "The coordinator message (`message`), e.g. the location's channel",
		},
		{
			displayName: 'Review Webhook URL',
			name: 'reviewWebhookUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://hooks.slack.com/services/...',
			description:
				'The "resolved" message (`resolvedMessage`) when the case had been held for review',
		},
	],
};

export interface MessageAddresses {
	coordinator: string;
	review: string;
}

/** The addresses given, checked before anything is written (an http or https URL each). */
export function messageAddresses(ctx: IExecuteFunctions, i: number): Result<MessageAddresses> {
	const given = (ctx.getNodeParameter('messages', i, {}) ?? {}) as Record<string, unknown>;
	const problems: Problem[] = [];
	const address = (name: string): string => {
		const value = typeof given[name] === 'string' ? (given[name] as string).trim() : '';
		if (value === '') return '';
		let url: URL | null = null;
		try {
			url = new URL(value);
		} catch {
			url = null;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) {
			problems.push(
				problem(
					`messages.${name}`,
					'invalidUrl',
					'is not a web address: give the full http(s) URL of the chat webhook, or leave it empty',
				),
			);
			return '';
		}
		return value;
	};
	const addresses = {
		coordinator: address('coordinatorWebhookUrl'),
		review: address('reviewWebhookUrl'),
	};
	return problems.length ? fail(...problems) : ok(addresses);
}

const TRIES = 5;
const GAP_MS = 2000;
const TIMEOUT_MS = 10_000;

/**
 * Posts `{text}` to a chat webhook: up to 5 tries, 2 seconds apart, none started that could end
 * after `deadlineAt` (the claim's). True when the webhook answered with success.
 */
export async function tell(
	ctx: IExecuteFunctions,
	url: string,
	text: string,
	deadlineAt: number,
): Promise<boolean> {
	if (url === '' || text === '') return false;
	for (let attempt = 1; attempt <= TRIES; attempt++) {
		if (Date.now() + TIMEOUT_MS > deadlineAt) return false;
		try {
			await ctx.helpers.httpRequest({
				method: 'POST',
				url,
				body: { text },
				json: true,
				timeout: TIMEOUT_MS,
			});
			return true;
		} catch {
			if (attempt < TRIES) await sleep(GAP_MS);
		}
	}
	return false;
}

/**
 * The case's messages, sent by the run that is about to write the audit note: the coordinator
 * message, and the "resolved" one when the case had been held for review. For the output:
 * `coordinatorTold`, `reviewTold` (false where no address was given, or the webhook failed).
 */
export async function tellCase(
	ctx: IExecuteFunctions,
	addresses: MessageAddresses,
	o: { message: string; patientName: unknown; resolved: boolean; deadlineAt: number },
): Promise<{ coordinatorTold: boolean; reviewTold: boolean }> {
	const coordinatorTold = await tell(
		ctx,
		addresses.coordinator,
		practiceWords(o.message),
		o.deadlineAt,
	);
	const reviewTold = o.resolved
		? await tell(ctx, addresses.review, resolvedMessage(o.patientName), o.deadlineAt)
		: false;
	return { coordinatorTold, reviewTold };
}
