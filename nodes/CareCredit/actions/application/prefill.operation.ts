import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { applicantProperties } from '../applicant.description';
import { readApplicant } from '../applicant';
import { centsFromWireOrNull, centsToDollars } from '../../../../financing';
import { compact, encodePmsIds } from '../../shapes';
import {
	merchantNumberFor,
	merchantNumberProperty,
	moneyParam,
	planCatalogFor,
	planFor,
	stringParam,
} from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';

interface PrefillResponse {
	referenceId?: string;
	sessionId?: string;
	availableCredit?: number;
	portalUrl?: string;
}

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const applicant = readApplicant(ctx, i, true);
	const options = ctx.getNodeParameter('prefillOptions', i, {}) as IDataObject;
	const promoCode = String(options.promoCode ?? '')
		.trim()
		.toUpperCase();
	const purchaseText = String(options.purchaseAmount ?? '').trim();
	const purchaseCents = purchaseText
		? moneyParam(ctx, 'prefillOptions.purchaseAmount', 'Purchase Amount', i, purchaseText)
		: null;
	if (promoCode) {
		const amount = purchaseCents ?? centsFromWireOrNull(applicant.wire.estimatedFee) ?? 0;
		planFor(ctx, i, promoCode, amount, planCatalogFor(ctx, i), 'Promotional Plan');
	}
	const ids = encodePmsIds(applicant.pms);
	const body: IDataObject = {
		merchantInfo: compact({
			merchantNumber,
			partnerCode: String(credentials.partnerCode ?? ''),
			recordId: ids.recordId,
		}),
		applicants: [applicant.wire],
		additionalInfo: compact({
			serviceType: 'C',
			landingPage: String(options.landingPage ?? 'AP'),
			userName: stringParam(ctx, 'prefillOptions.userName', i),
		}),
		transactionInfo: compact({
			practiceMemo: String(options.practiceMemo ?? '').trim(),
			promoCode,
			purchaseAmount: purchaseCents === null ? undefined : centsToDollars(purchaseCents),
			invoiceNumber: ids.invoiceNumber,
		}),
	};
	const response = (await careCreditRequest(ctx, {
		method: 'POST',
		path: CARECREDIT_PATHS.prefill,
		body,
		itemIndex: i,
	})) as PrefillResponse;
	return {
		sessionId: response.sessionId ?? null,
		referenceId: response.referenceId ?? null,
		portalUrl: response.portalUrl ?? null,
		availableCreditCents: centsFromWireOrNull(response.availableCredit),
		merchantNumber,
		pms: { ...applicant.pms },
		applicant: applicant.masked,
	};
}

export const prefill: CareCreditOperation = {
	resource: 'application',
	value: 'prefill',
	name: 'Prefill',
	action: 'Prefill an application',
	description:
		'Start a CareCredit application prefilled from the PMS; returns the portal link for the patient',
	usesApi: true,
	properties: [
		merchantNumberProperty,
		...applicantProperties(true),
		{
			displayName: 'Options',
			name: 'prefillOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Landing Page',
					name: 'landingPage',
					type: 'options',
					options: [
						{ name: 'Apply', value: 'AP' },
						{ name: 'Home', value: 'HM' },
						{ name: 'Lookup', value: 'LU' },
						{ name: 'Purchase', value: 'PR' },
						{ name: 'QuickScreen', value: 'QS' },
						{ name: 'Refund', value: 'RF' },
					],
					default: 'AP',
					description: 'Which CareCredit page the portal link opens',
				},
				{
					displayName: 'Practice Memo',
					name: 'practiceMemo',
					type: 'string',
					default: '',
					placeholder: 'e.g. Crown and implant',
				},
				{
					displayName: 'Promotional Plan',
					name: 'promoCode',
					type: 'string',
					default: '',
					placeholder: 'e.g. DI12',
					description:
						'Plan code of the catalog to offer for the purchase; checked against the plan minimum',
				},
				{
					displayName: 'Purchase Amount',
					name: 'purchaseAmount',
					type: 'string',
					default: '',
					placeholder: 'e.g. 4800.00',
					description: 'Amount in dollars to purchase once approved',
				},
				{
					displayName: 'User Name',
					name: 'userName',
					type: 'string',
					default: '',
					placeholder: 'e.g. coordinator',
					description: 'The practice user starting the application',
				},
			],
		},
	],
	execute,
};
