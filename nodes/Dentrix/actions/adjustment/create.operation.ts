import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkDentrixAdjustment, typedText, type Problem } from '../../../../financing';
import { typedThenChecked, writeContext } from '../../../shared/write';
import { once, postEntry, typedEntry } from '../payment/ledgerEntry';
import type { DentrixOperation } from '../types';
import { checkWithAccount } from '../facts';
import { dateField } from '../../../shared/parameters';
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
		const context = writeContext(ctx);
		const problems: Problem[] = [];
		const reference = typedText(ctx.getNodeParameter('reference', i, ''));
		const input = {
			...typedEntry(
				ctx,
				i,
				context,
				{
					amount: ctx.getNodeParameter('amount', i, ''),
					date: more.date,
					note: more.note,
					transactionId: reference,
				},
				problems,
			),
			type: typedText(ctx.getNodeParameter('type', i, '')),
			belongsToAmountCents: null,
		};
		const posted = await postEntry(ctx, i, {
			notWritten: 'The adjustment was not written',
			check: once(async () => {
				const bare = typedThenChecked(problems, checkDentrixAdjustment(input, context));
				if (!bare.ok) return bare;
				const checked = await checkWithAccount(ctx, i, input.patientId, '', (facts) =>
					checkDentrixAdjustment(input, context, facts),
				);
				return checked.ok ? { ok: true as const, value: checked.value.request } : checked;
			}),
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
		});
		return {
			...posted,
			transactionId: String(reference ?? ''),
			guarantorId: String(input.guarantorId ?? ''),
		};
	},
};
