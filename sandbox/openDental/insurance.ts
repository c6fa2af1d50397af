// Insurance reads: carriers, insplans, inssubs, patplans, covcats, benefits and claimprocs, each
// on the field names and types of its page (https://www.opendental.com/site/api<name>.html).
// Versions and permissions per endpoint: docs/opendental-sandbox.md.
import type { Route, SandboxRequest } from '../core/types';
import { patient } from './lookups';
import { route } from './route';
import type {
	OdBenefit,
	OdCarrier,
	OdClaimProc,
	OdCovCat,
	OdInsPlan,
	OdInsSub,
	OdPatPlan,
	OpenDentalState,
} from './types';
import { bad, bool, dollars, isDateTime, notFound, ok, paged, queryNum } from './wire';

const carrierOut = (c: OdCarrier) => ({
	CarrierNum: c.CarrierNum,
	CarrierName: c.CarrierName,
	Address: c.Address,
	Address2: c.Address2,
	City: c.City,
	State: c.State,
	Zip: c.Zip,
	Phone: c.Phone,
	ElectID: c.ElectID,
	NoSendElect: c.NoSendElect,
	IsHidden: bool(c.IsHidden),
});

const insPlanOut = (p: OdInsPlan) => ({
	PlanNum: p.PlanNum,
	GroupName: p.GroupName,
	GroupNum: p.GroupNum,
	PlanNote: p.PlanNote,
	FeeSched: 0,
	PlanType: p.PlanType,
	ClaimFormNum: 1,
	ClaimsUseUCR: 'false',
	CopayFeeSched: 0,
	EmployerNum: p.EmployerNum,
	CarrierNum: p.CarrierNum,
	IsMedical: 'false',
	FilingCode: 0,
	ShowBaseUnits: 'false',
	CodeSubstNone: 'false',
	IsHidden: 'false',
	MonthRenew: p.MonthRenew,
	FilingCodeSubtype: 0,
	CobRule: 'Standard',
	SecUserNumEntry: 0,
	SecDateEntry: p.SecDateEntry,
	SecDateTEdit: p.SecDateTEdit,
	BillingType: 0,
	ExclusionFeeRule: 'PracticeDefault',
	ManualFeeSchedNum: 0,
	IsBlueBookEnabled: 'false',
	InsPlansZeroWriteOffsOnAnnualMaxOverride: 'Default',
	InsPlansZeroWriteOffsOnFreqOrAgingOverride: 'Default',
});

const insSubOut = (s: OdInsSub) => ({
	InsSubNum: s.InsSubNum,
	PlanNum: s.PlanNum,
	Subscriber: s.Subscriber,
	DateEffective: s.DateEffective,
	DateTerm: s.DateTerm,
	SubscriberID: s.SubscriberID,
	BenefitNotes: s.BenefitNotes,
	ReleaseInfo: 'true',
	AssignBen: 'true',
	SubscNote: s.SubscNote,
	SecDateTEdit: s.SecDateTEdit,
});

const patPlanOut = (p: OdPatPlan) => ({
	PatPlanNum: p.PatPlanNum,
	PatNum: p.PatNum,
	Ordinal: p.Ordinal,
	IsPending: bool(p.IsPending),
	Relationship: p.Relationship,
	PatID: '',
	InsSubNum: p.InsSubNum,
	OrthoAutoFeeBilledOverride: -1,
	OrthoAutoNextClaimDate: '0001-01-01',
	SecDateTEntry: p.SecDateTEntry,
	SecDateTEdit: p.SecDateTEdit,
});

const covCatOut = (c: OdCovCat) => ({
	CovCatNum: c.CovCatNum,
	Description: c.Description,
	DefaultPercent: c.DefaultPercent,
	CovOrder: c.CovOrder,
	IsHidden: bool(c.IsHidden),
	EbenefitCat: c.EbenefitCat,
});

/** "Empty Percent and MonetaryAmt values are indicated by -1" (apibenefits.html). */
const benefitOut = (b: OdBenefit) => ({
	BenefitNum: b.BenefitNum,
	PlanNum: b.PlanNum,
	PatPlanNum: b.PatPlanNum,
	CovCatNum: b.CovCatNum,
	BenefitType: b.BenefitType,
	Percent: b.Percent,
	MonetaryAmt: dollars(b.MonetaryAmtCents),
	TimePeriod: b.TimePeriod,
	QuantityQualifier: b.QuantityQualifier,
	Quantity: b.Quantity,
	CodeNum: b.CodeNum,
	procCode: b.procCode,
	CoverageLevel: b.CoverageLevel,
	SecDateTEntry: b.SecDateTEntry,
	SecDateTEdit: b.SecDateTEntry,
	CodeGroupNum: 0,
	TreatArea: 'None',
});

const claimProcOut = (c: OdClaimProc) => ({
	ClaimProcNum: c.ClaimProcNum,
	ProcNum: c.ProcNum,
	ClaimNum: c.ClaimNum,
	PatNum: c.PatNum,
	ProvNum: c.ProvNum,
	FeeBilled: dollars(c.FeeBilledCents),
	InsPayEst: dollars(c.InsPayEstCents),
	DedApplied: dollars(c.DedAppliedCents),
	Status: c.Status,
	InsPayAmt: dollars(c.InsPayAmtCents),
	Remarks: '',
	ClaimPaymentNum: 0,
	PlanNum: c.PlanNum,
	DateCP: c.DateCP,
	WriteOff: dollars(c.WriteOffCents),
	CodeSent: c.CodeSent,
	AllowedOverride: -1,
	Percentage: c.Percentage,
	PercentOverride: -1,
	CopayAmt: -1,
	NoBillIns: 'false',
	PaidOtherIns: 0,
	BaseEst: dollars(c.InsPayEstCents),
	CopayOverride: -1,
	ProcDate: c.ProcDate,
	DateEntry: c.DateCP,
	DedEst: dollars(c.DedAppliedCents),
	DedEstOverride: -1,
	InsEstTotal: dollars(c.InsPayEstCents),
	InsEstTotalOverride: -1,
	PaidOtherInsOverride: -1,
	EstimateNote: '',
	WriteOffEst: -1,
	WriteOffEstOverride: -1,
	ClinicNum: c.ClinicNum,
	InsSubNum: c.InsSubNum,
	PaymentRow: 0,
	PayPlanNum: 0,
	ClaimPaymentTracking: 0,
	claimPaymentTracking: '',
	SecUserNumEntry: 0,
	SecDateEntry: c.SecDateEntry,
	SecDateTEdit: c.SecDateTEdit,
	DateSuppReceived: c.DateCP,
	DateInsFinalized: c.DateCP,
	IsTransfer: 'false',
	ClaimAdjReasonCodes: '',
});

const CLAIMPROC_STATUSES: OdClaimProc['Status'][] = [
	'NotReceived',
	'Received',
	'Preauth',
	'Adjustment',
	'Supplemental',
	'CapClaim',
	'Estimate',
	'CapComplete',
	'CapEstimate',
	'InsHist',
];
/** apiinsplans.html: "percentage" stands for the blank PlanType. */
const PLAN_TYPES: Record<string, OdInsPlan['PlanType']> = {
	percentage: '',
	p: 'p',
	f: 'f',
	c: 'c',
};

function one<T>(rows: T[], found: (row: T) => boolean, what: string): T {
	const row = rows.find(found);
	if (!row) throw notFound(`${what} not found.`);
	return row;
}
const idParam = (req: SandboxRequest, name: string) => {
	if (!/^\d+$/.test(req.params[name])) throw bad(`${name} is invalid.`);
	return Number(req.params[name]);
};

export const insuranceRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/carriers', (req, { state }) => ok(paged(req, state.carriers).map(carrierOut))),
	route('GET', '/carriers/:CarrierNum', (req, { state }) => {
		const num = idParam(req, 'CarrierNum');
		return ok(carrierOut(one(state.carriers, (c) => c.CarrierNum === num, 'Carrier')));
	}),

	route('GET', '/insplans', (req, { state }) => {
		const type = req.query.PlanType;
		if (type !== undefined && !(type in PLAN_TYPES))
			throw bad('PlanType must be "percentage", "p", "f" or "c".');
		const carrier = queryNum(req, 'CarrierNum');
		const rows = state.insPlans.filter(
			(p) =>
				(type === undefined || p.PlanType === PLAN_TYPES[type]) &&
				(carrier === undefined || p.CarrierNum === carrier),
		);
		return ok(paged(req, rows).map(insPlanOut));
	}),
	route('GET', '/insplans/:PlanNum', (req, { state }) => {
		const num = idParam(req, 'PlanNum');
		return ok(insPlanOut(one(state.insPlans, (p) => p.PlanNum === num, 'InsPlan')));
	}),

	route('GET', '/inssubs', (req, { state }) => {
		const planNum = queryNum(req, 'PlanNum');
		const subscriber = queryNum(req, 'Subscriber');
		const since = req.query.SecDateTEdit;
		if (since && !isDateTime(since))
			throw bad('SecDateTEdit must be in "yyyy-MM-dd HH:mm:ss" format.');
		// "If no parameter is given, it will get all InsSubs ordered by InsSubNum."
		const rows = state.insSubs
			.filter(
				(s) =>
					(planNum === undefined || s.PlanNum === planNum) &&
					(subscriber === undefined || s.Subscriber === subscriber) &&
					(!since || s.SecDateTEdit >= since),
			)
			.sort((a, b) => a.InsSubNum - b.InsSubNum);
		return ok(paged(req, rows).map(insSubOut));
	}),
	route('GET', '/inssubs/:InsSubNum', (req, { state }) => {
		const num = idParam(req, 'InsSubNum');
		return ok(insSubOut(one(state.insSubs, (s) => s.InsSubNum === num, 'InsSub')));
	}),

	route('GET', '/patplans', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		const insSubNum = queryNum(req, 'InsSubNum');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.patPlans.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(insSubNum === undefined || p.InsSubNum === insSubNum),
		);
		return ok(paged(req, rows).map(patPlanOut));
	}),

	route('GET', '/covcats', (req, { state }) => ok(paged(req, state.covCats).map(covCatOut))),
	route('GET', '/covcats/:CovCatNum', (req, { state }) => {
		const num = idParam(req, 'CovCatNum');
		return ok(covCatOut(one(state.covCats, (c) => c.CovCatNum === num, 'CovCat')));
	}),

	route('GET', '/benefits', (req, { state }) => {
		const planNum = queryNum(req, 'PlanNum');
		const patPlanNum = queryNum(req, 'PatPlanNum');
		if (planNum !== undefined) one(state.insPlans, (p) => p.PlanNum === planNum, 'InsPlan');
		if (patPlanNum !== undefined)
			one(state.patPlans, (p) => p.PatPlanNum === patPlanNum, 'PatPlan');
		const rows = state.benefits.filter(
			(b) =>
				(planNum === undefined || b.PlanNum === planNum) &&
				(patPlanNum === undefined || b.PatPlanNum === patPlanNum),
		);
		return ok(paged(req, rows).map(benefitOut));
	}),
	route('GET', '/benefits/:BenefitNum', (req, { state }) => {
		const num = idParam(req, 'BenefitNum');
		return ok(benefitOut(one(state.benefits, (b) => b.BenefitNum === num, 'Benefit')));
	}),

	route('GET', '/claimprocs', (req, { state }) => {
		const q = {
			ProcNum: queryNum(req, 'ProcNum'),
			ClaimNum: queryNum(req, 'ClaimNum'),
			PatNum: queryNum(req, 'PatNum'),
			ClaimPaymentNum: queryNum(req, 'ClaimPaymentNum'),
		};
		const status = req.query.Status;
		if (status !== undefined && !CLAIMPROC_STATUSES.includes(status as OdClaimProc['Status']))
			throw bad(`Status must be one of: ${CLAIMPROC_STATUSES.map((s) => `"${s}"`).join(', ')}.`);
		if (q.PatNum !== undefined) patient(state, q.PatNum);
		const rows = state.claimProcs.filter(
			(c) =>
				(q.ProcNum === undefined || c.ProcNum === q.ProcNum) &&
				(q.ClaimNum === undefined || c.ClaimNum === q.ClaimNum) &&
				(q.PatNum === undefined || c.PatNum === q.PatNum) &&
				(q.ClaimPaymentNum === undefined || q.ClaimPaymentNum === 0) &&
				(status === undefined || c.Status === status),
		);
		return ok(paged(req, rows).map(claimProcOut));
	}),
	route('GET', '/claimprocs/:ClaimProcNum', (req, { state }) => {
		const num = idParam(req, 'ClaimProcNum');
		return ok(claimProcOut(one(state.claimProcs, (c) => c.ClaimProcNum === num, 'ClaimProc')));
	}),
];
