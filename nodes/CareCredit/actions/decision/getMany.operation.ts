import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isValidTimeZone, localDateTimeIn, parseLocalDate } from '../../../../financing';
import { listFields, listOptions } from '../../../shared/parameters';
import {
	decisionOfEntry,
	readFeedPage,
	STATUS_FILTER_OPTIONS,
	statusWanted,
	type FeedEntry,
	type StatusFilter,
} from '../../feed';
import { inputError, merchantNumberFor, merchantNumberProperty, stringParam } from '../fields';
import type { CareCreditOperation } from '../types';

/** The feed's largest page (docs/carecredit-api.md): the whole feed is read, so fewer calls. */
const PAGE_SIZE = 200;
/**
 * Pages read at most (10,000 entries), as the trigger caps a poll: a feed that keeps saying
 * "more" cannot hold the run forever. The feed runs oldest first, so a list cut there would miss
 * the newest decisions: past the cap the item fails and says so rather than answer partly.
 */
export const MAX_PAGES = 50;
const DAY_MS = 86_400_000;

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;

/** A wall-clock date-time of `timeZone` as an instant (DST gaps resolve like the zone's clocks). */
function zonedInstant(date: string, time: string, timeZone: string): number {
	const asUtc = Date.parse(`${date}T${time}Z`);
	const offsetAt = (instant: number) =>
		Date.parse(`${localDateTimeIn(timeZone, new Date(instant)).replace(' ', 'T')}Z`) - instant;
	const first = asUtc - offsetAt(asUtc);
	return asUtc - offsetAt(first);
}

/** The earliest decision time wanted, in epoch ms; null for any time. */
function cutoffFor(ctx: IExecuteFunctions, i: number, now: number): number | null {
	const mode = stringParam(ctx, 'decidedSince', i) || 'daysBack';
	if (mode === 'anyTime') return null;
	if (mode === 'daysBack') {
		const raw = ctx.getNodeParameter('daysBack', i, 30) as unknown;
		const days = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
			throw inputError(
				ctx,
				i,
				"'Days Back'",
				`is not a number of days (${JSON.stringify(raw)})`,
				'Enter how many days back to look, e.g. 30.',
			);
		}
		return now - days * DAY_MS;
	}
	const value = stringParam(ctx, 'sinceDate', i);
	const local = LOCAL_DATE_TIME.exec(value);
	const timeZone = ctx.getTimezone();
	if (local && parseLocalDate(local[1], 'sinceDate').ok && isValidTimeZone(timeZone)) {
		const [, date, hour = '00', minute = '00', second = '00', fraction = ''] = local;
		return zonedInstant(date, `${hour}:${minute}:${second}${fraction}`, timeZone);
	}
	const instant = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
	if (!Number.isFinite(instant)) {
		throw inputError(
			ctx,
			i,
			"'Since Date'",
			`is not a date (${JSON.stringify(value)})`,
			"Enter a date as yyyy-MM-dd (midnight in the workflow's time zone) or an ISO 8601 date-time, e.g. 2026-11-01 or 2026-11-01T14:00:00Z.",
		);
	}
	return instant;
}

/** Whether `b` is a later decision of the same session than `a` (a feed repeat of an older status is not). */
function later(a: { at: number; order: number }, b: { at: number; order: number }): boolean {
	if (Number.isFinite(a.at) && Number.isFinite(b.at) && a.at !== b.at) return b.at > a.at;
	return b.order > a.order;
}

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const statuses = ctx.getNodeParameter('statuses', i, ['approved']) as StatusFilter[];
	const { returnAll, limit } = listOptions(ctx, i);
	const now = Date.now();
	const cutoff = cutoffFor(ctx, i, now);

	// The feed has no time filter: read it all, keeping each session's latest decision.
	const latest = new Map<string, { entry: FeedEntry; at: number; order: number }>();
	let cursor = '0';
	let order = 0;
	for (let pages = 0; ; pages++) {
		if (pages === MAX_PAGES) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The decision feed of merchant ${merchantNumber} has more than ${MAX_PAGES * PAGE_SIZE} entries: Decision: Get Many read that many and stopped`,
				{
					itemIndex: i,
					description:
						'The feed has no date filter and runs oldest first, so the newest decisions were not reached. Follow new decisions with the CareCredit Trigger, which reads the feed on from where it stopped.',
				},
			);
		}
		const page = await readFeedPage(ctx, merchantNumber, cursor, PAGE_SIZE, i);
		for (const entry of page.entries ?? []) {
			const candidate = { entry, at: Date.parse(entry.decidedAt ?? ''), order: order++ };
			const kept = latest.get(entry.sessionId);
			if (!kept || later(kept, candidate)) latest.set(entry.sessionId, candidate);
		}
		const next = page.nextCursor;
		// A feed that says "more" without moving on would loop forever: stop instead.
		if (!page.hasMore || next === undefined || next === cursor) break;
		cursor = next;
	}

	const decisions = [...latest.values()]
		.map(({ entry, order: position }) => {
			const json: IDataObject = { ...decisionOfEntry(entry, new Date(now)), merchantNumber };
			return { json, position };
		})
		.filter(({ json }) => statusWanted(json.status, statuses))
		.filter(({ json }) => cutoff === null || Date.parse(String(json.decidedAt)) >= cutoff)
		// Newest first, so a Limit keeps the most recent cases.
		.sort(
			(a, b) =>
				Date.parse(String(b.json.decidedAt)) - Date.parse(String(a.json.decidedAt)) ||
				b.position - a.position,
		)
		.map(({ json }) => json);
	return returnAll ? decisions : decisions.slice(0, limit);
}

const byDays = { show: { decidedSince: ['daysBack'] } };
const byDate = { show: { decidedSince: ['date'] } };

export const getManyDecisions: CareCreditOperation = {
	resource: 'decision',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many decisions',
	description:
		"List recent decisions from the merchant's decision feed: one per session, its latest, newest first",
	usesApi: true,
	properties: [
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: STATUS_FILTER_OPTIONS,
			default: ['approved'],
			description: "Which decisions to return, by each session's latest status",
		},
		{
			displayName: 'Decided Since',
			name: 'decidedSince',
			type: 'options',
			options: [
				{ name: 'Any Time', value: 'anyTime', description: 'Every decision in the feed' },
				{ name: 'Date', value: 'date', description: 'Decisions made on or after a date' },
				{
					name: 'Days Back',
					value: 'daysBack',
					description: 'Decisions made within the last number of days',
				},
			],
			default: 'daysBack',
		},
		{
			displayName: 'Days Back',
			name: 'daysBack',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'Return sessions whose latest decision was made within this many days',
			displayOptions: byDays,
		},
		{
			displayName: 'Since Date',
			name: 'sinceDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-01',
			description:
				"Earliest decision date: yyyy-MM-dd (midnight in the workflow's time zone) or an ISO 8601 date-time",
			displayOptions: byDate,
		},
		merchantNumberProperty,
		...listFields(),
	],
	execute,
};
