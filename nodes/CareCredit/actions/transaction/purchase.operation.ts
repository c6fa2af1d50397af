import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkCareCreditPurchase,
	ok,
	todayIn,
	typedCents,
	typedText,
	type CareCreditPurchaseBody,
	type Problem,
	type WireRequest,
} from '../../../../financing';
import { typedThenChecked, write } from '../../../shared/write';
import {
	merchantNumberFor,
	merchantNumberProperty,
	planCatalogFor,
	planCatalogProperty,
} from '../fields';
import { deduplicatedWrite } from '../../transport';
import type { CareCreditOperation } from '../types';
import { transactionJson, type WireTransaction } from '../../shapes';

/**
 * A purchase, checked whole first (amount, plan and its minimum, ids, memo screened). CareCredit
 * answers a repeated partner transaction id with the first purchase and charges nothing again
 * (docs/carecredit-api.md), so the purchase is its own lookup: sent again after a lost answer.
 */
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const typed: Problem[] = [];
	// What the item gives, as it is: the contract judges text, types and all.
	const text = (name: string) => typedText(ctx.getNodeParameter(name, i, ''));
	const input = {
		merchantNumber: merchantNumberFor(ctx, i, credentials),
		partnerCode: String(credentials.partnerCode ?? ''),
		referenceId: text('referenceId'),
		partnerTransactionId: text('partnerTransactionId'),
		amountCents: typedCents(ctx.getNodeParameter('amount', i, ''), 'amount', typed, {
			allowZero: false,
		}),
		promoCode: upper(text('promoCode')),
		practiceMemo: text('practiceMemo'),
		invoiceNumber: text('invoiceNumber'),
	};
	const context = {
		today: todayIn(ctx.getTimezone(), new Date()),
		planCatalog: planCatalogFor(ctx, i),
	};
	const result = await write<WireRequest<CareCreditPurchaseBody>, WireTransaction>(ctx, i, {
		notWritten: 'The purchase was not sent',
		check: () => {
			const checked = typedThenChecked(typed, checkCareCreditPurchase(input, context));
			return checked.ok ? ok(checked.value.request) : checked;
		},
		// CareCredit answers a repeated partner transaction id with the first transaction: its own lookup.
		find: async () => null,
		testMode: false,
		send: deduplicatedWrite<WireTransaction>(ctx, i),
	});
	return transactionJson(result.record ?? {});
}

export const purchase: CareCreditOperation = {
	resource: 'transaction',
	value: 'purchase',
	name: 'Purchase',
	action: 'Charge a purchase',
	description: "Charge a purchase on the patient's CareCredit account under a promotional plan",
	usesApi: true,
	properties: [
		merchantNumberProperty,
		{
			displayName: 'Reference ID',
			name: 'referenceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.referenceId }}',
			description: 'The reference ID of the approved session (from Prefill or the decision)',
		},
		{
			displayName: 'Partner Transaction ID',
			name: 'partnerTransactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: "e.g. {{ 'n8n-' + $json.pms.treatmentPlanId }}",
			description:
				'A stable ID for this purchase, e.g. built from the treatment plan ID. CareCredit answers a repeat with the first purchase, so a retry can never charge twice.',
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 4800.00',
			description: 'Purchase amount in dollars',
		},
		{
			displayName: 'Promotional Plan',
			name: 'promoCode',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. DI12',
			description:
				'Plan code of the catalog (DI6, DI12, DI18, DI24, RA24, RA36, RA48, RA60 by default)',
		},
		{
			displayName: 'Practice Memo',
			name: 'practiceMemo',
			type: 'string',
			default: '',
			placeholder: 'e.g. Crown and implant',
		},
		{
			displayName: 'Invoice Number',
			name: 'invoiceNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.pms.treatmentPlanId }}',
		},
		planCatalogProperty,
	],
	execute,
};
