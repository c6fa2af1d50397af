import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../shared/registry';
import { createAdjustment } from './adjustment/create.operation';
import { getDueList } from './continuingCare/getDueList.operation';
import { getManyContinuingCare } from './continuingCare/getMany.operation';
import { recordContact } from './continuingCare/recordContact.operation';
import { createLedgerNote } from './ledgerNote/create.operation';
import { getManyLedgerNotes } from './ledgerNote/getMany.operation';
import { getPatient } from './patient/get.operation';
import { searchPatients } from './patient/search.operation';
import { postPayment } from './payment/post.operation';
import { createPaymentAgreement } from './paymentAgreement/create.operation';
import { getPaymentAgreement } from './paymentAgreement/get.operation';
import { getManyPaymentAgreements } from './paymentAgreement/getMany.operation';
import { getPracticeNumbersOperation } from './practiceNumbers/get.operation';
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
	getDueList,
	getManyContinuingCare,
	recordContact,
	getPracticeNumbersOperation,
];

const RESOURCES: Array<{ name: string; value: DentrixResource }> = [
	{ name: 'Adjustment', value: 'adjustment' },
	{ name: 'Continuing Care', value: 'continuingCare' },
	{ name: 'Ledger Note', value: 'ledgerNote' },
	{ name: 'Patient', value: 'patient' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Payment Agreement', value: 'paymentAgreement' },
	{ name: 'Practice Numbers', value: 'practiceNumbers' },
	{ name: 'Treatment Plan', value: 'treatmentPlan' },
];

export const dentrixProperties: INodeProperties[] = resourceProperties(
	RESOURCES,
	OPERATIONS,
	'patient',
);
