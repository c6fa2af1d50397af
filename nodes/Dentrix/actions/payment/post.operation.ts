import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problem, todayIn, validateForDentrix } from '../../../../financing';
import { dateField, sourceFields } from '../../../shared/parameters';
import { skippedWhenConcurrent } from '../../../shared/write';
import { guarantorIdField, skipConcurrentField, testModeField } from '../fields';
import { objectParameter, problemsError, type DentrixOperation } from '../types';
import { entryProblems, postOnce } from './ledgerEntry';

const byHand = { show: { source: ['fields'] } };

export const postPayment: DentrixOperation = {
	resource: 'payment',
	value: 'post',
	name: 'Post',
	action: 'Post a CareCredit payment',
	description:
		'Post the CareCredit payment of a completed purchase (gross or net), once per transaction',
	properties: [
		...sourceFields(
			'The CareCredit payment the practice policy chose (gross or net, merchant fee adjustment)',
			'Amounts set by hand',
			'The arrangement the Payment Arrangement node built, or the output of Payment Agreement: Create',
		),
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. TXN-20261120-0001',
			description:
				"The CareCredit purchase's transaction ID: the payment is posted once per transaction",
		},
		{ ...guarantorIdField, displayOptions: byHand },
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '',
			placeholder: 'e.g. pat_1002',
			description: 'A member of the account; empty means the guarantor',
			displayOptions: byHand,
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3,450.00',
			description:
				'What to post, in dollars: the purchase amount (gross) or the purchase less the merchant fee (net)',
			displayOptions: byHand,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: byHand,
			options: [
				dateField,
				{
					displayName: 'Merchant Fee Adjustment',
					name: 'merchantFee',
					type: 'string',
					default: '',
					placeholder: 'e.g. 172.50',
					description:
						'With gross posting, the merchant fee to write off as a CareCredit Merchant Fee adjustment',
				},
				{
					displayName: 'Note',
					name: 'note',
					type: 'string',
					default: '',
					description: 'At most 255 characters',
				},
				{
					displayName: 'Payment Type',
					name: 'paymentType',
					type: 'string',
					default: 'CareCredit Payment',
					description: "One of the practice's payment types in Dentrix",
				},
			],
		},
		skipConcurrentField,
		testModeField,
	],
	async execute(this: IExecuteFunctions, i: number) {
		const skipped = skippedWhenConcurrent(this, i);
		if (skipped) return skipped;
		const testMode = this.getNodeParameter('testMode', i, false) as boolean;
		const reference = String(this.getNodeParameter('transactionId', i)).trim();
		let guarantorId: string;
		let payment: IDataObject;
		let fee: IDataObject | null = null;
		if (this.getNodeParameter('source', i) === 'arrangement') {
			const checked = validateForDentrix(objectParameter(this, 'arrangement', i), {
				today: todayIn(this.getTimezone(), new Date()),
			});
			if (!checked.ok) throw problemsError(this, 'The CareCredit payment', checked.problems, i);
			if (!checked.value.careCreditPayment) {
				return {
					created: false,
					outcome: 'nothingToWrite',
					reason: 'The practice policy posts no CareCredit payment',
				};
			}
			if (!reference) {
				throw problemsError(
					this,
					'The CareCredit payment',
					[problem('transactionId', 'required', "map the CareCredit purchase's transaction ID")],
					i,
				);
			}
			guarantorId = checked.value.guarantorId;
			payment = { ...checked.value.careCreditPayment.body, reference };
			const adjustment = checked.value.merchantFeeAdjustment;
			if (adjustment) fee = { ...adjustment.body, reference };
		} else {
			const more = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
			guarantorId = String(this.getNodeParameter('guarantorId', i)).trim();
			const note = String(more.note ?? '');
			const checked = entryProblems(this, {
				amount: this.getNodeParameter('amount', i),
				date: String(more.date ?? '').trim(),
				reference,
				note,
			});
			const feeText = String(more.merchantFee ?? '').trim();
			const feeChecked = feeText
				? entryProblems(this, { amount: feeText, date: checked.date, reference, note })
				: null;
			const problems = [
				...checked.problems,
				...(feeChecked?.problems ?? []).map((p) => ({ ...p, field: `merchantFee.${p.field}` })),
			];
			if (problems.length > 0) throw problemsError(this, 'The CareCredit payment', problems, i);
			const patientId = String(this.getNodeParameter('patientId', i, '')).trim() || guarantorId;
			payment = {
				patientId,
				paymentType: String(more.paymentType ?? 'CareCredit Payment'),
				amount: checked.amount,
				date: checked.date,
				reference,
				note,
			};
			if (feeChecked)
				fee = {
					patientId,
					type: 'CareCredit Merchant Fee',
					amount: feeChecked.amount,
					date: checked.date,
					reference,
					note,
				};
		}
		const posted = await postOnce(this, i, 'payments', guarantorId, payment, testMode);
		const feeAdjustment = fee
			? await postOnce(this, i, 'adjustments', guarantorId, fee, testMode)
			: null;
		return { ...posted, transactionId: reference, guarantorId, feeAdjustment };
	},
};
