import { z } from 'zod';

import { arrangementTermsSchema } from './terms';

/**
 * The plain records the practice's numbers are computed from. Both the sandbox console and an
 * n8n node reading Dentrix or Open Dental fill them (financing/README.md, "The practice's three
 * numbers", maps each field to each system). Ids are strings (numbers become strings). Times
 * are ISO 8601 with a zone, or the practice-local "yyyy-MM-dd HH:mm:ss" Open Dental returns.
 */
const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const optionalId = z
	.union([id, z.null(), z.literal('')])
	.optional()
	.transform((v) => (v === undefined || v === '' ? null : v));
const time = z.string().trim().min(1);
const optionalTime = z
	.union([time, z.null(), z.literal('')])
	.optional()
	.transform((v) => (v === undefined || v === '' || v?.startsWith('0001-01-01') ? null : v));

/** A treatment plan presented with CareCredit as the way to pay. */
export const presentationSchema = z.object({
	treatmentPlanId: id,
	patientId: id,
	locationId: optionalId,
	/**
	 * When the plan was presented; absent when the system keeps no such time (Open Dental's
	 * `DateTP` is when the plan was saved, often weeks before CareCredit came up), and then the
	 * case starts at CareCredit's application or decision.
	 */
	presentedAt: optionalTime,
	/** The patient's yes (Dentrix's `acceptedAt`); time-to-arrangement starts here when known. */
	acceptedAt: optionalTime,
	procedureIds: z.array(id).optional().default([]),
});

/** A CareCredit application (prefill session) and whether the patient finished it. */
export const applicationSchema = z.object({
	applicationId: optionalId,
	treatmentPlanId: optionalId,
	patientId: id,
	locationId: optionalId,
	startedAt: time,
	completedAt: optionalTime,
});

/** One of the package's audit notes (Open Dental commlog, Dentrix ledger note). */
export const auditNoteSchema = z.object({
	noteId: id,
	patientId: id,
	locationId: optionalId,
	writtenAt: time,
	text: z.string(),
});

/** A payment agreement (Dentrix) or payment plan (Open Dental), as it is now. */
export const arrangementSchema = z.object({
	arrangementId: id,
	patientId: id,
	locationId: optionalId,
	/** Which write it is, when the system says; otherwise read from the audit note. */
	kind: z.enum(['shortfallPlan', 'financingRecord']).nullable().optional(),
	createdAt: time,
	/** `automation` when the package wrote it (Dentrix contract's `createdBy: api`). */
	createdBy: z.enum(['automation', 'staff', 'unknown']).optional().default('unknown'),
	/** The arrangement's note, where the reference token sits. */
	note: z.string().optional().default(''),
	/** The terms now; null when the arrangement was removed (closed, deleted). */
	current: arrangementTermsSchema.nullable(),
	removedAt: optionalTime,
	lastStaffEditAt: optionalTime,
});

export const appointmentRecordSchema = z.object({
	appointmentId: id,
	patientId: id,
	locationId: optionalId,
	/** Open Dental `AptStatus` or the Dentrix contract's status. */
	status: z.string(),
	/** When the appointment was made (Open Dental `SecDateTEntry`). */
	bookedAt: time,
	startsAt: optionalTime,
	procedureIds: z.array(id).optional().default([]),
});

export type Presentation = z.output<typeof presentationSchema>;
export type Application = z.output<typeof applicationSchema>;
export type AuditNoteRecord = z.output<typeof auditNoteSchema>;
export type ArrangementRecord = z.output<typeof arrangementSchema>;
export type AppointmentRecord = z.output<typeof appointmentRecordSchema>;

/**
 * Everything read for one run. `decisions` are the decision shape of financing/decision.ts, as
 * the CareCredit Trigger emits them. Each list may be empty.
 */
export interface PracticeRecords {
	presentations?: readonly unknown[];
	applications?: readonly unknown[];
	decisions?: readonly unknown[];
	auditNotes?: readonly unknown[];
	arrangements?: readonly unknown[];
	appointments?: readonly unknown[];
}

export type PresentationInput = z.input<typeof presentationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;
export type AuditNoteInput = z.input<typeof auditNoteSchema>;
export type ArrangementInput = z.input<typeof arrangementSchema>;
export type AppointmentInput = z.input<typeof appointmentRecordSchema>;

export type RecordKind =
	| 'presentation'
	| 'application'
	| 'decision'
	| 'auditNote'
	| 'arrangement'
	| 'appointment'
	| 'case';

/** A record the numbers could not interpret: counted and listed, never guessed. */
export interface UnclassifiedRecord {
	record: RecordKind;
	/** Position in its list, or null for a case built from several records. */
	index: number | null;
	id: string | null;
	reason:
		| 'invalidRecord'
		| 'noReferenceToken'
		| 'noDecisionForToken'
		| 'noRecordedTerms'
		| 'editedBeyondRecognition'
		| 'appointmentWithoutProcedures'
		| 'unknownAppointmentStatus'
		| 'caseWithoutProcedures';
	text: string;
}
