import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { redact } from '../../financing';

/**
 * Dentrix transport: the modeled REST contract of docs/dentrix-api.md (Dentrix's own APIs are
 * partner-gated, domain.md §3). Base URL and bearer key come from the `dentrixApi` credential.
 * Reads retry on 429, 5xx and network failures; writes never retry blindly (see `writeOnce`).
 */
export type DentrixContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface DentrixRequest {
	method: IHttpRequestMethods;
	/** Path under `{baseUrl}/v1`, e.g. `/patients/pat_1001`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, string | undefined>;
	body: unknown;
}

// Every path of the contract starts with /v1 (docs/dentrix-api.md, "Base URL").
const API_PREFIX = '/v1';
const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 4000;
const TIMEOUT_MS = 30_000;

/** No HTTP answer came back (reset, timeout, refused): the request may or may not have landed. */
interface NoAnswer {
	noAnswer: true;
	message: string;
}

type Attempt = RawResponse | NoAnswer;

const isNoAnswer = (a: Attempt | undefined): a is NoAnswer =>
	(a as NoAnswer | undefined)?.noAnswer === true;

function backoff(attempt: number, retryAfter: string | undefined): number {
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DELAY_MS);
	return Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
}

async function send(this: DentrixContext, request: DentrixRequest): Promise<Attempt> {
	const credentials = await this.getCredentials<{ baseUrl: string }>('dentrixApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(this, 'dentrixApi', {
			method: request.method,
			url: `${baseUrl}${API_PREFIX}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			timeout: TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as RawResponse;
	} catch (error) {
		// With ignoreHttpStatusErrors only a missing answer throws; the caller decides on a retry.
		return { noAnswer: true, message: (error as Error).message ?? 'network error' };
	}
}

const isTransient = (status: number) => status === 429 || status >= 500;

/** The contract's error body (docs/dentrix-api.md, "Errors"). */
export interface ContractError {
	code?: string;
	message?: string;
	existingAgreementId?: string;
	fields?: Array<{ field?: string; code?: string; message?: string }>;
}

export function contractError(body: unknown): ContractError {
	const error = (body as { error?: ContractError } | null)?.error;
	return typeof error === 'object' && error !== null ? error : {};
}

/** The contract's error as a message a person can act on, every failing field named. */
export function apiError(
	ctx: DentrixContext,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const error = contractError(body);
	const fields = (error.fields ?? []).map((f) =>
		f.field ? `${f.field}: ${f.message ?? f.code ?? 'invalid'}` : (f.message ?? ''),
	);
	const hint =
		statusCode === 401 || statusCode === 403
			? 'Check the API key of the Dentrix credential.'
			: statusCode === 404
				? "Check the id: Dentrix has no such record (for an account, use the guarantor's patient id)."
				: statusCode === 429 || statusCode >= 500
					? 'Dentrix is busy or unavailable and the request was retried; run the workflow again later.'
					: 'Correct the fields named above and run again.';
	return new NodeApiError(ctx.getNode(), redact(error) as JsonObject, {
		message: `Dentrix answered ${statusCode}${error.code ? ` (${error.code})` : ''}: ${error.message ?? 'the request failed'}`,
		description: [...fields.filter((f) => f !== ''), hint].join('\n'),
		httpCode: String(statusCode),
		itemIndex,
	});
}

function networkError(ctx: DentrixContext, failure: NoAnswer, itemIndex?: number) {
	return new NodeApiError(
		ctx.getNode(),
		{ message: failure.message },
		{
			message: `Dentrix could not be reached: ${failure.message}`,
			description: "Check the Dentrix credential's base URL and that the Dentrix API is running.",
			itemIndex,
		},
	);
}

/**
 * A read (or any call safe to repeat): retried on 429, 5xx and network failures with bounded
 * backoff, then a NodeApiError naming what to do.
 */
export async function dentrixRead<T = IDataObject>(
	this: DentrixContext,
	request: DentrixRequest,
	options: { itemIndex?: number } = {},
): Promise<T> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		if (attempt > 0)
			await sleep(
				backoff(attempt - 1, isNoAnswer(last) ? undefined : last?.headers['retry-after']),
			);
		last = await send.call(this, request);
		if (isNoAnswer(last)) continue;
		if (last.statusCode < 300) return last.body as T;
		if (!isTransient(last.statusCode)) break;
	}
	if (isNoAnswer(last)) throw networkError(this, last, options.itemIndex);
	throw apiError(this, last?.statusCode ?? 0, last?.body, options.itemIndex);
}

export interface WriteOutcome<T> {
	/** The record as Dentrix holds it. */
	record: T;
	/** False when someone else's write was found after a 409. */
	created: boolean;
}

/**
 * A write that must happen at most once. `findExisting` looks the record up by its reference
 * (the `[cc:...]` token or the CareCredit transaction id, domain.md §7):
 * - 429 means Dentrix refused before doing anything: wait and send again;
 * - 409 (the account already holds one) and every failure that may have committed (5xx,
 *   reset, timeout) go through `findExisting` first; only when the record is not there is the
 *   write sent again, so a fault after commit never doubles a write.
 * A record found after a 409 is another writer's (`created: false`); one found after a
 * failure of our own request is ours (`created: true`).
 */
export async function writeOnce<T>(
	this: IExecuteFunctions,
	request: DentrixRequest,
	findExisting: () => Promise<T | null>,
	options: { itemIndex: number; onConflict: (body: unknown) => NodeApiError | NodeOperationError },
): Promise<WriteOutcome<T>> {
	let last: Attempt | undefined;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		if (attempt > 0)
			await sleep(
				backoff(attempt - 1, isNoAnswer(last) ? undefined : last?.headers['retry-after']),
			);
		last = await send.call(this, request);
		if (!isNoAnswer(last)) {
			if (last.statusCode < 300) return { record: last.body as T, created: true };
			if (last.statusCode === 429) continue;
			if (last.statusCode === 409) {
				const found = await findExisting();
				if (found) return { record: found, created: false };
				throw options.onConflict(last.body);
			}
			if (last.statusCode < 500)
				throw apiError(this, last.statusCode, last.body, options.itemIndex);
		}
		const found = await findExisting();
		if (found) return { record: found, created: true };
	}
	if (isNoAnswer(last)) throw networkError(this, last, options.itemIndex);
	throw apiError(this, last?.statusCode ?? 0, last?.body, options.itemIndex);
}

/**
 * A list endpoint (`{items, total, limit, offset}`, docs/dentrix-api.md "Paging"): every page
 * with `returnAll`, else the first `limit` items.
 */
export async function dentrixList(
	this: DentrixContext,
	path: string,
	qs: IDataObject,
	options: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const pageSize = 200;
	const out: IDataObject[] = [];
	for (let offset = 0; ; offset += pageSize) {
		const want = options.returnAll ? pageSize : Math.min(pageSize, options.limit - out.length);
		const page = await dentrixRead.call<
			DentrixContext,
			[DentrixRequest, { itemIndex?: number }],
			Promise<{ items?: IDataObject[]; total?: number }>
		>(
			this,
			{ method: 'GET', path, qs: { ...qs, limit: want, offset } },
			{ itemIndex: options.itemIndex },
		);
		const items = page.items ?? [];
		out.push(...items);
		const done = items.length < want || out.length >= (page.total ?? 0);
		if (done || (!options.returnAll && out.length >= options.limit)) break;
	}
	return out;
}
