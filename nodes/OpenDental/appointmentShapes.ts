import type { IDataObject } from 'n8n-workflow';

import { looksLikePatientData } from '../../financing';

/**
 * Open Dental's appointments, open slots and appointment fields
 * (https://www.opendental.com/site/apiappointments.html, apiapptfields.html, apiapptfielddefs.html)
 * as this package's items: ids as strings (0 is "none": null), "0001-01-01" dates as null, the
 * booleans Open Dental sends as strings as booleans. Free text typed by staff (the appointment
 * note, a field's value) is shown unless it looks like a tax id or a date of birth.
 */
type Wire = IDataObject & Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
export const odId = (value: unknown) =>
	value === undefined || value === null || value === '' || value === 0 || value === '0'
		? null
		: String(value);
/** "0001-01-01 00:00:00" is Open Dental's empty date-time. */
export const odDateTime = (value: unknown) =>
	text(value) === '' || text(value).startsWith('0001-01-01') ? null : text(value);
const flag = (value: unknown) => value === true || value === 'true';

export const HIDDEN_TEXT = '(hidden: it looks like a tax id or a date of birth)';
/** Staff free text as an output may carry it. */
export const screened = (value: unknown) =>
	looksLikePatientData(text(value)) ? HIDDEN_TEXT : text(value);

/** Each character of an appointment's Pattern is five minutes ("/" or "X"). */
const lengthOf = (pattern: unknown) => text(pattern).length * 5;

export function toAppointment(a: Wire): IDataObject {
	const at = odDateTime(a.AptDateTime);
	return {
		appointmentId: odId(a.AptNum),
		patientId: odId(a.PatNum),
		status: a.AptStatus,
		date: at ? at.slice(0, 10) : null,
		time: at ? at.slice(11, 16) : null,
		dateTime: at,
		lengthMinutes: lengthOf(a.Pattern),
		asap: a.Priority === 'ASAP',
		priority: a.Priority,
		confirmed: a.confirmed,
		confirmedDefNum: odId(a.Confirmed),
		providerId: odId(a.ProvNum),
		provider: a.provAbbr,
		hygienistId: odId(a.ProvHyg),
		operatoryId: odId(a.Op),
		clinicId: odId(a.ClinicNum),
		procedures: text(a.ProcDescript),
		note: screened(a.Note),
		isNewPatient: flag(a.IsNewPatient),
		isHygiene: flag(a.IsHygiene),
		insurancePlanIds: [odId(a.InsPlan1), odId(a.InsPlan2)].filter((p) => p !== null),
		appointmentTypeId: odId(a.AppointmentTypeNum),
		nextAppointmentId: odId(a.NextAptNum),
		changedAt: odDateTime(a.DateTStamp),
		createdAt: odDateTime(a.SecDateTEntry),
		serverDateTime: a.serverDateTime ?? null,
	};
}

/** An opening from Appointments GET Slots. */
export function toSlot(s: Wire): IDataObject {
	const start = text(s.DateTimeStart);
	const end = text(s.DateTimeEnd);
	const minutes = (t: string) => Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
	return {
		date: start.slice(0, 10),
		start: start.slice(11, 16),
		end: end.slice(11, 16),
		lengthMinutes: start && end ? minutes(end) - minutes(start) : null,
		dateTimeStart: start,
		dateTimeEnd: end,
		providerId: odId(s.ProvNum),
		operatoryId: odId(s.OpNum),
	};
}

/** An Appointment Field Def: the office's own fields (Setup, Appointments, Appointment Field Defs). */
export interface FieldDef {
	name: string;
	type: 'Text' | 'PickList';
	/** PickList items ("Yes\r\nNo" on the wire); empty for Text. */
	choices: string[];
}

export function toFieldDef(d: Wire): FieldDef {
	return {
		name: text(d.FieldName),
		type: d.FieldType === 'PickList' ? 'PickList' : 'Text',
		choices: text(d.PickList)
			.split(/\r\n|\n|\r/)
			.map((c) => c.trim())
			.filter((c) => c !== ''),
	};
}
