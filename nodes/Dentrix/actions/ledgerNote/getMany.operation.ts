import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toLedgerNote } from '../../shapes';
import { dentrixList } from '../../transport';
import type { DentrixOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { guarantorIdField } from '../fields';

export const getManyLedgerNotes: DentrixOperation = {
	resource: 'ledgerNote',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many ledger notes',
	description: "Get the notes on a guarantor's account",
	properties: [
		guarantorIdField,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Contains',
					name: 'contains',
					type: 'string',
					default: '',
					placeholder: 'e.g. [cc:APP-123456]',
					description: 'Text in the note, case-insensitive',
				},
				{
					displayName: 'From',
					name: 'from',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-01',
					description: 'First note date, yyyy-MM-dd',
				},
				{
					displayName: 'Patient ID',
					name: 'patientId',
					type: 'string',
					default: '',
					placeholder: 'e.g. pat_1002',
				},
				{
					displayName: 'To',
					name: 'to',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-30',
					description: 'Last note date, yyyy-MM-dd',
				},
			],
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const guarantorId = String(ctx.getNodeParameter('guarantorId', i)).trim();
		const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(filters)) if (value !== '') qs[key] = value;
		const notes = await dentrixList(
			ctx,
			`/accounts/${encodeURIComponent(guarantorId)}/ledger-notes`,
			qs,
			listOptions(ctx, i),
		);
		return notes.map(toLedgerNote);
	},
};
