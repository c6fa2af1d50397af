import type { ResourceOperation } from '../../shared/registry';

export type DentrixResource =
	| 'patient'
	| 'treatmentPlan'
	| 'paymentAgreement'
	| 'ledgerNote'
	| 'payment'
	| 'adjustment'
	| 'continuingCare'
	| 'practiceNumbers';

/** One operation, one file: its parameters and what it does for item `i`. */
export type DentrixOperation = ResourceOperation<DentrixResource>;
