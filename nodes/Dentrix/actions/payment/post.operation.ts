import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkDentrixPayment,
	dentrixPaymentFromArrangement,
	typedCents,
	typedText,
	type DentrixPaymentRequests,
	type Problem,
	type Result,
} from '../../../../financing';
import { claimFromIncoming, typedThenChecked, writeContext } from '../../../shared/write';
import type { DentrixOperation } from '../types';
import { arrangementFor, checkWithAccount, guarantorOf } from '../facts';
import { once, postEntry, typedEntry, type EntryRequest } from './ledgerEntry';
import { BY_HAND, dateField, objectParameter, sourceFields } from '../../../shared/parameters';
import { guarantorIdField, patientIdField, skipConcurrentField, testModeField } from '../fields';

const NOT_WRITTEN = 'The CareCredit payment was not written';

/** The payment (and its merchant fee) as the contract's input, or null when the policy posts none. */
function paymentInput(
	ctx: IExecuteFunctions,
	i: number,
	transactionId: string,
): { input: Result<Record<string, unknown>>; typed?: Problem[]; prefix: string } | null {
	const context = writeContext(ctx);
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const view = arrangementFor(
			objectParameter(ctx, i, 'arrangement', 'Arrangement'),
			context,
			transactionId,
		);
		if (!view.ok) return { input: view, prefix: '' };
		const input = dentrixPaymentFromArrangement(view.value, transactionId);
		return input ? { input: { ok: true, value: input }, prefix: 'careCreditPayment' } : null;
	}
	const more = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const problems: Problem[] = [];
	const entry = typedEntry(
		ctx,
		i,
		context,
		{
			amount: ctx.getNodeParameter('amount', i, ''),
			date: more.date,
			note: more.note,
			transactionId,
		},
		problems,
	);
	const value = {
		...entry,
		paymentType: typedText(more.paymentType ?? 'CareCredit Payment'),
		merchantFeeCents: typedCents(more.merchantFee, 'merchantFee', problems, { fallback: null }),
		merchantFeeType: 'CareCredit Merchant Fee',
	};
	return { input: { ok: true, value }, typed: problems, prefix: '' };
}

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
		// As the item gives it: anything but text is the contract's to refuse.
		const transactionId = typedText(ctx.getNodeParameter('transactionId', i, '')) as string;
		const prepared = paymentInput(ctx, i, transactionId);
		if (!prepared) {
			return {
				created: false,
				outcome: 'nothingToWrite',
				reason: 'The practice policy posts no CareCredit payment',
			};
		}
		const { input, prefix, typed = [] } = prepared;
		const context = writeContext(ctx);
		const check = once(async (): Promise<Result<DentrixPaymentRequests>> => {
			if (!input.ok) return input;
			const bare = typedThenChecked(
				typed,
				checkDentrixPayment(input.value, context, undefined, prefix),
			);
			if (!bare.ok) return bare;
			const checked = await checkWithAccount(ctx, i, input.value.patientId, prefix, (facts) =>
				checkDentrixPayment(input.value, context, facts, prefix),
			);
			return checked.ok ? { ok: true, value: checked.value.request } : checked;
		});
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		const held = claimFromIncoming(ctx, i);
		const entry = (pick: (r: DentrixPaymentRequests) => EntryRequest | null) => async () => {
			const checked = await check();
			return checked.ok ? { ok: true as const, value: pick(checked.value)! } : checked;
		};
		const posted = await postEntry(ctx, i, {
			check: entry((r) => r.payment as EntryRequest),
			notWritten: NOT_WRITTEN,
			testMode,
			claim: held.claim,
		});
		const requests = await check();
		const fee = requests.ok ? requests.value.merchantFeeAdjustment : null;
		const feeAdjustment =
			fee && posted.outcome !== 'anotherRunIsWriting'
				? await postEntry(ctx, i, {
						check: entry((r) => r.merchantFeeAdjustment as EntryRequest),
						notWritten: 'The merchant fee adjustment was not written',
						testMode,
					})
				: null;
		return {
			...posted,
			...held.mark,
			transactionId,
			guarantorId: requests.ok ? guarantorOf(requests.value.payment.path) : '',
			feeAdjustment,
		};
	},
};
