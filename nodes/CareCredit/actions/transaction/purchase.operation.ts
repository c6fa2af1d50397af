import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, dollars } from '../../shapes';
import {
	merchantNumberFor,
	merchantNumberProperty,
	moneyParam,
	planCatalogFor,
	planCatalogProperty,
	planFor,
	requiredParam,
	stringParam,
} from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';
import { transactionJson, type WireTransaction } from '../../shapes';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const referenceId = requiredParam(ctx, 'referenceId', 'Reference ID', i);
	const partnerTransactionId = requiredParam(
		ctx,
		'partnerTransactionId',
		'Partner Transaction ID',
		i,
	);
	const amountCents = moneyParam(ctx, 'amount', 'Amount', i);
	const code = requiredParam(ctx, 'promoCode', 'Promotional Plan', i).toUpperCase();
	const plan = planFor(ctx, i, code, amountCents, planCatalogFor(ctx, i), 'Promotional Plan');
	const response = (await careCreditRequest(ctx, {
		method: 'POST',
		path: CARECREDIT_PATHS.purchase,
		body: {
			merchantInfo: compact({ merchantNumber, partnerCode: String(credentials.partnerCode ?? '') }),
			referenceId,
			partnerTransactionID: partnerTransactionId,
			transactionInfo: compact({
				promoCode: plan.code,
				purchaseAmount: dollars(amountCents),
				practiceMemo: stringParam(ctx, 'practiceMemo', i),
				invoiceNumber: stringParam(ctx, 'invoiceNumber', i),
			}),
		},
		// CareCredit answers a repeated partner transaction id with the first purchase (no second
		// charge), so a purchase may be sent again when its answer was lost.
		idempotent: true,
		itemIndex: i,
	})) as WireTransaction;
	return transactionJson(response);
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
