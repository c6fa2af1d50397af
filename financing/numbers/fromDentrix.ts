import { PAYMENT_INTERVALS, type PaymentInterval } from '../dueDates';
import {
	asWire,
	isAuditNoteText,
	list,
	wireBasisPoints,
	wireCents,
	wireCount,
	wireId,
	wireText,
	wireTime,
	type Wire,
} from './fromPms';
import type { PracticeRecords } from './records';

/**
 * Dentrix's answers (the modeled contract, docs/dentrix-api.md) as the numbers' plain records.
 * Every list is what the contract's list endpoints answer, amounts in dollars:
 * - `treatmentPlans`: `GET /v1/treatment-plans?fundingMethod=CareCredit` items;
 * - `ledgerNotes`: `GET /v1/ledger-notes?contains=CareCredit` items;
 * - `paymentAgreements`: `GET /v1/payment-agreements` items;
 * - `appointments`: `GET /v1/appointments` items.
 * `financingBillingType` marks the agreements that are the CareCredit financing record.
 */
export interface DentrixNumbersWire {
	treatmentPlans?: unknown;
	ledgerNotes?: unknown;
	paymentAgreements?: unknown;
	appointments?: unknown;
	financingBillingType?: string;
}

/**
 * The decisions travel as they are (the CareCredit node's items): only the PMS side is mapped. A
 * field that is missing stays missing, so the numbers list that record as unclassified.
 */
export function dentrixPracticeRecords(
	wire: DentrixNumbersWire,
	decisions: readonly unknown[] = [],
): PracticeRecords {
	return {
		presentations: list(wire.treatmentPlans)
			.filter((p) => String(p.fundingMethod ?? '').toLowerCase() === 'carecredit')
			.map(presentation),
		decisions,
		auditNotes: list(wire.ledgerNotes)
			.filter((n) => isAuditNoteText(n.text))
			.map(
				(n): Wire => ({
					noteId: wireId(n.id),
					patientId: wireId(n.patientId ?? n.guarantorId),
					writtenAt: wireText(n.createdAt),
					text: wireText(n.text) ?? '',
				}),
			),
		arrangements: list(wire.paymentAgreements).map((a) =>
			arrangement(a, wire.financingBillingType),
		),
		appointments: list(wire.appointments).map(appointment),
	};
}

function presentation(p: Wire): Wire {
	return {
		treatmentPlanId: wireId(p.id),
		patientId: wireId(p.patientId),
		locationId: wireId(p.locationId) ?? null,
		presentedAt: wireText(p.createdOn),
		acceptedAt: wireTime(p.acceptedAt) ?? null,
		procedureIds: list(p.procedures)
			.map((x) => wireId(x.id))
			.filter((x): x is string => x !== undefined),
	};
}

const SOURCES: Record<string, 'automation' | 'staff'> = { api: 'automation', console: 'staff' };

function arrangement(a: Wire, financingBillingType?: string): Wire {
	const closed = a.status === 'closed';
	const staffEdits = list(a.edits).filter((e) => e.source === 'console');
	const interval = PAYMENT_INTERVALS.includes(a.interval as PaymentInterval)
		? (a.interval as PaymentInterval)
		: null;
	return {
		arrangementId: wireId(a.id),
		// An agreement is the guarantor's account's (docs/dentrix-api.md): so are the notes.
		patientId: wireId(a.guarantorId),
		kind: financingBillingType && a.billingType === financingBillingType ? 'financingRecord' : null,
		createdAt: wireText(a.createdAt),
		createdBy: SOURCES[String(a.createdBy)] ?? 'unknown',
		note: wireText(a.note) ?? '',
		current: closed
			? null
			: {
					totalCents: wireCents(a.totalAgreedAmount),
					downPaymentCents: wireCents(a.downPayment),
					paymentCents: wireCents(a.paymentAmount),
					numberOfPayments: wireCount(a.numberOfPayments),
					firstPaymentDate: wireText(a.firstPaymentDue) ?? null,
					interval,
					aprBasisPoints: wireBasisPoints(a.annualFinanceChargePercent),
				},
		removedAt: closed ? (wireTime(a.closedAt) ?? null) : null,
		lastStaffEditAt: wireTime(asWire(staffEdits[staffEdits.length - 1]).at) ?? null,
	};
}

function appointment(a: Wire): Wire {
	const date = wireText(a.date);
	const time = wireText(a.time);
	return {
		appointmentId: wireId(a.id),
		patientId: wireId(a.patientId),
		locationId: wireId(a.locationId) ?? null,
		status: wireText(a.status),
		bookedAt: wireText(a.createdAt),
		startsAt: date && time ? `${date} ${time}:00` : null,
		procedureIds: Array.isArray(a.procedureIds)
			? a.procedureIds.map(wireId).filter((x): x is string => x !== undefined)
			: [],
	};
}
