import type { IDataObject } from 'n8n-workflow';

import {
	findReferenceToken,
	maskDateOfBirth,
	maskTaxId,
	centsFromWireOrNull,
} from '../../financing';
import type { PatientDataOptions } from '../shared/parameters';

/**
 * Open Dental's records (docs/opendental-api-notes.md §2) as this package's items: ids as strings, amounts
 * in cents, the field names the Dentrix node uses, so the Payment Arrangement node and the
 * templates read both alike. The SSN Open Dental returns is masked unless the prefill step asked
 * for it (docs/financing-domain.md §7).
 */
type Wire = IDataObject & Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const id = (value: unknown) =>
	value === undefined || value === null || value === '' || value === 0 ? null : String(value);
/** "0001-01-01" is Open Dental's empty date (§1.5). */
const day = (value: unknown) => (text(value).startsWith('0001-01-01') ? null : text(value) || null);

export const fullName = (p: Wire | undefined) =>
	[text(p?.FName), text(p?.LName)].filter((s) => s !== '').join(' ');

/** The SSN as CareCredit's prefill wants it (123-45-6789), only when nine digits. */
function formattedSsn(ssn: unknown): string {
	const digits = text(ssn).replace(/\D/g, '');
	return digits.length === 9
		? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`
		: '';
}

export function toPatient(
	p: Wire,
	options: PatientDataOptions,
	guarantor: Wire | undefined,
): IDataObject {
	const ssn = formattedSsn(p.SSN);
	const guarantorId = id(p.Guarantor) ?? id(p.PatNum);
	const birthdate = day(p.Birthdate);
	return {
		patientId: id(p.PatNum),
		name: fullName(p),
		firstName: p.FName,
		lastName: p.LName,
		middleInitial: p.MiddleI,
		preferredName: p.Preferred,
		gender: p.Gender,
		status: p.PatStatus,
		dateOfBirth: options.includeDateOfBirth ? birthdate : maskDateOfBirth(birthdate),
		taxId: options.includeTaxId && ssn ? ssn : maskTaxId(ssn),
		taxIdLastFour: ssn ? ssn.slice(-4) : '',
		chartNumber: p.ChartNumber,
		address: {
			line1: text(p.Address),
			line2: text(p.Address2),
			city: text(p.City),
			state: text(p.State),
			zip: p.Zip === undefined || p.Zip === null ? '' : String(p.Zip),
		},
		phones: { home: text(p.HmPhone), work: text(p.WkPhone), cell: text(p.WirelessPhone) },
		email: p.Email,
		guarantorId,
		guarantor: { id: guarantorId, name: guarantor ? fullName(guarantor) : fullName(p) },
		isGuarantor: guarantorId === id(p.PatNum),
		locationId: id(p.ClinicNum),
		clinic: p.clinicAbbr,
		primaryProviderId: id(p.PriProv),
		estimatedBalanceCents:
			p.EstBalance === undefined ? undefined : centsFromWireOrNull(p.EstBalance),
		familyBalanceCents: p.BalTotal === undefined ? undefined : centsFromWireOrNull(p.BalTotal),
		contactPreferences: toContactPreferences(p),
	};
}

/**
 * What outreach must respect, in the shape the Patient Outreach node reads (financing/README.md,
 * "Outreach"): Open Dental's own values (apipatients.html), plus where each says "do not".
 * "DoNotCall" as a preferred method is Open Dental's "do not contact" for that purpose.
 */
export function toContactPreferences(p: Wire): IDataObject {
	const method = (v: unknown) => (typeof v === 'string' && v !== '' ? v : 'None');
	return {
		patientId: id(p.PatNum),
		status: text(p.PatStatus),
		textOk: text(p.TxtMsgOk) || 'Unknown',
		preferredContactMethod: method(p.PreferContactMethod),
		preferredRecallMethod: method(p.PreferRecallMethod),
		preferredConfirmMethod: method(p.PreferConfirmMethod),
		wirelessPhone: text(p.WirelessPhone),
		email: text(p.Email),
		doNotContact: {
			contact: p.PreferContactMethod === 'DoNotCall',
			recall: p.PreferRecallMethod === 'DoNotCall',
			confirm: p.PreferConfirmMethod === 'DoNotCall',
			text: p.TxtMsgOk === 'No',
		},
	};
}

/** A payment plan (payplan object, docs/opendental-api-notes.md §2.4). */
export function toPayPlan(p: Wire): IDataObject {
	return {
		payPlanId: id(p.PayPlanNum),
		patientId: id(p.PatNum),
		guarantorId: id(p.Guarantor),
		agreementDate: p.PayPlanDate,
		aprPercent: Number(p.APR ?? 0),
		totalCents: centsFromWireOrNull(p.principalAmount),
		downPaymentCents: centsFromWireOrNull(p.DownPayment),
		paymentAmountCents: centsFromWireOrNull(p.PayAmt),
		completedCents: centsFromWireOrNull(p.CompletedAmt),
		chargeFrequency: p.ChargeFrequency,
		firstPaymentDate: p.DatePayPlanStart,
		isClosed: p.IsClosed === 'true' || p.IsClosed === true,
		isLocked: p.IsLocked === 'true' || p.IsLocked === true,
		isDynamic: p.IsDynamic === 'true' || p.IsDynamic === true,
		treatmentPlanOption: p.DynamicPayPlanTPOption,
		planCategory: p.PlanCategory,
		note: p.Note,
		referenceToken: findReferenceToken(p.Note)?.token ?? null,
	};
}

export function toCommlog(c: Wire): IDataObject {
	return {
		commlogId: id(c.CommlogNum),
		patientId: id(c.PatNum),
		dateTime: c.CommDateTime,
		commType: c.commType,
		commTypeDefNum: id(c.CommType),
		mode: c.Mode_,
		sentOrReceived: c.SentOrReceived,
		note: c.Note,
		referenceToken: findReferenceToken(c.Note)?.token ?? null,
	};
}

export function toPayment(p: Wire): IDataObject {
	return {
		paymentId: id(p.PayNum),
		patientId: id(p.PatNum),
		payType: id(p.PayType),
		payTypeName: p.payType,
		date: p.PayDate,
		amountCents: centsFromWireOrNull(p.PayAmt),
		reference: p.CheckNum,
		clinicId: id(p.ClinicNum),
		note: p.PayNote,
	};
}

export function toAdjustment(a: Wire): IDataObject {
	return {
		adjustmentId: id(a.AdjNum),
		patientId: id(a.PatNum),
		adjType: id(a.AdjType),
		adjTypeName: a.adjType,
		date: a.AdjDate,
		amountCents: centsFromWireOrNull(a.AdjAmt),
		procedureId: id(a.ProcNum),
		providerId: id(a.ProvNum),
		clinicId: id(a.ClinicNum),
		note: a.AdjNote,
	};
}
