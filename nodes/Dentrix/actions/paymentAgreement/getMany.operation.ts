import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toAgreement } from '../../shapes';
import { dentrixList } from '../../transport';
import type { DentrixOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { guarantorIdField } from '../fields';

const byAccount = { show: { by: ['account'] } };
const byDates = { show: { by: ['dateRange'] } };

export const getManyPaymentAgreements: DentrixOperation = {
	resource: 'paymentAgreement',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many payment agreements',
	description: "Get an account's payment agreements, or every account's within a date range",
	properties: [
		{
			displayName: 'By',
			name: 'by',
			type: 'options',
			default: 'account',
			options: [
				{ name: 'Account', value: 'account', description: "One guarantor's agreements" },
				{
					name: 'Date Range',
					value: 'dateRange',
					description:
						'Agreements of every account by agreement date (test mode: recent financed cases)',
				},
			],
		},
		{ ...guarantorIdField, displayOptions: byAccount },
		{
			displayName: 'From',
			name: 'agreementDateFrom',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-01',
			description: 'First agreement date, yyyy-MM-dd (inclusive)',
			displayOptions: byDates,
		},
		{
			displayName: 'To',
			name: 'agreementDateTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-30',
			description: 'Last agreement date, yyyy-MM-dd (inclusive)',
			displayOptions: byDates,
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					default: 'active',
					options: [
						{ name: 'Active', value: 'active' },
						{ name: 'Closed', value: 'closed' },
					],
				},
				{
					displayName: 'Note Contains',
					name: 'contains',
					type: 'string',
					default: '',
					placeholder: 'e.g. [cc:',
					description: 'Text in the agreement or statement note, e.g. a reference token',
				},
			],
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const by = ctx.getNodeParameter('by', i) as string;
		const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		let path = '/payment-agreements';
		if (by === 'account') {
			const guarantorId = String(ctx.getNodeParameter('guarantorId', i)).trim();
			path = `/accounts/${encodeURIComponent(guarantorId)}/payment-agreements`;
		} else {
			for (const key of ['agreementDateFrom', 'agreementDateTo']) {
				const value = String(ctx.getNodeParameter(key, i, '')).trim();
				if (value) qs[key] = value;
			}
			if (filters.contains) qs.contains = filters.contains;
		}
		const found = await dentrixList(ctx, path, qs, listOptions(ctx, i));
		const wanted =
			by === 'account' && filters.contains ? String(filters.contains).toLowerCase() : '';
		return found
			.filter((a) => !wanted || `${a.note} ${a.statementNote}`.toLowerCase().includes(wanted))
			.map(toAgreement);
	},
};
