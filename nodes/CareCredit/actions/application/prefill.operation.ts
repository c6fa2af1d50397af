import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	PORTION_ESTIMATE_CAVEAT,
	centsFromWireOrNull,
	centsToDollars,
	locationFor,
	portionSnapshotOf,
	type FinancingDecision,
} from '../../../../financing';
import { locationsParameter, problemsError } from '../../../shared/parameters';
import { merchantNumberProblem } from '../../merchantNumber';
import { applicantProperties } from '../applicant.description';
import { readApplicant } from '../applicant';
import { compact, encodePmsIds } from '../../shapes';
import {
	inputError,
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
	const applicant = readApplicant(ctx, i, true);
	const merchantNumber =
		locationMerchantNumber(ctx, i, applicant.pms.locationId) ??
		merchantNumberFor(ctx, i, credentials);
	const options = ctx.getNodeParameter('prefillOptions', i, {}) as IDataObject;
	const portion = portionSentWith(ctx, i, options.portionEstimate);
	if (portion) applicant.wire.estimatedFee = centsToDollars(portion.patientPortionCents);
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
		applicant: portion
			? { ...applicant.masked, estimatedFee: centsToDollars(portion.patientPortionCents) }
			: applicant.masked,
		...(portion ? { portionSent: portion, portionCaveat: PORTION_ESTIMATE_CAVEAT } : {}),
	};
}

/**
 * The merchant number of the plan's location (Options > Locations, the Practice settings' list,
 * found by the plan's location ID as the decision templates find it), when the node's own
 * Merchant Number is empty; null without Locations, or for an entry without a merchant number
 * (the credential's default then). A plan whose location is not in the list is not prefilled.
 */
function locationMerchantNumber(
	ctx: IExecuteFunctions,
	i: number,
	locationId: string | null,
): string | null {
	if (String(ctx.getNodeParameter('merchantNumber', i, '') ?? '').trim() !== '') return null;
	const locations = locationsParameter(ctx, i, 'prefillOptions.locations');
	const found = locationFor(locations, {
		pms: { locationId } as FinancingDecision['pms'],
		merchantNumber: null,
	});
	if (!found.ok)
		throw problemsError(
			ctx,
			i,
			'The application was not prefilled',
			found.problems,
			"Add the plan's location to Locations (its pmsLocationId and merchantNumber), or set the plan's location in the practice system.",
		);
	const number = found.value?.merchantNumber ?? '';
	if (number === '') return null;
	const problem = merchantNumberProblem(number);
	if (problem)
		throw inputError(
			ctx,
			i,
			`the merchantNumber of location '${found.value!.name || found.value!.pmsLocationId}' in 'Locations'`,
			`is not valid: ${problem}`,
			"Fix that location's merchantNumber in the Practice settings' locations (16 digits).",
		);
	return number;
}

/** The estimate after insurance the application is prefilled with (its total is the estimated fee), kept in the output. */
function portionSentWith(ctx: IExecuteFunctions, i: number, value: unknown) {
	if (value === undefined || value === null || value === '') return null;
	const estimate = (typeof value === 'string' ? safeJson(value) : value) as {
		totals?: { patientPortionCents?: unknown };
		procedures?: Array<{ procedureId: string; patientPortionCents: number }>;
	} | null;
	const total = estimate?.totals?.patientPortionCents;
	if (
		typeof total !== 'number' ||
		!Number.isSafeInteger(total) ||
		total < 0 ||
		!Array.isArray(estimate?.procedures)
	) {
		throw new NodeOperationError(ctx.getNode(), 'Patient Portion Estimate is not an estimate', {
			itemIndex: i,
			description:
				"Map the portionEstimate of Open Dental's Treatment Plan: Get (a saved plan), e.g. {{ $json.portionEstimate }}, or leave the option out.",
		});
	}
	return portionSnapshotOf(
		estimate as {
			totals: { patientPortionCents: number };
			procedures: Array<{ procedureId: string; patientPortionCents: number }>;
		},
	);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return null;
	}
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
					displayName: 'Locations',
					name: 'locations',
					type: 'json',
					default: '[]',
					description:
						'The practice\'s locations, as in the Practice settings ([{"name", "merchantNumber", "pmsLocationId", ...}]): the application goes under the merchant number of the plan\'s location (found by its location ID) unless Merchant Number is set. Empty: the credential\'s default merchant number.',
				},
				{
					displayName: 'Patient Portion Estimate',
					name: 'portionEstimate',
					type: 'json',
					default: '',
					description:
						'The estimate after insurance to apply for (portionEstimate of Open Dental Treatment Plan: Get): its total becomes the estimated fee, and the output keeps it as portionSent',
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
