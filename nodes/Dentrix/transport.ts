import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { hidePatientData, redact } from '../../financing';
import { requestSlot } from '../shared/runCache';
import {
	credentialOf,
	failedWith,
	isNoAnswer,
	retryRead,
	sendOnce,
	writeOnce as sharedWriteOnce,
	type Attempt,
	type RetryPolicy,
	type ServiceErrors,
	type WriteOnceResult,
} from '../shared/retry';
import { stillInTime, withDeadline } from '../shared/deadline';

/**
 * Dentrix transport: the modeled REST contract of docs/dentrix-api.md (Dentrix's own APIs are
 * partner-gated, docs/financing-domain.md §3). Base URL and bearer key come from the `dentrixApi` credential.
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

// Every path of the contract starts with /v1 (docs/dentrix-api.md, "Base URL").
const API_PREFIX = '/v1';

/** A request's path as it goes out (what test mode shows). */
export const sentPath = (path: string) => `${API_PREFIX}${path}`;
export const DENTRIX_RETRY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 250,
	maxDelayMs: 4000,
	timeoutMs: 30_000,
};

async function send(ctx: DentrixContext, request: DentrixRequest): Promise<Attempt> {
	const credentials = await credentialOf<{ baseUrl: string }>(ctx, 'dentrixApi');
	if (isNoAnswer(credentials)) return credentials;
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const free = await requestSlot(ctx);
	try {
		stillInTime(ctx, DENTRIX_RETRY);
		return await sendOnce(ctx, 'dentrixApi', {
			method: request.method,
			url: `${baseUrl}${API_PREFIX}${request.path}`,
			qs: request.qs,
			body: request.body,
			timeout: DENTRIX_RETRY.timeoutMs,
			},
			{ credentials },
		);
	} finally {
		free();
	}
}

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
	// Dentrix's words, with anything that looks like a tax id or a date of birth hidden.
	const fields = (error.fields ?? []).map((f) =>
		hidePatientData(
			f.field ? `${f.field}: ${f.message ?? f.code ?? 'invalid'}` : (f.message ?? ''),
		),
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
		message: `Dentrix answered ${statusCode}${error.code ? ` (${error.code})` : ''}: ${hidePatientData(error.message ?? 'the request failed')}`,
		description: [...fields.filter((f) => f !== ''), hint].join('\n'),
		httpCode: String(statusCode),
		itemIndex,
	});
}

const DENTRIX: ServiceErrors<DentrixContext> = {
	name: 'Dentrix',
	unreachable: "Check the Dentrix credential's base URL and that the Dentrix API is running.",
	apiError,
};

/**
 * A read (or any call safe to repeat): retried on 429, 5xx and network failures with bounded
 * backoff, then a NodeApiError naming what to do. With `absent`, a 404 is null: no such record.
 */
export async function dentrixRead<T = IDataObject>(
	ctx: DentrixContext,
	request: DentrixRequest,
	options: { itemIndex?: number; absent?: boolean } = {},
): Promise<T> {
	return await retryRead<T>(
		withDeadline(ctx, DENTRIX_RETRY),
		async () => await send(ctx, request),
		failedWith(ctx, DENTRIX, options.itemIndex),
		options,
	);
}

/**
 * A write that must happen at most once (shared/retry.ts `writeOnce`). A 409 means the account
 * already holds one: a record carrying the reference is another writer's, else `onConflict`.
 */
export async function writeOnce<T>(
	ctx: IExecuteFunctions,
	write: { method: IHttpRequestMethods; path: string; body?: object },
	find: () => Promise<T | null>,
	options: { itemIndex: number; onConflict?: (body: unknown) => Error },
): Promise<WriteOnceResult<T>> {
	const request: DentrixRequest = { ...write, body: write.body as IDataObject | undefined };
	const onConflict =
		options.onConflict ??
		((body: unknown) =>
			new NodeOperationError(
				ctx.getNode(),
				`Dentrix refused the write: ${contractError(body).message ?? 'conflict'}`,
				{ itemIndex: options.itemIndex },
			));
	return await sharedWriteOnce(
		withDeadline(ctx, DENTRIX_RETRY),
		async () => await send(ctx, request),
		find,
		{
			refusal: 409,
			onRefusal: onConflict,
			failed: failedWith(ctx, DENTRIX, options.itemIndex),
		},
	);
}

/** One page (200) of an account's list. */
export async function listOnAccount(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const page = await dentrixRead<{ items?: IDataObject[] }>(
		ctx,
		{ method: 'GET', path, qs: { ...qs, limit: 200 } },
		{ itemIndex: i },
	);
	return page.items ?? [];
}

/** The first record of an account's list (one page of 200) that `matches`, e.g. by reference. */
export async function findOnAccount(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | null> {
	return (await listOnAccount(ctx, i, path, qs)).find(matches) ?? null;
}

/**
 * A list endpoint (`{items, total, limit, offset}`, docs/dentrix-api.md "Paging"): every page
 * with `returnAll`, else the first `limit` items.
 */
export async function dentrixList(
	ctx: DentrixContext,
	path: string,
	qs: IDataObject,
	options: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const pageSize = 200;
	const out: IDataObject[] = [];
	for (let offset = 0; ; offset += pageSize) {
		const want = options.returnAll ? pageSize : Math.min(pageSize, options.limit - out.length);
		const page = await dentrixRead<{ items?: IDataObject[]; total?: number }>(
			ctx,
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
