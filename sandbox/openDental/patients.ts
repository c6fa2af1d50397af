// Patients (https://www.opendental.com/site/apipatients.html): the full and the reduced field
// sets, search and Simple, with the contact preferences outreach must respect.
import type { Route } from '../core/types';
import { clinicAbbr, patient, provAbbr } from './lookups';
import { route } from './route';
import type { OdPatient, OpenDentalState } from './types';
import {
	bad,
	body,
	dateTime,
	dollars,
	EMPTY_DATE,
	isDate,
	isDateTime,
	ok,
	oneOf,
	paged,
	text,
} from './wire';

const METHODS = [
	'None',
	'DoNotCall',
	'HmPhone',
	'WkPhone',
	'WirelessPh',
	'Email',
	'SeeNotes',
	'Mail',
	'TextMessage',
] as const;
/** Writable on PUT: the enumerations with their values, free text as null. */
const PUT_FIELDS: Record<string, readonly string[] | null> = {
	PatStatus: ['Patient', 'NonPatient', 'Inactive', 'Archived', 'Deceased', 'Prospective'],
	TxtMsgOk: ['Unknown', 'Yes', 'No'],
	PreferConfirmMethod: METHODS,
	PreferContactMethod: METHODS,
	PreferRecallMethod: METHODS,
	HmPhone: null,
	WkPhone: null,
	WirelessPhone: null,
	Email: null,
};

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
		PreferConfirmMethod: p.PreferConfirmMethod,
		PreferContactMethod: p.PreferContactMethod,
		PreferRecallMethod: p.PreferRecallMethod,
		Language: '',
		AdmitDate: EMPTY_DATE,
		siteDesc: '',
		DateTStamp: p.DateTStamp,
		SuperFamily: 0,
		TxtMsgOk: p.TxtMsgOk,
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
		TxtMsgOk: p.TxtMsgOk,
	};
}

export const patientRoutes: Array<Route<OpenDentalState>> = [
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
	// Patients PUT (21.2): only the contact fields and PatStatus are modeled (what outreach changes,
	// e.g. TxtMsgOk "No" after a STOP reply); other fields answer 400 naming them.
	route('PUT', '/patients/:PatNum', (req, ctx) => {
		const p = patient(ctx.state, req.params.PatNum);
		const b = body(req);
		const other = Object.keys(b).filter((k) => !(k in PUT_FIELDS));
		if (other.length)
			throw bad(
				`The sandbox models only ${Object.keys(PUT_FIELDS).join(', ')} on this method, not ${other.join(', ')}.`,
			);
		const next = { ...p };
		for (const [k, allowed] of Object.entries(PUT_FIELDS)) {
			const v = allowed ? oneOf(b, k, allowed) : text(b, k);
			// "If an empty string is sent for a string field, then it will clear that field."
			if (v !== undefined) Object.assign(next, { [k]: v });
			else if (!allowed && b[k] === '') Object.assign(next, { [k]: '' });
		}
		Object.assign(p, next, { DateTStamp: dateTime(ctx.now()) });
		return ok(patientFull(ctx.state, p));
	}),
];
