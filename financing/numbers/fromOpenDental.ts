import { findReferenceToken } from '../decision';
import type { PaymentInterval } from '../dueDates';
import {
	isAuditNoteText,
	list,
	wireBasisPoints,
	wireCents,
	wireCount,
	wireId,
	wireKey,
	wireText,
	wireTime,
	type Wire,
} from './fromPms';
import type { PracticeRecords } from './records';

/**
 * Open Dental's answers (its public API) as the numbers' plain records:
 * - `procTPs`: `GET /proctps?TreatPlanNum=` rows of the plans the package sent to CareCredit
 *   (https://www.opendental.com/site/apiproctps.html: `ProcNumOrig`, `DateTP`, `ClinicNum`);
 * - `commlogs`: `GET /commlogs` rows (https://www.opendental.com/site/apicommlogs.html);
 * - `payPlans`: `GET /payplans?PatNum=` rows (https://www.opendental.com/site/apipayplans.html);
 * - `appointments`: `GET /appointments` rows (https://www.opendental.com/site/apiappointments.html);
 * - `procedures`: `GET /procedurelogs?PatNum=` rows of `proceduresOf` patients
 *   (https://www.opendental.com/site/apiprocedurelogs.html), which say which appointment
 *   (`AptNum`) holds each procedure: an appointment row itself lists none.
 * Only appointments of `proceduresOf` patients are mapped: for anyone else the procedures were
 * not read, and an appointment would look empty when it is not.
 */
export interface OpenDentalNumbersWire {
	procTPs?: unknown;
	commlogs?: unknown;
	payPlans?: unknown;
	appointments?: unknown;
	procedures?: unknown;
	proceduresOf?: readonly string[];
}

const FREQUENCIES: Record<string, PaymentInterval> = {
	Monthly: 'monthly',
	Weekly: 'weekly',
	EveryOtherWeek: 'biWeekly',
};

export function openDentalPracticeRecords(
	wire: OpenDentalNumbersWire,
	decisions: readonly unknown[] = [],
): PracticeRecords {
	return {
		presentations: presentations(list(wire.procTPs)),
		decisions,
		auditNotes: list(wire.commlogs)
			.filter((c) => isAuditNoteText(c.Note))
			.map((c) => ({
				noteId: wireId(c.CommlogNum),
				patientId: wireId(c.PatNum),
				writtenAt: wireTime(c.CommDateTime) ?? undefined,
				text: wireText(c.Note) ?? '',
			})),
		arrangements: list(wire.payPlans).map(payPlan),
		appointments: appointments(wire),
	};
}

/**
 * One presentation per plan: its procedures (the originals the frozen copies point at). No
 * presentation time: `DateTP` is when the plan was saved, often long before the patient chose
 * CareCredit, so the case starts at CareCredit's decision.
 */
function presentations(rows: Wire[]): Wire[] {
	const plans = new Map<string, Wire & { procedureIds: string[] }>();
	for (const row of rows) {
		const planId = wireKey(row.TreatPlanNum);
		if (planId === undefined) {
			plans.set(`row${plans.size}`, { procedureIds: [] });
			continue;
		}
		let plan = plans.get(planId);
		if (!plan) {
			plan = {
				treatmentPlanId: planId,
				patientId: wireKey(row.PatNum),
				locationId: wireKey(row.ClinicNum) ?? null,
				procedureIds: [],
			};
			plans.set(planId, plan);
		}
		const procedure = wireKey(row.ProcNumOrig);
		if (procedure !== undefined) plan.procedureIds.push(procedure);
	}
	return [...plans.values()];
}

/**
 * A payment plan. Open Dental keeps only its date (`PayPlanDate`), so it counts as written at
 * the end of that day: the audit note the same run writes gives the exact time. A dynamic plan
 * saves either `PayAmt` or `NumberOfPayments` and answers 0 for the other, which is then not
 * compared. Open Dental names no author: a plan carrying a reference token is the package's.
 */
function payPlan(p: Wire): Wire {
	const date = wireTime(p.PayPlanDate);
	const closed = String(p.IsClosed).toLowerCase() === 'true';
	const payment = wireCents(p.PayAmt);
	return {
		arrangementId: wireKey(p.PayPlanNum),
		patientId: wireKey(p.PatNum),
		kind: 'shortfallPlan',
		createdAt: date ? `${date.slice(0, 10)} 23:59:59` : undefined,
		createdBy: findReferenceToken(p.Note) ? 'automation' : 'unknown',
		note: wireText(p.Note) ?? '',
		current: closed
			? null
			: {
					totalCents: wireCents(p.principalAmount),
					downPaymentCents: wireCents(p.DownPayment),
					paymentCents: payment === 0 ? null : payment,
					numberOfPayments: wireCount(p.NumberOfPayments),
					firstPaymentDate: wireTime(p.DatePayPlanStart) ?? null,
					interval: FREQUENCIES[String(p.ChargeFrequency)] ?? null,
					aprBasisPoints: wireBasisPoints(p.APR),
				},
		removedAt: null,
		lastStaffEditAt: null,
	};
}

function appointments(wire: OpenDentalNumbersWire): Wire[] {
	const read = new Set(wire.proceduresOf ?? []);
	const byAppointment = new Map<string, string[]>();
	for (const p of list(wire.procedures)) {
		const apt = wireKey(p.AptNum);
		const proc = wireKey(p.ProcNum);
		if (apt === undefined || proc === undefined) continue;
		const procs = byAppointment.get(apt);
		if (procs) procs.push(proc);
		else byAppointment.set(apt, [proc]);
	}
	return list(wire.appointments)
		.filter((a) => read.has(wireKey(a.PatNum) ?? ''))
		.map((a) => {
			const aptNum = wireKey(a.AptNum);
			return {
				appointmentId: aptNum,
				patientId: wireKey(a.PatNum),
				locationId: wireKey(a.ClinicNum) ?? null,
				status: wireText(a.AptStatus),
				bookedAt: wireTime(a.SecDateTEntry) ?? undefined,
				startsAt: wireTime(a.AptDateTime) ?? null,
				procedureIds: (aptNum && byAppointment.get(aptNum)) || [],
			};
		});
}
