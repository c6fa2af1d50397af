/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Every Open Dental route goes through `route`: the ODFHIR Authorization header, then the
// per-customer-key throttle, then the handler, whose OdError becomes the status and explanation.
import type {
	Handler,
	Method,
	Route,
	SandboxRequest,
	SandboxResponse,
	SandboxState,
} from '../core/types';
import type { OpenDentalState } from './types';
import { BASE_PATH, type Ctx, OdError } from './wire';

/**
 * Per sandbox and customer key (docs/opendental-api-notes.md §1.9: per customer key): requests queue one
 * behind the other, each served a full second after the previous one was actually served.
 */
export const throttles = new WeakMap<
	SandboxState,
	Map<string, { tail: Promise<void>; last: number }>
>();
/** ApiReadAll plus other permissions: one request per second (docs/opendental-api-notes.md §1.9). */
export const THROTTLE_MS = 1000;

export function route(
	method: Method,
	path: string,
	handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
): Route<OpenDentalState> {
	const guarded: Handler<OpenDentalState> = async (req, ctx) => {
		const m = /^ODFHIR\s+([^/\s]+)\/(\S+)$/.exec(req.headers.authorization?.trim() ?? '');
		if (!m || !ctx.state.developerKeys.includes(m[1]) || !ctx.state.customerKeys.includes(m[2])) {
			return {
				status: 401,
				body: 'Invalid credentials: the Authorization header must be "ODFHIR {DeveloperKey}/{CustomerKey}".',
			};
		}
		let served = Date.now();
		if (ctx.options.openDentalThrottle) {
			// The docs say requests are throttled, never that they are refused (no 429 is named): pace them.
			const keys =
				throttles.get(ctx.all) ?? new Map<string, { tail: Promise<void>; last: number }>();
			throttles.set(ctx.all, keys);
			const key = keys.get(m[2]) ?? { tail: Promise.resolve(), last: 0 };
			keys.set(m[2], key);
			const mine = key.tail.then(async () => {
				// A timer may fire a millisecond early against Date.now(): wait until the second is up.
				while (Date.now() < key.last + THROTTLE_MS)
					await new Promise((resolve) => setTimeout(resolve, key.last + THROTTLE_MS - Date.now()));
				served = key.last = Date.now();
			});
			key.tail = mine;
			await mine;
		}
		const servedAt = new Date(served).toISOString();
		let res: SandboxResponse;
		try {
			res = handler(req, ctx);
		} catch (e) {
			if (e instanceof OdError) res = { status: e.status, body: e.message };
			else {
				console.error('[sandbox openDental]', e);
				res = { status: 500, body: 'Internal error in the sandbox.' };
			}
		}
		return { ...res, headers: { ...res.headers, 'x-sandbox-served-at': servedAt } };
	};
	return { method, path: `${BASE_PATH}${path}`, handler: guarded };
}

export const gone = (what: string) =>
	route('POST', what, () => ({
		status: 410,
		body: 'This method is deprecated in version 23.3.1. Use PayPlans POST Dynamic instead.',
	}));
