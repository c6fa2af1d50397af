import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { isLocalDate, nextBusinessDays, todayIn } from '../../../../financing';

/** Parameters the Appointment operations share, and how they become Open Dental's query. */

export const aptNumField: INodeProperties = {
	displayName: 'AptNum',
	name: 'aptNum',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 701',
	description: "The appointment's number in Open Dental",
};

export const clinicNumField: INodeProperties = {
	displayName: 'Clinic Number',
	name: 'clinicNum',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1',
	description:
		'ClinicNum of one clinic; empty for every clinic; 0 for appointments attached to no clinic',
};

/** "Scheduled", "Complete", ... as Open Dental names them (apiappointments.html, AptStatus). */
export const APPOINTMENT_STATUSES = [
	{ name: 'Any', value: '' },
	{ name: 'ASAP', value: 'ASAP' },
	{ name: 'Broken', value: 'Broken' },
	{ name: 'Complete', value: 'Complete' },
	{ name: 'Patient Note', value: 'PtNote' },
	{ name: 'Patient Note Completed', value: 'PtNoteCompleted' },
	{ name: 'Planned', value: 'Planned' },
	{ name: 'Scheduled', value: 'Scheduled' },
	{ name: 'Unscheduled List', value: 'UnschedList' },
];

/** Which days: the next business days in the practice's calendar, a range, or any date. */
export const periodFields: INodeProperties[] = [
	{
		displayName: 'Dates',
		name: 'period',
		type: 'options',
		default: 'range',
		options: [
			{
				name: 'Date Range',
				value: 'range',
				description: 'From a first to a last date, both included',
			},
			{
				name: 'Next Business Days',
				value: 'nextBusinessDays',
				description:
					"Monday to Friday after today in the workflow's time zone, less the days the practice is closed",
			},
			{ name: 'Any Date', value: 'any', description: 'No date filter' },
		],
	},
	{
		displayName: 'Start Date',
		name: 'dateStart',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-12-07',
		description: "First date, yyyy-MM-dd; empty means today in the workflow's time zone",
		displayOptions: { show: { period: ['range'] } },
	},
	{
		displayName: 'End Date',
		name: 'dateEnd',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-11',
		description: 'Last date, yyyy-MM-dd; empty means the start date',
		displayOptions: { show: { period: ['range'] } },
	},
	{
		displayName: 'Business Days',
		name: 'businessDays',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 1, maxValue: 31 },
		description: 'How many business days, starting with the next one',
		displayOptions: { show: { period: ['nextBusinessDays'] } },
	},
	{
		displayName: 'Include Today',
		name: 'includeToday',
		type: 'boolean',
		default: false,
		description: 'Whether today counts as the first business day (when it is one)',
		displayOptions: { show: { period: ['nextBusinessDays'] } },
	},
	{
		displayName: 'Closed Days',
		name: 'closedDays',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-24, 2026-12-25',
		description: 'Weekdays the practice is closed (holidays), yyyy-MM-dd, separated by commas',
		displayOptions: { show: { period: ['nextBusinessDays'] } },
	},
];

function badDate(ctx: IExecuteFunctions, i: number, field: string, value: string) {
	return new NodeOperationError(ctx.getNode(), `${field} "${value}" is not a date`, {
		itemIndex: i,
		description: `Write ${field} as yyyy-MM-dd, e.g. 2026-12-07.`,
	});
}

/** The dates of the period, or null for any date; `days` lists each date when not a plain range. */
export function readPeriod(
	ctx: IExecuteFunctions,
	i: number,
): { dateStart: string; dateEnd: string; days: string[] | null } | null {
	const period = ctx.getNodeParameter('period', i, 'range') as string;
	if (period === 'any') return null;
	const today = todayIn(ctx.getTimezone(), new Date());
	if (period === 'nextBusinessDays') {
		const closed = String(ctx.getNodeParameter('closedDays', i, '') ?? '')
			.split(/[\s,;]+/)
			.filter((d) => d !== '');
		const bad = closed.find((d) => !isLocalDate(d));
		if (bad !== undefined) throw badDate(ctx, i, 'closedDays', bad);
		const days = nextBusinessDays(today, Number(ctx.getNodeParameter('businessDays', i, 3)), {
			includeToday: ctx.getNodeParameter('includeToday', i, false) as boolean,
			closedDays: closed,
		});
		if (days.length === 0) {
			throw new NodeOperationError(ctx.getNode(), 'businessDays must be 1 or more', {
				itemIndex: i,
			});
		}
		return { dateStart: days[0]!, dateEnd: days[days.length - 1]!, days };
	}
	const start = String(ctx.getNodeParameter('dateStart', i, '') ?? '').trim() || today;
	const end = String(ctx.getNodeParameter('dateEnd', i, '') ?? '').trim() || start;
	if (!isLocalDate(start)) throw badDate(ctx, i, 'dateStart', start);
	if (!isLocalDate(end)) throw badDate(ctx, i, 'dateEnd', end);
	if (end < start) {
		throw new NodeOperationError(ctx.getNode(), `dateEnd ${end} is before dateStart ${start}`, {
			itemIndex: i,
		});
	}
	return { dateStart: start, dateEnd: end, days: null };
}

/** An optional Open Dental number typed in a string field: empty is none, 0 is allowed. */
export function optionalNumber(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	value: unknown = ctx.getNodeParameter(name, i, ''),
): number | undefined {
	const raw = String(value ?? '').trim();
	if (raw === '') return undefined;
	if (/^\d+$/.test(raw)) return Number(raw);
	throw new NodeOperationError(ctx.getNode(), `${name} must be a whole number`, {
		itemIndex: i,
		description: `Enter ${name} as Open Dental shows it, e.g. 1, or leave it empty.`,
	});
}

/** The query of a date range the way Appointments GET takes it (one day: `date`). */
export function dateQuery(period: { dateStart: string; dateEnd: string } | null): IDataObject {
	if (!period) return {};
	return period.dateStart === period.dateEnd
		? { date: period.dateStart }
		: { dateStart: period.dateStart, dateEnd: period.dateEnd };
}
