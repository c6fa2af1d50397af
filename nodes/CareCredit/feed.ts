import type {
	IDataObject,
	IExecuteFunctions,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import type { DecisionStatus } from '../../financing';
import { decisionFromPullback, decisionJson, type Pullback } from './decision';
import { CARECREDIT_PATHS, careCreditRequest } from './transport';

/**
 * The merchant decision feed (modeled, docs/carecredit-api.md "Decision feed"), read by the
 * CareCredit Trigger and by Decision: Get Many.
 */
export interface FeedEntry {
	cursor: string;
	sessionId: string;
	referenceId?: string;
	sessionStatus: string;
	decidedAt?: string;
	pullback?: Pullback;
}

export interface FeedPage {
	entries?: FeedEntry[];
	nextCursor?: string;
	hasMore?: boolean;
}

/** One page of a merchant's feed after `cursor` ("0": from the beginning). */
export async function readFeedPage(
	ctx: IExecuteFunctions | IPollFunctions,
	merchantNumber: string,
	cursor: string,
	limit: number,
	itemIndex?: number,
): Promise<FeedPage> {
	return (await careCreditRequest(ctx, {
		method: 'GET',
		path: CARECREDIT_PATHS.decisions(merchantNumber),
		qs: { cursor, limit },
		itemIndex,
	})) as FeedPage;
}

/** A feed entry as the decision of docs/financing-domain.md §7 (the shape Application: Get Result outputs). */
export function decisionOfEntry(entry: FeedEntry, now: Date): IDataObject {
	return decisionJson(
		decisionFromPullback(entry.pullback ?? { sessionStatus: entry.sessionStatus }, {
			sessionId: entry.sessionId,
			referenceId: entry.referenceId ?? null,
			decidedAt: entry.decidedAt ?? null,
			now,
		}),
	);
}

/** The four groups a person filters decisions by. */
export type StatusFilter = 'approved' | 'declined' | 'pending' | 'other';

const FILTER_OF: Record<DecisionStatus, StatusFilter> = {
	approved: 'approved',
	declined: 'declined',
	pending: 'pending',
	callForAuth: 'other',
	expired: 'other',
	cancelled: 'other',
	error: 'other',
};

/** Whether a decision's status (docs/financing-domain.md §7) is one of the groups asked for. */
export function statusWanted(status: unknown, wanted: readonly StatusFilter[]): boolean {
	return wanted.includes(FILTER_OF[status as DecisionStatus] ?? 'other');
}

/** The options of a Decisions / Statuses parameter. */
export const STATUS_FILTER_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Approved',
		value: 'approved',
		description: 'New approvals and existing cardholders found',
	},
	{ name: 'Declined', value: 'declined' },
	{
		name: 'Other',
		value: 'other',
		description: 'Call for authorization, expired, cancelled, and sessions in error',
	},
	{
		name: 'Pending',
		value: 'pending',
		description: 'Referred applications still being decided',
	},
];
