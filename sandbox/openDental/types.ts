// The Open Dental stand-in's persisted state: rows as Open Dental's tables hold them, with money in
// integer cents; the wire shapes of opendental-api.md §2 are built from these on the way out.

export interface OdPatient {
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
}
