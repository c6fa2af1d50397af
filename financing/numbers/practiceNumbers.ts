import { z } from 'zod';

import { isValidTimeZone, parseLocalDate, type LocalDate } from '../dates';
import { localClockIn } from '../localTime';
import { parseWith } from '../parse';
import { ok, type Result } from '../result';
import { buildCases } from './cases';
import type { PracticeRecords } from './records';
import {
	caseLine,
	correctionLine,
	finish,
	newBucket,
	type Bucket,
	type CaseLine,
	type CorrectionLine,
	type LocationNumbers,
	type PracticeNumbersReport,
} from './report';
import { inRange, lastWeek, weekIndex, weeksEndingWith, type DateRange } from './stats';

/**
 * The practice's three numbers (issue 15), per location and for the group, for a
 * period (default: last week, Monday to Sunday in the practice's zone) and each of the weeks of
 * the trend (default four, the last one holding the period's end):
 * - time-to-arrangement: from the patient's yes (or, unknown, the approval) to the first write
 *   carrying the case's reference token (audit note or arrangement), and to the first booked
 *   appointment holding a financed procedure; median and 90th percentile in minutes;
 * - financed case acceptance: cases presented, applications completed, approved, arranged,
 *   booked; declined, pending and other outcomes apart;
 * - ledger corrections: automated arrangements staff later changed or removed, each compared
 *   with what its audit note records.
 * A case counts in the week of its start (the yes, else the presentation, application or
 * decision); a correction in the week its arrangement was written.
 */
const localDate = z
	.string()
	.refine((v) => parseLocalDate(v).ok, { message: 'must be a date yyyy-MM-dd' });

export const practiceNumbersOptionsSchema = z.object({
	timeZone: z
		.string()
		.refine(isValidTimeZone, { message: 'must be an IANA time zone such as America/New_York' }),
	period: z
		.object({ from: localDate, to: localDate })
		.refine((p) => p.from <= p.to, {
			message: 'the period must start before it ends',
			path: ['to'],
		})
		.optional(),
	/** Only these locations (and the group made of them); all when absent. */
	locationIds: z.array(z.union([z.string().min(1), z.number().int()]).transform(String)).optional(),
	trendWeeks: z.number().int().min(1).max(26).default(4),
	/** How many cases each "needs a look" list holds at most. */
	listLimit: z.number().int().min(1).max(500).default(10),
});

export type PracticeNumbersOptions = z.input<typeof practiceNumbersOptionsSchema>;

const GROUP = '\u0000group';
const NONE = '\u0000none';
const locKey = (locationId: string | null) => locationId ?? NONE;

export function practiceNumbers(
	records: PracticeRecords,
	options: PracticeNumbersOptions,
	now: Date,
): Result<PracticeNumbersReport> {
	const parsed = parseWith(practiceNumbersOptionsSchema, options, 'options');
	if (!parsed.ok) return parsed;
	const o = parsed.value;
	const local = (d: Date) => localClockIn(o.timeZone, d).date;
	const period = o.period ?? lastWeek(local(now));
	const weeks = weeksEndingWith(period.to, o.trendWeeks);
	const wanted = o.locationIds ? new Set(o.locationIds) : null;
	const built = buildCases(records, o.timeZone);

	// Buckets: (location or group) × (period or week i); each record touches at most four.
	const buckets = new Map<string, Bucket>();
	const locations = new Set<string>(wanted ?? []);
	const slots = (date: LocalDate) => {
		const week = weekIndex(weeks, date);
		return [...(inRange(period, date) ? ['p'] : []), ...(week >= 0 ? [`w${week}`] : [])];
	};
	const each = (locationId: string | null, date: LocalDate, fn: (b: Bucket) => void) => {
		const inWindow = slots(date);
		if (inWindow.length) locations.add(locKey(locationId));
		for (const slot of inWindow) {
			for (const loc of [locKey(locationId), GROUP]) {
				const key = `${loc}|${slot}`;
				let b = buckets.get(key);
				if (!b) buckets.set(key, (b = newBucket()));
				fn(b);
			}
		}
	};

	const window: DateRange = {
		from: weeks[0]!.from < period.from ? weeks[0]!.from : period.from,
		to: period.to > weeks[weeks.length - 1]!.to ? period.to : weeks[weeks.length - 1]!.to,
	};
	const unclassified = [...built.unclassified];
	const lines: CaseLine[] = [];
	for (const c of built.cases.values()) {
		if (wanted && !wanted.has(c.locationId ?? '')) continue;
		const line = caseLine(c);
		const start = c.acceptedAt ?? c.presentedAt ?? c.applicationStartedAt ?? c.decidedAt;
		if (!start) continue;
		lines.push(line);
		// Only a case of the weeks reported: an older one read for its token alone needs none.
		if (c.outcome === 'approved' && !c.procedureIds.length && inRange(window, local(start))) {
			unclassified.push({
				record: 'case',
				index: null,
				id: c.tokens[0] ?? c.treatmentPlanId,
				reason: 'caseWithoutProcedures',
				text: 'approved, but no procedures are recorded for its plan, so no appointment can be matched to it',
			});
		}
		each(c.locationId, local(start), (b) => {
			const a = b.acceptance;
			a.presented++;
			if (c.applicationCompleted) a.applicationsCompleted++;
			if (c.outcome === 'approved') {
				a.approved++;
				if (c.arrangedAt) a.arranged++;
				if (c.bookedAt) a.booked++;
			} else if (c.outcome === 'declined') a.declined++;
			else if (c.outcome === 'pending') a.pending++;
			else if (c.outcome === 'other') a.otherOutcome++;
			else a.noDecision++;
			if (line.minutesToArrangement !== null) b.toArrangement.push(line.minutesToArrangement);
			if (line.minutesToBooked !== null) b.toBooked.push(line.minutesToBooked);
		});
	}
	const correctionLines: CorrectionLine[] = [];
	for (const k of built.arrangements) {
		if (wanted && !wanted.has(k.locationId ?? '')) continue;
		const date = local(k.createdAt);
		each(k.locationId, date, (b) => {
			b.corrections.automated++;
			if (k.kind) b.corrections.corrected++;
			if (k.kind === 'changed') b.corrections.changed++;
			if (k.kind === 'removed') b.corrections.removed++;
		});
		if (k.kind && inRange(period, date)) correctionLines.push(correctionLine(k, k.kind));
	}

	const numbersFor = (loc: string): LocationNumbers => ({
		locationId: loc === GROUP || loc === NONE ? null : loc,
		period: finish(buckets.get(`${loc}|p`), period),
		weeks: weeks.map((w, i) => finish(buckets.get(`${loc}|w${i}`), w)),
	});
	const started = (l: CaseLine) =>
		l.startedAt !== null && inRange(window, local(new Date(l.startedAt)));
	const inPeriod = (l: CaseLine) =>
		l.startedAt !== null && inRange(period, local(new Date(l.startedAt)));
	return ok({
		timeZone: o.timeZone,
		generatedAt: now.toISOString(),
		period,
		weeks,
		group: numbersFor(GROUP),
		locations: [...locations]
			.sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)))
			.map(numbersFor),
		needsALook: {
			slowest: lines
				.filter((l) => inPeriod(l) && l.minutesToArrangement !== null)
				.sort(
					(a, b) =>
						b.minutesToArrangement! - a.minutesToArrangement! || a.caseKey.localeCompare(b.caseKey),
				)
				.slice(0, o.listLimit),
			corrected: correctionLines
				.sort(
					(a, b) =>
						a.createdAt.localeCompare(b.createdAt) ||
						a.arrangementId.localeCompare(b.arrangementId),
				)
				.slice(0, o.listLimit),
			approvedNotBooked: lines
				.filter(
					(l) => l.outcome === 'approved' && !l.bookedAt && l.procedureIds.length > 0 && started(l),
				)
				.sort(
					(a, b) =>
						(a.decidedAt ?? '').localeCompare(b.decidedAt ?? '') ||
						a.caseKey.localeCompare(b.caseKey),
				)
				.slice(0, o.listLimit),
		},
		unclassified,
		read: built.read,
	});
}
