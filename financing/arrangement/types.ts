import type { LocalDate } from '../dates';
import type { FinancingDecision } from '../decision';
import type { PaymentEstimate } from '../estimate';
import type { Cents } from '../money';
import type { PromotionalPlanKind } from '../plans';
import type { PaymentInterval, PaymentSchedule } from '../schedule';
import type { TreatmentPlan } from '../treatmentPlan';

/**
 * The writes of docs/financing-domain.md §7 for an approved decision: the CareCredit payment,
 * the financing record, the in-house plan for the shortfall, the audit note and the coordinator
 * message. `buildWrites` (index.ts) builds them in steps (inputs.ts, shortfall.ts, records.ts,
 * texts.ts).
 */

export interface CareCreditPaymentWrite {
	/** The purchase's CareCredit transaction id: the payment's key (decision.purchase). */
	transactionId: string;
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

/** Dentrix's payment agreement, field for field as its help pages show them (docs/financing-domain.md §3). */
export interface DentrixPaymentAgreement {
	/** Which write it carries: Dentrix keeps one agreement per account (docs/financing-domain.md §7). */
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
	/** Billing-statement note, at most 82 characters (docs/financing-domain.md §3). */
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
		/** min(approved amount, patient portion) (docs/financing-domain.md §7). */
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
