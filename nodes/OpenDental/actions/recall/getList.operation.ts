import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { addDays, parseLocalDate, todayIn } from '../../../../financing';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { practiceRecallTypes } from './recallTypes';
import { toRecallListRow } from './rows';
import { listFields, listOptions } from '../../../shared/parameters';

const RANGE = (mode: string) => ({ show: { dateRange: [mode] } });

function dueRange(ctx: IExecuteFunctions, i: number): IDataObject {
	const mode = ctx.getNodeParameter('dateRange', i, 'relative') as string;
	if (mode === 'officeDefault') return {};
	if (mode === 'relative') {
		const today = todayIn(ctx.getTimezone(), new Date());
		const back = Number(ctx.getNodeParameter('daysOverdue', i, 365));
		const ahead = Number(ctx.getNodeParameter('daysAhead', i, 30));
		for (const [name, value] of [
			['daysOverdue', back],
			['daysAhead', ahead],
		] as const) {
			if (!Number.isInteger(value) || value < 0 || value > 3650) {
				throw new NodeOperationError(ctx.getNode(), `${name} must be a whole number of days`, {
					itemIndex: i,
					description: 'Enter 0 to 3650 days.',
				});
			}
		}
		return { DateStart: addDays(today, -back), DateEnd: addDays(today, ahead) };
	}
	const qs: IDataObject = {};
	for (const [param, field] of [
		['dateStart', 'DateStart'],
		['dateEnd', 'DateEnd'],
	] as const) {
		const value = String(ctx.getNodeParameter(param, i, '') ?? '').trim();
		if (value === '') continue;
		if (!parseLocalDate(value, param).ok) {
			throw new NodeOperationError(ctx.getNode(), `${param} "${value}" is not a date`, {
				itemIndex: i,
				description: 'Write dates as yyyy-MM-dd, e.g. 2026-11-20.',
			});
		}
		qs[field] = value;
	}
	return qs;
}

/** Optional Open Dental numbers, comma-separated: empty means "all"; 0 is allowed (ClinicNum 0 is Unassigned). */
function optionalNumbers(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
): Array<number | undefined> {
	const raw = String(ctx.getNodeParameter(name, i, '') ?? '').trim();
	if (raw === '') return [undefined];
	const parts = raw.split(/\s*,\s*/);
	if (parts.every((p) => /^\d+$/.test(p))) return [...new Set(parts.map(Number))];
	throw new NodeOperationError(ctx.getNode(), `"${raw}" is not an Open Dental number (${name})`, {
		itemIndex: i,
		description: `Enter the ${name} as Open Dental shows it, a whole number (several: separated by commas), or leave it empty for all.`,
	});
}

export const getRecallList: OpenDentalOperation = {
	resource: 'recall',
	value: 'getList',
	name: 'Get Recall List',
	action: 'Get the recall list',
	description:
		"The Recall List of the Appointments module for a due-date range and clinic, with each patient's reminders sent and the last one (Open Dental 22.1)",
	properties: [
		{
			displayName: 'Due Dates',
			name: 'dateRange',
			type: 'options',
			default: 'relative',
			options: [
				{
					name: 'Around Today',
					value: 'relative',
					description: "Overdue up to N days and due within M days, in the workflow's time zone",
				},
				{ name: 'Between Dates', value: 'dates' },
				{
					name: "Office's Default",
					value: 'officeDefault',
					description: 'The RecallDaysPast and RecallDaysFuture preferences',
				},
			],
		},
		{
			displayName: 'Overdue Up To (Days)',
			name: 'daysOverdue',
			type: 'number',
			default: 365,
			typeOptions: { minValue: 0 },
			displayOptions: RANGE('relative'),
			description: 'Recalls that fell due this many days ago or less',
		},
		{
			displayName: 'Due Within (Days)',
			name: 'daysAhead',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 0 },
			displayOptions: RANGE('relative'),
			description: 'Recalls that fall due in this many days or less',
		},
		{
			displayName: 'Date Start',
			name: 'dateStart',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-01',
			displayOptions: RANGE('dates'),
			description: 'Due on or after this date (yyyy-MM-dd); empty: the office default',
		},
		{
			displayName: 'Date End',
			name: 'dateEnd',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-31',
			displayOptions: RANGE('dates'),
			description: 'Due on or before this date (yyyy-MM-dd); empty: the office default',
		},
		{
			displayName: 'ClinicNum',
			name: 'clinicNum',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1, 2',
			description:
				'Only patients of this clinic (several: one list each, separated by commas); empty: all clinics; 0: Unassigned',
		},
		{
			displayName: 'ProvNum',
			name: 'provNum',
			type: 'string',
			default: '',
			description: 'Only patients of this primary or secondary provider; empty: all',
		},
		{
			displayName: 'Recall Type',
			name: 'recallType',
			type: 'string',
			default: '',
			placeholder: 'e.g. Prophy',
			description: 'Only this recall type; empty: the types the office shows in the list',
		},
		{
			displayName: 'Include Reminded',
			name: 'includeReminded',
			type: 'boolean',
			default: true,
			description:
				'Whether to include patients already sent a reminder (needed for second and later touches)',
		},
		{
			displayName: 'Check Recall Types',
			name: 'checkRecallTypes',
			type: 'boolean',
			default: true,
			description:
				"Whether to read the practice's recall types once (Open Dental 24.1.44) and give each row its recallTypeId, empty when the type is not one of them",
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const qs: IDataObject = {
			...dueRange(ctx, i),
			ProvNum: optionalNumbers(ctx, 'provNum', i)[0],
			IncludeReminded: ctx.getNodeParameter('includeReminded', i, true) as boolean,
		};
		const type = String(ctx.getNodeParameter('recallType', i, '') ?? '').trim();
		if (type) qs.RecallType = type;
		const { returnAll, limit } = listOptions(ctx, i);
		// One list per clinic: the whole list is read once per clinic per run, never per patient.
		const rows: IDataObject[] = [];
		for (const clinic of optionalNumbers(ctx, 'clinicNum', i)) {
			const left = returnAll ? 0 : limit - rows.length;
			if (!returnAll && left <= 0) break;
			rows.push(
				...(await openDentalList(
					ctx,
					'/recalls/List',
					{ ...qs, ClinicNum: clinic },
					{ returnAll, limit: left, itemIndex: i },
				)),
			);
		}
		const typeNums =
			rows.length > 0 && ctx.getNodeParameter('checkRecallTypes', i, true)
				? new Map(
						(await practiceRecallTypes(ctx, i)).map((t) => [
							String(t.Description).toLowerCase(),
							Number(t.RecallTypeNum),
						]),
					)
				: null;
		return rows.map((r) => toRecallListRow(r, typeNums));
	},
};
