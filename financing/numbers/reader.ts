import type { z } from 'zod';

import { parseInstantIn } from '../localTime';
import type { RecordKind, UnclassifiedRecord } from './records';
import type { TermChange } from './terms';

/**
 * The state the numbers build while reading records once: one case per treatment plan (or per
 * application when no plan is named), found by map from token or plan, never by scanning, and
 * the list of records that could not be interpreted.
 */
export type CaseOutcome = 'approved' | 'declined' | 'pending' | 'other';

export interface CaseState {
	key: string;
	patientId: string;
	locationId: string | null;
	treatmentPlanId: string | null;
	/** Every application token read for the case; the approved one first. */
	tokens: string[];
	presentedAt: Date | null;
	acceptedAt: Date | null;
	applicationStartedAt: Date | null;
	applicationCompleted: boolean;
	procedureIds: string[];
	outcome: CaseOutcome | null;
	/** The first approval's time when approved, else the latest decision's. */
	decidedAt: Date | null;
	arrangedAt: Date | null;
	bookedAt: Date | null;
	bookedAppointmentId: string | null;
}

export interface CorrectionState {
	arrangementId: string;
	token: string;
	caseKey: string;
	patientId: string;
	locationId: string | null;
	createdAt: Date;
	/** null: automated and unchanged. */
	kind: 'changed' | 'removed' | null;
	changes: TermChange[];
	correctedAt: Date | null;
}

export const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : b < a ? b : a);

export class RecordReader {
	readonly cases = new Map<string, CaseState>();
	readonly caseByToken = new Map<string, string>();
	readonly unclassified: UnclassifiedRecord[] = [];

	constructor(readonly timeZone: string) {}

	skip(
		record: RecordKind,
		index: number | null,
		id: string | null,
		reason: UnclassifiedRecord['reason'],
		text: string,
	): void {
		this.unclassified.push({ record, index, id, reason, text });
	}

	/** A time of a record; null when absent; undefined (and the record listed) when unreadable. */
	at(
		value: string | null,
		kind: RecordKind,
		index: number,
		field: string,
	): Date | null | undefined {
		if (value === null) return null;
		const parsed = parseInstantIn(value, this.timeZone, field);
		if (parsed.ok) return parsed.value;
		this.skip(kind, index, null, 'invalidRecord', parsed.problems[0]!.message);
		return undefined;
	}

	caseFor(key: string, patientId: string): CaseState {
		let c = this.cases.get(key);
		if (!c) {
			c = {
				key,
				patientId,
				locationId: null,
				treatmentPlanId: null,
				tokens: [],
				presentedAt: null,
				acceptedAt: null,
				applicationStartedAt: null,
				applicationCompleted: false,
				procedureIds: [],
				outcome: null,
				decidedAt: null,
				arrangedAt: null,
				bookedAt: null,
				bookedAppointmentId: null,
			};
			this.cases.set(key, c);
		}
		return c;
	}

	/** Validates each row; a row that fails is listed as unclassified. Returns how many were read. */
	each<S extends z.ZodTypeAny>(
		list: readonly unknown[] | undefined,
		schema: S,
		kind: RecordKind,
		use: (row: z.output<S>, i: number) => void,
	): number {
		(list ?? []).forEach((raw, i) => {
			const parsed = schema.safeParse(raw);
			if (parsed.success) use(parsed.data, i);
			else {
				const issue = parsed.error.issues[0];
				this.skip(
					kind,
					i,
					null,
					'invalidRecord',
					`${issue?.path.join('.') || kind}: ${issue?.message ?? 'is not readable'}`,
				);
			}
		});
		return list?.length ?? 0;
	}
}

export const planKey = (patientId: string, planId: string) => `tp:${patientId}:${planId}`;
