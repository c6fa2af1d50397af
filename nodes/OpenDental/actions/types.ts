import type { ResourceOperation } from '../../shared/registry';

export type OpenDentalResource =
	| 'patient'
	| 'treatmentPlan'
	| 'paymentPlan'
	| 'commlog'
	| 'payment'
	| 'adjustment'
	| 'recall'
	| 'recallType'
	| 'appointment'
	| 'financedCase'
	| 'procedure'
	| 'practiceNumbers';

/** One operation, one file: its parameters and what it does for item `i`. */
export type OpenDentalOperation = ResourceOperation<OpenDentalResource>;
