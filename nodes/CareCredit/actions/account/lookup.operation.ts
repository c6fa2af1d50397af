import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { centsFromWireOrNull } from '../../../../financing';
import { compact } from '../../shapes';
import { inputError, merchantNumberFor, merchantNumberProperty, stringParam } from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';

interface LookupResponse {
	accountInfo?: IDataObject;
	creditInfo?: { creditLine?: number; balance?: number; availableCredit?: number };
	customerInfo?: { firstName?: string; lastName?: string; zipCode?: string };
}

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const by = stringParam(ctx, 'lookupBy', i) || 'accountNumber';
	const accountNumber = stringParam(ctx, 'accountNumber', i).replace(/\D/g, '');
	const lastName = stringParam(ctx, 'lastName', i);
	const taxIdLastFour = stringParam(ctx, 'taxIdLastFour', i).replace(/\D/g, '');
	if (by === 'accountNumber' && !/^\d{12,19}$/.test(accountNumber)) {
		throw inputError(
			ctx,
			i,
			"'Account Number'",
			'is not a card account number (12 to 19 digits)',
			"Map the cardholder's CareCredit account number.",
		);
	}
	if (by === 'name' && !lastName) {
		throw inputError(ctx, i, "'Last Name'", 'is empty', "Map the cardholder's last name.");
	}
	if (by === 'name' && taxIdLastFour && taxIdLastFour.length !== 4) {
		throw inputError(
			ctx,
			i,
			"'Tax ID Last Four'",
			'is not four digits',
			'Map the last four digits of the tax ID, or leave it empty.',
		);
	}
	// Account fields travel with a `cipher.` prefix (docs/financing-domain.md §2 item 3).
	const accountInfo =
		by === 'accountNumber'
			? { 'cipher.accountNumber': accountNumber }
			: compact({
					'cipher.lastName': lastName,
					'cipher.firstName': stringParam(ctx, 'firstName', i),
					'cipher.zipCode': stringParam(ctx, 'zipCode', i),
					'cipher.ssn': taxIdLastFour,
				});
	const response = (await careCreditRequest(ctx, {
		method: 'POST',
		path: CARECREDIT_PATHS.lookup,
		body: { merchantInfo: { merchantNumber }, accountInfo },
		// A lookup changes nothing, so a lost answer can be asked again.
		idempotent: true,
		itemIndex: i,
	})) as LookupResponse;
	const masked = String(response.accountInfo?.['cipher.accountNumber'] ?? '');
	return {
		accountNumberLastFour: masked ? masked.slice(-4) : null,
		creditLineCents: centsFromWireOrNull(response.creditInfo?.creditLine),
		balanceCents: centsFromWireOrNull(response.creditInfo?.balance),
		availableCreditCents: centsFromWireOrNull(response.creditInfo?.availableCredit),
		customer: {
			firstName: response.customerInfo?.firstName ?? null,
			lastName: response.customerInfo?.lastName ?? null,
			zipCode: response.customerInfo?.zipCode ?? null,
		},
		merchantNumber,
	};
}

const byName = { show: { lookupBy: ['name'] } };

export const lookup: CareCreditOperation = {
	resource: 'account',
	value: 'lookup',
	name: 'Lookup',
	action: 'Look up a cardholder account',
	description: "Get a cardholder's credit line, balance and available credit",
	usesApi: true,
	properties: [
		merchantNumberProperty,
		{
			displayName: 'Look Up By',
			name: 'lookupBy',
			type: 'options',
			options: [
				{ name: 'Account Number', value: 'accountNumber' },
				{ name: 'Name and Tax ID Last Four', value: 'name' },
			],
			default: 'accountNumber',
		},
		{
			displayName: 'Account Number',
			name: 'accountNumber',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. 6019000000000003',
			description: 'The CareCredit card account number; outputs show the last four digits only',
			displayOptions: { show: { lookupBy: ['accountNumber'] } },
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Garcia',
			displayOptions: byName,
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Carla',
			displayOptions: byName,
		},
		{
			displayName: 'ZIP Code',
			name: 'zipCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 60601',
			displayOptions: byName,
		},
		{
			displayName: 'Tax ID Last Four',
			name: 'taxIdLastFour',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0003',
			description: 'The last four digits of the tax ID; the full number is never needed',
			displayOptions: byName,
		},
	],
	execute,
};
