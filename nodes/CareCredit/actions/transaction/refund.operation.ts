import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	centsFromWireOrNull,
	checkCareCreditRefund,
	ok,
	todayIn,
	typedCents,
	typedText,
	type CareCreditRefundBody,
	type CareCreditRefundFacts,
	type Problem,
	type WireRequest,
} from '../../../../financing';
import { typedThenChecked, write } from '../../../shared/write';
import { merchantNumberFor, merchantNumberProperty } from '../fields';
import { CARECREDIT_PATHS, careCreditRequest, deduplicatedWrite } from '../../transport';
import type { CareCreditOperation } from '../types';
import { transactionJson, type WireTransaction } from '../../shapes';

/**
 * The purchase a refund names, and what was refunded of it so far (the modeled
 * `GET /v1/carecredit/transactions?referenceId=`, docs/carecredit-api.md); null: no such purchase.
 */
async function refundFacts(
	ctx: IExecuteFunctions,
	i: number,
	referenceId: string,
): Promise<CareCreditRefundFacts | null> {
	const found = await careCreditRequest<{ transactions?: WireTransaction[] }>(ctx, {
		method: 'GET',
		path: CARECREDIT_PATHS.transactions,
		qs: { referenceId },
		itemIndex: i,
	});
	const rows = found.transactions ?? [];
	const purchase = rows.find(
		(t) => t.transactionType === 'PURCHASE' && t.referenceId === referenceId,
	);
	if (!purchase) return null;
	const refunded = rows
		.filter((t) => t.transactionType === 'REFUND' && t.originalReferenceId === referenceId)
		.reduce((sum, t) => sum + (centsFromWireOrNull(t.transactionAmount) ?? 0), 0);
	return {
		purchaseAmountCents: centsFromWireOrNull(purchase.transactionAmount) ?? 0,
		refundedCents: refunded,
	};
}

/** A refund, checked whole first, its amount against what is left of the purchase. */
async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const typed: Problem[] = [];
	// What the item gives, as it is: the contract judges text, types and all.
	const text = (name: string) => typedText(ctx.getNodeParameter(name, i, ''));
	const input = {
		merchantNumber: merchantNumberFor(ctx, i, credentials),
		referenceId: text('referenceId'),
		partnerTransactionId: text('partnerTransactionId'),
		amountCents: typedCents(ctx.getNodeParameter('amount', i, ''), 'amount', typed, {
			allowZero: false,
		}),
		practiceMemo: text('practiceMemo'),
	};
	const context = { today: todayIn(ctx.getTimezone(), new Date()) };
	const result = await write<WireRequest<CareCreditRefundBody>, WireTransaction>(ctx, i, {
		notWritten: 'The refund was not sent',
		check: async () => {
			const bare = typedThenChecked(typed, checkCareCreditRefund(input, context));
			if (!bare.ok) return bare;
			const facts = await refundFacts(ctx, i, String(input.referenceId));
			if (!facts)
				return {
					ok: false,
					problems: [
						{
							field: 'referenceId',
							code: 'purchaseNotFound',
							message:
								"referenceId: is not the reference ID of a CareCredit purchase; map the purchase's own reference ID",
						},
					],
				};
			const checked = checkCareCreditRefund(input, context, facts);
			return checked.ok ? ok(checked.value.request) : checked;
		},
		// CareCredit answers a repeated partner transaction id with the first transaction: its own lookup.
		find: async () => null,
		testMode: false,
		send: deduplicatedWrite<WireTransaction>(ctx, i),
	});
	return transactionJson(result.record ?? {});
}

export const refund: CareCreditOperation = {
	resource: 'transaction',
	value: 'refund',
	name: 'Refund',
	action: 'Refund a purchase',
	description: 'Refund all or part of a purchase (CareCredit purchases cannot be voided)',
	usesApi: true,
	properties: [
		merchantNumberProperty,
		{
			displayName: 'Purchase Reference ID',
			name: 'referenceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.referenceId }}',
			description: "The purchase's own reference ID (from the Purchase output)",
		},
		{
			displayName: 'Partner Transaction ID',
			name: 'partnerTransactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: "e.g. {{ 'refund-' + $json.transactionId }}",
			description: 'A stable ID for this refund, so a retry can never refund twice',
		},
		{
			displayName: 'Refund Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 300.00',
			description: 'Amount to refund in dollars, at most the purchase minus earlier refunds',
		},
		{
			displayName: 'Practice Memo',
			name: 'practiceMemo',
			type: 'string',
			default: '',
			placeholder: 'e.g. Crown not placed',
		},
	],
	execute,
};
