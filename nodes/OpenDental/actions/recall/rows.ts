import type { IDataObject } from 'n8n-workflow';

/**
 * Open Dental's recall rows (https://www.opendental.com/site/apirecalls.html) as this package's
 * items. The Recall List answers dates as the example shows them (`3/16/2022`) and counts as
 * strings (`"NumRemind": ""` when none); a recall's own row has `yyyy-MM-dd` with `0001-01-01`
 * for none. Both become `yyyy-MM-dd` or null here.
 */
type Wire = IDataObject & Record<string, unknown>;

/** `M/d/yyyy` (the list) or `yyyy-MM-dd` (the recall) to `yyyy-MM-dd`; blank, none or unreadable → null. */
export function recallDate(value: unknown): string | null {
	const text = typeof value === 'string' ? value.trim() : '';
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
	const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	return iso && iso[1] !== '0001-01-01' ? iso[1]! : null;
}

const count = (value: unknown) => {
	const n = Number(typeof value === 'string' ? value.trim() || '0' : (value ?? 0));
	return Number.isInteger(n) && n >= 0 ? n : 0;
};
const id = (value: unknown) =>
	value === undefined || value === null || value === '' ? null : String(value);

/**
 * The recall this row is about, as the subject of outreach touch keys: its type and due date
 * (`Prophy.2026-12-12`). The list has no RecallNum; a new due date (the visit happened) starts a
 * new series of touches.
 */
export function recallSubject(type: string, dueDate: string | null): string {
	const name = type.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'recall';
	return `${name.slice(0, 40)}.${dueDate ?? 'noDueDate'}`;
}

/** A Recall List row, with the recall type's number when the practice's types were read. */
export function toRecallListRow(r: Wire, typeNums: Map<string, number> | null): IDataObject {
	const type = typeof r.Type === 'string' ? r.Type : '';
	const dueDate = recallDate(r.DueDate);
	return {
		patientId: id(r.PatNum),
		patientName: r.Patient,
		age: r.Age,
		recallType: type,
		recallTypeId: typeNums ? (typeNums.get(type.toLowerCase())?.toString() ?? null) : undefined,
		dueDate,
		interval: r.Interval,
		remindersSent: count(r.NumRemind),
		lastReminder: recallDate(r.LastRemind),
		contact: r.Contact,
		status: r.Status,
		clinicId: id(r.ClinicNum),
		note: r.Note,
		subjectId: recallSubject(type, dueDate),
	};
}

/** A patient's recall (Recalls GET). */
export function toRecall(r: Wire, typeNames: Map<number, string> | null): IDataObject {
	const typeNum = Number(r.RecallTypeNum);
	const type = typeNames ? (typeNames.get(typeNum) ?? null) : undefined;
	const dueDate = recallDate(r.DateDue);
	return {
		recallId: id(r.RecallNum),
		patientId: id(r.PatNum),
		recallTypeId: id(r.RecallTypeNum),
		recallType: type,
		dueDate,
		previousDate: recallDate(r.DatePrevious),
		interval: r.RecallInterval,
		statusId: id(r.RecallStatus === 0 ? null : r.RecallStatus),
		status: r.recallStatus,
		note: r.Note,
		isDisabled: r.IsDisabled === 'true' || r.IsDisabled === true,
		disabledUntil: recallDate(r.DisableUntilDate),
		dateScheduled: recallDate(r.DateScheduled),
		priority: r.Priority,
		subjectId: type ? recallSubject(type, dueDate) : null,
	};
}

/** A recall type (RecallTypes GET): its procedure codes as a list. */
export function toRecallType(t: Wire): IDataObject {
	return {
		recallTypeId: id(t.RecallTypeNum),
		description: t.Description,
		defaultInterval: t.DefaultInterval,
		timePattern: t.TimePattern,
		procedureCodes:
			typeof t.Procedures === 'string' && t.Procedures !== '' ? t.Procedures.split(',') : [],
		appendToSpecial: t.AppendToSpecial === 'true' || t.AppendToSpecial === true,
	};
}
