import { minutesBetween } from '../localTime';
import type { CaseOutcome, CaseState, CorrectionState } from './reader';
import type { UnclassifiedRecord } from './records';
import { durationStats, percent, type DateRange, type DurationStats } from './stats';
import type { TermChange } from './terms';

/** The report's shapes, and the lines and figures it is made of. */
export interface Acceptance {
	presented: number;
	applicationsCompleted: number;
	approved: number;
	arranged: number;
	booked: number;
	declined: number;
	pending: number;
	otherOutcome: number;
	noDecision: number;
	/** Approved and arranged, of presented. */
	arrangedPercent: number | null;
	bookedPercent: number | null;
}

export interface Corrections {
	automated: number;
	corrected: number;
	changed: number;
	removed: number;
	percent: number | null;
}

export interface PeriodNumbers {
	range: DateRange;
	timeToArrangement: DurationStats;
	timeToBooked: DurationStats;
	acceptance: Acceptance;
	corrections: Corrections;
}

export interface LocationNumbers {
	/** null: the group (every location read), or cases no record placed at a location. */
	locationId: string | null;
	period: PeriodNumbers;
	weeks: PeriodNumbers[];
}

export interface CaseLine {
	caseKey: string;
	token: string | null;
	patientId: string;
	locationId: string | null;
	treatmentPlanId: string | null;
	/** The financed plan's procedures; without them a booking cannot be matched. */
	procedureIds: string[];
	outcome: CaseOutcome | null;
	startedAt: string | null;
	decidedAt: string | null;
	arrangedAt: string | null;
	bookedAt: string | null;
	minutesToArrangement: number | null;
	minutesToBooked: number | null;
}

export interface CorrectionLine {
	arrangementId: string;
	token: string;
	patientId: string;
	locationId: string | null;
	kind: 'changed' | 'removed';
	changes: TermChange[];
	createdAt: string;
	correctedAt: string | null;
	text: string;
}

export interface PracticeNumbersReport {
	timeZone: string;
	generatedAt: string;
	period: DateRange;
	weeks: DateRange[];
	group: LocationNumbers;
	locations: LocationNumbers[];
	needsALook: { slowest: CaseLine[]; corrected: CorrectionLine[]; approvedNotBooked: CaseLine[] };
	unclassified: UnclassifiedRecord[];
	read: Record<string, number>;
}

export interface Bucket {
	toArrangement: number[];
	toBooked: number[];
	acceptance: Omit<Acceptance, 'arrangedPercent' | 'bookedPercent'>;
	corrections: Omit<Corrections, 'percent'>;
}

export const newBucket = (): Bucket => ({
	toArrangement: [],
	toBooked: [],
	acceptance: {
		presented: 0,
		applicationsCompleted: 0,
		approved: 0,
		arranged: 0,
		booked: 0,
		declined: 0,
		pending: 0,
		otherOutcome: 0,
		noDecision: 0,
	},
	corrections: { automated: 0, corrected: 0, changed: 0, removed: 0 },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function caseLine(c: CaseState): CaseLine {
	const clock = c.outcome === 'approved' ? (c.acceptedAt ?? c.decidedAt) : null;
	const since = (d: Date | null) => (clock && d ? Math.max(0, minutesBetween(clock, d)) : null);
	return {
		caseKey: c.key,
		token: c.tokens[0] ? `[cc:${c.tokens[0]}]` : null,
		patientId: c.patientId,
		locationId: c.locationId,
		treatmentPlanId: c.treatmentPlanId,
		procedureIds: c.procedureIds,
		outcome: c.outcome,
		startedAt: iso(c.acceptedAt ?? c.presentedAt ?? c.applicationStartedAt ?? c.decidedAt),
		decidedAt: iso(c.decidedAt),
		arrangedAt: iso(c.arrangedAt),
		bookedAt: iso(c.bookedAt),
		minutesToArrangement: since(c.arrangedAt),
		minutesToBooked: since(c.bookedAt),
	};
}

export function correctionLine(k: CorrectionState, kind: 'changed' | 'removed'): CorrectionLine {
	return {
		arrangementId: k.arrangementId,
		token: k.token,
		patientId: k.patientId,
		locationId: k.locationId,
		kind,
		changes: k.changes,
		createdAt: k.createdAt.toISOString(),
		correctedAt: iso(k.correctedAt),
		text:
			kind === 'removed'
				? `Arrangement ${k.arrangementId} ${k.token} was removed by staff.`
				: `Arrangement ${k.arrangementId} ${k.token} was changed by staff: ${k.changes.map((c) => c.text).join('; ')}.`,
	};
}

export function finish(bucket: Bucket | undefined, range: DateRange): PeriodNumbers {
	const b = bucket ?? newBucket();
	return {
		range,
		timeToArrangement: durationStats(b.toArrangement),
		timeToBooked: durationStats(b.toBooked),
		acceptance: {
			...b.acceptance,
			arrangedPercent: percent(b.acceptance.arranged, b.acceptance.presented),
			bookedPercent: percent(b.acceptance.booked, b.acceptance.presented),
		},
		corrections: {
			...b.corrections,
			percent: percent(b.corrections.corrected, b.corrections.automated),
		},
	};
}
