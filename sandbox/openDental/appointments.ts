// Appointments, the ASAP list, open slots, appointment fields and operatories
// (https://www.opendental.com/site/apiappointments.html, apiapptfields, apiapptfielddefs,
// apioperatories). Slots are computed from a modeled provider schedule (docs/opendental-sandbox.md).
import type { Route, SandboxRequest } from '../core/types';
import { def, patient, provAbbr } from './lookups';
import { addDays } from '../seed';
import { route } from './route';
import type { AptStatus, OdAppointment, OpenDentalState } from './types';
import {
	bad,
	body,
	bool,
	created,
	type Ctx,
	dateTime,
	given,
	integer,
	isDate,
	isDateTime,
	notFound,
	ok,
	oneOf,
	paged,
	queryNum,
	stringBool,
	text,
	today,
} from './wire';

export const APT_STATUSES: AptStatus[] = [
	'Scheduled',
	'Complete',
	'UnschedList',
	'ASAP',
	'Broken',
	'Planned',
	'PtNote',
	'PtNoteCompleted',
];
/** Modeled provider schedule: weekdays 08:00-12:00 and 13:00-17:00, in the provider's operatories. */
const WORKING_BLOCKS: Array<[number, number]> = [
	[8 * 60, 12 * 60],
	[13 * 60, 17 * 60],
];

const minutesOf = (pattern: string) => pattern.length * 5;

function appointmentOut(state: OpenDentalState, a: OdAppointment) {
	return {
		AptNum: a.AptNum,
		PatNum: a.PatNum,
		AptStatus: a.AptStatus,
		Pattern: a.Pattern,
		Confirmed: a.Confirmed,
		confirmed: def(state, a.Confirmed)?.ItemName ?? '',
		TimeLocked: 'false',
		Op: a.Op,
		Note: a.Note.replace(/\r?\n|\r/g, ' '),
		ProvNum: a.ProvNum,
		provAbbr: provAbbr(state, a.ProvNum),
		ProvHyg: a.ProvHyg,
		AptDateTime: a.AptDateTime,
		NextAptNum: a.NextAptNum,
		UnschedStatus: 0,
		unschedStatus: '',
		IsNewPatient: bool(a.IsNewPatient),
		ProcDescript: a.ProcDescript,
		ClinicNum: a.ClinicNum,
		IsHygiene: bool(a.IsHygiene),
		DateTStamp: a.DateTStamp,
		DateTimeArrived: '0001-01-01 00:00:00',
		DateTimeSeated: '0001-01-01 00:00:00',
		DateTimeDismissed: '0001-01-01 00:00:00',
		InsPlan1: a.InsPlan1,
		InsPlan2: a.InsPlan2,
		DateTimeAskedToArrive: '0001-01-01 00:00:00',
		colorOverride: '0,0,0',
		AppointmentTypeNum: a.AppointmentTypeNum,
		SecUserNumEntry: 0,
		SecDateTEntry: a.SecDateTEntry,
		Priority: a.Priority,
		PatternSecondary: '/'.repeat(a.Pattern.length),
		ItemOrderPlanned: 0,
	};
}

const listed = (ctx: Ctx, rows: OdAppointment[], req: SandboxRequest) => {
	const serverDateTime = dateTime(ctx.now());
	return ok(paged(req, rows).map((a) => ({ serverDateTime, ...appointmentOut(ctx.state, a) })));
};

function queryDate(req: SandboxRequest, k: string): string | undefined {
	const v = req.query[k];
	if (v === undefined || v === '') return undefined;
	if (!isDate(v)) throw bad(`${k} must be in "yyyy-MM-dd" format.`);
	return v;
}

/** `date`, or `dateStart`/`dateEnd` (inclusive); either end may be left open. */
function dateRange(req: SandboxRequest): [string | undefined, string | undefined] {
	const single = queryDate(req, 'date');
	if (single) return [single, single];
	return [queryDate(req, 'dateStart'), queryDate(req, 'dateEnd')];
}

function appointment(state: OpenDentalState, num: string, status = 404): OdAppointment {
	const a = state.appointments.find((x) => x.AptNum === Number(num));
	if (!a || !/^\d+$/.test(num))
		throw status === 404
			? notFound('Appointment not found.')
			: bad('AptNum is not a valid appointment.');
	return a;
}

const toClock = (m: number) =>
	`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
const ofClock = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function openSlots(state: OpenDentalState, date: string, provNum: number, opNum: number) {
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	if (weekday === 0 || weekday === 6) return [];
	// "If a provider has existing appointments in multiple operatories, it considers all of them as a whole."
	const busy = state.appointments
		.filter(
			(a) =>
				(a.AptStatus === 'Scheduled' || a.AptStatus === 'Complete') &&
				a.AptDateTime.slice(0, 10) === date &&
				(a.Op === opNum || a.ProvNum === provNum),
		)
		.map((a) => [
			ofClock(a.AptDateTime.slice(11)),
			ofClock(a.AptDateTime.slice(11)) + minutesOf(a.Pattern),
		])
		.sort((x, y) => x[0] - y[0]);
	const slots: Array<[number, number]> = [];
	for (const [from, to] of WORKING_BLOCKS) {
		let start = from;
		for (const [b0, b1] of busy) {
			if (b1 <= start || b0 >= to) continue;
			if (b0 > start) slots.push([start, b0]);
			start = Math.max(start, b1);
		}
		if (start < to) slots.push([start, to]);
	}
	return slots.map(([s, e]) => ({
		DateTimeStart: `${date} ${toClock(s)}`,
		DateTimeEnd: `${date} ${toClock(e)}`,
		ProvNum: provNum,
		OpNum: opNum,
	}));
}

export const appointmentRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/appointments/ASAP', (req, ctx) => {
		// "ClinicNum: Required only if Clinics are enabled": the seeded office uses clinics.
		const clinic = queryNum(req, 'ClinicNum');
		if (clinic === undefined && ctx.state.clinics.length > 0)
			throw bad('ClinicNum is required when clinics are enabled.');
		const prov = queryNum(req, 'ProvNum');
		const rows = ctx.state.appointments.filter(
			(a) =>
				a.Priority === 'ASAP' &&
				['Scheduled', 'UnschedList', 'Planned'].includes(a.AptStatus) &&
				a.ClinicNum === clinic &&
				(prov === undefined || a.ProvNum === prov),
		);
		return listed(ctx, rows, req);
	}),
	route('GET', '/appointments/Slots', (req, ctx) => {
		const { state } = ctx;
		const single = queryDate(req, 'date');
		if (single && single < today(ctx)) throw bad('date must be today or a future date.');
		const start = single ?? queryDate(req, 'dateStart') ?? today(ctx);
		// "Default is the next 14 days."
		const end = single ?? queryDate(req, 'dateEnd') ?? addDays(start, 13);
		if (end < start) throw bad('dateEnd cannot be before dateStart.');
		const length = queryNum(req, 'lengthMinutes') ?? 0;
		const provNum = queryNum(req, 'ProvNum') ?? state.preferences.practiceDefaultProv;
		if (!state.providers.some((p) => p.ProvNum === provNum)) throw bad('ProvNum is invalid.');
		const opNum = queryNum(req, 'OpNum');
		if (opNum !== undefined && !state.operatories.some((o) => o.OperatoryNum === opNum))
			throw bad('OpNum is invalid.');
		const ops =
			opNum !== undefined
				? [opNum]
				: state.operatories.filter((o) => o.ProvDentist === provNum).map((o) => o.OperatoryNum);
		const slots = [];
		for (let d = start; d <= end; d = addDays(d, 1))
			for (const op of ops) slots.push(...openSlots(state, d, provNum, op));
		return ok(
			paged(
				req,
				slots.filter(
					(s) => ofClock(s.DateTimeEnd.slice(11)) - ofClock(s.DateTimeStart.slice(11)) >= length,
				),
			),
		);
	}),
	route('GET', '/appointments', (req, ctx) => {
		const { state } = ctx;
		const patNum = queryNum(req, 'PatNum');
		const status = req.query.AptStatus;
		if (status !== undefined && !APT_STATUSES.includes(status as AptStatus))
			throw bad(`AptStatus must be one of: ${APT_STATUSES.map((s) => `"${s}"`).join(', ')}.`);
		const op = queryNum(req, 'Op');
		const clinic = queryNum(req, 'ClinicNum');
		const typeNum = queryNum(req, 'AppointmentTypeNum');
		const [from, to] = dateRange(req);
		const since = req.query.DateTStamp;
		if (since && !isDateTime(since) && !isDate(since))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		const rows = state.appointments.filter((a) => {
			const day = a.AptDateTime.slice(0, 10);
			return (
				(patNum === undefined || a.PatNum === patNum) &&
				(status === undefined || a.AptStatus === status) &&
				(op === undefined || a.Op === op) &&
				(clinic === undefined || a.ClinicNum === clinic) &&
				(typeNum === undefined || a.AppointmentTypeNum === typeNum) &&
				(!from || day >= from) &&
				(!to || day <= to) &&
				(!since || a.DateTStamp > since)
			);
		});
		return listed(ctx, rows, req);
	}),
	route('GET', '/appointments/:AptNum', (req, ctx) => {
		const a = appointment(ctx.state, req.params.AptNum);
		return ok({ serverDateTime: dateTime(ctx.now()), ...appointmentOut(ctx.state, a) });
	}),
	route('POST', '/appointments', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		for (const k of ['PatNum', 'Op', 'AptDateTime'])
			if (!given(b, k)) throw bad(`${k} is required.`);
		const pat = patient(state, integer(b, 'PatNum'));
		const op = state.operatories.find((o) => o.OperatoryNum === integer(b, 'Op'));
		if (!op) throw bad('Op is invalid.');
		const at = text(b, 'AptDateTime')!;
		if (!isDateTime(at)) throw bad('AptDateTime must be in "yyyy-MM-dd HH:mm:ss" format.');
		const pattern = text(b, 'Pattern') ?? '/XX/';
		if (!/^[X/]+$/.test(pattern)) throw bad("Pattern must consist of 'X' and '/' characters only.");
		const confirmed =
			integer(b, 'Confirmed') ?? state.definitions.find((d) => d.Category === 2)?.DefNum ?? 0;
		if (given(b, 'Confirmed') && def(state, confirmed)?.Category !== 2)
			throw bad('Confirmed is invalid.');
		const provNum = integer(b, 'ProvNum') ?? pat.PriProv;
		if (!state.providers.some((p) => p.ProvNum === provNum)) throw bad('ProvNum is invalid.');
		const plans = state.patPlans
			.filter((p) => p.PatNum === pat.PatNum)
			.sort((x, y) => x.Ordinal - y.Ordinal)
			.map((p) => state.insSubs.find((s) => s.InsSubNum === p.InsSubNum)?.PlanNum ?? 0);
		const stamp = dateTime(ctx.now());
		const a: OdAppointment = {
			AptNum: ctx.nextId('openDental.AptNum', 1001),
			PatNum: pat.PatNum,
			AptStatus:
				oneOf(b, 'AptStatus', [
					'Scheduled',
					'Complete',
					'UnschedList',
					'PtNote',
					'PtNoteCompleted',
				] as const) ?? 'Scheduled',
			// "Patterns exceeding 9 hours will be trimmed down to 9 hours."
			Pattern: pattern.slice(0, 108),
			Confirmed: confirmed,
			Op: op.OperatoryNum,
			Note: text(b, 'Note') ?? '',
			ProvNum: provNum,
			ProvHyg: integer(b, 'ProvHyg') ?? 0,
			AptDateTime: at,
			NextAptNum: 0,
			IsNewPatient: stringBool(b, 'IsNewPatient') ?? false,
			ProcDescript: '',
			ClinicNum: integer(b, 'ClinicNum') ?? op.ClinicNum ?? pat.ClinicNum,
			IsHygiene: stringBool(b, 'IsHygiene') ?? false,
			DateTStamp: stamp,
			InsPlan1: plans[0] ?? 0,
			InsPlan2: plans[1] ?? 0,
			AppointmentTypeNum: integer(b, 'AppointmentTypeNum') ?? 0,
			SecDateTEntry: stamp,
			Priority: oneOf(b, 'Priority', ['Normal', 'ASAP'] as const) ?? 'Normal',
		};
		state.appointments.push(a);
		return created(appointmentOut(state, a), `/appointments/${a.AptNum}`);
	}),

	// ----- appointment fields (apiapptfields.html, apiapptfielddefs.html) -----
	route('GET', '/apptfielddefs', (req, { state }) =>
		ok(paged(req, state.apptFieldDefs).map((d) => ({ ...d }))),
	),
	route('GET', '/apptfields', (req, { state }) => {
		const aptNum = queryNum(req, 'AptNum');
		const name = req.query.FieldName;
		if (aptNum === undefined) throw bad('AptNum is required.');
		if (!name) throw bad('FieldName is required.');
		appointment(state, String(aptNum), 400);
		// "If an ApptField does not exist, it returns an empty string."
		const field = state.apptFields.find((f) => f.AptNum === aptNum && f.FieldName === name);
		return ok({ FieldName: name, AptNum: aptNum, FieldValue: field?.FieldValue ?? '' });
	}),
	route('PUT', '/apptfields', (req, { state }) => {
		const b = body(req);
		for (const k of ['AptNum', 'FieldName']) if (!given(b, k)) throw bad(`${k} is required.`);
		if (b.FieldValue === undefined || b.FieldValue === null) throw bad('FieldValue is required.');
		const aptNum = integer(b, 'AptNum')!;
		appointment(state, String(aptNum), 400);
		const name = text(b, 'FieldName')!;
		const value = String(b.FieldValue);
		// "you must first add the field under Setup, Appointments, Appointment Field Defs."
		const fieldDef = state.apptFieldDefs.find((d) => d.FieldName === name);
		if (!fieldDef) throw bad(`FieldName "${name}" is not an Appointment Field Def of this office.`);
		if (
			fieldDef.FieldType === 'PickList' &&
			value !== '' &&
			!fieldDef.PickList.split('\r\n').includes(value)
		)
			throw bad(`FieldValue must be one of the PickList items of "${name}".`);
		const field = state.apptFields.find((f) => f.AptNum === aptNum && f.FieldName === name);
		if (field) field.FieldValue = value;
		else state.apptFields.push({ AptNum: aptNum, FieldName: name, FieldValue: value });
		return { status: 200 };
	}),

	// ----- operatories (apioperatories.html): the OpNums Slots and POST use -----
	route('GET', '/operatories', (req, { state }) => {
		const clinic = queryNum(req, 'ClinicNum');
		const rows = state.operatories.filter((o) => clinic === undefined || o.ClinicNum === clinic);
		return ok(
			paged(req, rows).map((o) => ({
				OperatoryNum: o.OperatoryNum,
				OpName: o.OpName,
				Abbrev: o.Abbrev,
				ItemOrder: o.ItemOrder,
				IsHidden: 'false',
				ProvDentist: o.ProvDentist,
				ProvHygienist: o.ProvHygienist,
				IsHygiene: bool(o.IsHygiene),
				ClinicNum: o.ClinicNum,
				SetProspective: 'false',
				IsWebSched: 'false',
				OperatoryType: 0,
				operatoryType: '',
			})),
		);
	}),
];
