// The Open Dental stand-in's persisted state: rows as Open Dental's tables hold them, with money in
// integer cents; the wire shapes of docs/opendental-api-notes.md §2 are built from these on the way out.
import type { ContactMethod } from '../seed/scenarios';

export interface OdPatient extends OdContactPreferences {
	PatNum: number;
	LName: string;
	FName: string;
	MiddleI: string;
	Preferred: string;
	PatStatus: 'Patient' | 'NonPatient' | 'Inactive' | 'Archived' | 'Deceased' | 'Prospective';
	Gender: 'Male' | 'Female' | 'Unknown' | 'Other';
	Position: 'Single' | 'Married' | 'Child' | 'Widowed' | 'Divorced';
	Birthdate: string;
	/** Nine digits; Open Dental returns it, so the Open Dental node must drop it. */
	SSN: string;
	Address: string;
	Address2: string;
	City: string;
	State: string;
	Zip: string;
	HmPhone: string;
	WkPhone: string;
	WirelessPhone: string;
	Guarantor: number;
	Email: string;
	PriProv: number;
	ClinicNum: number;
	ChartNumber: string;
	DateFirstVisit: string;
	DateTStamp: string;
	SecDateEntry: string;
}

export interface OdProcedure {
	ProcNum: number;
	PatNum: number;
	ProcDate: string;
	ProcFeeCents: number;
	/** What insurance is estimated to pay; the patient portion is fee minus this. */
	InsEstCents: number;
	ToothNum: string;
	Surf: string;
	ProcStatus: 'TP' | 'C' | 'EC' | 'EO' | 'R' | 'D' | 'Cn' | 'TPi';
	ProvNum: number;
	ClinicNum: number;
	CodeNum: number;
	procCode: string;
	descript: string;
	DateTP: string;
	DateTStamp: string;
	/** The appointment the procedure is scheduled on (0: none). */
	AptNum?: number;
	/** The planned appointment it is on (0: none). */
	PlannedAptNum?: number;
}

export interface OdTreatPlan {
	TreatPlanNum: number;
	PatNum: number;
	DateTP: string;
	Heading: string;
	Note: string;
	TPStatus: 'Saved' | 'Active' | 'Inactive';
	ResponsParty: number;
	DateTSigned: string;
	SignatureText: string;
	SecDateEntry: string;
	SecDateTEdit: string;
}

export interface OdTreatPlanAttach {
	TreatPlanAttachNum: number;
	TreatPlanNum: number;
	ProcNum: number;
}

export interface OdProcTP {
	ProcTPNum: number;
	TreatPlanNum: number;
	PatNum: number;
	ProcNumOrig: number;
	ItemOrder: number;
	ToothNumTP: string;
	Surf: string;
	ProcCode: string;
	Descript: string;
	FeeAmtCents: number;
	PriInsAmtCents: number;
	PatAmtCents: number;
	ProvNum: number;
	ClinicNum: number;
	DateTP: string;
	SecDateEntry: string;
}

export type ChargeFrequency =
	| 'Weekly'
	| 'EveryOtherWeek'
	| 'Monthly'
	| 'Quarterly'
	| 'OrdinalWeekday';

export interface OdPayPlan {
	PayPlanNum: number;
	PatNum: number;
	Guarantor: number;
	PayPlanDate: string;
	APR: number;
	/** Stored as written: the terms Open Dental prepended, then the caller's note. */
	Note: string;
	PayAmtCents: number;
	DownPaymentCents: number;
	IsClosed: boolean;
	PlanCategory: number;
	ChargeFrequency: ChargeFrequency;
	DatePayPlanStart: string;
	IsLocked: boolean;
	DateInterestStart: string;
	DynamicPayPlanTPOption: 'AwaitComplete' | 'TreatAsComplete';
	SecDateTEntry: string;
	/** The day PUT /payplans/{n}/Close ran; no charges are issued after it. */
	DateClosed?: string;
}

export interface OdPayPlanLink {
	PayPlanLinkNum: number;
	PayPlanNum: number;
	LinkType: 'Procedure' | 'Adjustment';
	FKey: number;
	/** 0 means "the attached production's own amount". */
	AmountOverrideCents: number;
	SecDateTEntry: string;
}

export interface OdCommlog {
	CommlogNum: number;
	PatNum: number;
	CommDateTime: string;
	CommType: number;
	Note: string;
	Mode_: string;
	SentOrReceived: 'Neither' | 'Sent' | 'Received';
	DateTStamp: string;
	DateTEntry: string;
}

export interface OdPayment {
	PayNum: number;
	PayType: number;
	PayDate: string;
	PayAmtCents: number;
	CheckNum: string;
	BankBranch: string;
	PayNote: string;
	PatNum: number;
	ClinicNum: number;
	DateEntry: string;
	IsPrepayment: boolean;
	PayPlanNum: number;
	ProcNums: number[];
	SecDateTEdit: string;
}

export interface OdAdjustment {
	AdjNum: number;
	AdjDate: string;
	AdjAmtCents: number;
	PatNum: number;
	AdjType: number;
	ProvNum: number;
	AdjNote: string;
	ProcDate: string;
	ProcNum: number;
	DateEntry: string;
	ClinicNum: number;
	SecDateTEdit: string;
}

export interface OdDefinition {
	DefNum: number;
	Category: number;
	ItemName: string;
	ItemValue: string;
	isHidden: boolean;
}

export interface OpenDentalState {
	/** `Authorization: ODFHIR {DeveloperKey}/{CustomerKey}` accepts these. */
	developerKeys: string[];
	customerKeys: string[];
	clinics: Array<{ ClinicNum: number; Abbr: string; Description: string }>;
	providers: Array<{ ProvNum: number; Abbr: string; FName: string; LName: string }>;
	definitions: OdDefinition[];
	/** The office's ApiPaymentType preference: the PayType of payments that name none. */
	apiPaymentType: number;
	patients: OdPatient[];
	procedures: OdProcedure[];
	treatPlans: OdTreatPlan[];
	treatPlanAttaches: OdTreatPlanAttach[];
	procTPs: OdProcTP[];
	payPlans: OdPayPlan[];
	payPlanLinks: OdPayPlanLink[];
	commlogs: OdCommlog[];
	payments: OdPayment[];
	adjustments: OdAdjustment[];
	// Insurance (apipatplans, apiinssubs, apiinsplans, apicarriers, apibenefits, apiclaimprocs,
	// apicovcats, apiinsverifies).
	carriers: OdCarrier[];
	insPlans: OdInsPlan[];
	insSubs: OdInsSub[];
	patPlans: OdPatPlan[];
	covCats: OdCovCat[];
	benefits: OdBenefit[];
	claimProcs: OdClaimProc[];
	insVerifies: OdInsVerify[];
	/** Every earlier version of an insverify row, as Open Dental keeps in insverifyhist. */
	insVerifyHist: Array<OdInsVerify & { InsVerifyHistNum: number }>;
	// Scheduling (apiappointments, apiapptfields, apiapptfielddefs, apioperatories).
	operatories: OdOperatory[];
	appointments: OdAppointment[];
	apptFieldDefs: OdApptFieldDef[];
	apptFields: OdApptField[];
	// Recall (apirecalls, apirecalltypes).
	recallTypes: OdRecallType[];
	recalls: OdRecall[];
	/** Office preferences the recall list and slots read (modeled values, docs/opendental-sandbox.md). */
	preferences: {
		/** RecallTypesShowingInList: the recall types the recall list shows. */
		recallTypesShowingInList: number[];
		/** RecallDaysPast / RecallDaysFuture: the recall list's default due-date window. */
		recallDaysPast: number;
		recallDaysFuture: number;
		/** PracticeDefaultProv: Slots' provider when none is named. */
		practiceDefaultProv: number;
	};
}

// ---------- contact preferences, insurance, scheduling and recall (issues 13 and 14) ----------

/** patient.PreferRecallMethod / PreferContactMethod / PreferConfirmMethod (apipatients.html). */
export type { ContactMethod };

export interface OdContactPreferences {
	TxtMsgOk: 'Unknown' | 'Yes' | 'No';
	PreferConfirmMethod: ContactMethod;
	PreferContactMethod: ContactMethod;
	PreferRecallMethod: ContactMethod;
}

export interface OdCarrier {
	CarrierNum: number;
	CarrierName: string;
	Address: string;
	Address2: string;
	City: string;
	State: string;
	Zip: string;
	Phone: string;
	ElectID: string;
	NoSendElect: 'SendElect' | 'NoSendElect' | 'NoSendSecondaryElect';
	IsHidden: boolean;
}

export interface OdInsPlan {
	PlanNum: number;
	GroupName: string;
	GroupNum: string;
	PlanNote: string;
	/** "" Percentage, "p" PPO Percentage, "f" Flat Copay, "c" Capitation. */
	PlanType: '' | 'p' | 'f' | 'c';
	EmployerNum: number;
	/** May point at no carrier (a seeded bad-data case). */
	CarrierNum: number;
	/** 0: the benefit year is the calendar year; 1-12: it renews on the first of that month. */
	MonthRenew: number;
	SecDateEntry: string;
	SecDateTEdit: string;
}

export interface OdInsSub {
	InsSubNum: number;
	PlanNum: number;
	Subscriber: number;
	DateEffective: string;
	DateTerm: string;
	SubscriberID: string;
	BenefitNotes: string;
	SubscNote: string;
	SecDateTEdit: string;
}

export interface OdPatPlan {
	PatPlanNum: number;
	PatNum: number;
	Ordinal: number;
	IsPending: boolean;
	Relationship: string;
	InsSubNum: number;
	SecDateTEntry: string;
	SecDateTEdit: string;
}

export interface OdCovCat {
	CovCatNum: number;
	Description: string;
	DefaultPercent: number;
	CovOrder: number;
	IsHidden: boolean;
	EbenefitCat: string;
}

export interface OdBenefit {
	BenefitNum: number;
	PlanNum: number;
	PatPlanNum: number;
	CovCatNum: number;
	BenefitType:
		| 'ActiveCoverage'
		| 'CoInsurance'
		| 'Deductible'
		| 'CoPayment'
		| 'Exclusions'
		| 'Limitations'
		| 'WaitingPeriod';
	/** -1 is Open Dental's "empty". */
	Percent: number;
	/** Cents; -100 is Open Dental's -1.0 "empty". */
	MonetaryAmtCents: number;
	TimePeriod:
		| 'None'
		| 'ServiceYear'
		| 'CalendarYear'
		| 'Lifetime'
		| 'Years'
		| 'NumberInLast12Months';
	QuantityQualifier: 'None' | 'NumberOfServices' | 'AgeLimit' | 'Visits' | 'Years' | 'Months';
	Quantity: number;
	CodeNum: number;
	procCode: string;
	CoverageLevel: 'None' | 'Individual' | 'Family';
	SecDateTEntry: string;
}

export interface OdClaimProc {
	ClaimProcNum: number;
	ProcNum: number;
	ClaimNum: number;
	PatNum: number;
	ProvNum: number;
	FeeBilledCents: number;
	InsPayEstCents: number;
	DedAppliedCents: number;
	Status:
		| 'NotReceived'
		| 'Received'
		| 'Preauth'
		| 'Adjustment'
		| 'Supplemental'
		| 'CapClaim'
		| 'Estimate'
		| 'CapComplete'
		| 'CapEstimate'
		| 'InsHist';
	InsPayAmtCents: number;
	PlanNum: number;
	InsSubNum: number;
	DateCP: string;
	WriteOffCents: number;
	CodeSent: string;
	Percentage: number;
	ProcDate: string;
	ClinicNum: number;
	SecDateEntry: string;
	SecDateTEdit: string;
}

export interface OdInsVerify {
	InsVerifyNum: number;
	DateLastVerified: string;
	VerifyType: 'PatientEnrollment' | 'InsuranceBenefit';
	/** PatPlanNum for PatientEnrollment, PlanNum for InsuranceBenefit. */
	FKey: number;
	DefNum: number;
	Note: string;
	DateLastAssigned: string;
	SecDateTEdit: string;
}

export interface OdOperatory {
	OperatoryNum: number;
	OpName: string;
	Abbrev: string;
	ItemOrder: number;
	ProvDentist: number;
	ProvHygienist: number;
	IsHygiene: boolean;
	ClinicNum: number;
}

export type AptStatus =
	| 'Scheduled'
	| 'Complete'
	| 'UnschedList'
	| 'ASAP'
	| 'Broken'
	| 'Planned'
	| 'PtNote'
	| 'PtNoteCompleted';

export interface OdAppointment {
	AptNum: number;
	PatNum: number;
	AptStatus: AptStatus;
	/** 5-minute increments of X and /. */
	Pattern: string;
	Confirmed: number;
	Op: number;
	Note: string;
	ProvNum: number;
	ProvHyg: number;
	AptDateTime: string;
	NextAptNum: number;
	IsNewPatient: boolean;
	ProcDescript: string;
	ClinicNum: number;
	IsHygiene: boolean;
	DateTStamp: string;
	InsPlan1: number;
	InsPlan2: number;
	AppointmentTypeNum: number;
	SecDateTEntry: string;
	Priority: 'Normal' | 'ASAP';
}

export interface OdApptFieldDef {
	ApptFieldDefNum: number;
	FieldName: string;
	FieldType: 'Text' | 'PickList';
	PickList: string;
}

export interface OdApptField {
	AptNum: number;
	FieldName: string;
	FieldValue: string;
}

export interface OdRecallType {
	RecallTypeNum: number;
	Description: string;
	DefaultInterval: string;
	TimePattern: string;
	Procedures: string;
	AppendToSpecial: boolean;
}

export interface OdRecall {
	RecallNum: number;
	PatNum: number;
	DateDue: string;
	DatePrevious: string;
	RecallInterval: string;
	RecallStatus: number;
	Note: string;
	IsDisabled: boolean;
	DateTStamp: string;
	/** May point at no recall type (a seeded bad-data case). */
	RecallTypeNum: number;
	DisableUntilDate: string;
	DateScheduled: string;
	Priority: 'Normal' | 'ASAP';
}
