/**
 * Outreach rules (issue 14): one policy for every outreach template (recall, reactivation,
 * financed but not booked). See financing/README.md, "Outreach".
 */
export { maskEmail, maskPhone, normalizeEmail, normalizeUsPhone } from './address';
export { appointmentStatusOf, isBooked, type AppointmentStatus } from './appointments';
export {
	channelForTouch,
	outreachPatientSchema,
	reachFor,
	type ContactMethod,
	type OutreachPatient,
	type OutreachPatientInput,
	type OutreachPurpose,
	type PatientStatus,
	type Reach,
	type ReachOutcome,
} from './contact';
export {
	financedCaseSchema,
	financedNotBooked,
	financedNotBookedRulesSchema,
	orderReactivation,
	type FinancedCaseInput,
	type FinancedNotBookedStep,
	type ReactivationEntry,
	type ReactivationItem,
	type ReactivationItemInput,
} from './followUp';
export {
	consentKey,
	coordinatorTaskKey,
	findConsentKeys,
	findTouchKeys,
	touchKey,
	type FoundConsentKey,
	type FoundTouchKey,
} from './keys';
export {
	OUTREACH_PLACEHOLDERS,
	optOutNote,
	outreachNote,
	renderOutreachMessage,
	type OutreachNote,
	type OutreachPlaceholder,
	type RenderRequest,
} from './messages';
export {
	OUTREACH_CHANNELS,
	outreachPolicySchema,
	parseOutreachPolicy,
	type OutreachChannel,
	type OutreachPolicy,
	type OutreachPolicyInput,
} from './policy';
export { isSendTime, nextSendTime } from './quietHours';
export {
	HELP_KEYWORDS,
	OPT_IN_KEYWORDS,
	OPT_OUT_KEYWORDS,
	classifyReply,
	type ReplyMeaning,
} from './replies';
export { screenPatientText, type ScreenFacts } from './screen';
export {
	planTouch,
	touchRequestSchema,
	type OptOutSeen,
	type TouchPlan,
	type TouchRequest,
} from './touch';
