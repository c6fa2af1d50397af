import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
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
import { pace, type OpenDentalContext } from './pacing';

/**
 * Open Dental transport: the public REST API (docs/opendental-api-notes.md §1) over the `openDentalApi`
 * credential. Booleans travel as "true"/"false" (§1.5), lists page 100 at a time with
 * Limit/Offset (§1.6), requests are paced to the throttle (§1.9, pacing.ts), errors (a JSON
 * string explanation, §1.7) become node errors a person can act on.
 */
export interface OpenDentalRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/payplans/Dynamic`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/**
 * Open Dental gives up on a request after 60 seconds (504, docs/opendental-api-notes.md §1.7):
 * the client waits a little longer, so a request it abandons is one Open Dental abandoned too.
 */
export const OPEN_DENTAL_RETRY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	timeoutMs: 65_000,
};
/** "chunks of up to 100 items at a time" (docs/opendental-api-notes.md §1.6). */
export const PAGE_SIZE = 100;

/** Open Dental wants "true"/"false" strings for booleans, in queries and bodies (§1.5). */
function wire(value: unknown): unknown {
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (Array.isArray(value)) return value.map(wire);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => [k, wire(v)]),
		);
	}
	return value;
}

async function send(ctx: OpenDentalContext, request: OpenDentalRequest): Promise<Attempt> {
	const credentials = await credentialOf<{ baseUrl: string; pacingMs?: number }>(
		ctx,
		'openDentalApi',
	);
	if (isNoAnswer(credentials)) return credentials;
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const free = await requestSlot(ctx);
	const answered = await pace(ctx, Number(credentials.pacingMs ?? 1000));
	try {
		stillInTime(ctx, OPEN_DENTAL_RETRY);
		return await sendOnce(ctx, 'openDentalApi', {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: wire(request.qs) as IDataObject | undefined,
			body: wire(request.body) as IDataObject | undefined,
			headers: { 'Content-Type': 'application/json' },
			timeout: OPEN_DENTAL_RETRY.timeoutMs,
			},
			{ credentials },
		);
	} finally {
		answered();
		free();
	}
}

/**
 * Open Dental's explanation: a JSON string, or whatever text came back (§1.7, not documented),
 * with anything that looks like a tax id or a date of birth hidden.
 */
export function explanation(body: unknown): string {
	if (typeof body === 'string') return hidePatientData(body.trim());
	if (body && typeof body === 'object') {
		const b = body as IDataObject;
		const text = b.message ?? b.Message ?? b.error;
		if (typeof text === 'string') return hidePatientData(text);
		return hidePatientData(JSON.stringify(redact(body)));
	}
	return '';
}

// What each general status means (docs/opendental-api-notes.md §1.7, quoted there from apiimplementation.html).
const HINTS: Record<number, string> = {
	400: "Open Dental refused the request: correct the fields it names. A 400 also comes when the office's eConnector is not running, when the office's Open Dental version is too old for this method (see docs/opendental.md), or on office network trouble.",
	401: 'Check the developer and customer keys of the Open Dental credential, and that the developer key has the API permission this operation needs (see docs/opendental.md).',
	404: 'Check the number: Open Dental has no such record (PatNum, TreatPlanNum, PayPlanNum).',
	410: 'This Open Dental method is deprecated.',
	504: 'Open Dental did not finish within its 60-second limit; run the workflow again later.',
};

export function apiError(
	ctx: OpenDentalContext,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const text = explanation(body);
	const hint =
		HINTS[statusCode] ??
		(statusCode === 429 || statusCode >= 500
			? 'Open Dental is busy or unavailable and the request was retried; run the workflow again later.'
			: 'Check the request and run again.');
	return new NodeApiError(
		ctx.getNode(),
		{ message: text, httpCode: String(statusCode) } as JsonObject,
		{
			message: `Open Dental answered ${statusCode}: ${text || 'the request failed'}`,
			description: hint,
			httpCode: String(statusCode),
			itemIndex,
		},
	);
}

const OPEN_DENTAL: ServiceErrors<OpenDentalContext> = {
	name: 'Open Dental',
	unreachable:
		"Check the Open Dental credential's base URL, and for the API Service or local API that the office server is on and reachable from n8n.",
	apiError,
};

/**
 * Reads shared within one execution (`shareInRun`): a patient and a treatment plan's procedures
 * read by one node (Treatment Plan: Get) are the same facts a later node of the same execution
 * checks before it writes (Financed Case: Write), seconds later. Such a read is answered from the
 * earlier one when both ran in the same execution of the same workflow against the same Open
 * Dental, at most `SHARE_IN_RUN_MS` apart; any other read goes to Open Dental. A Saved plan's
 * procedures are frozen copies (docs/opendental-api-notes.md §2.14); a patient's guarantor is the
 * one fact that could change in those seconds, as it could between any read and the write after it.
 */
const SHARE_IN_RUN_MS = 30_000;
const SHARE_IN_RUN_MAX = 2_000;
const sharedReads = new Map<string, { at: number; json: string }>();

async function sharedReadKey(
	ctx: OpenDentalContext,
	request: OpenDentalRequest,
): Promise<string | null> {
	if (request.method !== 'GET' || !('getExecutionId' in ctx)) return null;
	const execution = ctx.getExecutionId();
	if (!execution) return null;
	const credentials = await credentialOf<{ baseUrl: string }>(ctx, 'openDentalApi');
	// Not shared when the credential cannot be read now: the request itself will say why.
	if (isNoAnswer(credentials)) return null;
	const { baseUrl } = credentials;
	// 963 and "963" are the same query on the wire.
	const qs = Object.entries(request.qs ?? {})
		.map(([k, v]) => [k, String(v)])
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return JSON.stringify([ctx.getWorkflow().id, execution, baseUrl, request.path, qs]);
}

function rememberRead(key: string, value: unknown) {
	const now = Date.now();
	for (const [k, v] of sharedReads) {
		if (now - v.at < SHARE_IN_RUN_MS && sharedReads.size < SHARE_IN_RUN_MAX) break;
		sharedReads.delete(k);
	}
	sharedReads.set(key, { at: now, json: JSON.stringify(value) });
}

/**
 * A read, or any call safe to repeat (setting a link's amount, closing a plan): retried on 429,
 * 5xx and network failures with bounded backoff, then a NodeApiError. With `absent`, a 404 is
 * null: no such record (Open Dental's lists answer 404 for a patient it does not know). With
 * `shareInRun`, a GET shared with the same read earlier in the execution (above).
 */
export async function openDentalRequest<T = IDataObject>(
	ctx: OpenDentalContext,
	request: OpenDentalRequest,
	options: { itemIndex?: number; absent?: boolean; shareInRun?: boolean } = {},
): Promise<T> {
	const key = options.shareInRun ? await sharedReadKey(ctx, request) : null;
	const earlier = key === null ? undefined : sharedReads.get(key);
	if (earlier && Date.now() - earlier.at < SHARE_IN_RUN_MS) return JSON.parse(earlier.json) as T;
	const value = await retryRead<T>(
		withDeadline(ctx, OPEN_DENTAL_RETRY),
		async () => await send(ctx, request),
		failedWith(ctx, OPEN_DENTAL, options.itemIndex),
		options,
	);
	if (key !== null && value !== null) rememberRead(key, value);
	return value;
}

/**
 * Every row of a list, or the first `limit`: Limit/Offset pages of 100, the next page asked for
 * only when a page came back full (docs/opendental-api-notes.md §1.6).
 */
export async function openDentalList(
	ctx: OpenDentalContext,
	path: string,
	qs: IDataObject,
	options: { returnAll?: boolean; limit?: number; itemIndex?: number; shareInRun?: boolean } = {},
): Promise<IDataObject[]> {
	return (await listPages(ctx, path, qs, options, false))!;
}

/** `openDentalList`, or null when Open Dental answers 404 (e.g. no such patient). */
export async function openDentalListOrAbsent(
	ctx: OpenDentalContext,
	path: string,
	qs: IDataObject,
	options: { itemIndex?: number; shareInRun?: boolean } = {},
): Promise<IDataObject[] | null> {
	return await listPages(ctx, path, qs, options, true);
}

async function listPages(
	ctx: OpenDentalContext,
	path: string,
	qs: IDataObject,
	options: { returnAll?: boolean; limit?: number; itemIndex?: number; shareInRun?: boolean },
	absent: boolean,
): Promise<IDataObject[] | null> {
	const returnAll = options.returnAll ?? true;
	const limit = options.limit ?? 0;
	const out: IDataObject[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const page = await openDentalRequest<unknown>(
			ctx,
			{ method: 'GET', path, qs: { ...qs, ...(offset > 0 ? { Offset: offset } : {}) } },
			{ itemIndex: options.itemIndex, absent, shareInRun: options.shareInRun },
		);
		if (page === null) return null;
		const rows = Array.isArray(page) ? (page as IDataObject[]) : [];
		out.push(...rows);
		if (rows.length < PAGE_SIZE || (!returnAll && out.length >= limit)) break;
	}
	return returnAll ? out : out.slice(0, limit);
}

/**
 * A write that must happen at most once (shared/retry.ts `writeOnce`): Open Dental has no
 * idempotency key. A 400 is looked up once: a second writer racing on the same case can be
 * refused (the procedures are already on a plan) and then finds the first writer's record.
 */
export async function writeOnce<T>(
	ctx: IExecuteFunctions,
	write: { method: IHttpRequestMethods; path: string; body?: object },
	find: () => Promise<T | null>,
	options: { itemIndex: number },
): Promise<WriteOnceResult<T>> {
	const request: OpenDentalRequest = { ...write, body: write.body as IDataObject | undefined };
	return await sharedWriteOnce(
		withDeadline(ctx, OPEN_DENTAL_RETRY),
		async () => await send(ctx, request),
		find,
		{
			refusal: 400,
			failed: failedWith(ctx, OPEN_DENTAL, options.itemIndex),
		},
	);
}

/** First record of a patient's list that matches (every page: Open Dental has no text search). */
export async function findInList(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | null> {
	const rows = await openDentalList(ctx, path, qs, { itemIndex: i });
	return rows.find(matches) ?? null;
}
