/**
 * Insurance before financing (issue 13): the patient portion after insurance, the financing
 * offer for it, the check that a portion changed after the application went out, and the
 * checks before a visit. See financing/README.md, "Insurance".
 */
export {
	PORTION_ESTIMATE_CAVEAT,
	estimatePatientPortion,
	type PortionEstimate,
	type PortionReason,
	type PortionRule,
	type ProcedurePortion,
} from './portion';
export {
	parsePortionEstimateInput,
	portionEstimateInputSchema,
	type PlanBenefits,
	type PortionEstimateInput,
	type PortionEstimateRequest,
} from './portionInput';
export {
	comparePortions,
	portionSnapshotOf,
	type PortionChange,
	type PortionSnapshot,
	type ProcedurePortionChange,
} from './portionChange';
export {
	FINANCING_OFFER_CAVEAT,
	describeOffer,
	financingOffer,
	type FinancingOffer,
	type OfferedPlan,
	type PlanNotOffered,
} from './offer';
export {
	verificationInputSchema,
	verificationRulesSchema,
	verificationWorkList,
	verifyBeforeVisit,
	type FindingCode,
	type VerificationFinding,
	type VerificationInput,
	type VerificationResult,
	type VerificationRules,
	type VerificationRulesInput,
	type WorkListDay,
} from './verification';
export { coverageStatusOn, type CoverageStatus } from './coverage';
export {
	benefitYearOf,
	describeBenefits,
	summarizeOpenDentalBenefits,
	type BenefitSummary,
	type FrequencyLimit,
	type OpenDentalBenefitInput,
} from './openDentalBenefits';
export {
	checkedAppointmentSchema,
	clearinghouseSchema,
	hasVerificationKey,
	parseCheckedAppointment,
	verificationKey,
	verificationNote,
	workList,
	type CheckedAppointment,
	type WorkList,
} from './record';
export { planWithEstimatedPortion, portionUnchangedSinceApplication } from './planPortion';
