import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	checkShape,
	ok,
	openDentalNumberField,
	safeEcho,
	typedText,
	type Result,
} from '../../../financing';
import * as shared from '../../shared/parameters';

/** Parameters several operations share, defined once. */

export const patientLocator = (name: string, displayName: string, description: string) =>
	shared.patientLocator(name, displayName, description, {
		search: 'Search by last name…',
		id: 'By PatNum',
		idExample: '201',
	});

export const testModeField = shared.testModeField('Open Dental');

export const skipConcurrentField = shared.skipConcurrentField('payment plan');

export const patNumField: INodeProperties = {
	displayName: 'PatNum',
	name: 'patNum',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 201',
	description: "The patient's number in Open Dental",
};

export const caseReferenceField: INodeProperties = {
	displayName: 'Case Reference',
	name: 'caseReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. [cc:APP-123456]',
	description: 'Added to the note when missing; a record already carrying it is not written again',
};

/** An Open Dental number (PatNum, PayPlanNum, DefNum...) from a parameter or a locator. */
export function numberParameter(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	options: { locator?: boolean; optional?: boolean } = {},
): number {
	const raw = String(
		ctx.getNodeParameter(name, i, '', options.locator ? { extractValue: true } : {}) ?? '',
	).trim();
	if (raw === '' && options.optional) return 0;
	if (/^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
	throw new NodeOperationError(
		ctx.getNode(),
		`${name}: "${safeEcho(raw)}" is not an Open Dental number`,
		{
			itemIndex: i,
			description: `Enter the ${name} as Open Dental shows it, a whole number such as 201.`,
		},
	);
}

/**
 * An Open Dental number typed or mapped (PatNum, AptNum...) as the contracts check it: the number
 * as text of digits, or the problem of `field`. A mapped number (252) counts as its digits.
 */
export function checkedNumber(value: unknown, field: string, what: string): Result<string> {
	const typed = typeof value === 'number' ? String(value) : typedText(value);
	const checked = checkShape({ [field]: typed }, { [field]: openDentalNumberField(what) }, [], '');
	return checked.ok ? ok(String(checked.value[field])) : checked;
}
