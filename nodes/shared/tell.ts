import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fail, hidePatientData, ok, problem, type Problem, type Result } from '../../financing';
import { practiceWords, resolvedMessage } from './financedCase';
import { itemParameter } from './itemParameter';

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

/** An http or https URL. */
export function isWebAddress(value: string): boolean {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/** The addresses given, checked before anything is written (an http or https URL each). */
export function messageAddresses(ctx: IExecuteFunctions, i: number): Result<MessageAddresses> {
	const given = (itemParameter(ctx, 'messages', i, {}) ?? {}) as Record<string, unknown>;
	const problems: Problem[] = [];
	const address = (name: string): string => {
		const value = typeof given[name] === 'string' ? (given[name] as string).trim() : '';
		if (value === '') return '';
		if (!isWebAddress(value)) {
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

export const TRIES = 5;
export const GAP_MS = 2000;
const TIMEOUT_MS = 10_000;

export interface Posted {
	posted: boolean;
	/** The tries made (0 when none could start before the deadline). */
	tries: number;
	/** Why the last try failed, patient data hidden. */
	lastError?: string;
}

/**
 * Posts `body` (`{text, ...}`) to a chat or messaging webhook: up to `tries` tries, `gapMs` apart,
 * none started that could end after `deadlineAt`. Only the failed post is tried again.
 */
export async function post(
	ctx: IExecuteFunctions,
	url: string,
	body: IDataObject,
	o: { tries?: number; gapMs?: number; deadlineAt?: number } = {},
): Promise<Posted> {
	const { tries = TRIES, gapMs = GAP_MS, deadlineAt = Infinity } = o;
	let lastError: string | undefined;
	for (let attempt = 1; attempt <= tries; attempt++) {
		if (Date.now() + TIMEOUT_MS > deadlineAt)
			return { posted: false, tries: attempt - 1, lastError };
		try {
			await ctx.helpers.httpRequest({ method: 'POST', url, body, json: true, timeout: TIMEOUT_MS });
			return { posted: true, tries: attempt };
		} catch (error) {
			lastError = failure(error);
			if (attempt < tries) await sleep(gapMs);
		}
	}
	return { posted: false, tries, lastError };
}

/** A failed post in a few words: the status or the network error, and the answer's start. */
function failure(error: unknown): string {
	const e = error as {
		response?: { status?: unknown };
		status?: unknown;
		code?: unknown;
		message?: unknown;
	};
	const status = e.response?.status ?? e.status;
	const why =
		typeof status === 'number'
			? `answered ${status}`
			: typeof e.code === 'string'
				? e.code
				: 'failed';
	const message = typeof e.message === 'string' ? hidePatientData(e.message).slice(0, 200) : '';
	return message ? `${why}: ${message}` : why;
}

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
	return (await post(ctx, url, { text }, { deadlineAt })).posted;
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
