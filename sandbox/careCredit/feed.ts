// The merchant decision feed (modeled: the real API's reports service type suggests one,
// docs/financing-domain.md §2). Entries are written by sessions.setStatus; this reads them by cursor and lets
// a test make it repeat one, so consumers prove they deduplicate.
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { field, type FieldError, invalid, syfError } from './errors';
import { checkMerchant } from './merchants';
import type { Ctx, FeedEntry } from './types';

const wire = (e: FeedEntry) => ({
	cursor: e.cursor,
	sessionId: e.sessionId,
	referenceId: e.referenceId,
	sessionStatus: e.sessionStatus,
	decidedAt: e.decidedAt,
	pullback: e.pullback,
});

export function decisions(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const merchant = checkMerchant(req, ctx, req.params.merchantNumber, 'merchantNumber');
	if (merchant.response) return merchant.response;
	const errors: FieldError[] = merchant.errors.map((e) => ({ ...e, location: 'path' }));
	const cursor = req.query.cursor ?? '0';
	const limit = Number(req.query.limit ?? 50);
	if (!/^\d+$/.test(cursor))
		errors.push({ ...field('cursor', 'must be a cursor from nextCursor'), location: 'query' });
	if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
		errors.push({ ...field('limit', 'must be an integer from 1 to 200'), location: 'query' });
	}
	if (errors.length || !merchant.merchant) return invalid(req, errors);
	const after = Number(cursor);
	const newer = ctx.state.feed.filter(
		(e) => e.merchantNumber === merchant.merchant!.merchantNumber && Number(e.cursor) > after,
	);
	const entries = newer.slice(0, limit);
	return {
		status: 200,
		body: {
			entries: entries.map(wire),
			nextCursor: entries.length ? entries[entries.length - 1].cursor : cursor,
			hasMore: newer.length > entries.length,
		},
	};
}

/** Admin: append a copy of the session's latest entry with a new cursor. */
export function repeat(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const sessionId = (req.body as { sessionId?: string } | undefined)?.sessionId;
	const latest = [...ctx.state.feed].reverse().find((e) => e.sessionId === sessionId);
	if (!latest) return syfError(req, 404, 'No feed entry for this session');
	const copy: FeedEntry = {
		...latest,
		cursor: String(ctx.nextId('careCredit.feed')),
		repeatOf: latest.repeatOf ?? latest.cursor,
	};
	ctx.state.feed.push(copy);
	return { status: 200, body: wire(copy) };
}
