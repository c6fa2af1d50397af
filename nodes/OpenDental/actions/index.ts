import type { INodeProperties } from 'n8n-workflow';

import { createAdjustment } from './adjustment/create.operation';
import { createCommlog } from './commlog/create.operation';
import { getManyCommlogs } from './commlog/getMany.operation';
import { getPatient } from './patient/get.operation';
import { searchPatients } from './patient/search.operation';
import { createPayment } from './payment/create.operation';
import { closePaymentPlan } from './paymentPlan/close.operation';
import { createPaymentPlan } from './paymentPlan/create.operation';
import { getPaymentPlan } from './paymentPlan/get.operation';
import { getManyPaymentPlans } from './paymentPlan/getMany.operation';
import { getTreatmentPlan } from './treatmentPlan/get.operation';
import type { OpenDentalOperation, OpenDentalResource } from './types';

/** The one list of operations: it builds the Resource and Operation options and the dispatch. */
export const OPERATIONS: OpenDentalOperation[] = [
	getPatient,
	searchPatients,
	getTreatmentPlan,
	createPaymentPlan,
	getPaymentPlan,
	getManyPaymentPlans,
	closePaymentPlan,
	createCommlog,
	getManyCommlogs,
	createPayment,
	createAdjustment,
];

const RESOURCES: Array<{ name: string; value: OpenDentalResource }> = [
	{ name: 'Adjustment', value: 'adjustment' },
	{ name: 'Commlog', value: 'commlog' },
	{ name: 'Patient', value: 'patient' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Payment Plan', value: 'paymentPlan' },
	{ name: 'Treatment Plan', value: 'treatmentPlan' },
];

export function findOperation(
	resource: string,
	operation: string,
): OpenDentalOperation | undefined {
	return OPERATIONS.find((o) => o.resource === resource && o.value === operation);
}

function operationProperty(resource: OpenDentalResource): INodeProperties {
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

function scoped(o: OpenDentalOperation): INodeProperties[] {
	return o.properties.map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, resource: [o.resource], operation: [o.value] },
		},
	}));
}

export const openDentalProperties: INodeProperties[] = [
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
