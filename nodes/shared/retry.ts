import {
	NodeApiError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { hidePatientData } from '../../financing';
import { DeadlineReached, startOrStop } from './deadline';
import { oncePerRun } from './runCache';

/**
 * The one transport engine of CareCredit, Dentrix and Open Dental. Every status comes back as an
 * answer (n8n's `ignoreHttpStatusErrors`), so no error object of n8n-core is ever read:
 * - a read (or a write the service itself deduplicates) is retried on 429, 5xx and no answer;
 * - a write without such a key goes through `writeOnce`: sent again only when the service said
 *   nothing was done (429), or after the record it would create was looked up and not found;
 * - a 4xx other than 429 is an answer about the data (or the credential): never sent again.
 */
export interface RetryPolicy {
	/** Attempts in all, the first included. */
	attempts: number;
	/** Backoff before retry n (1-based): base × 2^(n-1), never above maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** A longer Retry-After is shortened to this (maxDelayMs when not given). */
	maxRetryAfterMs?: number;
	/** The client timeout of every request: the longest one attempt can take. */
	timeoutMs: number;
	/**
	 * The case claim's deadline (epoch ms, shared/claim.ts): no attempt starts unless it can end,
	 * timeout included, by then; a wait that would pass it ends the call with `DeadlineReached`.
	 */
	deadlineAt?: number;
}

/** How long to wait before retry `retry` (1-based): the server's Retry-After seconds, else backoff. */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfter: unknown): number {
	const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0)
		return Math.min(seconds * 1000, policy.maxRetryAfterMs ?? policy.maxDelayMs);
	return Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
}

const longestWait = (p: RetryPolicy) => Math.max(p.maxDelayMs, p.maxRetryAfterMs ?? 0);

/** The worst case of one read: every attempt runs to the timeout, with the longest wait between. */
export const maxReadMs = (p: RetryPolicy): number =>
	p.attempts * p.timeoutMs + (p.attempts - 1) * longestWait(p);

/**
 * The worst case of one `writeOnce` call (`maxWriteMs`): every attempt runs to the timeout and is
 * followed by the lookup of its record, itself a read at its worst, with the longest wait between
 * attempts. A service that paces its requests adds its spacing per request.
 */
export const maxWriteMs = (p: RetryPolicy): number =>
	p.attempts * (p.timeoutMs + maxReadMs(p)) + (p.attempts - 1) * longestWait(p);

export interface RawResponse {
	statusCode: number;
	headers: Record<string, string | undefined>;
	body: unknown;
}

/** No HTTP answer came back (reset, timeout, refused): the request may or may not have landed. */
export interface NoAnswer {
	noAnswer: true;
	message: string;
}

export type Attempt = RawResponse | NoAnswer;

export const isNoAnswer = (a: unknown): a is NoAnswer =>
	(a as NoAnswer | undefined)?.noAnswer === true;

/** A 4xx other than 429: the service judged the data (or the credential). Never sent again. */
export const isBadData = (status: number) => status >= 400 && status < 500 && status !== 429;

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface SendOptions {
	/**
	 * The hidden, expirable field of a credential whose token the service can refuse with 401
	 * (CareCredit's `accessToken`): such a 401 is sent once more with the token emptied, which
	 * makes n8n fetch and save a fresh one first. n8n refreshes on its own only after a 401 it
	 * caught itself, which it never sees here since every status comes back as an answer.
	 */
	refreshTokenField?: string;
	/** The credential as `credentialOf` read it for this run: n8n does not read it again. */
	credentials?: object;
}

/**
 * The credential a request is built from (its address, its pacing), read once per node run and
 * handed to n8n with each request (`SendOptions.credentials`): n8n otherwise reads and decrypts it
 * from its database for every request. When that read fails (a database that did not answer in
 * time, as during a restart of PostgreSQL in queue mode) nothing was sent, and the request is tried
 * again like one that got no answer (a write is looked up first, as always), not given up at once;
 * a failed read is not kept.
 */
export async function credentialOf<T extends object>(
	ctx: Context,
	type: string,
): Promise<T | NoAnswer> {
	try {
		return await oncePerRun(
			ctx,
			`credential ${type}`,
			async () => await ctx.getCredentials<T>(type),
		);
	} catch (error) {
		const why = (error as Error | undefined)?.message ?? 'unknown error';
		return { noAnswer: true, message: `n8n could not read the credential (${why})` };
	}
}

/** One request whose every HTTP status comes back as an answer; only a missing answer is a NoAnswer. */
export async function sendOnce(
	ctx: Context,
	credentialType: string,
	options: IHttpRequestOptions,
	send: SendOptions = {},
): Promise<Attempt> {
	const request: IHttpRequestOptions = {
		...options,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const stored = ctx.getNode().credentials?.[credentialType];
		const answer = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			credentialType,
			request,
			send.credentials && stored
				? {
						credentialsDecrypted: {
							id: stored.id ?? '',
							name: stored.name,
							type: credentialType,
							data: { ...send.credentials } as ICredentialDataDecryptedObject,
						},
					}
				: undefined,
		)) as RawResponse;
		if (answer.statusCode !== 401 || !send.refreshTokenField) return answer;
		return await withFreshToken(ctx, credentialType, request, send.refreshTokenField, answer);
	} catch (error) {
		// With ignoreHttpStatusErrors only a missing answer throws; the caller decides on a retry.
		return { noAnswer: true, message: (error as Error).message ?? 'network error' };
	}
}

async function withFreshToken(
	ctx: Context,
	credentialType: string,
	request: IHttpRequestOptions,
	tokenField: string,
	refused: RawResponse,
): Promise<RawResponse> {
	const stored = ctx.getNode().credentials?.[credentialType];
	if (!stored) return refused;
	const data = await ctx.getCredentials(credentialType);
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, request, {
		credentialsDecrypted: {
			id: stored.id ?? '',
			name: stored.name,
			type: credentialType,
			data: { ...data, [tokenField]: '' },
		},
	})) as RawResponse;
}

/** How a service turns the last attempt into its own node error. */
export type Failed = (last: Attempt | undefined) => Error;

/** What a service says when its requests fail: its name, what to check when it cannot be reached, its error body. */
export interface ServiceErrors<C extends Context> {
	name: string;
	unreachable: string;
	apiError: (ctx: C, statusCode: number, body: unknown, itemIndex?: number) => Error;
}

/** The last attempt as a node error: no answer at all, or the service's own error. */
export function failedWith<C extends Context>(
	ctx: C,
	service: ServiceErrors<C>,
	itemIndex?: number,
): Failed {
	return (last) =>
		isNoAnswer(last)
			? new NodeApiError(
					ctx.getNode(),
					{ message: hidePatientData(last.message) },
					{
						message: `${service.name} could not be reached: ${hidePatientData(last.message)}`,
						description: service.unreachable,
						itemIndex,
					},
				)
			: service.apiError(ctx, last?.statusCode ?? 0, last?.body, itemIndex);
}

async function waitBefore(
	policy: RetryPolicy,
	attempt: number,
	last: Attempt | undefined,
	mayHaveLanded = false,
) {
	const wait =
		attempt > 0
			? retryDelay(policy, attempt, isNoAnswer(last) ? undefined : last?.headers['retry-after'])
			: 0;
	startOrStop(policy, wait, mayHaveLanded);
	if (wait > 0) await sleep(wait);
}

/**
 * A read, or any call safe to repeat (a PUT that sets a value, a write the service deduplicates by
 * a key): retried on 429, 5xx and no answer with bounded backoff; then `failed` names what went
 * wrong. A bad-data answer ends it at once. With `absent`, a 404 means "no such record": null.
 */
export async function retryRead<T = unknown>(
	policy: RetryPolicy,
	send: () => Promise<Attempt>,
	failed: Failed,
	options: { absent?: boolean } = {},
): Promise<T> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < policy.attempts; attempt++) {
		await waitBefore(policy, attempt, last);
		last = await send();
		if (isNoAnswer(last)) continue;
		if (last.statusCode < 300) return last.body as T;
		if (last.statusCode === 404 && options.absent) return null as T;
		if (last.statusCode < 400 || isBadData(last.statusCode)) break;
	}
	throw failed(last);
}

export interface WriteOnceResult<T> {
	/** The record as the service holds it. */
	record: T;
	/** False when the record was found after a refusal: another execution wrote it. */
	created: boolean;
}

export interface WriteOnceOptions {
	/** The status a second writer racing on the same record gets: looked up once. */
	refusal?: number;
	onRefusal?: (body: unknown) => Error;
	failed: Failed;
	/** An answer in which the service says it did nothing (CareCredit's `transient` 5xx). */
	notDone?: (answer: RawResponse) => boolean;
}

/** The lookup after a write that may have committed: a deadline reached there leaves it unknown. */
async function lookUpAfter<T>(find: () => Promise<T | null>): Promise<T | null> {
	return await find().catch(async (error: unknown) => {
		return await Promise.reject(
			error instanceof DeadlineReached ? new DeadlineReached(true) : error,
		);
	});
}

/**
 * A write that must happen at most once, for a service with no idempotency key: `find` looks the
 * record up by its reference (the `[cc:...]` token or the CareCredit transaction id).
 * - 429 (or an answer the service marks as not done) means nothing was done: wait and send again;
 * - `refusal` is looked up once: a record found then is another writer's (`created: false`);
 * - every other 4xx is an answer about the data: never sent again;
 * - a failure that may have committed (5xx, no answer) is looked up first, and the write is sent
 *   again only when the record is not there (a record found then is ours); without `find` it is
 *   not sent again at all.
 */
export async function writeOnce<T>(
	policy: RetryPolicy,
	send: () => Promise<Attempt>,
	find: (() => Promise<T | null>) | null,
	options: WriteOnceOptions,
): Promise<WriteOnceResult<T>> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < policy.attempts; attempt++) {
		await waitBefore(policy, attempt, last);
		last = await send();
		if (!isNoAnswer(last)) {
			if (last.statusCode < 300) return { record: last.body as T, created: true };
			if (last.statusCode === 429 || options.notDone?.(last)) continue;
			if (last.statusCode < 500) {
				if (last.statusCode !== options.refusal || !find) throw options.failed(last);
				const found = await find();
				if (found) return { record: found, created: false };
				throw options.onRefusal ? options.onRefusal(last.body) : options.failed(last);
			}
		}
		if (!find) throw options.failed(last);
		const found = await lookUpAfter(find);
		if (found) return { record: found, created: true };
	}
	throw options.failed(last);
}
