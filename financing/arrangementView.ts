import { z } from 'zod/v3';

import { isLocalDate, isValidTimeZone } from './dates';
import { hasReferenceToken } from './decision';
import { screenPatientData } from './patientData';
import { fail, ok, problem, zodProblems, type Problem, type Result } from './result';

/**
 * The parts of a built arrangement (Payment Arrangement: Build's output, arrangement.ts) that the
 * per-system mappers read, checked for shape first so a malformed item gets problems, never a
 * crash. Items travel through n8n as JSON, so nothing here trusts the TypeScript type.
 */
const record = z.record(z.unknown());

const viewSchema = z.object({
	referenceToken: z
		.string()
		.regex(/^\[cc:[A-Za-z0-9][A-Za-z0-9._-]{0,63}\]$/, 'must look like [cc:APP-123456]'),
	builtAt: z.string().refine((s) => Number.isFinite(Date.parse(s)), {
		message: 'must be an ISO 8601 date and time',
	}),
	timeZone: z
		.string()
		.refine(isValidTimeZone, { message: 'must be an IANA time zone such as America/New_York' }),
	agreementDate: z
		.string()
		.refine(isLocalDate, { message: 'must be a real date written yyyy-MM-dd' }),
	auditNote: z.string().min(1),
	coordinatorMessage: z.string().optional(),
	decision: z.object({
		status: z.literal('approved', {
			errorMap: () => ({ message: 'only an approved decision is written' }),
		}),
	}),
	treatmentPlan: z.object({
		patientId: z.string(),
		guarantorId: z.string(),
		procedures: z.array(record),
	}),
	careCreditPayment: record.nullable(),
	shortfallPlan: record.nullable(),
	dentrixPaymentAgreement: record.nullable().optional(),
});
export type ArrangementView = z.output<typeof viewSchema>;

/** Reads the arrangement's common parts; a malformed item gets problems, never a crash. */
export function readArrangement(writes: unknown): Result<ArrangementView> {
	const parsed = viewSchema.safeParse(writes);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, 'writes'));
}

/** The audit note's own rules (and the coordinator message's screen), for every system. */
export function auditNoteProblems(
	w: ArrangementView,
	ledgerNoteMax: number,
	today: string,
): Problem[] {
	const problems: Problem[] = [];
	if (w.auditNote.length > ledgerNoteMax)
		problems.push(
			problem(
				'auditNote',
				'noteTooLong',
				`is ${w.auditNote.length} characters; at most ${ledgerNoteMax} fit`,
			),
		);
	if (!hasReferenceToken(w.auditNote, w.referenceToken))
		problems.push(
			problem(
				'auditNote',
				'referenceTokenMissing',
				`must carry the reference ${w.referenceToken} so the case is never written twice`,
			),
		);
	problems.push(...screenPatientData(w.auditNote, 'auditNote', today));
	if (w.coordinatorMessage !== undefined)
		problems.push(...screenPatientData(w.coordinatorMessage, 'coordinatorMessage', today));
	return problems;
}

/** A field of a record read loosely: the contract's strict check judges the value. */
export function field(source: Record<string, unknown> | null | undefined, key: string): unknown {
	return source ? source[key] : undefined;
}
