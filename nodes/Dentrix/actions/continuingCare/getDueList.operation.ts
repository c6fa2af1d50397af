import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isLocalDate } from '../../../../financing';
import { dentrixList } from '../../transport';
import type { DentrixOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { careTypes, toContinuingCare } from './shapes';

export const getDueList: DentrixOperation = {
	resource: 'continuingCare',
	value: 'getDueList',
	name: 'Get Due List',
	action: 'Get the continuing care due list',
	description:
		'Continuing care due in a date range at a location, with reminders sent and the last one (modeled contract, docs/dentrix-api.md)',
	properties: [
		{
			displayName: 'Due From',
			name: 'dueFrom',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-01-01',
			description: 'First due date, yyyy-MM-dd; empty: no lower bound',
		},
		{
			displayName: 'Due To',
			name: 'dueTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-31',
			description: 'Last due date, yyyy-MM-dd; empty: no upper bound',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. loc_downtown',
			description: 'Only patients of this location; empty: all',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'string',
			default: '',
			placeholder: 'e.g. PROPHY',
			description: 'Only this continuing care type; empty: all',
		},
		{
			displayName: 'Include Contacted',
			name: 'includeContacted',
			type: 'boolean',
			default: true,
			description: 'Whether to include patients already contacted since their last visit',
		},
		{
			displayName: 'Check Types',
			name: 'checkTypes',
			type: 'boolean',
			default: true,
			description:
				"Whether to read the practice's continuing care types once and give each record its recallTypeId, empty when the type is not one of them",
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const qs: IDataObject = {
			includeContacted: ctx.getNodeParameter('includeContacted', i, true) ? 'true' : 'false',
		};
		for (const name of ['dueFrom', 'dueTo'] as const) {
			const value = String(ctx.getNodeParameter(name, i, '') ?? '').trim();
			if (value === '') continue;
			if (!isLocalDate(value)) {
				throw new NodeOperationError(ctx.getNode(), `${name} "${value}" is not a date`, {
					itemIndex: i,
					description: 'Write dates as yyyy-MM-dd, e.g. 2026-11-20.',
				});
			}
			qs[name] = value;
		}
		for (const name of ['locationId', 'type'] as const) {
			const value = String(ctx.getNodeParameter(name, i, '') ?? '').trim();
			if (value !== '') qs[name] = value;
		}
		const rows = await dentrixList(ctx, '/continuing-care', qs, listOptions(ctx, i));
		const known =
			rows.length > 0 && ctx.getNodeParameter('checkTypes', i, true)
				? await careTypes(ctx, i)
				: null;
		return rows.map((c) => toContinuingCare(c, known));
	},
};
