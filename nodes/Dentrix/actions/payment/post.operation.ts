import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problem, todayIn, validateForDentrix } from '../../../../financing';
import { skippedWhenConcurrent } from '../../../shared/write';
import type { DentrixOperation } from '../types';
import { entryProblems, postOnce } from './ledgerEntry';
import {
	BY_HAND,
	dateField,
	objectParameter,
	problemsError,
	sourceFields,
} from '../../../shared/parameters';
import { guarantorIdField, patientIdField, skipConcurrentField, testModeField } from '../fields';

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
		{ ...guarantorIdField, displayOptions: BY_HAND },
		{ ...patientIdField, displayOptions: BY_HAND },
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3,450.00',
			description:
				'What to post, in dollars: the purchase amount (gross) or the purchase less the merchant fee (net)',
			displayOptions: BY_HAND,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: BY_HAND,
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
	async execute(ctx: IExecuteFunctions, i: number) {
		const skipped = skippedWhenConcurrent(ctx, i);
		if (skipped) return skipped;
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		const reference = String(ctx.getNodeParameter('transactionId', i)).trim();
		let guarantorId: string;
		let payment: IDataObject;
		let fee: IDataObject | null = null;
		if (ctx.getNodeParameter('source', i) === 'arrangement') {
			const checked = validateForDentrix(objectParameter(ctx, i, 'arrangement', 'Arrangement'), {
				today: todayIn(ctx.getTimezone(), new Date()),
			});
			if (!checked.ok)
				throw problemsError(ctx, i, 'The CareCredit payment was not written', checked.problems);
			if (!checked.value.careCreditPayment) {
				return {
					created: false,
					outcome: 'nothingToWrite',
					reason: 'The practice policy posts no CareCredit payment',
				};
			}
			if (!reference) {
				throw problemsError(ctx, i, 'The CareCredit payment was not written', [
					problem('transactionId', 'required', "map the CareCredit purchase's transaction ID"),
				]);
			}
			guarantorId = checked.value.guarantorId;
			payment = { ...checked.value.careCreditPayment.body, reference };
			const adjustment = checked.value.merchantFeeAdjustment;
			if (adjustment) fee = { ...adjustment.body, reference };
		} else {
			const more = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
			guarantorId = String(ctx.getNodeParameter('guarantorId', i)).trim();
			const note = String(more.note ?? '');
			const checked = entryProblems(ctx, {
				amount: ctx.getNodeParameter('amount', i),
				date: String(more.date ?? '').trim(),
				reference,
				note,
			});
			const feeText = String(more.merchantFee ?? '').trim();
			const feeChecked = feeText
				? entryProblems(ctx, { amount: feeText, date: checked.date, reference, note })
				: null;
			const problems = [
				...checked.problems,
				...(feeChecked?.problems ?? []).map((p) => ({ ...p, field: `merchantFee.${p.field}` })),
			];
			if (problems.length > 0)
				throw problemsError(ctx, i, 'The CareCredit payment was not written', problems);
			const patientId = String(ctx.getNodeParameter('patientId', i, '')).trim() || guarantorId;
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
		const posted = await postOnce(ctx, i, 'payments', guarantorId, payment, testMode);
		const feeAdjustment = fee
			? await postOnce(ctx, i, 'adjustments', guarantorId, fee, testMode)
			: null;
		return { ...posted, transactionId: reference, guarantorId, feeAdjustment };
	},
};
