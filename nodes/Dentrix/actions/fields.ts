import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as shared from '../../shared/parameters';

/** Parameters several operations share, defined once. */

export { listFields, listOptions } from '../../shared/parameters';

export const patientLocator = (name: string, displayName: string, description: string) =>
	shared.patientLocator(name, displayName, description, {
		search: 'Search by name…',
		id: 'By ID',
		idExample: 'pat_1001',
	});

export const guarantorIdField: INodeProperties = {
	displayName: 'Guarantor ID',
	name: 'guarantorId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. pat_1001',
	description: "The account: the guarantor's patient ID (Dentrix keeps one account per guarantor)",
};

export const testModeField = shared.testModeField('Dentrix');

export const skipConcurrentField = shared.skipConcurrentField('payment agreement');

/** A locator's value, trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '', { extractValue: true }) ?? '').trim();
}
