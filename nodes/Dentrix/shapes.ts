import type { IDataObject } from 'n8n-workflow';

import {
	findReferenceToken,
	maskDateOfBirth,
	maskTaxId,
	centsFromWireOrNull,
} from '../../financing';
import { toContactPreferences } from './contactPreferences';
import type { PatientDataOptions } from '../shared/parameters';

/**
 * The contract's records (dollars on the wire, docs/dentrix-api.md) as this package's items:
 * cents and the financing domain's field names, so the Payment Arrangement node reads them as
 * they come. Patient data is masked unless the prefill step asked for it (docs/financing-domain.md §7).
 */
type Wire = IDataObject & Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function fullName(p: Wire | undefined): string {
	return [text(p?.firstName), text(p?.lastName)].filter((s) => s !== '').join(' ');
}

export function toPatient(p: Wire, options: PatientDataOptions): IDataObject {
	const guarantor = (p.guarantor ?? {}) as Wire;
	const lastFour = text(p.taxIdLastFour);
	return {
		patientId: p.id,
		name: fullName(p),
		firstName: p.firstName,
		lastName: p.lastName,
		middleInitial: p.middleInitial,
		preferredName: p.preferredName,
		gender: p.gender,
		dateOfBirth: options.includeDateOfBirth ? p.dateOfBirth : maskDateOfBirth(p.dateOfBirth),
		// Without the tax id in the answer, the masked form is built from the last four alone.
		taxId:
			options.includeTaxId && typeof p.taxId === 'string'
				? p.taxId
				: maskTaxId(lastFour ? `00000${lastFour}` : undefined),
		taxIdLastFour: lastFour,
		chartNumber: p.chartNumber,
		address: p.address,
		phones: p.phones,
		email: p.email,
		guarantorId: guarantor.id,
		guarantor: { id: guarantor.id, name: fullName(guarantor) },
		isGuarantor: p.isGuarantor,
		relationshipToGuarantor: p.relationshipToGuarantor,
		family: p.family,
		locationId: p.locationId,
		primaryProviderId: p.primaryProviderId,
		contactPreferences: toContactPreferences(p),
	};
}

/** The domain's treatment plan shape (financing/treatmentPlan.ts) plus Dentrix's case fields. */
export function toTreatmentPlan(plan: Wire): IDataObject {
	const procedures = Array.isArray(plan.procedures) ? (plan.procedures as Wire[]) : [];
	const totals = (plan.totals ?? {}) as Wire;
	return {
		treatmentPlanId: plan.id,
		patientId: plan.patientId,
		guarantorId: plan.guarantorId,
		locationId: plan.locationId,
		patientName: fullName(plan.patient as Wire | undefined),
		caseName: plan.caseName,
		status: plan.status,
		fundingMethod: plan.fundingMethod,
		providerId: plan.providerId,
		createdOn: plan.createdOn,
		acceptedAt: plan.acceptedAt,
		acceptSequence: plan.acceptSequence,
		totalCents: centsFromWireOrNull(totals.totalFee),
		insuranceEstimateCents: centsFromWireOrNull(totals.insuranceEstimate),
		patientPortionCents: centsFromWireOrNull(totals.patientPortion),
		procedures: procedures.map((p) => ({
			procedureId: p.id,
			cdtCode: p.cdtCode,
			description: p.description,
			tooth: p.tooth === '' ? null : p.tooth,
			surface: p.surface,
			feeCents: centsFromWireOrNull(p.fee),
			insuranceEstimateCents: centsFromWireOrNull(p.insuranceEstimate),
			patientPortionCents: centsFromWireOrNull(p.patientPortion),
		})),
	};
}

/** A payment agreement with the field names of the domain's DentrixPaymentAgreement. */
export function toAgreement(a: Wire): IDataObject {
	const percent = (value: unknown) => (typeof value === 'number' ? Math.round(value * 100) : null);
	return {
		agreementId: a.id,
		guarantorId: a.guarantorId,
		status: a.status,
		billingType: a.billingType,
		agreementDate: a.agreementDate,
		interval: a.interval,
		annualFinanceChargeBasisPoints: percent(a.annualFinanceChargePercent),
		annualLateChargeBasisPoints: percent(a.annualLateChargePercent),
		gracePeriodDays: a.gracePeriodDays,
		minimumLateChargeCents: centsFromWireOrNull(a.minimumLateCharge),
		minimumBalanceToChargeCents: centsFromWireOrNull(a.minimumBalanceToCharge),
		totalAgreedAmountCents: centsFromWireOrNull(a.totalAgreedAmount),
		downPaymentCents: centsFromWireOrNull(a.downPayment),
		firstPaymentDue: a.firstPaymentDue,
		paymentAmountCents: centsFromWireOrNull(a.paymentAmount),
		numberOfPayments: a.numberOfPayments,
		note: a.note,
		statementNote: a.statementNote,
		referenceToken: findReferenceToken(a.note)?.token ?? null,
		createdAt: a.createdAt,
		createdBy: a.createdBy,
		updatedAt: a.updatedAt,
		closedAt: a.closedAt,
		edits: a.edits,
	};
}

export function toLedgerNote(n: Wire): IDataObject {
	return {
		noteId: n.id,
		guarantorId: n.guarantorId,
		patientId: n.patientId,
		date: n.date,
		kind: n.kind,
		text: n.text,
		referenceToken: findReferenceToken(n.text)?.token ?? null,
		createdAt: n.createdAt,
		createdBy: n.createdBy,
	};
}

/** A payment or an adjustment. */
export function toLedgerEntry(e: Wire, idField: 'paymentId' | 'adjustmentId'): IDataObject {
	return {
		[idField]: e.id,
		guarantorId: e.guarantorId,
		patientId: e.patientId,
		...(idField === 'paymentId'
			? { paymentType: e.paymentType }
			: { type: e.type, direction: e.direction }),
		amountCents: centsFromWireOrNull(e.amount),
		date: e.date,
		reference: e.reference,
		note: e.note,
		createdAt: e.createdAt,
		createdBy: e.createdBy,
	};
}
