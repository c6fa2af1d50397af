import { z } from 'zod';

import { formatMoney, type Cents } from '../money';
import { both, parseWith } from '../parse';
import { ok, type Result } from '../result';
import { amountCents, pmsId } from './fields';

/**
 * A patient portion that changes after the CareCredit application went out (insurance was
 * re-verified, a plan was saved again) is flagged for a person, never re-financed silently:
 * the comparison says what changed, procedure by procedure where both sides list them, and
 * whether the approved amount still covers the new portion.
 */
const snapshotSchema = z.object({
	patientPortionCents: amountCents,
	procedures: z
		.array(z.object({ procedureId: pmsId, patientPortionCents: amountCents }))
		.optional(),
});

export type PortionSnapshot = z.input<typeof snapshotSchema>;

export interface ProcedurePortionChange {
	procedureId: string;
	change: 'added' | 'removed' | 'changed';
	previousCents: Cents | null;
	currentCents: Cents | null;
}

export interface PortionChange {
	changed: boolean;
	previousCents: Cents;
	currentCents: Cents;
	/** current − previous: positive when the patient now owes more. */
	differenceCents: Cents;
	procedures: ProcedurePortionChange[];
	/** With an approved amount: whether it still covers the current portion; otherwise null. */
	approvedAmountCovers: boolean | null;
	/** `review`: a person decides; nothing is re-financed or re-written by itself. */
	action: 'none' | 'review';
	message: string;
}

/**
 * Compares the portion sent with the application (`sent`) with the portion now (`current`).
 * Snapshots are `{patientPortionCents, procedures?: [{procedureId, patientPortionCents}]}`;
 * a PortionEstimate's totals and procedures fit (`portionSnapshotOf`).
 */
export function comparePortions(
	sent: unknown,
	current: unknown,
	approvedAmountCents: Cents | null = null,
): Result<PortionChange> {
	const parsed = both(
		parseWith(snapshotSchema, sent, 'sent'),
		parseWith(snapshotSchema, current, 'current'),
	);
	if (!parsed.ok) return parsed;
	const [previous, now] = parsed.value;
	const procedures: ProcedurePortionChange[] = [];
	if (previous.procedures && now.procedures) {
		const was = new Map(previous.procedures.map((p) => [p.procedureId, p.patientPortionCents]));
		for (const p of now.procedures) {
			const old = was.get(p.procedureId);
			if (old === undefined) {
				procedures.push({
					procedureId: p.procedureId,
					change: 'added',
					previousCents: null,
					currentCents: p.patientPortionCents,
				});
			} else if (old !== p.patientPortionCents) {
				procedures.push({
					procedureId: p.procedureId,
					change: 'changed',
					previousCents: old,
					currentCents: p.patientPortionCents,
				});
			}
			was.delete(p.procedureId);
		}
		for (const [procedureId, old] of was) {
			procedures.push({ procedureId, change: 'removed', previousCents: old, currentCents: null });
		}
	}
	const difference = now.patientPortionCents - previous.patientPortionCents;
	const changed = difference !== 0 || procedures.length > 0;
	const covers =
		approvedAmountCents === null ? null : approvedAmountCents >= now.patientPortionCents;
	return ok({
		changed,
		previousCents: previous.patientPortionCents,
		currentCents: now.patientPortionCents,
		differenceCents: difference,
		procedures,
		approvedAmountCovers: covers,
		action: changed ? 'review' : 'none',
		message: changeMessage(
			changed,
			previous.patientPortionCents,
			now.patientPortionCents,
			procedures,
			covers,
		),
	});
}

function changeMessage(
	changed: boolean,
	previous: Cents,
	current: Cents,
	procedures: ProcedurePortionChange[],
	covers: boolean | null,
): string {
	if (!changed) return `The patient portion is unchanged at ${formatMoney(current)}.`;
	const detail = procedures
		.map((p) =>
			p.change === 'added'
				? `procedure ${p.procedureId} added (${formatMoney(p.currentCents!)})`
				: p.change === 'removed'
					? `procedure ${p.procedureId} removed (was ${formatMoney(p.previousCents!)})`
					: `procedure ${p.procedureId} ${formatMoney(p.previousCents!)} → ${formatMoney(p.currentCents!)}`,
		)
		.join('; ');
	const approval =
		covers === null
			? ''
			: covers
				? ' The approved amount still covers it.'
				: ' The approved amount no longer covers it.';
	return `The patient portion changed after the application was sent: ${formatMoney(previous)} → ${formatMoney(current)}${detail ? ` (${detail})` : ''}.${approval} Nothing was re-financed; please review with the patient.`;
}

/** The snapshot of an estimate, to keep with the application and compare later. */
export function portionSnapshotOf(estimate: {
	totals: { patientPortionCents: Cents };
	procedures: Array<{ procedureId: string; patientPortionCents: Cents }>;
}): {
	patientPortionCents: Cents;
	procedures: Array<{ procedureId: string; patientPortionCents: Cents }>;
} {
	return {
		patientPortionCents: estimate.totals.patientPortionCents,
		procedures: estimate.procedures.map((p) => ({
			procedureId: p.procedureId,
			patientPortionCents: p.patientPortionCents,
		})),
	};
}
