import { randomUUID } from 'crypto';
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { careCreditBaseUrl } from '../../credentials/CareCreditApi.credentials';
import { hidePatientData, redact } from '../../financing';
import {
	failedWith,
	retryRead,
	sendOnce,
	writeOnce,
	type RawResponse,
	type RetryPolicy,
	type ServiceErrors,
} from '../shared/retry';

/**
 * The one place that knows how CareCredit is called: base URL (from the credential), the
 * Synchrony headers, the error body. Retries are the shared engine's (shared/retry.ts). Paths
 * are modeled (docs/carecredit-api.md).
 */
export const CARECREDIT_PATHS = {
	prefill: '/v1/carecredit/prefill',
	session: (sessionId: string) => `/v1/carecredit/sessions/${encodeURIComponent(sessionId)}`,
	lookup: '/v1/carecredit/lookup',
	quickScreen: '/v1/carecredit/quickscreen',
	purchase: '/v1/carecredit/transactions/purchase',
	refund: '/v1/carecredit/transactions/refund',
	transaction: (id: string) => `/v1/carecredit/transactions/${encodeURIComponent(id)}`,
	transactions: '/v1/carecredit/transactions',
	decisions: (merchantNumber: string) =>
		`/v1/carecredit/merchants/${encodeURIComponent(merchantNumber)}/decisions`,
};

export const CARECREDIT_RETRY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	// A longer Retry-After is shortened to this, so one item cannot hold a run for long.
	maxRetryAfterMs: 30_000,
	timeoutMs: 30_000,
};

type Context = IExecuteFunctions | IPollFunctions;

export interface CareCreditRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Safe to send twice: GETs, and writes carrying a partner transaction id. */
	idempotent?: boolean;
	itemIndex?: number;
}

/** Synchrony's error body (docs/financing-domain.md §2, "Conventions"). */
interface SyfErrorBody {
	code?: string;
	message?: string;
	trackingId?: string;
	transient?: boolean;
	errors?: Array<{ field?: string; location?: string; reason?: string }>;
	userMessage?: string;
}

const errorBody = (body: unknown): SyfErrorBody =>
	(body && typeof body === 'object' ? body : {}) as SyfErrorBody;

// A tax id or a date of birth has no business in an error.
const scrub = (text: string) => hidePatientData(text);

const HINTS: Record<number, string> = {
	401: 'CareCredit refused the access token even after a fresh one was requested: check the client ID and secret in the CareCredit credential.',
	404: 'CareCredit does not know this session, transaction, reference ID or account: check the ID mapped into this field.',
	422: 'CareCredit says this merchant is suspended for training: use another merchant number or call CareCredit.',
	429: 'CareCredit is rate limiting: the node retried and gave up; run it again later.',
	499: 'CareCredit says this merchant is closed: check the merchant number for this location.',
};

/** CareCredit's answer as an error a person can act on: its message, each field error, the hint. */
function apiError(ctx: Context, status: number, raw: unknown, itemIndex?: number): NodeApiError {
	const body = errorBody(raw);
	const fieldErrors = (body.errors ?? []).map((f) =>
		scrub(`${f.field ?? 'request'}: ${f.reason ?? 'is invalid'}`),
	);
	const headline = scrub(body.userMessage || body.message || `CareCredit answered ${status}`);
	const description = [
		fieldErrors.length ? 'Fix the fields named above in the node or the incoming item.' : '',
		HINTS[status] ??
			(status >= 500
				? 'CareCredit had a problem; the node retried and gave up. Run it again later.'
				: ''),
		body.trackingId ? `CareCredit tracking ID: ${body.trackingId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	// Only CareCredit's error body (masked) travels with the error: never the request or a stack.
	const details = redact({ ...body, errors: body.errors ?? [] }) as unknown as JsonObject;
	return new NodeApiError(ctx.getNode(), details, {
		message: fieldErrors.length ? `${headline} ${fieldErrors.join('; ')}` : headline,
		description,
		httpCode: String(status),
		itemIndex,
	});
}

const CARECREDIT: ServiceErrors<Context> = {
	name: 'CareCredit',
	unreachable:
		'The connection failed before an answer came: check the Base URL in the CareCredit credential and the network, then run it again.',
	apiError,
};

/** Synchrony marks an error it did not act on as `transient`: sending again cannot double anything. */
const notDone = (answer: RawResponse) => errorBody(answer.body).transient === true;

/**
 * One CareCredit call, a fresh tracking id per attempt. A read, or a write CareCredit
 * deduplicates by its partner transaction id, is retried (429, 5xx, no answer); any other write
 * is sent again only when CareCredit said it did nothing (429, a `transient` error). A 401 is
 * sent once more with a fresh token.
 */
export async function careCreditRequest<T = IDataObject>(
	ctx: Context,
	request: CareCreditRequest,
): Promise<T> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const send = async () =>
		await sendOnce(
			ctx,
			'careCreditApi',
			{
				method: request.method,
				url: `${careCreditBaseUrl(credentials)}${request.path}`,
				headers: {
					'X-SYF-Request-TrackingId': randomUUID(),
					...(credentials.partnerCode
						? { 'X-SYF-Request-partnerId': String(credentials.partnerCode) }
						: {}),
				},
				qs: request.qs,
				body: request.body,
				timeout: CARECREDIT_RETRY.timeoutMs,
			},
			{ refreshTokenField: 'accessToken' },
		);
	const failed = failedWith(ctx, CARECREDIT, request.itemIndex);
	if (request.method === 'GET' || request.idempotent)
		return await retryRead<T>(CARECREDIT_RETRY, send, failed);
	return (await writeOnce<T>(CARECREDIT_RETRY, send, null, { failed, notDone })).record;
}

/**
 * The write path's `send` for a write CareCredit deduplicates by its partner transaction id (a
 * purchase, a refund): sent again after a lost answer like a read, since a repeat charges nothing.
 */
export function deduplicatedWrite<T>(ctx: Context, itemIndex: number) {
	return async (request: { method: IHttpRequestMethods; path: string; body?: object }) => ({
		record: await careCreditRequest<T>(ctx, {
			method: request.method,
			path: request.path,
			body: request.body as IDataObject | undefined,
			idempotent: true,
			itemIndex,
		}),
		created: true,
	});
}
