import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

/** Attempts in all (the first included) and the bounds of the backoff between them. */
export interface RetryPolicy {
	attempts: number;
	/** Backoff before retry n (1-based): base × 2^(n-1), never above maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** A longer Retry-After is shortened to this (maxDelayMs when not given). */
	maxRetryAfterMs?: number;
}

/** How long to wait before retry `retry` (1-based): the server's Retry-After seconds, else backoff. */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfter: unknown): number {
	const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0)
		return Math.min(seconds * 1000, policy.maxRetryAfterMs ?? policy.maxDelayMs);
	return Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
}

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

export const isNoAnswer = (a: Attempt | undefined): a is NoAnswer =>
	(a as NoAnswer | undefined)?.noAnswer === true;

const isTransient = (status: number) => status === 429 || status >= 500;

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** One request whose every HTTP status comes back as an answer; only a missing answer is a NoAnswer. */
export async function sendOnce(
	ctx: Context,
	credentialType: string,
	options: IHttpRequestOptions,
): Promise<Attempt> {
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
			...options,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as RawResponse;
	} catch (error) {
		// With ignoreHttpStatusErrors only a missing answer throws; the caller decides on a retry.
		return { noAnswer: true, message: (error as Error).message ?? 'network error' };
	}
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
					{ message: last.message },
					{
						message: `${service.name} could not be reached: ${last.message}`,
						description: service.unreachable,
						itemIndex,
					},
				)
			: service.apiError(ctx, last?.statusCode ?? 0, last?.body, itemIndex);
}

async function waitBefore(policy: RetryPolicy, attempt: number, last: Attempt | undefined) {
	if (attempt > 0)
		await sleep(
			retryDelay(policy, attempt, isNoAnswer(last) ? undefined : last?.headers['retry-after']),
		);
}

/**
 * A read, or any call safe to repeat: retried on 429, 5xx and network failures with bounded
 * backoff; then `failed` names what went wrong.
 */
export async function retryRead<T = IDataObject>(
	policy: RetryPolicy,
	send: () => Promise<Attempt>,
	failed: Failed,
): Promise<T> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < policy.attempts; attempt++) {
		await waitBefore(policy, attempt, last);
		last = await send();
		if (isNoAnswer(last)) continue;
		if (last.statusCode < 300) return last.body as T;
		if (!isTransient(last.statusCode)) break;
	}
	throw failed(last);
}

export interface WriteOnceResult<T> {
	/** The record as the service holds it. */
	record: T;
	/** False when the record was found after a refusal: another execution wrote it. */
	created: boolean;
}

/**
 * A write that must happen at most once, for a service with no idempotency key: `findExisting`
 * looks the record up by its reference (the `[cc:...]` token or the CareCredit transaction id,
 * domain.md §7).
 * - 429 means nothing was done: wait and send again;
 * - `refusal` (the status a second writer racing on the same case gets) is looked up once: a
 *   record found then is another writer's (`created: false`); else `onRefusal`, or `failed`;
 * - every failure that may have committed (5xx, reset, timeout) goes through `findExisting`
 *   first, and only when the record is not there is the write sent again, so a fault after
 *   commit never doubles a write; a record found then is ours (`created: true`).
 */
export async function writeOnce<T>(
	policy: RetryPolicy,
	send: () => Promise<Attempt>,
	findExisting: () => Promise<T | null>,
	options: { refusal: number; onRefusal?: (body: unknown) => Error; failed: Failed },
): Promise<WriteOnceResult<T>> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < policy.attempts; attempt++) {
		await waitBefore(policy, attempt, last);
		last = await send();
		if (!isNoAnswer(last)) {
			if (last.statusCode < 300) return { record: last.body as T, created: true };
			if (last.statusCode === 429) continue;
			if (last.statusCode < 500) {
				if (last.statusCode !== options.refusal) throw options.failed(last);
				const found = await findExisting();
				if (found) return { record: found, created: false };
				throw options.onRefusal ? options.onRefusal(last.body) : options.failed(last);
			}
		}
		const found = await findExisting();
		if (found) return { record: found, created: true };
	}
	throw options.failed(last);
}
