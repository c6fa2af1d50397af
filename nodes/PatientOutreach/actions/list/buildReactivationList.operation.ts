import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { orderReactivation } from '../../../../financing';
import { wholeNumber } from '../policy';
import type { ListOperation } from '../types';

/**
 * One line per patient, largest value first (financing `orderReactivation`): planned and
 * unscheduled treatment and broken appointments older than N days. Each input item is one
 * treatment item; a bad item is a problem naming its field, the rest of the list goes on.
 */
export const buildReactivationList: ListOperation = {
	value: 'buildReactivationList',
	name: 'Build Reactivation List',
	action: 'Build the reactivation work list',
	description:
		'Planned and unscheduled treatment and broken appointments older than N days, one item per patient, largest value first (Work List); bad items leave by Problems, each naming its field',
	properties: [
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '={{ $json.patientId }}',
			required: true,
		},
		{
			displayName: 'Item ID',
			name: 'itemId',
			type: 'string',
			default: '={{ $json.appointmentId }}',
			required: true,
			description: 'The appointment (or planned treatment) this item is',
		},
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'string',
			default: '={{ $json.status }}',
			required: true,
			description:
				'Planned, unscheduled (UnschedList) or broken; Open Dental\'s AptStatus names are understood',
		},
		{
			displayName: 'Value (Cents)',
			name: 'valueCents',
			type: 'number',
			default: 0,
			description: 'What the treatment is worth, in cents',
		},
		{
			displayName: 'Since',
			name: 'since',
			type: 'string',
			default: '={{ $json.date ?? $json.createdAt }}',
			required: true,
			description:
				'The date it was planned or broken (yyyy-MM-dd; a date-time is cut to its date): the appointment\'s date, or when a planned one was entered',
		},
		{
			displayName: 'Older Than (Days)',
			name: 'olderThanDays',
			type: 'number',
			default: 14,
			typeOptions: { minValue: 0 },
			description: 'Only items at least this old',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. America/Chicago',
			description: "The practice's IANA time zone; empty: the workflow's",
		},
	],
	async executeAll(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const inputs = ctx.getInputData();
		if (inputs.length === 0) return [[], []];
		const timeZone = String(ctx.getNodeParameter('timeZone', 0, '') ?? '').trim() || ctx.getTimezone();
		const olderThanDays = wholeNumber(ctx, 'olderThanDays', 0, 14);
		const raw = inputs.map((_, i): IDataObject => {
			const value = ctx.getNodeParameter('valueCents', i, 0) as number | string;
			return {
				patientId: String(ctx.getNodeParameter('patientId', i, '') ?? '').trim(),
				itemId: String(ctx.getNodeParameter('itemId', i, '') ?? '').trim(),
				kind: String(ctx.getNodeParameter('kind', i, '') ?? ''),
				valueCents: typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
				since: String(ctx.getNodeParameter('since', i, '') ?? '').slice(0, 10),
			};
		});
		const list = orderReactivation(raw, { timeZone, olderThanDays }, new Date());
		const sourceOf = (patientId: string) =>
			raw.flatMap((r, i) => (r.patientId === patientId ? [{ item: i }] : []));
		const entries: INodeExecutionData[] = list.entries.map((e, rank) => {
			const oldest = [...e.items].sort((a, b) => a.since.localeCompare(b.since))[0]!;
			return {
				json: {
					action: 'workList',
					rank: rank + 1,
					patientId: e.patientId,
					valueCents: e.valueCents,
					oldestSince: e.oldestSince,
					subjectId: oldest.itemId,
					items: e.items.map((it) => ({ ...it })),
					text: e.text,
					summary: e.text,
				},
				pairedItem: sourceOf(e.patientId),
			};
		});
		const problems: INodeExecutionData[] = list.problems.map((p) => {
			const index = Number(/^items\.(\d+)/.exec(p.field)?.[1] ?? 0);
			return {
				json: {
					action: 'needsReview',
					patientId: raw[index]?.patientId ?? null,
					problems: [{ ...p, field: p.field.replace(/^items\.\d+\./, '') }],
					summary: `Item ${raw[index]?.itemId || index + 1}: left out, needs review: ${p.field.replace(/^items\.\d+\./, '')} ${p.message}`,
				},
				pairedItem: { item: index },
			};
		});
		return [entries, problems];
	},
};
