import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	localClockIn,
	mondayOf,
	numbersWindow,
	practiceNumbers,
	renderDigest,
	type NumbersWindow,
	type PracticeNumbersOptions,
	type PracticeRecords,
} from '../../financing';
import { problemsError } from './parameters';

/**
 * Practice Numbers: Get, as the Dentrix and Open Dental nodes share it (financing/README.md,
 * "The practice's three numbers"). The input items are CareCredit's decisions (the CareCredit
 * node's Decision: Get Many, or the Trigger's items); the operation reads the practice system
 * once for all of them, fills the plain records and calls `practiceNumbers`, and answers one
 * item: the report, the calls it made and, when asked, the weekly digest.
 */
export function practiceNumbersProperties(
	locationExample: string,
	moreOptions: INodeProperties[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			default: 'lastWeek',
			options: [
				{ name: 'Last Week', value: 'lastWeek', description: 'Monday to Sunday before this week' },
				{ name: 'This Week So Far', value: 'thisWeek', description: 'Monday to today' },
				{ name: 'Custom', value: 'custom', description: 'From and to dates' },
			],
			description:
				"Weeks run Monday to Sunday in the practice's time zone; the four-week trend ends with the period's week",
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-11-02',
			description: 'First day, yyyy-MM-dd',
			displayOptions: { show: { period: ['custom'] } },
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-11-08',
			description: 'Last day, yyyy-MM-dd',
			displayOptions: { show: { period: ['custom'] } },
		},
		{
			displayName: 'Locations',
			name: 'locations',
			type: 'json',
			default: '[]',
			description: `The locations to read and show: the Practice settings' list ([{"name": "Downtown", "pmsLocationId": "${locationExample}", "merchantNumber": "..."}]) or IDs ["${locationExample}"]; empty: every location, and the group`,
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. America/Chicago',
			description: "The practice's IANA time zone; empty: the workflow's",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Digest',
					name: 'includeDigest',
					type: 'boolean',
					default: false,
					description:
						'Whether to add the weekly digest: an e-mail subject, HTML that mail clients render, and a short message for a chat channel',
				},
				{
					displayName: 'List Limit',
					name: 'listLimit',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 500 },
					default: 10,
					description: 'How many cases each "needs a look" list holds at most',
				},
				{
					displayName: 'Practice Name',
					name: 'practiceName',
					type: 'string',
					default: '',
					description: "Shown at the top of the digest and in the e-mail's subject",
				},
				{
					displayName: 'Trend Weeks',
					name: 'trendWeeks',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 26 },
					default: 4,
					description: "How many weeks the trend shows, ending with the period's week",
				},
				...moreOptions,
			],
		},
	];
}

/** The locations asked for: ids, names, and which merchant number is which location's. */
export interface LocationsAsked {
	ids: string[] | null;
	names: Record<string, string>;
	byMerchant: Map<string, string>;
}

const idText = (v: unknown) =>
	typeof v === 'string'
		? v.trim()
		: typeof v === 'number' && Number.isSafeInteger(v)
			? String(v)
			: '';

export function locationsAsked(ctx: IExecuteFunctions, i: number): LocationsAsked {
	let value = ctx.getNodeParameter('locations', i, '') as unknown;
	if (typeof value === 'string') {
		const text = value.trim();
		try {
			value = text === '' ? [] : (JSON.parse(text) as unknown);
		} catch {
			value = text.split(',');
		}
	}
	const list = Array.isArray(value) ? value : [value];
	const asked: LocationsAsked = { ids: [], names: {}, byMerchant: new Map() };
	list.forEach((entry, n) => {
		const o = typeof entry === 'object' && entry !== null ? (entry as IDataObject) : null;
		const id = idText(o ? (o.pmsLocationId ?? o.locationId ?? o.id) : entry);
		// One location without an id: a practice that does not use locations, read whole.
		if (!id && list.length === 1 && o) return;
		if (!id) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Locations: entry ${n + 1} names no location id`,
				{
					itemIndex: i,
					description:
						'Give each location its "pmsLocationId" (the Dentrix location id or the Open Dental ClinicNum), or leave Locations empty for every location.',
				},
			);
		}
		asked.ids!.push(id);
		if (o && typeof o.name === 'string' && o.name.trim()) asked.names[id] = o.name.trim();
		const merchant = o ? idText(o.merchantNumber) : '';
		if (merchant) asked.byMerchant.set(merchant, id);
	});
	if (!asked.ids!.length) asked.ids = null;
	return asked;
}

export interface NumbersRequest {
	window: NumbersWindow;
	timeZone: string;
	options: PracticeNumbersOptions;
	locations: LocationsAsked;
	/** The decisions of the input items; one without a location gets its merchant's. */
	decisions: IDataObject[];
	now: Date;
}

/** Reads the practice system for a request: the plain records and the calls it made by endpoint. */
export type NumbersReader = (
	request: NumbersRequest,
) => Promise<{ records: PracticeRecords; calls: Record<string, number> }>;

function request(ctx: IExecuteFunctions, i: number, now: Date): NumbersRequest {
	const timeZone = String(ctx.getNodeParameter('timeZone', i, '') || ctx.getTimezone()).trim();
	const period = ctx.getNodeParameter('period', i, 'lastWeek') as string;
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const locations = locationsAsked(ctx, i);
	const options: PracticeNumbersOptions = {
		timeZone,
		trendWeeks: Number(o.trendWeeks ?? 4),
		listLimit: Number(o.listLimit ?? 10),
		...(locations.ids ? { locationIds: locations.ids } : {}),
	};
	if (period === 'custom') {
		options.period = {
			from: String(ctx.getNodeParameter('from', i, '')).trim(),
			to: String(ctx.getNodeParameter('to', i, '')).trim(),
		};
	} else if (period === 'thisWeek') {
		const today = localClockIn(timeZone, now).date;
		options.period = { from: mondayOf(today), to: today };
	}
	const window = numbersWindow(options, now);
	if (!window.ok)
		throw problemsError(ctx, i, 'The period or time zone cannot be used', window.problems);
	// "Always Output Data" upstream sends one empty item when there is no decision: not a record.
	const decisions = ctx
		.getInputData()
		.map((item) => item.json)
		.filter((json) => Object.keys(json).length > 0)
		.map((json) => withLocation(json, locations.byMerchant));
	return { window: window.value, timeZone, options, locations, decisions, now };
}

/** A decision with no location from its prefill takes its merchant number's (one per location). */
function withLocation(decision: IDataObject, byMerchant: Map<string, string>): IDataObject {
	const pms = decision.pms as IDataObject | undefined;
	const location = byMerchant.get(idText(decision.merchantNumber));
	if (!location || typeof pms !== 'object' || pms === null || pms.locationId) return decision;
	return { ...decision, pms: { ...pms, locationId: location } };
}

/**
 * The operation's execute: it answers once, for the first item, every input item being one
 * decision; the other items add nothing of their own.
 */
export async function getPracticeNumbers(
	ctx: IExecuteFunctions,
	i: number,
	read: NumbersReader,
): Promise<IDataObject[]> {
	if (i > 0) return [];
	const req = request(ctx, i, new Date());
	const { records, calls } = await read(req);
	const report = practiceNumbers(records, req.options, req.now);
	if (!report.ok) throw problemsError(ctx, i, 'The numbers cannot be computed', report.problems);
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const total = Object.values(calls).reduce((a, b) => a + b, 0);
	const json: IDataObject = {
		...(report.value as unknown as IDataObject),
		calls: { total, ...calls },
	};
	if (o.includeDigest === true) {
		json.digest = renderDigest(report.value, {
			practiceName: typeof o.practiceName === 'string' ? o.practiceName : '',
			locationNames: req.locations.names,
		}) as unknown as IDataObject;
	}
	return [json];
}

/** Pages a list of `total` rows takes when each call answers at most `size`. */
export const pagesOf = (rows: number, size: number, askAgainWhenFull: boolean) =>
	askAgainWhenFull ? Math.floor(rows / size) + 1 : Math.max(1, Math.ceil(rows / size));
