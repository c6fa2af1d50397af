import { z } from 'zod';

import { isLocalDate, type LocalDate } from '../dates';
import { weekdayOf } from '../localTime';
import { parseWith } from '../parse';
import { ok, type Result } from '../result';
import { verificationWorkList, type VerificationFinding } from './verification';

/**
 * What a morning's insurance check leaves behind, and the front desk's work list. Each checked
 * patient gets one note a day carrying the key `[iv:<patient>:<date>]`: a re-run the same day
 * finds it and writes and sends nothing again; the next day's key is new, so an appointment that
 * still needs a look is listed again.
 */
export const verificationKey = (patientId: string | number, date: LocalDate) =>
	`[iv:${String(patientId)}:${date}]`;

export function hasVerificationKey(text: unknown, key: string): boolean {
	return typeof text === 'string' && text.includes(key);
}

/**
 * What a practice's own eligibility check (a clearinghouse's X12 270/271, plugged in before the
 * record step) may add to a checked appointment: `eligible: false` makes it need a look.
 */
export const clearinghouseSchema = z
	.object({
		checked: z.boolean().optional().default(true),
		eligible: z.boolean().nullable().optional(),
		note: z.string().max(500).optional().default(''),
	})
	.nullable()
	.optional();

const finding = z.object({
	code: z.string(),
	ordinal: z.number().nullable().optional(),
	carrierName: z.string().nullable().optional(),
	check: z.string(),
});

export const checkedAppointmentSchema = z.object({
	patientId: z.union([z.string().min(1), z.number()]).transform(String),
	appointmentId: z
		.union([z.string().min(1), z.number()])
		.transform(String)
		.nullable(),
	visitDate: z.string().refine(isLocalDate, 'must be a date in the form yyyy-MM-dd'),
	visitTime: z.string().nullable().optional().default(null),
	status: z.enum(['ready', 'needsALook', 'problem']),
	findings: z.array(finding).default([]),
	problems: z
		.array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
		.default([]),
	plans: z
		.array(
			z.object({
				patPlanId: z.string(),
				planId: z.string().nullable().optional(),
				ordinal: z.number(),
				carrierName: z.string().nullable().optional(),
				enrollmentVerifiedOn: z.string().nullable().optional(),
			}),
		)
		.default([]),
	record: z.object({
		key: z.string().regex(/^\[iv:[^\]]+\]$/, 'must be an [iv:...] key'),
		date: z.string().refine(isLocalDate, 'must be a date in the form yyyy-MM-dd'),
		recordedToday: z.boolean(),
	}),
	clearinghouse: clearinghouseSchema,
});

export type CheckedAppointment = z.output<typeof checkedAppointmentSchema>;

/** The item of a check, with a clearinghouse's answer applied. Every problem names its field. */
export function parseCheckedAppointment(input: unknown): Result<CheckedAppointment> {
	const parsed = parseWith(checkedAppointmentSchema, input, 'check');
	if (!parsed.ok) return parsed;
	const item = parsed.value;
	const house = item.clearinghouse;
	if (!house?.checked || item.status === 'problem') return ok(item);
	if (house.eligible === false) {
		const check = `The clearinghouse answered not eligible${house.note ? ` (${house.note})` : ''}: confirm the coverage with the carrier.`;
		return ok({
			...item,
			status: 'needsALook',
			findings: [
				...item.findings,
				{ code: 'clearinghouseNotEligible', ordinal: null, carrierName: null, check },
			],
		});
	}
	if (house.eligible === true) {
		// The clearinghouse just confirmed eligibility: what only a fresh eligibility check answers is answered.
		const findings = item.findings.filter((f) => !ANSWERED_BY_ELIGIBILITY.has(f.code));
		return ok({ ...item, findings, status: findings.length ? 'needsALook' : 'ready' });
	}
	return ok(item);
}

const ANSWERED_BY_ELIGIBILITY = new Set([
	'coveragePending',
	'enrollmentNeverVerified',
	'enrollmentVerificationStale',
]);

const ORDINAL = ['Primary', 'Secondary', 'Third', 'Fourth'];

/** The commlog a check leaves: the result in one paragraph, then the key. */
export function verificationNote(item: CheckedAppointment): string {
	const visit = `the visit on ${item.visitDate}${item.visitTime ? ` at ${item.visitTime}` : ''}${item.appointmentId ? ` (appointment ${item.appointmentId})` : ''}`;
	const plans = item.plans
		.map(
			(p) => `${ORDINAL[p.ordinal - 1] ?? `Plan ${p.ordinal}`}: ${p.carrierName ?? 'no carrier'}`,
		)
		.join('; ');
	const house = item.clearinghouse?.checked
		? ` Clearinghouse: ${item.clearinghouse.eligible === false ? 'not eligible' : item.clearinghouse.eligible ? 'eligible' : 'no answer'}.`
		: '';
	const body =
		item.status === 'ready'
			? `ready: coverage active, verification current, benefits left above the practice's threshold, deductible met.${plans ? ` ${plans}.` : ''}`
			: item.status === 'needsALook'
				? `needs a look: ${item.findings.map((f) => f.check).join(' ')}`
				: `could not be checked: ${item.problems.map((p) => p.message).join(' ')}`;
	return `Insurance checked on ${item.record.date} before ${visit}: ${body}${house} Written by automation. ${item.record.key}`;
}

export interface WorkList {
	date: LocalDate;
	appointmentCount: number;
	lineCount: number;
	days: Array<{ visitDate: LocalDate; weekday: string; lines: string[] }>;
	text: string;
}

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * The front desk's one message: the appointments that need a look, grouped by visit day, one line
 * per thing to check, naming the patient by PatNum and the appointment by time and number (no
 * names or birth dates in a chat channel). Empty when nothing needs a look.
 */
export function workList(items: readonly CheckedAppointment[], today: LocalDate): WorkList {
	const open = items.filter((i) => i.status !== 'ready');
	const time = new Map(open.map((i) => [`${i.patientId}|${i.appointmentId ?? ''}`, i.visitTime]));
	const grouped = verificationWorkList(
		open.map((i) => ({
			patientId: i.patientId,
			appointmentId: i.appointmentId,
			visitDate: i.visitDate,
			ready: false,
			// Only each finding's `check` is read: a data problem travels as one more line to check.
			findings: (i.status === 'problem'
				? i.problems.map((p) => ({ check: `Fix in Open Dental first: ${p.message}` }))
				: i.findings) as VerificationFinding[],
		})),
	);
	const days = grouped.map((d) => ({
		visitDate: d.visitDate,
		weekday: capital(weekdayOf(d.visitDate)),
		lines: d.lines.map((l) => {
			const at = time.get(`${l.patientId}|${l.appointmentId ?? ''}`);
			return `${at ? `${at} ` : ''}PatNum ${l.patientId}${l.appointmentId ? ` (appointment ${l.appointmentId})` : ''}: ${l.check}`;
		}),
	}));
	const lineCount = days.reduce((n, d) => n + d.lines.length, 0);
	const text = lineCount
		? [
				`Insurance to check before the visits (${open.length} appointment${open.length === 1 ? '' : 's'}, list of ${today}):`,
				...days.flatMap((d) => [`${d.weekday} ${d.visitDate}`, ...d.lines.map((l) => `- ${l}`)]),
			].join('\n')
		: '';
	return { date: today, appointmentCount: open.length, lineCount, days, text };
}
