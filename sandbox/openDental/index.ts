/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The Open Dental stand-in: the public API subset of opendental-api.md under /api/v1, with its
// conventions (ODFHIR auth, string booleans, yyyy-MM-dd dates, Limit/Offset paging of 100) and
// the documented limits. What the docs leave open is modeled in docs/opendental-sandbox.md.
import type {
	Handler,
	Method,
	Route,
	SandboxRequest,
	SandboxResponse,
	SandboxState,
	ServiceContext,
	ServiceDefinition,
} from '../core/types';
import {
	addMonths,
	fullSchedule,
	issuedCharges,
	linkAmounts,
	payAmtFor,
	principalOf,
	termsNote,
} from './payplans';
import { seedOpenDental } from './seed';
import type { ChargeFrequency, OdPatient, OdPayPlan, OdProcedure, OpenDentalState } from './types';

export * from './types';
export { OPEN_DENTAL_AUTH, OD_DEFS } from './seed';

export const seed = seedOpenDental;

type Ctx = ServiceContext<OpenDentalState>;
type Body = Record<string, unknown>;

export const BASE_PATH = '/api/v1';
const EMPTY_DATE = '0001-01-01';
const EMPTY_DATETIME = '0001-01-01 00:00:00';
const FREQUENCIES: ChargeFrequency[] = [
	'Weekly',
	'EveryOtherWeek',
	'Monthly',
	'Quarterly',
	'OrdinalWeekday',
];
const MODES = [
	'None',
	'Email',
	'Mail',
	'Phone',
	'In Person',
	'Text',
	'Email and Text',
	'Phone and Text',
];

/** Open Dental documents no error body (opendental-api.md §1.7): modeled as a JSON string explanation. */
class OdError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}
const bad = (message: string) => new OdError(400, message);
const notFound = (message: string) => new OdError(404, message);

// ---------- wire formats (opendental-api.md §1.5) ----------

const dateTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);
const bool = (v: boolean) => (v ? 'true' : 'false');
const dollars = (cents: number) => cents / 100;
const isDate = (v: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const isDateTime = (v: string) =>
	/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) && isDate(v.slice(0, 10));

function body(req: SandboxRequest): Body {
	const b = req.body ?? {};
	if (typeof b !== 'object' || Array.isArray(b) || '__invalidJson' in (b as Body))
		throw bad('The request body is not valid JSON.');
	return b as Body;
}
const given = (b: Body, k: string) => b[k] !== undefined && b[k] !== null && b[k] !== '';

/** Numbers arrive as JSON numbers or numeric strings (the docs' own examples use both). */
function number(b: Body, k: string): number | undefined {
	if (!given(b, k)) return undefined;
	const v = typeof b[k] === 'string' ? Number(b[k]) : b[k];
	if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${k} is invalid.`);
	return v;
}
function cents(b: Body, k: string): number | undefined {
	const v = number(b, k);
	return v === undefined ? undefined : Math.round(v * 100);
}
function integer(b: Body, k: string): number | undefined {
	const v = number(b, k);
	if (v !== undefined && !Number.isInteger(v)) throw bad(`${k} is invalid.`);
	return v;
}
/** Booleans travel as the strings "true"/"false" (opendental-api.md §1.5); anything else is a 400. */
function stringBool(b: Body, k: string): boolean | undefined {
	if (!given(b, k)) return undefined;
	if (b[k] !== 'true' && b[k] !== 'false') throw bad(`${k} must be either "true" or "false".`);
	return b[k] === 'true';
}
function date(b: Body, k: string): string | undefined {
	if (!given(b, k)) return undefined;
	if (typeof b[k] !== 'string' || !isDate(b[k] as string))
		throw bad(`${k} must be a date in "yyyy-MM-dd" format.`);
	return b[k] as string;
}
function text(b: Body, k: string): string | undefined {
	if (!given(b, k)) return undefined;
	if (typeof b[k] !== 'string') throw bad(`${k} is invalid.`);
	return b[k] as string;
}
function oneOf<T extends string>(b: Body, k: string, values: readonly T[]): T | undefined {
	if (!given(b, k)) return undefined;
	if (!values.includes(b[k] as T))
		throw bad(`${k} must be one of: ${values.map((v) => `"${v}"`).join(', ')}.`);
	return b[k] as T;
}
function numArray(b: Body, k: string): number[] {
	if (!given(b, k)) return [];
	const v = b[k];
	if (!Array.isArray(v) || v.some((x) => !Number.isInteger(Number(x))))
		throw bad(`${k} must be an array of numbers, in [1,2,3] format.`);
	return v.map(Number);
}
function queryNum(req: SandboxRequest, k: string): number | undefined {
	const v = req.query[k];
	if (v === undefined || v === '') return undefined;
	if (!/^\d+$/.test(v)) throw bad(`${k} is invalid.`);
	return Number(v);
}

/** Limit/Offset paging: 100 per request at most on the remote API (opendental-api.md §1.6). */
function paged<T>(req: SandboxRequest, rows: T[]): T[] {
	const limit = queryNum(req, 'Limit') ?? 100;
	const offset = queryNum(req, 'Offset') ?? 0;
	return rows.slice(offset, offset + Math.min(Math.max(limit, 1), 100));
}

// ---------- lookups and row shapes ----------

function patient(state: OpenDentalState, patNum: unknown, what = 'Patient'): OdPatient {
	const p = state.patients.find((x) => x.PatNum === Number(patNum));
	if (!p) throw notFound(`${what} not found.`);
	return p;
}
const def = (state: OpenDentalState, num: number) =>
	state.definitions.find((d) => d.DefNum === num);
const provAbbr = (state: OpenDentalState, n: number) =>
	state.providers.find((p) => p.ProvNum === n)?.Abbr ?? '';
const clinicAbbr = (state: OpenDentalState, n: number) =>
	state.clinics.find((c) => c.ClinicNum === n)?.Abbr ?? '';

function balances(state: OpenDentalState, p: OdPatient) {
	const own = (patNum: number) =>
		state.procedures
			.filter((x) => x.PatNum === patNum && x.ProcStatus === 'C')
			.reduce((s, x) => s + x.ProcFeeCents - x.InsEstCents, 0) +
		state.adjustments.filter((a) => a.PatNum === patNum).reduce((s, a) => s + a.AdjAmtCents, 0) -
		state.payments.filter((x) => x.PatNum === patNum).reduce((s, x) => s + x.PayAmtCents, 0);
	const family = state.patients.filter((x) => x.Guarantor === p.Guarantor);
	return {
		EstBalance: dollars(own(p.PatNum)),
		// "BalTotal is a family's total balance and will return 0 unless the patient is the guarantor" (§2.9).
		BalTotal: p.Guarantor === p.PatNum ? dollars(family.reduce((s, x) => s + own(x.PatNum), 0)) : 0,
	};
}

function patientFull(state: OpenDentalState, p: OdPatient) {
	const { EstBalance, BalTotal } = balances(state, p);
	return {
		PatNum: p.PatNum,
		LName: p.LName,
		FName: p.FName,
		MiddleI: p.MiddleI,
		Preferred: p.Preferred,
		PatStatus: p.PatStatus,
		Gender: p.Gender,
		Position: p.Position,
		Birthdate: p.Birthdate,
		SSN: p.SSN,
		Address: p.Address,
		Address2: p.Address2,
		City: p.City,
		State: p.State,
		Zip: p.Zip,
		HmPhone: p.HmPhone,
		WkPhone: p.WkPhone,
		WirelessPhone: p.WirelessPhone,
		Guarantor: p.Guarantor,
		Email: p.Email,
		EstBalance,
		PriProv: p.PriProv,
		priProvAbbr: provAbbr(state, p.PriProv),
		SecProv: 0,
		secProvAbbr: '',
		FeeSched: 0,
		BillingType: 'Standard Account',
		ImageFolder: `${p.LName}${p.FName}${p.PatNum}`,
		FamFinUrgNote: '',
		ChartNumber: p.ChartNumber,
		MedicaidID: '',
		BalTotal,
		EmployerNum: 0,
		DateFirstVisit: p.DateFirstVisit,
		ClinicNum: p.ClinicNum,
		clinicAbbr: clinicAbbr(state, p.ClinicNum),
		Premed: 'false',
		Ward: '',
		PreferConfirmMethod: 'None',
		PreferContactMethod: 'None',
		PreferRecallMethod: 'None',
		Language: '',
		AdmitDate: EMPTY_DATE,
		siteDesc: '',
		DateTStamp: p.DateTStamp,
		SuperFamily: 0,
		TxtMsgOk: 'Unknown',
		SecDateEntry: p.SecDateEntry,
	};
}

/** Patients GET (multiple) answers a reduced field set (§2.10). */
function patientShort(state: OpenDentalState, p: OdPatient) {
	return {
		PatNum: p.PatNum,
		LName: p.LName,
		FName: p.FName,
		MiddleI: p.MiddleI,
		Preferred: p.Preferred,
		PatStatus: p.PatStatus,
		Birthdate: p.Birthdate,
		SSN: p.SSN,
		Address: p.Address,
		Address2: p.Address2,
		City: p.City,
		State: p.State,
		Zip: p.Zip,
		HmPhone: p.HmPhone,
		WkPhone: p.WkPhone,
		WirelessPhone: p.WirelessPhone,
		Email: p.Email,
		priProvAbbr: provAbbr(state, p.PriProv),
		secProvAbbr: '',
		BillingType: 'Standard Account',
		ChartNumber: p.ChartNumber,
		ClinicNum: p.ClinicNum,
		clinicAbbr: clinicAbbr(state, p.ClinicNum),
		siteDesc: '',
		TxtMsgOk: 'Unknown',
	};
}

function procedureOut(state: OpenDentalState, p: OdProcedure, serverDateTime: string) {
	return {
		ProcNum: p.ProcNum,
		PatNum: p.PatNum,
		AptNum: 0,
		ProcDate: p.ProcDate,
		ProcFee: (p.ProcFeeCents / 100).toFixed(2),
		Surf: p.Surf,
		ToothNum: p.ToothNum,
		ToothRange: '',
		Priority: 0,
		priority: '',
		ProcStatus: p.ProcStatus,
		ProvNum: p.ProvNum,
		provAbbr: provAbbr(state, p.ProvNum),
		Dx: 0,
		dxName: '',
		PlannedAptNum: 0,
		PlaceService: 'Office',
		Prosthesis: '',
		DateOriginalProsth: EMPTY_DATE,
		ClaimNote: '',
		DateEntryC: p.ProcStatus === 'C' ? p.ProcDate : EMPTY_DATE,
		ClinicNum: p.ClinicNum,
		CodeNum: p.CodeNum,
		procCode: p.procCode,
		descript: p.descript,
		UnitQty: 1,
		BaseUnits: 0,
		DateTP: p.DateTP,
		SiteNum: 0,
		HideGraphics: 'false',
		CanadianTypeCodes: '',
		ProcTime: '00:00:00',
		ProcTimeEnd: '00:00:00',
		DateTStamp: p.DateTStamp,
		Prognosis: 0,
		IsLocked: 'false',
		BillingNote: '',
		Discount: 0,
		IsDateProsthEst: 'false',
		SecDateEntry: p.DateTP,
		serverDateTime,
	};
}

function payPlanOut(ctx: Ctx, plan: OdPayPlan) {
	const { state } = ctx;
	const links = linkAmounts(state, plan.PayPlanNum);
	const principal = links.reduce((s, l) => s + l.cents, 0);
	const completed =
		plan.DynamicPayPlanTPOption === 'TreatAsComplete'
			? principal
			: links.filter((l) => l.complete).reduce((s, l) => s + l.cents, 0);
	return {
		PayPlanNum: plan.PayPlanNum,
		PatNum: plan.PatNum,
		Guarantor: plan.Guarantor,
		PayPlanDate: plan.PayPlanDate,
		APR: plan.APR,
		Note: plan.Note.replace(/\r?\n|\r/g, ' '),
		PlanNum: 0,
		CompletedAmt: dollars(completed),
		InsSubNum: 0,
		PaySchedule: plan.ChargeFrequency === 'OrdinalWeekday' ? 'Monthly' : plan.ChargeFrequency,
		// NumberOfPayments is not saved: it only sets PayAmt (PUT Dynamic docs, forum thread 8380).
		NumberOfPayments: 0,
		PayAmt: dollars(plan.PayAmtCents),
		DownPayment: dollars(plan.DownPaymentCents),
		IsClosed: bool(plan.IsClosed),
		PlanCategory: plan.PlanCategory,
		planCategory: def(state, plan.PlanCategory)?.ItemName ?? '',
		IsDynamic: 'true',
		ChargeFrequency: plan.ChargeFrequency,
		DatePayPlanStart: plan.DatePayPlanStart,
		IsLocked: bool(plan.IsLocked),
		DateInterestStart: plan.DateInterestStart,
		DynamicPayPlanTPOption: plan.DynamicPayPlanTPOption,
		principalAmount: dollars(principal),
		SheetDefNum: 0,
	};
}

const linkOut = (l: OpenDentalState['payPlanLinks'][number]) => ({
	PayPlanLinkNum: l.PayPlanLinkNum,
	PayPlanNum: l.PayPlanNum,
	LinkType: l.LinkType,
	FKey: l.FKey,
	AmountOverride: dollars(l.AmountOverrideCents),
	SecDateTEntry: l.SecDateTEntry,
});

function commlogOut(state: OpenDentalState, c: OpenDentalState['commlogs'][number]) {
	return {
		CommlogNum: c.CommlogNum,
		PatNum: c.PatNum,
		CommDateTime: c.CommDateTime,
		CommType: String(c.CommType),
		commType: def(state, c.CommType)?.ItemName ?? '',
		Note: c.Note.replace(/\r?\n|\r/g, ' '),
		Mode_: c.Mode_,
		SentOrReceived: c.SentOrReceived,
		UserNum: 0,
		DateTStamp: c.DateTStamp,
		CommSource: 'User',
		ProgramNum: 0,
		DateTEntry: c.DateTEntry,
		ReferralNum: 0,
	};
}

function paymentOut(
	state: OpenDentalState,
	p: OpenDentalState['payments'][number],
	serverDateTime: string,
) {
	return {
		PayNum: p.PayNum,
		PayType: p.PayType,
		payType: def(state, p.PayType)?.ItemName ?? '',
		PayDate: p.PayDate,
		PayAmt: String(dollars(p.PayAmtCents)),
		CheckNum: p.CheckNum,
		BankBranch: p.BankBranch,
		PayNote: p.PayNote.replace(/\r\n/g, ' '),
		PatNum: p.PatNum,
		ClinicNum: String(p.ClinicNum),
		DateEntry: p.DateEntry,
		DepositNum: 0,
		Receipt: '',
		IsRecurringCC: 'false',
		SecUserNumEntry: 0,
		SecDateTEdit: p.SecDateTEdit,
		PaymentSource: 'API',
		ProcessStatus: 'OfficeProcessed',
		RecurringChargeDate: EMPTY_DATE,
		IsCcCompleted: 'false',
		serverDateTime,
	};
}

function adjustmentOut(state: OpenDentalState, a: OpenDentalState['adjustments'][number]) {
	return {
		AdjNum: a.AdjNum,
		AdjDate: a.AdjDate,
		AdjAmt: dollars(a.AdjAmtCents),
		PatNum: a.PatNum,
		AdjType: a.AdjType,
		adjType: def(state, a.AdjType)?.ItemName ?? '',
		ProvNum: a.ProvNum,
		AdjNote: a.AdjNote.replace(/\r\n/g, ' '),
		ProcDate: a.ProcDate,
		ProcNum: a.ProcNum,
		DateEntry: a.DateEntry,
		ClinicNum: a.ClinicNum,
		SecUserNumEntry: 0,
		SecDateTEdit: a.SecDateTEdit,
	};
}

const ok = (b: unknown): SandboxResponse => ({ status: 200, body: b });
const created = (b: unknown, location: string): SandboxResponse => ({
	status: 201,
	body: b,
	headers: { location: `${BASE_PATH}${location}` },
});

// ---------- auth and throttle ----------

/**
 * Per sandbox and customer key (opendental-api.md §1.9: per customer key): requests queue one
 * behind the other, each served a full second after the previous one was actually served.
 */
const throttles = new WeakMap<SandboxState, Map<string, { tail: Promise<void>; last: number }>>();
/** ApiReadAll plus other permissions: one request per second (opendental-api.md §1.9). */
export const THROTTLE_MS = 1000;

function route(
	method: Method,
	path: string,
	handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
): Route<OpenDentalState> {
	const guarded: Handler<OpenDentalState> = async (req, ctx) => {
		const m = /^ODFHIR\s+([^/\s]+)\/(\S+)$/.exec(req.headers.authorization?.trim() ?? '');
		if (!m || !ctx.state.developerKeys.includes(m[1]) || !ctx.state.customerKeys.includes(m[2])) {
			return {
				status: 401,
				body: 'Invalid credentials: the Authorization header must be "ODFHIR {DeveloperKey}/{CustomerKey}".',
			};
		}
		let served = Date.now();
		if (ctx.options.openDentalThrottle) {
			// The docs say requests are throttled, never that they are refused (no 429 is named): pace them.
			const keys =
				throttles.get(ctx.all) ?? new Map<string, { tail: Promise<void>; last: number }>();
			throttles.set(ctx.all, keys);
			const key = keys.get(m[2]) ?? { tail: Promise.resolve(), last: 0 };
			keys.set(m[2], key);
			const mine = key.tail.then(async () => {
				// A timer may fire a millisecond early against Date.now(): wait until the second is up.
				while (Date.now() < key.last + THROTTLE_MS)
					await new Promise((resolve) => setTimeout(resolve, key.last + THROTTLE_MS - Date.now()));
				served = key.last = Date.now();
			});
			key.tail = mine;
			await mine;
		}
		const servedAt = new Date(served).toISOString();
		let res: SandboxResponse;
		try {
			res = handler(req, ctx);
		} catch (e) {
			if (e instanceof OdError) res = { status: e.status, body: e.message };
			else {
				console.error('[sandbox openDental]', e);
				res = { status: 500, body: 'Internal error in the sandbox.' };
			}
		}
		return { ...res, headers: { ...res.headers, 'x-sandbox-served-at': servedAt } };
	};
	return { method, path: `${BASE_PATH}${path}`, handler: guarded };
}

const gone = (what: string) =>
	route('POST', what, () => ({
		status: 410,
		body: 'This method is deprecated in version 23.3.1. Use PayPlans POST Dynamic instead.',
	}));

// ---------- routes ----------

const routes: Array<Route<OpenDentalState>> = [
	// ----- patients (§2.9-2.11) -----
	route('GET', '/patients/Simple', (req, { state, now }) => {
		const q = req.query;
		if (q.Birthdate && !isDate(q.Birthdate)) throw bad('Birthdate must be in "yyyy-MM-dd" format.');
		if (q.DateTStamp && !isDateTime(q.DateTStamp))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		const like = (v: string, part: string | undefined) =>
			!part || v.toLowerCase().includes(part.toLowerCase());
		const rows = state.patients.filter(
			(p) =>
				like(p.LName, q.LName) &&
				like(p.FName, q.FName) &&
				(!q.Birthdate || p.Birthdate === q.Birthdate) &&
				(!q.ClinicNum || p.ClinicNum === Number(q.ClinicNum)) &&
				(!q.PatStatus || p.PatStatus === q.PatStatus) &&
				(!q.DateTStamp || p.DateTStamp >= q.DateTStamp) &&
				(!q.PriProv || p.PriProv === Number(q.PriProv)) &&
				(!q.Gender || p.Gender === q.Gender) &&
				(!q.Position || p.Position === q.Position) &&
				(!q.Guarantor || p.Guarantor === Number(q.Guarantor)),
		);
		const serverDateTime = dateTime(now());
		return ok(paged(req, rows).map((p) => ({ serverDateTime, ...patientFull(state, p) })));
	}),
	route('GET', '/patients', (req, { state }) => {
		const q = req.query;
		if (q.Birthdate && !isDate(q.Birthdate)) throw bad('Birthdate must be in "yyyy-MM-dd" format.');
		const like = (v: string, part: string | undefined) =>
			!part || v.toLowerCase().includes(part.toLowerCase());
		const digits = (v: string) => v.replace(/\D/g, '');
		const rows = state.patients.filter(
			(p) =>
				like(p.LName, q.LName) &&
				like(p.FName, q.FName) &&
				like(p.Address, q.Address) &&
				like(p.City, q.City) &&
				like(p.State, q.State) &&
				like(p.Email, q.Email) &&
				like(p.ChartNumber, q.ChartNumber) &&
				(!q.Birthdate || p.Birthdate === q.Birthdate) &&
				(!q.Phone ||
					[p.HmPhone, p.WkPhone, p.WirelessPhone].some(
						(x) => digits(x) && digits(x).includes(digits(q.Phone)),
					)) &&
				(!q.SSN || p.SSN.includes(digits(q.SSN))) &&
				(q.guarOnly !== 'true' || p.Guarantor === p.PatNum) &&
				(!q.clinicNums || q.clinicNums.split(',').map(Number).includes(p.ClinicNum)),
		);
		return ok(paged(req, rows).map((p) => patientShort(state, p)));
	}),
	route('GET', '/patients/:PatNum', (req, { state }) => {
		if (!/^\d+$/.test(req.params.PatNum)) throw bad('PatNum is invalid.');
		return ok(patientFull(state, patient(state, req.params.PatNum)));
	}),

	// ----- treatment plans and procedures (§2.12-2.15) -----
	route('GET', '/treatplans', (req, { state }) => {
		const q = req.query;
		const patNum = queryNum(req, 'PatNum');
		if (q.TPStatus && !['Saved', 'Active', 'Inactive'].includes(q.TPStatus))
			throw bad('TPStatus must be "Saved", "Active" or "Inactive".');
		if (q.SecDateTEdit && !isDateTime(q.SecDateTEdit))
			throw bad('SecDateTEdit must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.treatPlans.filter(
			(t) =>
				(patNum === undefined || t.PatNum === patNum) &&
				(!q.TPStatus || t.TPStatus === q.TPStatus) &&
				(!q.SecDateTEdit || t.SecDateTEdit > q.SecDateTEdit),
		);
		return ok(
			paged(req, rows).map((t) => ({
				TreatPlanNum: t.TreatPlanNum,
				PatNum: t.PatNum,
				DateTP: t.DateTP,
				Heading: t.Heading,
				Note: t.Note,
				SigIsTopaz: 'false',
				ResponsParty: t.ResponsParty,
				DocNum: 0,
				TPStatus: t.TPStatus,
				SecUserNumEntry: 0,
				SecDateEntry: t.SecDateEntry,
				SecDateTEdit: t.SecDateTEdit,
				UserNumPresenter: 0,
				TPType: 'Insurance',
				DateTSigned: t.DateTSigned,
				DateTPracticeSigned: EMPTY_DATETIME,
				SignatureText: t.SignatureText,
				SignaturePracticeText: '',
				isSigned: bool(t.SignatureText !== ''),
				isSignedPractice: 'false',
			})),
		);
	}),
	route('GET', '/treatplanattaches', (req, { state }) => {
		const num = queryNum(req, 'TreatPlanNum');
		if (num === undefined) throw bad('TreatPlanNum is required.');
		if (!state.treatPlans.some((t) => t.TreatPlanNum === num))
			throw notFound('TreatPlan not found.');
		return ok(
			paged(
				req,
				state.treatPlanAttaches.filter((a) => a.TreatPlanNum === num),
			).map((a) => ({ ...a, Priority: 0, priority: '' })),
		);
	}),
	route('GET', '/proctps', (req, { state }) => {
		const num = queryNum(req, 'TreatPlanNum');
		if (num === undefined) throw bad('TreatPlanNum is required.');
		if (!state.treatPlans.some((t) => t.TreatPlanNum === num))
			throw notFound('TreatPlan not found.');
		return ok(
			paged(
				req,
				state.procTPs.filter((p) => p.TreatPlanNum === num),
			).map((p) => ({
				ProcTPNum: p.ProcTPNum,
				TreatPlanNum: p.TreatPlanNum,
				PatNum: p.PatNum,
				ProcNumOrig: p.ProcNumOrig,
				ItemOrder: p.ItemOrder,
				Priority: 0,
				priority: '',
				ToothNumTP: p.ToothNumTP,
				Surf: p.Surf,
				ProcCode: p.ProcCode,
				Descript: p.Descript,
				FeeAmt: dollars(p.FeeAmtCents),
				PriInsAmt: dollars(p.PriInsAmtCents),
				SecInsAmt: 0,
				PatAmt: dollars(p.PatAmtCents),
				Discount: 0,
				Prognosis: '',
				Dx: '',
				ProcAbbr: p.ProcCode,
				SecUserNumEntry: 0,
				SecDateEntry: p.SecDateEntry,
				SecDateTEdit: `${p.SecDateEntry} 00:00:00`,
				FeeAllowed: -1,
				TaxAmt: 0,
				ProvNum: p.ProvNum,
				DateTP: p.DateTP,
				ClinicNum: p.ClinicNum,
				CatPercUCR: 0,
			})),
		);
	}),
	route('GET', '/procedurelogs', (req, { state, now }) => {
		const q = req.query;
		const patNum = queryNum(req, 'PatNum');
		const clinic = queryNum(req, 'ClinicNum');
		const codeNum = queryNum(req, 'CodeNum');
		if (q.ProcStatus && !['TP', 'C', 'EC', 'EO', 'R', 'D', 'Cn', 'TPi'].includes(q.ProcStatus))
			throw bad('ProcStatus is invalid.');
		if (q.DateTStamp && !isDateTime(q.DateTStamp))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.procedures.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(!q.ProcStatus || p.ProcStatus === q.ProcStatus) &&
				(clinic === undefined || p.ClinicNum === clinic) &&
				(codeNum === undefined || p.CodeNum === codeNum) &&
				(!q.DateTStamp || p.DateTStamp >= q.DateTStamp),
		);
		const serverDateTime = dateTime(now());
		return ok(paged(req, rows).map((p) => procedureOut(state, p, serverDateTime)));
	}),
	route('GET', '/procedurelogs/:ProcNum', (req, { state, now }) => {
		const p = state.procedures.find((x) => x.ProcNum === Number(req.params.ProcNum));
		if (!p) throw notFound('Procedure not found.');
		return ok(procedureOut(state, p, dateTime(now())));
	}),

	// ----- payment plans (§2.1-2.6) -----
	gone('/payplans'),
	route('POST', '/payplans/Dynamic', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PatNum')) throw bad('PatNum is required.');
		const pat = patient(state, integer(b, 'PatNum'));
		const payAmt = cents(b, 'PayAmt');
		const count = integer(b, 'NumberOfPayments');
		if (payAmt === undefined && count === undefined)
			throw bad('PayAmt or NumberOfPayments is required.');
		if (payAmt !== undefined && count !== undefined)
			throw bad('PayAmt cannot be supplied alongside NumberOfPayments.');
		if (payAmt !== undefined && payAmt <= 0) throw bad('PayAmt must be greater than 0.');
		if (count !== undefined && count <= 0) throw bad('NumberOfPayments must be greater than 0.');
		const procNums = numArray(b, 'procNums');
		const adjNums = numArray(b, 'adjNums');
		if (!procNums.length && !adjNums.length) throw bad('procNums and/or adjNums is required.');
		for (const n of procNums) {
			const p = state.procedures.find((x) => x.ProcNum === n);
			if (!p || p.PatNum !== pat.PatNum)
				throw bad(`Procedure ${n} is not associated with the patient.`);
			if (openLink(state, 'Procedure', n))
				throw bad(`Procedure ${n} is already attached to a payment plan.`);
		}
		for (const n of adjNums) {
			const a = state.adjustments.find((x) => x.AdjNum === n);
			if (!a || a.PatNum !== pat.PatNum)
				throw bad(`Adjustment ${n} is not associated with the patient.`);
			if (openLink(state, 'Adjustment', n))
				throw bad(`Adjustment ${n} is already attached to a payment plan.`);
		}
		const guarantor = given(b, 'Guarantor')
			? patient(state, integer(b, 'Guarantor'), 'Guarantor').PatNum
			: pat.PatNum;
		const payPlanDate = date(b, 'PayPlanDate') ?? today(ctx);
		const apr = number(b, 'APR') ?? 0;
		if (apr < 0 || apr > 100) throw bad('APR is invalid.');
		const isLocked = stringBool(b, 'IsLocked') ?? true;
		if (apr > 0 && !isLocked) throw bad('IsLocked must be "true" when APR is above 0.');
		const frequency = oneOf(b, 'ChargeFrequency', FREQUENCIES) ?? 'Monthly';
		const down = cents(b, 'DownPayment') ?? 0;
		if (down < 0) throw bad('DownPayment cannot be negative.');
		const category = integer(b, 'PlanCategory') ?? 0;
		if (category !== 0 && def(state, category)?.Category !== 47)
			throw bad('PlanCategory is invalid.');
		const plan: OdPayPlan = {
			PayPlanNum: ctx.nextId('openDental.PayPlanNum', 1001),
			PatNum: pat.PatNum,
			Guarantor: guarantor,
			PayPlanDate: payPlanDate,
			APR: apr,
			Note: '',
			PayAmtCents: 0,
			DownPaymentCents: down,
			IsClosed: false,
			PlanCategory: category,
			ChargeFrequency: frequency,
			DatePayPlanStart: date(b, 'DatePayPlanStart') ?? addMonths(payPlanDate, 1),
			IsLocked: isLocked,
			DateInterestStart: date(b, 'DateInterestStart') ?? EMPTY_DATE,
			DynamicPayPlanTPOption:
				oneOf(b, 'DynamicPayPlanTPOption', ['AwaitComplete', 'TreatAsComplete'] as const) ??
				'AwaitComplete',
			SecDateTEntry: dateTime(ctx.now()),
		};
		const links = [
			...procNums.map((FKey) => ({ LinkType: 'Procedure' as const, FKey })),
			...adjNums.map((FKey) => ({ LinkType: 'Adjustment' as const, FKey })),
		];
		const principal = links.reduce((s, l) => {
			const p = state.procedures.find((x) => l.LinkType === 'Procedure' && x.ProcNum === l.FKey);
			const a = state.adjustments.find((x) => l.LinkType === 'Adjustment' && x.AdjNum === l.FKey);
			return s + (p ? p.ProcFeeCents - p.InsEstCents : (a?.AdjAmtCents ?? 0));
		}, 0);
		// The plan's amount is the attached production; a down payment above it cannot be scheduled (modeled).
		if (principal <= 0)
			throw bad('The attached procedures and adjustments have no amount to finance.');
		if (down > principal)
			throw bad('DownPayment cannot exceed the total amount of the attached production.');
		plan.PayAmtCents = payAmt ?? payAmtFor(principal - down, count!, apr, frequency);
		if (apr > 0 && plan.PayAmtCents <= Math.round(((principal - down) * apr) / 100 / 12))
			throw bad('PayAmt does not cover the interest.');
		state.payPlans.push(plan);
		for (const l of links) {
			state.payPlanLinks.push({
				PayPlanLinkNum: ctx.nextId('openDental.PayPlanLinkNum', 2001),
				PayPlanNum: plan.PayPlanNum,
				...l,
				AmountOverrideCents: 0,
				SecDateTEntry: plan.SecDateTEntry,
			});
		}
		// "The terms of the payment plan are stored in this field by default. Additional note text is appended" (§2.1).
		plan.Note = termsNote(state, plan, today(ctx), text(b, 'Note') ?? '');
		return created(payPlanOut(ctx, plan), `/payplans/${plan.PayPlanNum}`);
	}),
	route('PUT', '/payplans/:PayPlanNum/Dynamic', (req, ctx) => {
		const { state } = ctx;
		const plan = payPlan(state, req.params.PayPlanNum);
		const b = body(req);
		if (plan.IsClosed) throw bad('The payment plan is closed.');
		const payAmt = cents(b, 'PayAmt');
		const count = integer(b, 'NumberOfPayments');
		if (payAmt !== undefined && count !== undefined)
			throw bad('PayAmt cannot be supplied alongside NumberOfPayments.');
		if ((payAmt !== undefined && payAmt <= 0) || (count !== undefined && count <= 0))
			throw bad('PayAmt and NumberOfPayments must be greater than 0.');
		const hasCharges = issuedCharges(state, plan, today(ctx)).length > 0;
		const hasPayments = state.payments.some((p) => p.PayPlanNum === plan.PayPlanNum);
		const next = { ...plan };
		if (given(b, 'Guarantor')) {
			const g = patient(state, integer(b, 'Guarantor'), 'Guarantor').PatNum;
			if (g !== plan.Guarantor && (hasCharges || hasPayments))
				throw bad(
					'Guarantor cannot be changed if this plan has existing charges or attached payments.',
				);
			next.Guarantor = g;
		}
		const payPlanDate = date(b, 'PayPlanDate');
		if (payPlanDate !== undefined) {
			// FutureTransDatesAllowed is off in the sandbox's office (modeled preference).
			if (payPlanDate > today(ctx)) throw bad('PayPlanDate cannot be a future date.');
			next.PayPlanDate = payPlanDate;
		}
		const start = date(b, 'DatePayPlanStart');
		if (start !== undefined && start !== plan.DatePayPlanStart) {
			if (hasCharges)
				throw bad('DatePayPlanStart cannot be changed if this plan has existing charges.');
			next.DatePayPlanStart = start;
		}
		const apr = number(b, 'APR');
		const locked = stringBool(b, 'IsLocked');
		if (locked !== undefined) next.IsLocked = locked;
		if (apr !== undefined) {
			if (apr < 0 || apr > 100) throw bad('APR is invalid.');
			// PayPlanRequireLockForAPR is on in the sandbox's office (modeled preference).
			if (apr > 0 && locked !== true)
				throw bad('IsLocked must be supplied as "true" alongside an APR above 0.');
			next.APR = apr;
		}
		if (next.APR > 0 && !next.IsLocked) throw bad('IsLocked must be "true" when APR is above 0.');
		const interestStart = date(b, 'DateInterestStart');
		if (interestStart !== undefined) {
			if (next.APR <= 0)
				throw bad('DateInterestStart is only allowed if this plan has an APR above 0.');
			next.DateInterestStart = interestStart;
		}
		next.ChargeFrequency = oneOf(b, 'ChargeFrequency', FREQUENCIES) ?? plan.ChargeFrequency;
		const category = integer(b, 'PlanCategory');
		if (category !== undefined) {
			if (category !== 0 && def(state, category)?.Category !== 47)
				throw bad('PlanCategory is invalid.');
			next.PlanCategory = category;
		}
		const principal = principalOf(state, plan.PayPlanNum);
		if (payAmt !== undefined) next.PayAmtCents = payAmt;
		if (count !== undefined)
			next.PayAmtCents = payAmtFor(
				principal - next.DownPaymentCents,
				count,
				next.APR,
				next.ChargeFrequency,
			);
		// "Note: Overwrites existing note." (§2.2): the terms are not written again.
		const note = text(b, 'Note');
		if (note !== undefined) next.Note = note.replace(/\r?\n|\r/g, ' ');
		Object.assign(plan, next);
		return ok(payPlanOut(ctx, plan));
	}),
	route('PUT', '/payplans/:PayPlanNum/Close', (req, ctx) => {
		const plan = payPlan(ctx.state, req.params.PayPlanNum);
		if (!plan.IsClosed) Object.assign(plan, { IsClosed: true, DateClosed: today(ctx) });
		return ok(payPlanOut(ctx, plan));
	}),
	route('GET', '/payplans', (req, ctx) => {
		const patNum = queryNum(req, 'PatNum');
		const guarantor = queryNum(req, 'Guarantor');
		if (patNum === undefined && guarantor === undefined)
			throw bad('PatNum or Guarantor is required.');
		if (patNum !== undefined) patient(ctx.state, patNum);
		if (guarantor !== undefined) patient(ctx.state, guarantor, 'Guarantor');
		const rows = ctx.state.payPlans.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(guarantor === undefined || p.Guarantor === guarantor),
		);
		return ok(paged(req, rows).map((p) => payPlanOut(ctx, p)));
	}),
	route('GET', '/payplans/:PayPlanNum', (req, ctx) =>
		ok(payPlanOut(ctx, payPlan(ctx.state, req.params.PayPlanNum))),
	),
	route('GET', '/payplancharges', (req, ctx) => {
		const num = queryNum(req, 'PayPlanNum');
		if (num === undefined) throw bad('PayPlanNum is required.');
		const plan = payPlan(ctx.state, String(num));
		const pat = patient(ctx.state, plan.PatNum);
		const charges = issuedCharges(ctx.state, plan, today(ctx));
		return ok(
			paged(req, charges).map((c, i) => ({
				PayPlanChargeNum: plan.PayPlanNum * 1000 + i + 1,
				PayPlanNum: plan.PayPlanNum,
				Guarantor: plan.Guarantor,
				PatNum: plan.PatNum,
				ChargeDate: c.date,
				Principal: dollars(c.principalCents),
				Interest: dollars(c.interestCents),
				Note: c.isDownPayment ? 'Down Payment' : '',
				ProvNum: pat.PriProv,
				ClinicNum: pat.ClinicNum,
				ChargeType: 'Debit',
				ProcNum: c.linkType === 'Procedure' ? c.fKey : 0,
				SecDateTEntry: `${c.date} 00:00:00`,
				SecDateTEdit: `${c.date} 00:00:00`,
				StatementNum: 0,
				FKey: c.fKey,
				LinkType: c.linkType,
				IsOffset: 'false',
			})),
		);
	}),

	// ----- payment plan links (modeled: docs/opendental-sandbox.md) -----
	route('GET', '/payplanlinks', (req, { state }) => {
		const num = queryNum(req, 'PayPlanNum');
		if (num === undefined) throw bad('PayPlanNum is required.');
		payPlan(state, String(num));
		return ok(
			paged(
				req,
				state.payPlanLinks.filter((l) => l.PayPlanNum === num),
			).map(linkOut),
		);
	}),
	route('POST', '/payplanlinks', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PayPlanNum') || !given(b, 'LinkType') || !given(b, 'FKey'))
			throw bad('PayPlanNum, LinkType and FKey are required.');
		const plan = payPlan(state, String(integer(b, 'PayPlanNum')));
		if (plan.IsClosed) throw bad('The payment plan is closed.');
		const linkType = oneOf(b, 'LinkType', ['Procedure', 'Adjustment'] as const)!;
		const fKey = integer(b, 'FKey')!;
		const owner =
			linkType === 'Procedure'
				? state.procedures.find((p) => p.ProcNum === fKey)?.PatNum
				: state.adjustments.find((a) => a.AdjNum === fKey)?.PatNum;
		if (owner !== plan.PatNum)
			throw bad(`${linkType} ${fKey} is not associated with the patient of the payment plan.`);
		if (openLink(state, linkType, fKey))
			throw bad(`${linkType} ${fKey} is already attached to a payment plan.`);
		const amountOverride = cents(b, 'AmountOverride') ?? 0;
		if (amountOverride < 0) throw bad('AmountOverride cannot be negative.');
		const link = {
			PayPlanLinkNum: ctx.nextId('openDental.PayPlanLinkNum', 2001),
			PayPlanNum: plan.PayPlanNum,
			LinkType: linkType,
			FKey: fKey,
			AmountOverrideCents: amountOverride,
			SecDateTEntry: dateTime(ctx.now()),
		};
		state.payPlanLinks.push(link);
		return created(linkOut(link), `/payplanlinks/${link.PayPlanLinkNum}`);
	}),
	route('PUT', '/payplanlinks/:PayPlanLinkNum', (req, ctx) => {
		const link = ctx.state.payPlanLinks.find(
			(l) => l.PayPlanLinkNum === Number(req.params.PayPlanLinkNum),
		);
		if (!link) throw notFound('PayPlanLink not found.');
		const b = body(req);
		const amountOverride = cents(b, 'AmountOverride');
		if (amountOverride === undefined) throw bad('AmountOverride is required.');
		if (amountOverride < 0) throw bad('AmountOverride cannot be negative.');
		const plan = payPlan(ctx.state, String(link.PayPlanNum));
		if (issuedCharges(ctx.state, plan, today(ctx)).length > 0)
			throw bad('AmountOverride cannot be changed once the plan has charges.');
		link.AmountOverrideCents = amountOverride;
		return ok(linkOut(link));
	}),

	// ----- commlogs (§2.7-2.8) -----
	route('POST', '/commlogs', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PatNum') || !given(b, 'Note')) throw bad('PatNum and Note are required.');
		const pat = patient(state, integer(b, 'PatNum'));
		const at = given(b, 'CommDateTime') ? String(b.CommDateTime) : dateTime(ctx.now());
		if (!isDateTime(at)) throw bad('CommDateTime must be in "yyyy-MM-dd HH:mm:ss" format.');
		// "commType ... Will be used over CommType if both are specified" (§2.7).
		let commType = state.definitions.find(
			(d) => d.Category === 27 && d.ItemName === 'Misc',
		)!.DefNum;
		if (given(b, 'commType')) {
			const d = state.definitions.find(
				(x) => x.Category === 27 && x.ItemName.toLowerCase() === String(b.commType).toLowerCase(),
			);
			if (!d) throw bad('commType is invalid.');
			commType = d.DefNum;
		} else if (given(b, 'CommType')) {
			const n = integer(b, 'CommType')!;
			if (def(state, n)?.Category !== 27) throw bad('CommType is invalid.');
			commType = n;
		}
		const stamp = dateTime(ctx.now());
		const log = {
			CommlogNum: ctx.nextId('openDental.CommlogNum', 1001),
			PatNum: pat.PatNum,
			CommDateTime: at,
			CommType: commType,
			Note: text(b, 'Note')!,
			Mode_: oneOf(b, 'Mode_', MODES) ?? 'Phone',
			SentOrReceived:
				oneOf(b, 'SentOrReceived', ['Neither', 'Sent', 'Received'] as const) ?? 'Sent',
			DateTStamp: stamp,
			DateTEntry: stamp,
		};
		state.commlogs.push(log);
		return created(commlogOut(state, log), `/commlogs/${log.CommlogNum}`);
	}),
	route('GET', '/commlogs', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		const since = req.query.DateTStamp;
		if (since && !isDateTime(since))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.commlogs.filter(
			(c) => (patNum === undefined || c.PatNum === patNum) && (!since || c.DateTStamp >= since),
		);
		return ok(paged(req, rows).map((c) => commlogOut(state, c)));
	}),
	route('GET', '/commlogs/:CommlogNum', (req, { state }) => {
		const c = state.commlogs.find((x) => x.CommlogNum === Number(req.params.CommlogNum));
		if (!c) throw notFound('Commlog not found.');
		return ok(commlogOut(state, c));
	}),

	// ----- payments (§2.16) -----
	route('POST', '/payments', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PayAmt') || !given(b, 'PatNum')) throw bad('PayAmt and PatNum are required.');
		const amount = cents(b, 'PayAmt')!;
		if (amount <= 0)
			throw bad('PayAmt must be greater than 0. Use Payments POST Refund for refunds.');
		const pat = patient(state, integer(b, 'PatNum'));
		const payType = integer(b, 'PayType') ?? state.apiPaymentType;
		if (def(state, payType)?.Category !== 10) throw bad('PayType is invalid.');
		const payDate = date(b, 'PayDate') ?? today(ctx);
		// The office's preference does not allow future-dated payments (modeled).
		if (payDate > today(ctx)) throw bad('PayDate cannot be in the future.');
		const isPrepayment = stringBool(b, 'isPrepayment') ?? false;
		stringBool(b, 'isPatientPreferred');
		const payPlanNum = integer(b, 'payPlanNum') ?? 0;
		if (payPlanNum) payPlan(state, String(payPlanNum));
		const family = state.patients.filter((p) => p.Guarantor === pat.Guarantor).map((p) => p.PatNum);
		const clinic = integer(b, 'ClinicNum') ?? pat.ClinicNum;
		const payment = {
			PayNum: ctx.nextId('openDental.PayNum', 3001),
			PayType: payType,
			PayDate: payDate,
			PayAmtCents: amount,
			CheckNum: text(b, 'CheckNum') ?? '',
			BankBranch: text(b, 'BankBranch') ?? '',
			PayNote: text(b, 'PayNote') ?? '',
			PatNum: pat.PatNum,
			ClinicNum: clinic,
			DateEntry: today(ctx),
			IsPrepayment: isPrepayment,
			PayPlanNum: payPlanNum,
			// "Procedures not in the Patient's family will be silently ignored" (§2.16).
			ProcNums: isPrepayment
				? []
				: numArray(b, 'procNums').filter((n) =>
						family.includes(state.procedures.find((p) => p.ProcNum === n)?.PatNum ?? -1),
					),
			SecDateTEdit: dateTime(ctx.now()),
		};
		state.payments.push(payment);
		return created(paymentOut(state, payment, ''), `/payments/${payment.PayNum}`);
	}),
	route('GET', '/payments', (req, { state, now }) => {
		const patNum = queryNum(req, 'PatNum');
		const payType = queryNum(req, 'PayType');
		const since = req.query.DateEntry;
		if (since && !isDate(since)) throw bad('DateEntry must be in "yyyy-MM-dd" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.payments.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(payType === undefined || p.PayType === payType) &&
				(!since || p.DateEntry >= since),
		);
		const serverDateTime = dateTime(now());
		return ok(paged(req, rows).map((p) => paymentOut(state, p, serverDateTime)));
	}),

	// ----- adjustments (§2.17) -----
	route('POST', '/adjustments', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		for (const k of ['PatNum', 'AdjType', 'AdjAmt', 'AdjDate'])
			if (!given(b, k)) throw bad(`${k} is required.`);
		const pat = patient(state, integer(b, 'PatNum'));
		const type = def(state, integer(b, 'AdjType')!);
		if (type?.Category !== 1) throw bad('AdjType is invalid.');
		const amount = cents(b, 'AdjAmt')!;
		if ((type.ItemValue === '+' && amount <= 0) || (type.ItemValue === '-' && amount >= 0)) {
			throw bad(
				`AdjAmt must be ${type.ItemValue === '+' ? 'positive' : 'negative'} for this AdjType.`,
			);
		}
		const adjDate = date(b, 'AdjDate')!;
		if (adjDate > today(ctx)) throw bad('AdjDate cannot be a future date.');
		const procNum = integer(b, 'ProcNum') ?? 0;
		const proc = procNum ? state.procedures.find((p) => p.ProcNum === procNum) : undefined;
		if (procNum && proc?.PatNum !== pat.PatNum)
			throw bad('The procedure must be associated to the patient.');
		const provNum = integer(b, 'ProvNum') ?? pat.PriProv;
		const adjustment = {
			AdjNum: ctx.nextId('openDental.AdjNum', 4001),
			AdjDate: adjDate,
			AdjAmtCents: amount,
			PatNum: pat.PatNum,
			AdjType: type.DefNum,
			ProvNum: provNum,
			AdjNote: text(b, 'AdjNote') ?? '',
			ProcDate: date(b, 'ProcDate') ?? proc?.ProcDate ?? today(ctx),
			ProcNum: procNum,
			DateEntry: today(ctx),
			ClinicNum: integer(b, 'ClinicNum') ?? pat.ClinicNum,
			SecDateTEdit: dateTime(ctx.now()),
		};
		state.adjustments.push(adjustment);
		return created(adjustmentOut(state, adjustment), `/adjustments/${adjustment.AdjNum}`);
	}),
	route('GET', '/adjustments', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		if (patNum === undefined) throw bad('PatNum is required.');
		patient(state, patNum);
		const adjType = queryNum(req, 'AdjType');
		const procNum = queryNum(req, 'ProcNum');
		const rows = state.adjustments.filter(
			(a) =>
				a.PatNum === patNum &&
				(adjType === undefined || a.AdjType === adjType) &&
				(procNum === undefined || a.ProcNum === procNum),
		);
		return ok(paged(req, rows).map((a) => adjustmentOut(state, a)));
	}),

	// ----- definitions (apidefinitions.html): where the DefNums above come from -----
	route('GET', '/definitions', (req, { state }) => {
		const category = queryNum(req, 'Category');
		const rows = state.definitions.filter(
			(d) =>
				(category === undefined || d.Category === category) &&
				(req.query.includeHidden === 'true' || !d.isHidden),
		);
		return ok(
			paged(req, rows).map((d) => ({
				DefNum: d.DefNum,
				ItemName: d.ItemName,
				ItemValue: d.ItemValue,
				Category: d.Category,
				category: '',
				isHidden: bool(d.isHidden),
			})),
		);
	}),
];

function payPlan(state: OpenDentalState, num: string): OdPayPlan {
	const plan = state.payPlans.find((p) => p.PayPlanNum === Number(num));
	if (!plan) throw notFound('PayPlan not found.');
	return plan;
}

const openLink = (state: OpenDentalState, type: 'Procedure' | 'Adjustment', fKey: number) =>
	state.payPlanLinks.some(
		(l) =>
			l.LinkType === type &&
			l.FKey === fKey &&
			!state.payPlans.find((p) => p.PayPlanNum === l.PayPlanNum)?.IsClosed,
	);

export { fullSchedule };

export const service: ServiceDefinition<OpenDentalState> = { name: 'openDental', routes };
