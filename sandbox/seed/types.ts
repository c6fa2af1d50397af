// One group practice, described once and neutrally: the Dentrix and Open Dental stand-ins each
// map these people and plans to their own ids and shapes. Money is integer cents.

export type LocationKey = 'downtown' | 'lakeside';

export interface SeedLocation {
	key: LocationKey;
	name: string;
	address: { line1: string; city: string; state: string; zip: string };
	phone: string;
}

export interface SeedProvider {
	key: string;
	firstName: string;
	lastName: string;
	/** DDS, DMD, RDH. */
	title: string;
	locationKey: LocationKey;
}

export type Relationship = 'self' | 'spouse' | 'child';

export interface SeedPerson {
	/** 1..30, stable; each system derives its own id from it. */
	key: number;
	firstName: string;
	lastName: string;
	middleInitial: string;
	preferredName: string;
	gender: 'Male' | 'Female';
	/** yyyy-MM-dd. */
	dateOfBirth: string;
	/** Fake: the 9xx-xx-xxxx range no real SSN uses. */
	taxId: string;
	address: { line1: string; line2: string; city: string; state: string; zip: string };
	homePhone: string;
	cellPhone: string;
	workPhone: string;
	email: string;
	/** The person who owes the account: key of a SeedPerson (themselves for a guarantor). */
	guarantorKey: number;
	relationship: Relationship;
	maritalStatus: 'Single' | 'Married' | 'Child';
	locationKey: LocationKey;
	providerKey: string;
}

export interface SeedProcedure {
	/** CDT code, e.g. D2740. */
	code: string;
	description: string;
	/** Universal tooth number, '' for full-mouth or quadrant procedures. */
	tooth: string;
	surface: string;
	feeCents: number;
	insuranceEstimateCents: number;
}

export type SeedPlanStatus = 'proposed' | 'accepted' | 'rejected' | 'completed';

export interface SeedPlan {
	/** 1..20, stable. */
	key: number;
	patientKey: number;
	locationKey: LocationKey;
	providerKey: string;
	caseName: string;
	status: SeedPlanStatus;
	fundingMethod: string | null;
	/** yyyy-MM-dd. */
	createdOn: string;
	/** ISO date-time, for accepted and completed plans. */
	acceptedAt: string | null;
	procedures: SeedProcedure[];
}

/** A payment agreement staff already keyed in by hand (docs/financing-domain.md §3 fields), cents. */
export interface SeedAgreement {
	guarantorKey: number;
	billingType: string;
	agreementDate: string;
	interval: 'monthly' | 'semiMonthly' | 'biWeekly' | 'weekly';
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
}

export interface SeedPractice {
	name: string;
	locations: SeedLocation[];
	providers: SeedProvider[];
	people: SeedPerson[];
	plans: SeedPlan[];
	agreements: SeedAgreement[];
}
