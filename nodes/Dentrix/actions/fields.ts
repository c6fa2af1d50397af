import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as shared from '../../shared/parameters';

/** Parameters several Dentrix operations share, defined once. */

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

/** The patient a write is for, on the guarantor's account. */
export const patientIdField: INodeProperties = {
	displayName: 'Patient ID',
	name: 'patientId',
	type: 'string',
	default: '',
	placeholder: 'e.g. pat_1002',
	description: 'A member of the account; empty means the guarantor',
};

/** The `[cc:...]` reference token a hand-typed write carries, so it is never written twice. */
export const caseReferenceField: INodeProperties = {
	displayName: 'Case Reference',
	name: 'caseReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. [cc:APP-123456]',
	description: 'Added to the note when missing; a note already carrying it is not written again',
};

export const testModeField = shared.testModeField('Dentrix');

/** A locator's value, trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '', { extractValue: true }) ?? '').trim();
}
