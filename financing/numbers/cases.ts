import { findReferenceToken, parseDecision, referenceToken } from '../decision';
import { appointmentStatusOf, isBooked } from '../outreach/appointments';
import { readLedger } from './ledger';
import {
	RecordReader,
	earlier,
	planKey,
	type CaseOutcome,
	type CaseState,
	type CorrectionState,
} from './reader';
import {
	applicationSchema,
	appointmentRecordSchema,
	presentationSchema,
	type PracticeRecords,
	type RecordKind,
	type UnclassifiedRecord,
} from './records';

/**
 * Builds the financing cases from the records in one pass over each list (plans, decisions,
 * applications, then the ledger, then appointments): linear in the records read.
 */
export interface BuiltCases {
	cases: Map<string, CaseState>;
	arrangements: CorrectionState[];
	unclassified: UnclassifiedRecord[];
	read: Record<Exclude<RecordKind, 'case'>, number>;
}

const OUTCOME: Record<string, CaseOutcome> = {
	approved: 'approved',
	declined: 'declined',
	pending: 'pending',
	callForAuth: 'pending',
};
// CareCredit decided: the application was completed.
const DECIDED = new Set(['approved', 'declined', 'callForAuth']);

export function buildCases(records: PracticeRecords, timeZone: string): BuiltCases {
	const reader = new RecordReader(timeZone);
	const presentation = reader.each(
		records.presentations,
		presentationSchema,
		'presentation',
		(p, i) => {
			const presentedAt = reader.at(p.presentedAt, 'presentation', i, 'presentedAt');
			const acceptedAt = reader.at(p.acceptedAt, 'presentation', i, 'acceptedAt');
			if (presentedAt === undefined || acceptedAt === undefined) return;
			const c = reader.caseFor(planKey(p.patientId, p.treatmentPlanId), p.patientId);
			c.treatmentPlanId = p.treatmentPlanId;
			c.locationId ??= p.locationId;
			c.presentedAt = earlier(c.presentedAt, presentedAt);
			c.acceptedAt = earlier(c.acceptedAt, acceptedAt);
			for (const id of p.procedureIds) if (!c.procedureIds.includes(id)) c.procedureIds.push(id);
		},
	);
	const decision = readDecisions(reader, records.decisions);
	const application = reader.each(
		records.applications,
		applicationSchema,
		'application',
		(a, i) => {
			const startedAt = reader.at(a.startedAt, 'application', i, 'startedAt');
			const completedAt = reader.at(a.completedAt, 'application', i, 'completedAt');
			if (startedAt === undefined || completedAt === undefined) return;
			const byToken = a.applicationId ? reader.caseByToken.get(a.applicationId) : undefined;
			const key =
				byToken ??
				(a.treatmentPlanId
					? planKey(a.patientId, a.treatmentPlanId)
					: a.applicationId
						? `tok:${a.applicationId}`
						: null);
			if (!key) {
				reader.skip(
					'application',
					i,
					null,
					'invalidRecord',
					'the application names neither a treatment plan nor an application id',
				);
				return;
			}
			const c = reader.caseFor(key, a.patientId);
			c.locationId ??= a.locationId;
			c.applicationStartedAt = earlier(c.applicationStartedAt, startedAt);
			if (completedAt) c.applicationCompleted = true;
		},
	);
	const ledger = readLedger(reader, records);
	const appointment = readBookings(reader, records.appointments);
	return {
		cases: reader.cases,
		arrangements: ledger.corrections,
		unclassified: reader.unclassified,
		read: {
			presentation,
			application,
			decision,
			auditNote: ledger.auditNotes,
			arrangement: ledger.arrangements,
			appointment,
		},
	};
}

/** Decisions in the shape of financing/decision.ts; approval wins, otherwise the latest decides. */
function readDecisions(reader: RecordReader, decisions: readonly unknown[] | undefined): number {
	const latest = new Map<string, number>();
	(decisions ?? []).forEach((raw, i) => {
		const parsed = parseDecision(raw);
		if (!parsed.ok) {
			reader.skip('decision', i, null, 'invalidRecord', parsed.problems[0]!.message);
			return;
		}
		const d = parsed.value;
		const token = referenceToken(d);
		const tokenId = token.ok ? (findReferenceToken(token.value)?.id ?? null) : null;
		const planId = d.pms.treatmentPlanId;
		if (!planId && !tokenId) {
			reader.skip(
				'decision',
				i,
				d.sessionId,
				'invalidRecord',
				'the decision names neither a treatment plan nor an application',
			);
			return;
		}
		const key = planId
			? planKey(d.pms.patientId, planId)
			: (reader.caseByToken.get(tokenId!) ?? `tok:${tokenId}`);
		const c = reader.caseFor(key, d.pms.patientId);
		c.treatmentPlanId ??= planId;
		c.locationId ??= d.pms.locationId;
		if (tokenId && !reader.caseByToken.has(tokenId)) {
			reader.caseByToken.set(tokenId, key);
			c.tokens.push(tokenId);
		}
		const decidedAt = new Date(d.decidedAt);
		if (DECIDED.has(d.status)) c.applicationCompleted = true;
		const outcome = OUTCOME[d.status] ?? 'other';
		if (outcome === 'approved') {
			const first = c.outcome !== 'approved' || !c.decidedAt || decidedAt < c.decidedAt;
			if (first && tokenId) c.tokens = [tokenId, ...c.tokens.filter((t) => t !== tokenId)];
			if (first) c.decidedAt = decidedAt;
			c.outcome = 'approved';
		} else if (c.outcome !== 'approved' && decidedAt.getTime() >= (latest.get(key) ?? -Infinity)) {
			c.outcome = outcome;
			c.decidedAt = decidedAt;
		}
		latest.set(key, Math.max(latest.get(key) ?? -Infinity, decidedAt.getTime()));
	});
	return decisions?.length ?? 0;
}

/**
 * Appointments of patients with an approved case: a booked one holding any of the case's
 * procedures books the case (found by a map from patient and procedure). An approved case with
 * no procedures is listed by practiceNumbers, only when it falls in the weeks reported.
 */
function readBookings(reader: RecordReader, appointments: readonly unknown[] | undefined): number {
	const byProcedure = new Map<string, CaseState[]>();
	const financedPatients = new Set<string>();
	for (const c of reader.cases.values()) {
		if (c.outcome !== 'approved') continue;
		financedPatients.add(c.patientId);
		for (const p of c.procedureIds) {
			const k = `${c.patientId}|${p}`;
			const list = byProcedure.get(k);
			if (list) list.push(c);
			else byProcedure.set(k, [c]);
		}
	}
	return reader.each(appointments, appointmentRecordSchema, 'appointment', (a, i) => {
		if (!financedPatients.has(a.patientId)) return;
		const status = appointmentStatusOf(a.status);
		if (!status) {
			reader.skip(
				'appointment',
				i,
				a.appointmentId,
				'unknownAppointmentStatus',
				`"${a.status}" is not an appointment status this package knows`,
			);
			return;
		}
		if (!isBooked(status)) return;
		if (a.procedureIds.length === 0) {
			reader.skip(
				'appointment',
				i,
				a.appointmentId,
				'appointmentWithoutProcedures',
				'booked for a financed patient but holds no procedures, so it cannot be matched to a case',
			);
			return;
		}
		const bookedAt = reader.at(a.bookedAt, 'appointment', i, 'bookedAt');
		if (!bookedAt) return;
		for (const p of a.procedureIds) {
			for (const c of byProcedure.get(`${a.patientId}|${p}`) ?? []) {
				if (!c.bookedAt || bookedAt < c.bookedAt) {
					c.bookedAt = bookedAt;
					c.bookedAppointmentId = a.appointmentId;
				}
			}
		}
	});
}
