// The Dentrix stand-in's persisted state. Money is integer cents here; the wire carries dollars
// (docs/dentrix-api.md). Field names are Dentrix's own (domain.md §3); the shapes are modeled.

/** Who wrote a record: the REST API (automation) or practice staff in the sandbox console. */
export type DentrixSource = 'api' | 'console';

export interface DentrixLocation {
	id: string;
	name: string;
	address: { line1: string; city: string; state: string; zip: string };
	phone: string;
}

export interface DentrixProvider {
	id: string;
	firstName: string;
	lastName: string;
	title: string;
	locationId: string;
}

export interface DentrixPatient {
	id: string;
	firstName: string;
	lastName: string;
	middleInitial: string;
	preferredName: string;
	gender: 'Male' | 'Female';
	/** yyyy-MM-dd. Never logged, never in an error. */
	dateOfBirth: string;
	/** Never logged; returned only with `?include=taxId`. */
	taxId: string;
	chartNumber: string;
	address: { line1: string; line2: string; city: string; state: string; zip: string };
	phones: { home: string; cell: string; work: string };
	email: string;
	/** The patient whose account this patient's charges go to (themselves if a guarantor). */
	guarantorId: string;
	relationshipToGuarantor: 'self' | 'spouse' | 'child';
	locationId: string;
	primaryProviderId: string;
}

export type TreatmentPlanStatus = 'proposed' | 'accepted' | 'rejected' | 'completed';

export interface DentrixProcedure {
	id: string;
	cdtCode: string;
	description: string;
	tooth: string;
	surface: string;
	feeCents: number;
	insuranceEstimateCents: number;
	patientPortionCents: number;
}

export interface DentrixTreatmentPlan {
	id: string;
	patientId: string;
	caseName: string;
	status: TreatmentPlanStatus;
	fundingMethod: string | null;
	locationId: string;
	providerId: string;
	createdOn: string;
	/** ISO date-time from the sandbox clock. */
	acceptedAt: string | null;
	/** Position in the accepted-plans feed; the feed's cursor. */
	acceptSequence: number | null;
	procedures: DentrixProcedure[];
}

export type AgreementInterval = 'monthly' | 'semiMonthly' | 'biWeekly' | 'weekly';

export interface AgreementEdit {
	at: string;
	source: DentrixSource;
	/** Field name -> the value before and after (amounts in cents). */
	changes: Record<string, { from: unknown; to: unknown }>;
}

export interface DentrixPaymentAgreement {
	id: string;
	guarantorId: string;
	status: 'active' | 'closed';
	billingType: string;
	agreementDate: string;
	interval: AgreementInterval;
	annualFinanceChargePercent: number;
	annualLateChargePercent: number;
	gracePeriodDays: number;
	minimumLateChargeCents: number;
	minimumBalanceToChargeCents: number;
	totalAgreedAmountCents: number;
	downPaymentCents: number;
	firstPaymentDue: string;
	paymentAmountCents: number;
	numberOfPayments: number;
	note: string;
	statementNote: string;
	createdAt: string;
	createdBy: DentrixSource;
	updatedAt: string;
	closedAt: string | null;
	/** Every change after creation; console edits of api-created agreements are ledger corrections. */
	edits: AgreementEdit[];
}

export interface DentrixFutureDuePlan {
	id: string;
	guarantorId: string;
	patientId: string;
	providerId: string;
	dateOfAgreement: string;
	firstPaymentDueDate: string;
	totalPlanAmountCents: number;
	downPayChargeCents: number;
	numberOfCharges: number;
	chargeAmountCents: number;
	chargeProcedureCode: string;
	autoInsuranceClaim: boolean;
	autoCharge: boolean;
	createdAt: string;
	createdBy: DentrixSource;
}

export type LedgerNoteKind = 'guarantorNote' | 'transactionNote' | 'officeJournal';

export interface DentrixLedgerNote {
	id: string;
	guarantorId: string;
	patientId: string;
	date: string;
	kind: LedgerNoteKind;
	text: string;
	createdAt: string;
	createdBy: DentrixSource;
}

export interface DentrixPayment {
	id: string;
	guarantorId: string;
	patientId: string;
	paymentType: string;
	amountCents: number;
	date: string;
	/** The CareCredit transaction id, for CareCredit payments. */
	reference: string;
	note: string;
	createdAt: string;
	createdBy: DentrixSource;
}

export interface DentrixAdjustment {
	id: string;
	guarantorId: string;
	patientId: string;
	type: string;
	/** `debit` adds to the balance (a CareCredit refund), `credit` takes off (a merchant fee write-off). */
	direction: 'debit' | 'credit';
	amountCents: number;
	date: string;
	reference: string;
	note: string;
	createdAt: string;
	createdBy: DentrixSource;
}

export interface DentrixState {
	practice: {
		id: string;
		name: string;
		locations: DentrixLocation[];
		providers: DentrixProvider[];
		/** The practice's billing types (Practice Setup > Definitions). */
		billingTypes: string[];
		paymentTypes: string[];
		adjustmentTypes: Array<{ name: string; direction: 'debit' | 'credit' }>;
	};
	/** Keys the `Authorization: Bearer` header accepts. */
	apiKeys: string[];
	patients: DentrixPatient[];
	treatmentPlans: DentrixTreatmentPlan[];
	paymentAgreements: DentrixPaymentAgreement[];
	futureDuePlans: DentrixFutureDuePlan[];
	ledgerNotes: DentrixLedgerNote[];
	payments: DentrixPayment[];
	adjustments: DentrixAdjustment[];
}
