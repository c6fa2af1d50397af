import { parseLocalDate, todayIn, type LocalDate } from '../dates';
import { decisionSchema, referenceToken, type FinancingDecision } from '../decision';
import { formatMoney, MAX_CENTS } from '../money';
import { safeEcho } from '../patientData';
import { practicePolicySchema, type PracticePolicy, type PracticePolicyInput } from '../policy';
import { fail, ok, problem, zodProblems, type Problem, type Result } from '../result';
import { treatmentPlanSchema, type TreatmentPlan, type TreatmentPlanInput } from '../treatmentPlan';
import type { BuildWritesOverrides } from './types';

/** Step 1 of buildWrites: the inputs, each checked, and how they agree with each other. */
export interface Inputs {
	plan: TreatmentPlan;
	decision: FinancingDecision;
	policy: PracticePolicy;
	agreementDate: LocalDate;
	/** Today in the practice's zone: the patient data screen's reference date. */
	today: LocalDate;
	token: string;
	approvedCents: number;
}

export function parseInputs(
	treatmentPlanInput: TreatmentPlanInput,
	decisionInput: FinancingDecision,
	policyInput: PracticePolicyInput,
	now: Date,
	overrides: BuildWritesOverrides,
): Result<Inputs> {
	const problems: Problem[] = [];
	const planParsed = treatmentPlanSchema.safeParse(treatmentPlanInput);
	if (!planParsed.success) problems.push(...zodProblems(planParsed.error, 'treatmentPlan'));
	const decisionParsed = decisionSchema.safeParse(decisionInput);
	if (!decisionParsed.success) problems.push(...zodProblems(decisionParsed.error, 'decision'));
	const policyParsed = practicePolicySchema.safeParse(policyInput);
	if (!policyParsed.success) problems.push(...zodProblems(policyParsed.error, 'policy'));
	if (!(now instanceof Date) || !Number.isFinite(now.getTime())) {
		problems.push(problem('now', 'invalidDate', 'is not a valid date and time'));
	}
	if (
		!planParsed.success ||
		!decisionParsed.success ||
		!policyParsed.success ||
		problems.length > 0
	)
		return fail(...problems);
	const plan = planParsed.data;
	const decision = decisionParsed.data;
	const policy = policyParsed.data;
	if (decision.status !== 'approved') {
		return fail(
			problem(
				'decision.status',
				'decisionNotApproved',
				`CareCredit's decision is "${decision.status}" (${safeEcho(decision.rawStatus)}); only an approved decision is written to the ledger`,
			),
		);
	}
	problems.push(...agreement(plan, decision));
	const token = referenceToken(decision);
	if (!token.ok) problems.push(...token.problems);
	const approved = decision.approvedAmountCents ?? 0;
	if (approved === 0)
		problems.push(
			problem(
				'decision.approvedAmountCents',
				'noCreditAvailable',
				'CareCredit approved $0.00 (no available credit); nothing can be financed',
			),
		);
	if (approved > MAX_CENTS || plan.totalCents > MAX_CENTS)
		problems.push(
			problem(
				approved > MAX_CENTS ? 'decision.approvedAmountCents' : 'treatmentPlan.totalCents',
				'tooLarge',
				`is above ${formatMoney(MAX_CENTS)}, the largest amount accepted`,
			),
		);
	if (plan.patientPortionCents === 0)
		problems.push(
			problem(
				'treatmentPlan.patientPortionCents',
				'nothingToFinance',
				'the patient owes $0.00 on this plan; there is nothing to finance',
			),
		);
	const today = todayIn(policy.timeZone, now);
	let agreementDate = today;
	if (overrides.agreementDate !== undefined) {
		const parsed = parseLocalDate(overrides.agreementDate, 'agreementDate');
		if (parsed.ok) agreementDate = overrides.agreementDate;
		else problems.push(...parsed.problems);
	}
	if (overrides.actualMerchantFeeCents !== undefined) {
		const fee = overrides.actualMerchantFeeCents;
		if (!Number.isSafeInteger(fee) || fee < 0 || fee > Math.min(approved, plan.patientPortionCents))
			problems.push(
				problem(
					'careCreditPayment.merchantFeeCents',
					'invalidMerchantFee',
					`the merchant fee ${formatMoney(fee)} must be whole cents between $0.00 and the amount financed (the payment it belongs to)`,
				),
			);
	}
	if (overrides.firstPaymentDate !== undefined) {
		const parsed = parseLocalDate(overrides.firstPaymentDate, 'shortfallPlan.firstPaymentDate');
		if (!parsed.ok) problems.push(...parsed.problems);
	}
	if (problems.length > 0 || !token.ok) return fail(...problems);
	return ok({
		plan,
		decision,
		policy,
		agreementDate,
		today,
		token: token.value,
		approvedCents: approved,
	});
}

/** The decision is for this plan's patient, guarantor and treatment plan (compared exactly). */
function agreement(plan: TreatmentPlan, decision: FinancingDecision): Problem[] {
	const problems: Problem[] = [];
	if (decision.pms.patientId !== plan.patientId)
		problems.push(
			problem(
				'decision.pms.patientId',
				'patientMismatch',
				`the decision is for patient ${safeEcho(decision.pms.patientId)} but the treatment plan is for patient ${safeEcho(plan.patientId)}`,
			),
		);
	if (decision.pms.guarantorId !== plan.guarantorId)
		problems.push(
			problem(
				'decision.pms.guarantorId',
				'guarantorMismatch',
				`the decision names guarantor ${safeEcho(decision.pms.guarantorId)} but the patient's guarantor is ${safeEcho(plan.guarantorId)}`,
			),
		);
	if (
		decision.pms.treatmentPlanId &&
		plan.treatmentPlanId &&
		decision.pms.treatmentPlanId !== plan.treatmentPlanId
	)
		problems.push(
			problem(
				'decision.pms.treatmentPlanId',
				'treatmentPlanMismatch',
				`the decision is for treatment plan ${safeEcho(decision.pms.treatmentPlanId)}, not ${safeEcho(plan.treatmentPlanId)}`,
			),
		);
	return problems;
}
