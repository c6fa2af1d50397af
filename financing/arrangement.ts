import {
	addDays,
	addMonths,
	compareLocalDates,
	formatInstantIn,
	parseLocalDate,
	todayIn,
	type LocalDate,
} from './dates';
import { decisionSchema, referenceToken, type FinancingDecision } from './decision';
import { estimatePayment, type PaymentEstimate } from './estimate';
import { formatMoney, percentOf, type Cents } from './money';
import { AUTOMATION_SIGNATURE, describeApr, describePayments, fitNote, truncate } from './notes';
import { choosePromotionalPlan, type PromotionalPlanKind } from './plans';
import {
	practicePolicySchema,
	type FirstPaymentRule,
	type PracticePolicy,
	type PracticePolicyInput,
} from './policy';
import { fail, ok, problem, zodProblems, type Problem, type Result } from './result';
import { buildSchedule, type PaymentInterval, type PaymentSchedule } from './schedule';
import { treatmentPlanSchema, type TreatmentPlan, type TreatmentPlanInput } from './treatmentPlan';

/**
 * The writes of domain.md §7 for an approved decision: the CareCredit payment, the financing
 * record, the in-house plan for the shortfall, the audit note and the coordinator message.
 * Pure: `now` comes from the caller, and dates are the practice's local dates.
 */

export interface CareCreditPaymentWrite {
	/** What to post: the purchase amount (gross) or the purchase less the merchant fee (net). */
	amountCents: Cents;
	purchaseAmountCents: Cents;
	merchantFeeCents: Cents;
	/** `transaction`: the fee CareCredit reported; `catalogEstimate`: the plan's fee percentage. */
	merchantFeeSource: 'transaction' | 'catalogEstimate';
	posting: 'gross' | 'net';
	/** Gross posting with a fee adjustment: the fee as a separate adjustment; otherwise null. */
	feeAdjustmentCents: Cents | null;
	paymentType: string;
	feeAdjustmentType: string;
	paymentDate: LocalDate;
	note: string;
}

/** Dentrix's payment agreement, field for field as its help pages show them (domain.md §3). */
export interface DentrixPaymentAgreement {
	/** Which write it carries: Dentrix keeps one agreement per account (domain.md §7). */
	role: 'financingRecord' | 'shortfallPlan';
	guarantorId: string;
	billingType: string;
	agreementDate: LocalDate;
	interval: PaymentInterval;
	annualFinanceChargeBasisPoints: number;
	annualLateChargeBasisPoints: number;
	gracePeriodDays: number;
	minimumLateChargeCents: Cents;
	minimumBalanceToChargeCents: Cents;
	/** Amount financed by CareCredit, or the whole shortfall including the down payment. */
	totalAgreedAmountCents: Cents;
	/** Modeled field of the Dentrix contract (docs/dentrix-api.md); 0 on a financing record. */
	downPaymentCents: Cents;
	firstPaymentDue: LocalDate;
	paymentAmountCents: Cents;
	numberOfPayments: number;
	/** Payment agreement note (modeled limit, policy.notes.paymentAgreementNoteMaxChars). */
	note: string;
	/** Billing-statement note, at most 82 characters (domain.md §3). */
	statementNote: string;
	/** False for a financing record: the billing team must never bill what CareCredit pays. */
	sendStatements: boolean;
	/** The payments after the down payment; they sum exactly to (total − down payment) + interest. */
	schedule: PaymentSchedule;
}

export interface FinancingRecord {
	patientId: string;
	guarantorId: string;
	amountFinancedCents: Cents;
	promotionalPlan: {
		code: string;
		label: string;
		kind: PromotionalPlanKind;
		months: number;
		aprBasisPoints: number;
		merchantFeeBasisPoints: number;
		chosenBy: 'purchase' | 'policy';
	};
	/** The patient's estimated monthly payment to CareCredit (payoff or amortized). */
	monthlyPaymentCents: Cents;
	/** CareCredit calculator floor (deferred interest: at least $30). */
	minimumPaymentCents: Cents;
	termMonths: number;
	/** Estimated (modeled: policy.financingRecord.firstDueDays after the agreement). */
	firstDueDate: LocalDate;
	estimate: PaymentEstimate;
	/** The estimated payments to CareCredit. */
	schedule: PaymentSchedule;
}

export interface ShortfallPlan {
	patientId: string;
	guarantorId: string;
	arrangementType: string;
	billingType: string;
	agreementDate: LocalDate;
	/** The shortfall: patient portion − amount financed by CareCredit. */
	totalCents: Cents;
	downPaymentCents: Cents;
	/** Financed in house: total − down payment. */
	amountFinancedCents: Cents;
	interval: PaymentInterval;
	paymentAmountCents: Cents;
	lastPaymentCents: Cents;
	numberOfPayments: number;
	firstPaymentDate: LocalDate;
	aprBasisPoints: number;
	gracePeriodDays: number;
	annualFinanceChargeBasisPoints: number;
	annualLateChargeBasisPoints: number;
	minimumLateChargeCents: Cents;
	minimumBalanceToChargeCents: Cents;
	totalInterestCents: Cents;
	/** amountFinanced + interest; the sum of the schedule. */
	totalOfPaymentsCents: Cents;
	/** Procedure ids the plan covers (Open Dental attaches the plan to them). */
	procedureIds: string[];
	note: string;
	schedule: PaymentSchedule;
}

export interface FinancingWrites {
	referenceToken: string;
	decision: FinancingDecision;
	treatmentPlan: TreatmentPlan;
	timeZone: string;
	/** The instant the writes were built (ISO 8601) and the practice's local date then. */
	builtAt: string;
	agreementDate: LocalDate;
	amounts: {
		treatmentPlanTotalCents: Cents;
		patientPortionCents: Cents;
		approvedAmountCents: Cents;
		/** min(approved amount, patient portion) (domain.md §7). */
		amountFinancedCents: Cents;
		shortfallCents: Cents;
		downPaymentCents: Cents;
		/** Collect at the visit: the down payment, or a shortfall too small for a plan. */
		collectAtVisitCents: Cents;
		inHouseAmountCents: Cents;
	};
	careCreditPayment: CareCreditPaymentWrite | null;
	financingRecord: FinancingRecord | null;
	shortfallPlan: ShortfallPlan | null;
	/** The one Dentrix payment agreement: the shortfall plan if any, else the financing record. */
	dentrixPaymentAgreement: DentrixPaymentAgreement | null;
	auditNote: string;
	coordinatorMessage: string;
}

export interface BuildWritesOverrides {
	/** Coordinator-chosen agreement date (default: today in the practice's zone). */
	agreementDate?: LocalDate;
	/** Coordinator-chosen first in-house payment date (default: the policy rule). */
	firstPaymentDate?: LocalDate;
	/** The merchant fee CareCredit reported for the transaction (default: catalog estimate). */
	actualMerchantFeeCents?: Cents;
}

/** First in-house payment date from the policy rule. */
export function firstPaymentDateFor(agreementDate: LocalDate, rule: FirstPaymentRule): LocalDate {
	if (rule.rule === 'daysAfterAgreement') return addDays(agreementDate, rule.days);
	const earliest = addDays(agreementDate, rule.minimumDaysAfterAgreement);
	const sameMonth = `${earliest.slice(0, 8)}${String(rule.day).padStart(2, '0')}`;
	return compareLocalDates(sameMonth, earliest) >= 0 ? sameMonth : addMonths(sameMonth, 1);
}

function downPaymentFor(shortfall: Cents, policy: PracticePolicy): Cents {
	const rule = policy.shortfallPlan.downPayment;
	if (rule.rule === 'percent')
		return Math.min(shortfall, percentOf(shortfall, rule.percentBasisPoints));
	if (rule.rule === 'fixed') return Math.min(shortfall, rule.amountCents);
	return 0;
}

function shortfallSchedule(
	amount: Cents,
	firstPaymentDate: LocalDate,
	policy: PracticePolicy,
): Result<PaymentSchedule> {
	const sp = policy.shortfallPlan;
	const term =
		sp.term.rule === 'numberOfPayments'
			? {
					// Never a payment below the minimum: fewer payments for a small balance.
					numberOfPayments: Math.max(
						1,
						Math.min(
							sp.term.numberOfPayments,
							sp.term.minimumPaymentCents > 0
								? Math.floor(amount / sp.term.minimumPaymentCents)
								: sp.term.numberOfPayments,
						),
					),
				}
			: {
					paymentAmountCents: sp.term.paymentAmountCents,
					maxNumberOfPayments: sp.term.maxNumberOfPayments,
				};
	return buildSchedule({
		principalCents: amount,
		aprBasisPoints: sp.aprBasisPoints,
		interval: sp.interval,
		firstPaymentDate,
		term,
		field: 'shortfallPlan',
	});
}

/**
 * Builds every write for an approved decision. Bad data (a plan total of 0, a patient portion
 * above the total, procedures not adding up, a decision that is not approved or belongs to
 * another patient, a minimum purchase not met, a first payment before the agreement date)
 * comes back as problems, all at once where they are independent; it never throws.
 */
export function buildWrites(
	treatmentPlanInput: TreatmentPlanInput,
	decisionInput: FinancingDecision,
	policyInput: PracticePolicyInput,
	now: Date,
	overrides: BuildWritesOverrides = {},
): Result<FinancingWrites> {
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
	) {
		return fail(...problems);
	}
	const plan = planParsed.data;
	const decision = decisionParsed.data;
	const policy = policyParsed.data;

	if (decision.status !== 'approved') {
		return fail(
			problem(
				'decision.status',
				'decisionNotApproved',
				`CareCredit's decision is "${decision.status}" (${decision.rawStatus}); only an approved decision is written to the ledger`,
			),
		);
	}
	if (decision.pms.patientId !== plan.patientId) {
		problems.push(
			problem(
				'decision.pms.patientId',
				'patientMismatch',
				`the decision is for patient ${decision.pms.patientId} but the treatment plan is for patient ${plan.patientId}`,
			),
		);
	}
	if (decision.pms.guarantorId !== plan.guarantorId) {
		problems.push(
			problem(
				'decision.pms.guarantorId',
				'guarantorMismatch',
				`the decision names guarantor ${decision.pms.guarantorId} but the patient's guarantor is ${plan.guarantorId}`,
			),
		);
	}
	if (
		decision.pms.treatmentPlanId &&
		plan.treatmentPlanId &&
		decision.pms.treatmentPlanId !== plan.treatmentPlanId
	) {
		problems.push(
			problem(
				'decision.pms.treatmentPlanId',
				'treatmentPlanMismatch',
				`the decision is for treatment plan ${decision.pms.treatmentPlanId}, not ${plan.treatmentPlanId}`,
			),
		);
	}
	const token = referenceToken(decision);
	if (!token.ok) problems.push(...token.problems);
	const approved = decision.approvedAmountCents ?? 0;
	if (approved === 0) {
		problems.push(
			problem(
				'decision.approvedAmountCents',
				'noCreditAvailable',
				'CareCredit approved $0.00 (no available credit); nothing can be financed',
			),
		);
	}
	if (plan.patientPortionCents === 0) {
		problems.push(
			problem(
				'treatmentPlan.patientPortionCents',
				'nothingToFinance',
				'the patient owes $0.00 on this plan; there is nothing to finance',
			),
		);
	}

	let agreementDate = todayIn(policy.timeZone, now);
	if (overrides.agreementDate !== undefined) {
		const parsed = parseLocalDate(overrides.agreementDate, 'agreementDate');
		if (parsed.ok) agreementDate = overrides.agreementDate;
		else problems.push(...parsed.problems);
	}
	if (overrides.actualMerchantFeeCents !== undefined) {
		const fee = overrides.actualMerchantFeeCents;
		if (
			!Number.isSafeInteger(fee) ||
			fee < 0 ||
			fee > Math.min(approved, plan.patientPortionCents)
		) {
			problems.push(
				problem(
					'careCreditPayment.merchantFeeCents',
					'invalidMerchantFee',
					`the merchant fee ${formatMoney(fee)} must be whole cents between $0.00 and the amount financed`,
				),
			);
		}
	}
	if (overrides.firstPaymentDate !== undefined) {
		const parsed = parseLocalDate(overrides.firstPaymentDate, 'shortfallPlan.firstPaymentDate');
		if (!parsed.ok) problems.push(...parsed.problems);
	}
	if (problems.length > 0) return fail(...problems);

	const amountFinanced = Math.min(approved, plan.patientPortionCents);
	const chosen = choosePromotionalPlan(
		amountFinanced,
		policy.planCatalog,
		policy.promotionalPlanRule,
		decision.promotionalPlan,
		'financingRecord.promotionalPlan',
	);
	if (!chosen.ok) return chosen;
	const { plan: promo, chosenBy } = chosen.value;
	const estimated = estimatePayment(promo, amountFinanced, 'financingRecord.amountFinancedCents');
	if (!estimated.ok) return estimated;
	const estimate = estimated.value;
	const firstDueDate = addDays(agreementDate, policy.financingRecord.firstDueDays);
	const ccSchedule = buildSchedule({
		principalCents: amountFinanced,
		aprBasisPoints: estimate.aprBasisPoints,
		interval: 'monthly',
		firstPaymentDate: firstDueDate,
		term: { numberOfPayments: promo.months },
		field: 'financingRecord',
	});
	if (!ccSchedule.ok) return ccSchedule;
	const referenceTokenText = (token as { ok: true; value: string }).value;

	// The shortfall (domain.md §7 item 3): down payment, then a plan or collection at the visit.
	const shortfall = plan.patientPortionCents - amountFinanced;
	let downPayment = 0;
	let collectAtVisit = 0;
	let shortfallPlan: ShortfallPlan | null = null;
	if (shortfall > 0) {
		if (!policy.writes.shortfallPlan || shortfall <= policy.shortfallPlan.collectInFullBelowCents) {
			collectAtVisit = shortfall;
		} else {
			downPayment = downPaymentFor(shortfall, policy);
			collectAtVisit = downPayment;
			const inHouse = shortfall - downPayment;
			if (inHouse > 0) {
				const firstPaymentDate =
					overrides.firstPaymentDate ??
					firstPaymentDateFor(agreementDate, policy.shortfallPlan.firstPayment);
				if (compareLocalDates(firstPaymentDate, agreementDate) < 0) {
					return fail(
						problem(
							'shortfallPlan.firstPaymentDate',
							'firstPaymentBeforeAgreement',
							`the first payment (${firstPaymentDate}) is before the agreement date (${agreementDate})`,
						),
					);
				}
				const schedule = shortfallSchedule(inHouse, firstPaymentDate, policy);
				if (!schedule.ok) return schedule;
				const s = schedule.value;
				const sp = policy.shortfallPlan;
				shortfallPlan = {
					patientId: plan.patientId,
					guarantorId: plan.guarantorId,
					arrangementType: sp.arrangementType,
					billingType: sp.billingType,
					agreementDate,
					totalCents: shortfall,
					downPaymentCents: downPayment,
					amountFinancedCents: inHouse,
					interval: sp.interval,
					paymentAmountCents: s.paymentAmountCents,
					lastPaymentCents: s.lastPaymentCents,
					numberOfPayments: s.numberOfPayments,
					firstPaymentDate,
					aprBasisPoints: sp.aprBasisPoints,
					gracePeriodDays: sp.gracePeriodDays,
					annualFinanceChargeBasisPoints: sp.aprBasisPoints,
					annualLateChargeBasisPoints: sp.annualLateChargeBasisPoints,
					minimumLateChargeCents: sp.minimumLateChargeCents,
					minimumBalanceToChargeCents: sp.minimumBalanceToChargeCents,
					totalInterestCents: s.totalInterestCents,
					totalOfPaymentsCents: s.totalPaidCents,
					procedureIds: plan.procedures.map((p) => p.procedureId),
					note: '',
					schedule: s,
				};
			}
		}
	}

	const financingTerms = `CareCredit financed ${formatMoney(amountFinanced)} on ${promo.code} (${promo.label}${chosenBy === 'policy' ? ', chosen by practice policy' : ''}); est. ${formatMoney(estimate.monthlyPaymentCents)}/mo to CareCredit for ${promo.months} months`;
	const shortfallTerms = shortfallPlan
		? `In-house balance after CareCredit ${formatMoney(shortfallPlan.totalCents)}: down payment ${formatMoney(downPayment)}, ${describePayments(shortfallPlan.numberOfPayments, shortfallPlan.paymentAmountCents, shortfallPlan.lastPaymentCents, shortfallPlan.interval, shortfallPlan.firstPaymentDate)}, ${describeApr(shortfallPlan.aprBasisPoints)}`
		: '';
	if (shortfallPlan) {
		shortfallPlan.note = fitNote(
			`${shortfallTerms}. ${financingTerms}.`,
			referenceTokenText,
			policy.notes.paymentAgreementNoteMaxChars,
		);
	}

	const financingRecord: FinancingRecord | null = policy.writes.financingRecord
		? {
				patientId: plan.patientId,
				guarantorId: plan.guarantorId,
				amountFinancedCents: amountFinanced,
				promotionalPlan: {
					code: promo.code,
					label: promo.label,
					kind: promo.kind,
					months: promo.months,
					aprBasisPoints: promo.aprBasisPoints,
					merchantFeeBasisPoints: promo.merchantFeeBasisPoints,
					chosenBy,
				},
				monthlyPaymentCents: estimate.monthlyPaymentCents,
				minimumPaymentCents: estimate.minimumPaymentCents,
				termMonths: promo.months,
				firstDueDate,
				estimate,
				schedule: ccSchedule.value,
			}
		: null;

	// Dentrix: one payment agreement per account (domain.md §7).
	let dentrixPaymentAgreement: DentrixPaymentAgreement | null = null;
	if (shortfallPlan) {
		dentrixPaymentAgreement = {
			role: 'shortfallPlan',
			guarantorId: shortfallPlan.guarantorId,
			billingType: shortfallPlan.billingType,
			agreementDate,
			interval: shortfallPlan.interval,
			annualFinanceChargeBasisPoints: shortfallPlan.annualFinanceChargeBasisPoints,
			annualLateChargeBasisPoints: shortfallPlan.annualLateChargeBasisPoints,
			gracePeriodDays: shortfallPlan.gracePeriodDays,
			minimumLateChargeCents: shortfallPlan.minimumLateChargeCents,
			minimumBalanceToChargeCents: shortfallPlan.minimumBalanceToChargeCents,
			totalAgreedAmountCents: shortfallPlan.totalCents,
			downPaymentCents: shortfallPlan.downPaymentCents,
			firstPaymentDue: shortfallPlan.firstPaymentDate,
			paymentAmountCents: shortfallPlan.paymentAmountCents,
			numberOfPayments: shortfallPlan.numberOfPayments,
			note: shortfallPlan.note,
			statementNote: truncate(
				`Payment plan: ${describePayments(shortfallPlan.numberOfPayments, shortfallPlan.paymentAmountCents, shortfallPlan.lastPaymentCents, shortfallPlan.interval, shortfallPlan.firstPaymentDate)}`,
				policy.notes.statementNoteMaxChars,
			),
			sendStatements: true,
			schedule: shortfallPlan.schedule,
		};
	} else if (financingRecord) {
		dentrixPaymentAgreement = {
			role: 'financingRecord',
			guarantorId: financingRecord.guarantorId,
			billingType: policy.financingRecord.billingType,
			agreementDate,
			interval: 'monthly',
			// Finance and late charges are 0: the patient owes CareCredit, not the practice (§7).
			annualFinanceChargeBasisPoints: 0,
			annualLateChargeBasisPoints: 0,
			gracePeriodDays: 0,
			minimumLateChargeCents: 0,
			minimumBalanceToChargeCents: 0,
			totalAgreedAmountCents: amountFinanced,
			downPaymentCents: 0,
			firstPaymentDue: firstDueDate,
			paymentAmountCents: estimate.monthlyPaymentCents,
			numberOfPayments: promo.months,
			note: fitNote(
				`${financingTerms}, first due about ${firstDueDate}. Paid by CareCredit: do not bill.`,
				referenceTokenText,
				policy.notes.paymentAgreementNoteMaxChars,
			),
			statementNote: truncate('Financed by CareCredit', policy.notes.statementNoteMaxChars),
			sendStatements: false,
			schedule: ccSchedule.value,
		};
	}

	let careCreditPayment: CareCreditPaymentWrite | null = null;
	if (policy.writes.careCreditPayment) {
		const cp = policy.careCreditPayment;
		const fee =
			overrides.actualMerchantFeeCents ?? percentOf(amountFinanced, promo.merchantFeeBasisPoints);
		careCreditPayment = {
			amountCents: cp.posting === 'net' ? amountFinanced - fee : amountFinanced,
			purchaseAmountCents: amountFinanced,
			merchantFeeCents: fee,
			merchantFeeSource:
				overrides.actualMerchantFeeCents === undefined ? 'catalogEstimate' : 'transaction',
			posting: cp.posting,
			feeAdjustmentCents: cp.posting === 'gross' && cp.merchantFeeAdjustment ? fee : null,
			paymentType: cp.paymentType,
			feeAdjustmentType: cp.feeAdjustmentType,
			paymentDate: agreementDate,
			note: fitNote(
				`CareCredit ${promo.code} purchase ${formatMoney(amountFinanced)} (${cp.posting})`,
				referenceTokenText,
				policy.notes.paymentNoteMaxChars,
			),
		};
	}

	const id =
		decision.accountKind === 'newApplication'
			? `application ${decision.applicationId}`
			: `cardholder reference ${decision.referenceId}`;
	const decidedAt = new Date(decision.decidedAt);
	const lines = [
		`${formatInstantIn(policy.timeZone, now)} CareCredit approved: ${id} for patient ${plan.patientId} (guarantor ${plan.guarantorId}), decided ${formatInstantIn(policy.timeZone, decidedAt)}.`,
		`Promotional plan ${promo.code}: ${promo.label}${chosenBy === 'policy' ? ' (chosen by practice policy; CareCredit did not report one)' : ''}.`,
		`Approved ${formatMoney(approved)}; patient portion ${formatMoney(plan.patientPortionCents)}; financed by CareCredit ${formatMoney(amountFinanced)}; est. ${formatMoney(estimate.monthlyPaymentCents)}/mo to CareCredit (minimum ${formatMoney(estimate.minimumPaymentCents)}) for ${promo.months} months from about ${firstDueDate}.`,
		careCreditPayment
			? `CareCredit payment ${formatMoney(careCreditPayment.amountCents)} (${careCreditPayment.posting}${careCreditPayment.feeAdjustmentCents !== null ? `, merchant fee adjustment ${formatMoney(careCreditPayment.feeAdjustmentCents)}` : ''}).`
			: 'No CareCredit payment posted by automation.',
		shortfallPlan
			? `${shortfallTerms}.`
			: shortfall > 0
				? `Shortfall ${formatMoney(shortfall)} to collect at the visit; no in-house plan.`
				: 'No in-house balance.',
		`${AUTOMATION_SIGNATURE}.`,
	];
	const auditNote = fitNote(lines.join(' '), referenceTokenText, policy.notes.ledgerNoteMaxChars);

	const person = plan.patientName
		? `${plan.patientName} (patient ${plan.patientId})`
		: `patient ${plan.patientId}`;
	const owes = shortfallPlan
		? ` In-house: ${collectAtVisit > 0 ? `collect ${formatMoney(collectAtVisit)} down today, then ` : ''}${describePayments(shortfallPlan.numberOfPayments, shortfallPlan.paymentAmountCents, shortfallPlan.lastPaymentCents, shortfallPlan.interval, shortfallPlan.firstPaymentDate)}.`
		: collectAtVisit > 0
			? ` Collect ${formatMoney(collectAtVisit)} at the visit.`
			: ' Nothing more to collect.';
	const coordinatorMessage = `CareCredit approved ${person}: ${formatMoney(amountFinanced)} financed on ${promo.code} (${promo.label}), about ${formatMoney(estimate.monthlyPaymentCents)}/month to CareCredit.${owes} Please book the appointment. ${referenceTokenText}`;

	return ok({
		referenceToken: referenceTokenText,
		decision,
		treatmentPlan: plan,
		timeZone: policy.timeZone,
		builtAt: now.toISOString(),
		agreementDate,
		amounts: {
			treatmentPlanTotalCents: plan.totalCents,
			patientPortionCents: plan.patientPortionCents,
			approvedAmountCents: approved,
			amountFinancedCents: amountFinanced,
			shortfallCents: shortfall,
			downPaymentCents: downPayment,
			collectAtVisitCents: collectAtVisit,
			inHouseAmountCents: shortfallPlan?.amountFinancedCents ?? 0,
		},
		careCreditPayment,
		financingRecord,
		shortfallPlan,
		dentrixPaymentAgreement,
		auditNote,
		coordinatorMessage,
	});
}
