// The Dentrix stand-in's persisted state. Money is integer cents here; the wire carries dollars
// (docs/dentrix-api.md). Field names are Dentrix's own (docs/financing-domain.md §3); the shapes are modeled.

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
	status: DentrixPatientStatus;
	deceased: boolean;
	contactPreferences: DentrixContactPreferences;
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
		/** The practice's continuing care types (Dentrix's defaults and more). */
		continuingCareTypes: string[];
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
	coverages: DentrixCoverage[];
	continuingCare: DentrixContinuingCare[];
	appointments: DentrixAppointment[];
}

// ---------- modeled insurance, continuing care, appointments, contact preferences ----------
// (docs/dentrix-api.md, "Insurance, continuing care and contact preferences [modeled]")

export type DentrixPatientStatus = 'patient' | 'nonPatient' | 'inactive' | 'archived';
export type DentrixContactMethod =
	| 'none'
	| 'homePhone'
	| 'workPhone'
	| 'mobilePhone'
	| 'email'
	| 'textMessage'
	| 'mail';

export interface DentrixContactPreferences {
	preferredContactMethod: DentrixContactMethod;
	/** Consent to text messages. */
	textMessages: 'optedIn' | 'optedOut' | 'unknown';
	doNotContact: boolean;
}

export interface DentrixCoverage {
	id: string;
	patientId: string;
	coverageOrder: 'primary' | 'secondary';
	/** null: the plan names no carrier (bad data a verification must flag). */
	carrier: { id: string; name: string; phone: string; payorId: string } | null;
	groupPlanName: string;
	groupNumber: string;
	subscriberId: string;
	subscriberPatientId: string;
	relationToSubscriber: 'self' | 'spouse' | 'child';
	effectiveDate: string | null;
	terminationDate: string | null;
	/** 0: calendar year. */
	benefitRenewalMonth: number;
	eligibilityStatus: 'eligible' | 'pending' | 'notEligible' | 'unknown';
	eligibilityVerifiedOn: string | null;
	benefitsVerifiedOn: string | null;
	/** Cents; null where the plan's benefit is empty. */
	annualMaximumCents: number | null;
	individualDeductibleCents: number | null;
	benefitsUsedCents: number;
	deductibleMetCents: number;
	coveragePercents: Array<{ category: string; percent: number }>;
	frequencies: Array<{ cdtCode: string; times: number; per: 'benefitYear' | 'last12Months' }>;
	/** Every earlier eligibility stamp. */
	verificationHistory: Array<{
		at: string;
		eligibilityStatus: string;
		eligibilityVerifiedOn: string | null;
		note: string;
		source: DentrixSource;
	}>;
}

export type ContinuingCareType = 'PROPHY' | 'PERIO' | 'BWX' | 'PANO' | string;

export interface DentrixContinuingCare {
	id: string;
	patientId: string;
	type: ContinuingCareType;
	/** null: never completed, no due date. */
	dueDate: string | null;
	priorVisit: string | null;
	intervalMonths: number;
	status: string;
	contacts: Array<{ at: string; method: string; note: string; source: DentrixSource }>;
}

export type DentrixAppointmentStatus =
	| 'scheduled'
	| 'completed'
	| 'broken'
	| 'unscheduled'
	| 'planned';

export interface DentrixAppointment {
	id: string;
	patientId: string;
	locationId: string;
	providerId: string;
	status: DentrixAppointmentStatus;
	/** The office's local day and time, null for planned ones. */
	date: string | null;
	time: string | null;
	lengthMinutes: number;
	asap: boolean;
	reason: string;
	/** Procedure ids of treatment plans this appointment carries. */
	procedureIds: string[];
	createdAt: string;
	createdBy: DentrixSource;
}
