import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, dollars } from '../../shapes';
import {
	merchantNumberFor,
	merchantNumberProperty,
	moneyParam,
	requiredParam,
	stringParam,
} from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';
import { transactionJson, type WireTransaction } from '../../shapes';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const response = (await careCreditRequest(ctx, {
		method: 'POST',
		path: CARECREDIT_PATHS.refund,
		body: {
			merchantInfo: { merchantNumber },
			referenceId: requiredParam(ctx, 'referenceId', 'Purchase Reference ID', i),
			partnerTransactionID: requiredParam(ctx, 'partnerTransactionId', 'Partner Transaction ID', i),
			transactionInfo: compact({
				refundAmount: dollars(moneyParam(ctx, 'amount', 'Refund Amount', i)),
				practiceMemo: stringParam(ctx, 'practiceMemo', i),
			}),
		},
		// Refunds are deduplicated by partner transaction id too (docs/carecredit-api.md).
		idempotent: true,
		itemIndex: i,
	})) as WireTransaction;
	return transactionJson(response);
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
