import { NodeApiError, sleep } from 'n8n-workflow';

import type { RetryPolicy } from './retry';
import { aheadOfOthers } from './runCache';

/**
 * The case claim's deadline (shared/claim.ts) as the transports see it: a holder starts no request
 * that could end after its claim's `until − margin`, and a few requests it cannot do without are
 * tried again while the claim lasts.
 */

/**
 * The claim's deadline came before a request could start: nothing more is sent. `mayHaveLanded`
 * when the last attempt of a write had no clear answer (a 5xx or no answer) and was not looked up.
 */
export class DeadlineReached extends Error {
	constructor(readonly mayHaveLanded = false) {
		super('The case claim ran out before the next request could start');
	}
}

/**
 * A node run's deadline, kept per n8n context (like Open Dental's pacing: nothing outlives the
 * run). The services' transports read it into their policy, so every read and write of a holder
 * stops at its claim's deadline without passing it through each call.
 */
const deadlines = new WeakMap<object, number>();

export function setDeadline(ctx: object, deadlineAt: number | undefined): void {
	if (deadlineAt === undefined) deadlines.delete(ctx);
	else deadlines.set(ctx, deadlineAt);
}

/**
 * Repeatable requests a held case cannot do without: when the transport's retries run out on a
 * service that did not answer, or answered 5xx or 429, they are tried again, 2 s later, while
 * `more()` says there is time. A refusal (a 4xx other than 429), a failed check and the claim's
 * deadline end it at once.
 */
export async function againWhile<T>(more: () => boolean, request: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			return await request();
		} catch (error) {
			const status = Number((error as { httpCode?: unknown }).httpCode);
			// A 4xx other than 429 is the service's refusal (retry.ts `isBadData`).
			const refused = status >= 400 && status < 500 && status !== 429;
			if (!(error instanceof NodeApiError) || refused || !more())
				return await Promise.reject(error);
			await sleep(2000);
		}
	}
}

/**
 * The claim turned into the audit note, after the messages went out: tried again for as long as
 * the claim's deadline leaves time (`againWhile`), its requests ahead of other cases' for the
 * run's request slots (`aheadOfOthers`). Without a claim it is the request alone.
 */
export async function whileHeld<T>(ctx: object, request: () => Promise<T>): Promise<T> {
	return await aheadOfOthers(ctx, () => againWhile(() => deadlines.has(ctx), request));
}

/** The service's policy with the run's deadline, when it holds a claim. */
export function withDeadline(ctx: object, policy: RetryPolicy): RetryPolicy {
	const deadlineAt = deadlines.get(ctx);
	return deadlineAt === undefined ? policy : { ...policy, deadlineAt };
}

/**
 * After a wait for its turn (a request slot, Open Dental's pacing): a request that could no longer
 * end by the claim's deadline is not sent (`DeadlineReached`; nothing went out).
 */
export function stillInTime(ctx: object, policy: RetryPolicy): void {
	startOrStop(withDeadline(ctx, policy), 0);
}

/** Throws when an attempt after `waitMs` could not end by the deadline. */
export function startOrStop(policy: RetryPolicy, waitMs: number, mayHaveLanded = false): void {
	if (policy.deadlineAt === undefined) return;
	if (Date.now() + waitMs + policy.timeoutMs > policy.deadlineAt)
		throw new DeadlineReached(mayHaveLanded);
}
