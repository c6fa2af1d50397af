import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { entryProblems, postOnce } from '../payment/ledgerEntry';
import type { DentrixOperation } from '../types';
import { dateField, problemsError } from '../../../shared/parameters';
import { guarantorIdField, patientIdField, testModeField } from '../fields';

export const createAdjustment: DentrixOperation = {
	resource: 'adjustment',
	value: 'create',
	name: 'Create',
	action: 'Create an adjustment',
	description: 'Post a CareCredit refund (or another adjustment), once per transaction',
	properties: [
		guarantorIdField,
		patientIdField,
		{
			displayName: 'Type',
			name: 'type',
			type: 'string',
			default: 'CareCredit Refund',
			description: "One of the practice's adjustment types in Dentrix",
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 250.00',
			description: 'In dollars, more than 0; the type decides whether it adds to the balance',
		},
		{
			displayName: 'Transaction ID',
			name: 'reference',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. TXN-20261120-0002',
			description:
				"The CareCredit refund's transaction ID: the adjustment is posted once per transaction",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				dateField,
				{
					displayName: 'Note',
					name: 'note',
					type: 'string',
					default: '',
					description: 'At most 255 characters',
				},
			],
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const more = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const guarantorId = String(ctx.getNodeParameter('guarantorId', i)).trim();
		const reference = String(ctx.getNodeParameter('reference', i)).trim();
		const note = String(more.note ?? '');
		const checked = entryProblems(ctx, {
			amount: ctx.getNodeParameter('amount', i),
			date: String(more.date ?? '').trim(),
			reference,
			note,
		});
		if (checked.problems.length > 0)
			throw problemsError(ctx, i, 'The adjustment was not written', checked.problems);
		const body = {
			patientId: String(ctx.getNodeParameter('patientId', i, '')).trim() || guarantorId,
			type: String(ctx.getNodeParameter('type', i)).trim(),
			amount: checked.amount,
			date: checked.date,
			reference,
			note,
		};
		const posted = await postOnce(
			ctx,
			i,
			'adjustments',
			guarantorId,
			body,
			ctx.getNodeParameter('testMode', i, false) as boolean,
		);
		return { ...posted, transactionId: reference, guarantorId };
	},
};
