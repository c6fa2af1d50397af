import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dateField } from '../../../shared/parameters';
import { guarantorIdField, testModeField } from '../fields';
import { entryProblems, postOnce } from '../payment/ledgerEntry';
import { problemsError, type DentrixOperation } from '../types';

export const createAdjustment: DentrixOperation = {
	resource: 'adjustment',
	value: 'create',
	name: 'Create',
	action: 'Create an adjustment',
	description: 'Post a CareCredit refund (or another adjustment), once per transaction',
	properties: [
		guarantorIdField,
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '',
			placeholder: 'e.g. pat_1002',
			description: 'A member of the account; empty means the guarantor',
		},
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
	async execute(this: IExecuteFunctions, i: number) {
		const more = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const guarantorId = String(this.getNodeParameter('guarantorId', i)).trim();
		const reference = String(this.getNodeParameter('reference', i)).trim();
		const note = String(more.note ?? '');
		const checked = entryProblems(this, {
			amount: this.getNodeParameter('amount', i),
			date: String(more.date ?? '').trim(),
			reference,
			note,
		});
		if (checked.problems.length > 0)
			throw problemsError(this, 'The adjustment', checked.problems, i);
		const body = {
			patientId: String(this.getNodeParameter('patientId', i, '')).trim() || guarantorId,
			type: String(this.getNodeParameter('type', i)).trim(),
			amount: checked.amount,
			date: checked.date,
			reference,
			note,
		};
		const posted = await postOnce(
			this,
			i,
			'adjustments',
			guarantorId,
			body,
			this.getNodeParameter('testMode', i, false) as boolean,
		);
		return { ...posted, transactionId: reference, guarantorId };
	},
};
