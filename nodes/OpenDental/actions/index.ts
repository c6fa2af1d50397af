import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../shared/registry';
import { createAdjustment } from './adjustment/create.operation';
import { getAppointment } from './appointment/get.operation';
import { getBenefits } from './benefits/get.operation';
import { getManyCoverage } from './coverage/getMany.operation';
import { checkBeforeVisit } from './insuranceVerification/check.operation';
import { getVerifications } from './insuranceVerification/get.operation';
import { recordCheck } from './insuranceVerification/record.operation';
import { stampVerification } from './insuranceVerification/stamp.operation';
import { buildWorkList } from './insuranceVerification/workList.operation';
import { getAsapList } from './appointment/getAsapList.operation';
import { getAppointmentFields } from './appointment/getFields.operation';
import { getManyAppointments } from './appointment/getMany.operation';
import { getSlots } from './appointment/getSlots.operation';
import { setAppointmentField } from './appointment/setField.operation';
import { createCommlog } from './commlog/create.operation';
import { getManyCommlogs } from './commlog/getMany.operation';
import { writeFinancedCase } from './financedCase/write.operation';
import { getPatient } from './patient/get.operation';
import { searchPatients } from './patient/search.operation';
import { setTextOk } from './patient/setTextOk.operation';
import { createPayment } from './payment/create.operation';
import { closePaymentPlan } from './paymentPlan/close.operation';
import { createPaymentPlan } from './paymentPlan/create.operation';
import { getPaymentPlan } from './paymentPlan/get.operation';
import { getManyPaymentPlans } from './paymentPlan/getMany.operation';
import { getManyFinancedCases } from './financedCase/getMany.operation';
import { getAppointmentValue } from './procedure/getValue.operation';
import { getRecallList } from './recall/getList.operation';
import { getManyRecalls } from './recall/getMany.operation';
import { setRecallStatus } from './recall/setStatus.operation';
import { getManyRecallTypes } from './recallType/getMany.operation';
import { getPracticeNumbersOperation } from './practiceNumbers/get.operation';
import { getTreatmentPlan } from './treatmentPlan/get.operation';
import type { OpenDentalOperation, OpenDentalResource } from './types';

/** The one list of operations: it builds the Resource and Operation options and the dispatch. */
export const OPERATIONS: OpenDentalOperation[] = [
	getPatient,
	searchPatients,
	setTextOk,
	getTreatmentPlan,
	writeFinancedCase,
	createPaymentPlan,
	getPaymentPlan,
	getManyPaymentPlans,
	closePaymentPlan,
	createCommlog,
	getManyCommlogs,
	createPayment,
	createAdjustment,
	getRecallList,
	getManyRecalls,
	setRecallStatus,
	getManyRecallTypes,
	getManyFinancedCases,
	getAppointmentValue,
	getManyAppointments,
	getAppointment,
	getAsapList,
	getSlots,
	getAppointmentFields,
	setAppointmentField,
	getManyCoverage,
	getBenefits,
	getVerifications,
	stampVerification,
	checkBeforeVisit,
	recordCheck,
	buildWorkList,
	getPracticeNumbersOperation,
];

const RESOURCES: Array<{ name: string; value: OpenDentalResource }> = [
	{ name: 'Adjustment', value: 'adjustment' },
	{ name: 'Appointment', value: 'appointment' },
	{ name: 'Benefit', value: 'benefits' },
	{ name: 'Commlog', value: 'commlog' },
	{ name: 'Coverage', value: 'coverage' },
	{ name: 'Financed Case', value: 'financedCase' },
	{ name: 'Insurance Verification', value: 'insuranceVerification' },
	{ name: 'Patient', value: 'patient' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Payment Plan', value: 'paymentPlan' },
	{ name: 'Practice Numbers', value: 'practiceNumbers' },
	{ name: 'Procedure', value: 'procedure' },
	{ name: 'Recall', value: 'recall' },
	{ name: 'Recall Type', value: 'recallType' },
	{ name: 'Treatment Plan', value: 'treatmentPlan' },
];

export const openDentalProperties: INodeProperties[] = resourceProperties(
	RESOURCES,
	OPERATIONS,
	'patient',
);
