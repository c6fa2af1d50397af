import { z } from 'zod';

import { addDays, daysBetween, isValidTimeZone, todayIn, type LocalDate } from '../dates';
import { findReferenceToken } from '../decision';
import { parseInstantIn } from '../localTime';
import { formatMoney, type Cents } from '../money';
import { localDate } from '../insurance/fields';
import { both, parseWith } from '../parse';
import { fail, ok, problem, type Problem, type Result } from '../result';
import { appointmentStatusOf, isBooked } from './appointments';
import { coordinatorTaskKey, findTouchKeys } from './keys';

const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const timeZone = z.string().refine(isValidTimeZone, {
	message: 'must be an IANA time zone such as America/New_York',
});

/**
 * "Financed but not booked" (issue 14, template 3): CareCredit approved the case N days ago and
 * no appointment holds any of its procedures. The coordinator gets a task first; after M days
 * the patient gets messages (through planTouch, purpose `financedNotBooked`); the moment an
 * appointment with a financed procedure exists, it stops.
 */
export const financedNotBookedRulesSchema = z
	.object({
		timeZone,
		coordinatorTaskAfterDays: z.number().int().min(0).max(90).default(3),
		patientMessageAfterDays: z.number().int().min(0).max(180).default(7),
	})
	.refine((r) => r.patientMessageAfterDays >= r.coordinatorTaskAfterDays, {
		message:
			'the patient is messaged only after the coordinator task; use at least coordinatorTaskAfterDays',
		path: ['patientMessageAfterDays'],
	});

export const financedCaseSchema = z.object({
	/** The reference token (`[cc:APP-123]`) or its id. */
	caseId: z.string().trim().min(1),
	patientId: id,
	/** When CareCredit approved (the decision's `decidedAt`). */
	approvedAt: z.string(),
	/** The financed treatment plan's procedures. */
	procedureIds: z
		.array(id)
		.min(1, 'the financed plan lists no procedures; an appointment cannot be matched to it'),
	appointments: z
		.array(
			z.object({ appointmentId: id, status: z.string(), procedureIds: z.array(id).default([]) }),
		)
		.default([]),
	/** The patient's commlogs or notes, where the coordinator task's key shows it was made. */
	notes: z.array(z.object({ text: z.string() })).default([]),
});

export type FinancedCaseInput = z.input<typeof financedCaseSchema>;

export type FinancedNotBookedStep =
	| { action: 'stop'; reason: 'booked'; appointmentIds: string[]; text: string }
	| { action: 'wait'; until: LocalDate; daysSinceApproval: number; text: string }
	| { action: 'coordinatorTask'; taskKey: string; daysSinceApproval: number; text: string }
	| { action: 'patientOutreach'; subjectId: string; daysSinceApproval: number; text: string }
	| {
			action: 'review';
			reason: 'appointmentWithoutProcedures';
			appointmentIds: string[];
			text: string;
	  };

export function financedNotBooked(
	input: unknown,
	rulesInput: unknown,
	now: Date,
): Result<FinancedNotBookedStep> {
	const parsed = both(
		parseWith(financedNotBookedRulesSchema, rulesInput, 'rules'),
		parseWith(financedCaseSchema, input, 'case'),
	);
	if (!parsed.ok) return parsed;
	const [r, c] = parsed.value;
	const caseId = findReferenceToken(c.caseId)?.id ?? c.caseId;
	const problems: Problem[] = [];
	const approved = parseInstantIn(c.approvedAt, r.timeZone, 'case.approvedAt');
	if (!approved.ok) problems.push(...approved.problems);
	const financed = new Set(c.procedureIds);
	const booked: string[] = [];
	const unclear: string[] = [];
	c.appointments.forEach((a, i) => {
		const status = appointmentStatusOf(a.status);
		if (!status) {
			problems.push(
				problem(
					`case.appointments.${i}.status`,
					'unknownAppointmentStatus',
					`"${a.status}" is not an appointment status this package knows`,
				),
			);
			return;
		}
		if (!isBooked(status)) return;
		if (a.procedureIds.length === 0) unclear.push(a.appointmentId);
		else if (a.procedureIds.some((p) => financed.has(p))) booked.push(a.appointmentId);
	});
	const taskKey = coordinatorTaskKey(c.patientId, caseId);
	if (!taskKey.ok)
		problems.push(...taskKey.problems.map((p) => ({ ...p, field: `case.${p.field}` })));
	if (problems.length || !approved.ok || !taskKey.ok) return fail(...problems);

	if (booked.length) {
		return ok({
			action: 'stop',
			reason: 'booked',
			appointmentIds: booked,
			text: `Booked (appointment ${booked.join(', ')}); follow-up ends.`,
		});
	}
	if (unclear.length) {
		return ok({
			action: 'review',
			reason: 'appointmentWithoutProcedures',
			appointmentIds: unclear,
			text: `Appointment ${unclear.join(', ')} has no procedures attached, so it cannot be told whether it is for the financed treatment; please check. No message goes to the patient meanwhile.`,
		});
	}
	const approvedOn = todayIn(r.timeZone, approved.value);
	const days = daysBetween(approvedOn, todayIn(r.timeZone, now));
	const taskMade = c.notes.some((n) => findTouchKeys(n.text).some((k) => k.key === taskKey.value));
	if (days < r.coordinatorTaskAfterDays) {
		return ok({
			action: 'wait',
			until: addDays(approvedOn, r.coordinatorTaskAfterDays),
			daysSinceApproval: days,
			text: 'Approved recently; the coordinator has time to book.',
		});
	}
	if (!taskMade) {
		return ok({
			action: 'coordinatorTask',
			taskKey: taskKey.value,
			daysSinceApproval: days,
			text: `CareCredit approved this case ${days} days ago and no appointment holds its procedures: please call the patient to book.`,
		});
	}
	if (days < r.patientMessageAfterDays) {
		return ok({
			action: 'wait',
			until: addDays(approvedOn, r.patientMessageAfterDays),
			daysSinceApproval: days,
			text: 'The coordinator task is open; the patient is messaged later if still not booked.',
		});
	}
	return ok({
		action: 'patientOutreach',
		subjectId: caseId,
		daysSinceApproval: days,
		text: 'Still not booked: message the patient (planTouch, purpose financedNotBooked).',
	});
}

/**
 * Reactivation (issue 14, template 2): planned and unscheduled treatment and broken
 * appointments older than N days, one line per patient, largest value first (ties: the oldest
 * item first, then the patient id, so the list is the same on every run). A bad item is a
 * problem naming its field and the rest of the list goes on.
 */
const reactivationItemSchema = z.object({
	patientId: id,
	itemId: id,
	/** "planned", "unscheduled" or "broken" (Open Dental's Planned, UnschedList, Broken too). */
	kind: z.string().transform((v, ctx) => {
		const status = appointmentStatusOf(v);
		if (status === 'planned' || status === 'unscheduled' || status === 'broken') return status;
		ctx.addIssue({
			code: 'custom',
			message: `"${v}" is not planned, unscheduled or broken`,
			params: { code: 'unknownKind' },
		});
		return z.NEVER;
	}),
	valueCents: z.number().int('must be a whole number of cents').min(0, 'cannot be negative'),
	/** The date the treatment was planned or the appointment broken. */
	since: localDate,
});

export type ReactivationItemInput = z.input<typeof reactivationItemSchema>;
export type ReactivationItem = z.output<typeof reactivationItemSchema>;

export interface ReactivationEntry {
	patientId: string;
	valueCents: Cents;
	oldestSince: LocalDate;
	items: ReactivationItem[];
	text: string;
}

export function orderReactivation(
	items: readonly unknown[],
	options: { timeZone: string; olderThanDays: number },
	now: Date,
): { entries: ReactivationEntry[]; problems: Problem[]; tooRecent: number } {
	const problems: Problem[] = [];
	if (!isValidTimeZone(options.timeZone)) {
		return {
			entries: [],
			problems: [
				problem(
					'options.timeZone',
					'invalidTimeZone',
					'must be an IANA time zone such as America/New_York',
				),
			],
			tooRecent: 0,
		};
	}
	const cutoff = addDays(todayIn(options.timeZone, now), -options.olderThanDays);
	const byPatient = new Map<string, ReactivationEntry>();
	let tooRecent = 0;
	items.forEach((raw, i) => {
		const parsed = parseWith(reactivationItemSchema, raw, `items.${i}`);
		if (!parsed.ok) return void problems.push(...parsed.problems);
		const item = parsed.value;
		if (item.since > cutoff) return void tooRecent++;
		const entry = byPatient.get(item.patientId) ?? {
			patientId: item.patientId,
			valueCents: 0,
			oldestSince: item.since,
			items: [],
			text: '',
		};
		entry.valueCents += item.valueCents;
		if (item.since < entry.oldestSince) entry.oldestSince = item.since;
		entry.items.push(item);
		byPatient.set(item.patientId, entry);
	});
	const entries = [...byPatient.values()].sort(
		(a, b) =>
			b.valueCents - a.valueCents ||
			a.oldestSince.localeCompare(b.oldestSince) ||
			a.patientId.localeCompare(b.patientId),
	);
	for (const e of entries) {
		e.text = `Patient ${e.patientId}: ${formatMoney(e.valueCents)} (${e.items.map((i) => i.kind).join(', ')}) since ${e.oldestSince}`;
	}
	return { entries, problems, tooRecent };
}
