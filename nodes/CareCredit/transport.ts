import { randomUUID } from 'crypto';
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { careCreditBaseUrl } from '../../credentials/CareCreditApi.credentials';
import { redact } from '../../financing';
import { retryDelay, type RetryPolicy } from '../shared/retry';

/**
 * The one place that knows how CareCredit is called: base URL (from the credential), the
 * Synchrony headers, the error body, and retries. Paths are modeled (docs/carecredit-api.md).
 */
export const CARECREDIT_PATHS = {
	prefill: '/v1/carecredit/prefill',
	session: (sessionId: string) => `/v1/carecredit/sessions/${encodeURIComponent(sessionId)}`,
	lookup: '/v1/carecredit/lookup',
	quickScreen: '/v1/carecredit/quickscreen',
	purchase: '/v1/carecredit/transactions/purchase',
	refund: '/v1/carecredit/transactions/refund',
	transaction: (id: string) => `/v1/carecredit/transactions/${encodeURIComponent(id)}`,
	decisions: (merchantNumber: string) =>
		`/v1/carecredit/merchants/${encodeURIComponent(merchantNumber)}/decisions`,
};

export const RETRY: RetryPolicy & { timeoutMs: number } = {
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

/** Synchrony's error body (domain.md §2, "Conventions"). */
interface SyfErrorBody {
	code?: string;
	message?: string;
	trackingId?: string;
	transient?: boolean;
	errors?: Array<{ field?: string; location?: string; reason?: string }>;
	userMessage?: string;
}

interface Failure {
	status: number | null;
	body: SyfErrorBody;
	/** The Retry-After header as it came (seconds), if any. */
	retryAfter: unknown;
	networkCode: string | null;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

// n8n-core wraps the HTTP library's error in a NodeApiError; its cause keeps the response.
function describeFailure(error: unknown): Failure {
	const e = error as {
		httpCode?: string | null;
		code?: string;
		cause?: {
			code?: string;
			status?: number;
			response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
		};
		context?: { data?: unknown };
	};
	const response = e.cause?.response;
	const status = response?.status ?? (e.httpCode ? Number(e.httpCode) : null);
	const data = response?.data ?? e.context?.data;
	const body = (data && typeof data === 'object' ? data : {}) as SyfErrorBody;
	const code = e.cause?.code ?? e.code ?? null;
	return {
		status: status && Number.isFinite(status) ? status : null,
		body,
		retryAfter: response?.headers?.['retry-after'],
		networkCode: status ? null : code && NETWORK_CODES.has(code) ? code : null,
	};
}

function shouldRetry(failure: Failure, idempotent: boolean): boolean {
	const { status } = failure;
	if (status === null) return failure.networkCode !== null && idempotent;
	if (status === 429) return true;
	// 400/422 are answers about the input; retrying cannot change them.
	if (status >= 500 && status <= 599) return idempotent || failure.body.transient === true;
	return false;
}

// A tax id has no business in an error; mask any nine-digit run that looks like one.
function scrub(text: string): string {
	return text.replace(/\b\d{3}-?\d{2}-?(\d{4})\b/g, '***-**-$1');
}

function toNodeError(context: Context, failure: Failure, request: CareCreditRequest): NodeApiError {
	const { status, body } = failure;
	const fieldErrors = (body.errors ?? []).map((f) =>
		scrub(`${f.field ?? 'request'}: ${f.reason ?? 'is invalid'}`),
	);
	const headline = scrub(
		body.userMessage ||
			body.message ||
			(status === null
				? 'CareCredit could not be reached: the connection failed before an answer came'
				: `CareCredit answered ${status}`),
	);
	const message = fieldErrors.length ? `${headline} ${fieldErrors.join('; ')}` : headline;
	const hints: Record<number, string> = {
		401: 'CareCredit refused the access token even after a fresh one was requested: check the client ID and secret in the CareCredit credential.',
		404: 'CareCredit does not know this session, transaction, reference ID or account: check the ID mapped into this field.',
		422: 'CareCredit says this merchant is suspended for training: use another merchant number or call CareCredit.',
		429: 'CareCredit is rate limiting: the node retried and gave up; run it again later.',
		499: 'CareCredit says this merchant is closed: check the merchant number for this location.',
	};
	const description = [
		fieldErrors.length ? 'Fix the fields named above in the node or the incoming item.' : '',
		status !== null
			? (hints[status] ??
				(status >= 500
					? 'CareCredit had a problem; the node retried and gave up. Run it again later.'
					: ''))
			: `Network error ${failure.networkCode ?? ''}: check the Base URL in the credential and the network, then run it again.`,
		body.trackingId ? `CareCredit tracking ID: ${body.trackingId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	// Only CareCredit's error body (masked) travels with the error: never the request or a stack.
	const details = redact({ ...body, errors: body.errors ?? [] }) as unknown as JsonObject;
	return new NodeApiError(context.getNode(), details, {
		message,
		description,
		httpCode: status === null ? undefined : String(status),
		itemIndex: request.itemIndex,
	});
}

/** One CareCredit call, with a fresh tracking id per attempt and bounded retries. */
export async function careCreditRequest<T = IDataObject>(
	ctx: Context,
	request: CareCreditRequest,
): Promise<T> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const idempotent = request.idempotent ?? request.method === 'GET';
	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
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
			json: true,
			timeout: RETRY.timeoutMs,
		};
		try {
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				'careCreditApi',
				options,
			)) as T;
		} catch (error) {
			const failure = describeFailure(error);

			if (attempt >= RETRY.attempts || !shouldRetry(failure, idempotent)) {
				throw toNodeError(ctx, failure, request);
			}
			await sleep(retryDelay(RETRY, attempt, failure.retryAfter));
		}
	}
}
