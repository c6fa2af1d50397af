import type { FinancingDecision } from '../decision';
import { screenPatientData } from '../patientData';
import type { PracticePolicyInput } from '../policy';
import { fail, ok, type Result } from '../result';
import type { TreatmentPlanInput } from '../treatmentPlan';
import { parseInputs } from './inputs';
import {
	careCreditPaymentFor,
	dentrixAgreementFor,
	financingFor,
	financingRecordFor,
} from './records';
import { buildShortfall } from './shortfall';
import { auditNoteFor, coordinatorMessageFor, shortfallNote } from './texts';
import type { BuildWritesOverrides, FinancingWrites } from './types';

export * from './types';
export { firstPaymentDateFor } from './shortfall';

/**
 * Builds every write for an approved decision, in steps: the inputs and how they agree
 * (inputs.ts), the promotional plan and CareCredit's schedule (records.ts), the shortfall
 * (shortfall.ts), the records, then the texts (texts.ts), each text screened for patient data.
 * Bad data comes back as problems, all at once where they are independent; it never throws.
 */
export function buildWrites(
	treatmentPlanInput: TreatmentPlanInput,
	decisionInput: FinancingDecision,
	policyInput: PracticePolicyInput,
	now: Date,
	overrides: BuildWritesOverrides = {},
): Result<FinancingWrites> {
	const parsed = parseInputs(treatmentPlanInput, decisionInput, policyInput, now, overrides ?? {});
	if (!parsed.ok) return parsed;
	const input = parsed.value;
	const financing = financingFor(input);
	if (!financing.ok) return financing;
	const f = financing.value;
	const shortfall = buildShortfall(input, f.amountFinancedCents, overrides ?? {});
	if (!shortfall.ok) return shortfall;
	const s = shortfall.value;
	if (s.plan) s.plan.note = shortfallNote(input, f, s.plan);
	const record = input.policy.writes.financingRecord ? financingRecordFor(input, f) : null;
	const payment = careCreditPaymentFor(input, f, overrides ?? {});
	const auditNote = auditNoteFor(input, now, f, s, payment);
	const coordinatorMessage = coordinatorMessageFor(input, f, s);
	// Every text the arrangement writes passes the patient data screen (the patient's name, the
	// policy's labels and types travel into them).
	const screened = [
		...screenPatientData(auditNote, 'auditNote', input.today),
		...screenPatientData(coordinatorMessage, 'coordinatorMessage', input.today),
	];
	if (screened.length > 0) return fail(...screened);
	const { plan, decision, policy, agreementDate } = input;
	return ok({
		referenceToken: input.token,
		decision,
		treatmentPlan: plan,
		timeZone: policy.timeZone,
		builtAt: now.toISOString(),
		agreementDate,
		amounts: {
			treatmentPlanTotalCents: plan.totalCents,
			patientPortionCents: plan.patientPortionCents,
			approvedAmountCents: input.approvedCents,
			amountFinancedCents: f.amountFinancedCents,
			shortfallCents: s.shortfallCents,
			downPaymentCents: s.downPaymentCents,
			collectAtVisitCents: s.collectAtVisitCents,
			inHouseAmountCents: s.plan?.amountFinancedCents ?? 0,
		},
		careCreditPayment: payment,
		financingRecord: record,
		shortfallPlan: s.plan,
		dentrixPaymentAgreement: dentrixAgreementFor(input, f, s.plan, record),
		auditNote,
		coordinatorMessage,
	});
}
export * from './location';
