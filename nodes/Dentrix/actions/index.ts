import type { INodeProperties } from 'n8n-workflow';

import { createAdjustment } from './adjustment/create.operation';
import { createLedgerNote } from './ledgerNote/create.operation';
import { getManyLedgerNotes } from './ledgerNote/getMany.operation';
import { getPatient } from './patient/get.operation';
import { searchPatients } from './patient/search.operation';
import { postPayment } from './payment/post.operation';
import { createPaymentAgreement } from './paymentAgreement/create.operation';
import { getPaymentAgreement } from './paymentAgreement/get.operation';
import { getManyPaymentAgreements } from './paymentAgreement/getMany.operation';
import { getTreatmentPlan } from './treatmentPlan/get.operation';
import type { DentrixOperation, DentrixResource } from './types';

/** The one list of operations: it builds the Resource and Operation options and the dispatch. */
export const OPERATIONS: DentrixOperation[] = [
	getPatient,
	searchPatients,
	getTreatmentPlan,
	createPaymentAgreement,
	getPaymentAgreement,
	getManyPaymentAgreements,
	createLedgerNote,
	getManyLedgerNotes,
	postPayment,
	createAdjustment,
];

const RESOURCES: Array<{ name: string; value: DentrixResource }> = [
	{ name: 'Adjustment', value: 'adjustment' },
	{ name: 'Ledger Note', value: 'ledgerNote' },
	{ name: 'Patient', value: 'patient' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Payment Agreement', value: 'paymentAgreement' },
	{ name: 'Treatment Plan', value: 'treatmentPlan' },
];

export function findOperation(resource: string, operation: string): DentrixOperation | undefined {
	return OPERATIONS.find((o) => o.resource === resource && o.value === operation);
}

function operationProperty(resource: DentrixResource): INodeProperties {
	const operations = OPERATIONS.filter((o) => o.resource === resource);
	const first = operations[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations
			.map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: first,
	};
}

function scoped(o: DentrixOperation): INodeProperties[] {
	return o.properties.map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, resource: [o.resource], operation: [o.value] },
		},
	}));
}

export const dentrixProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES,
		default: 'patient',
	},
	...RESOURCES.map((r) => operationProperty(r.value)),
	...OPERATIONS.flatMap(scoped),
];
