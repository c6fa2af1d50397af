import { digestHtml } from './digestHtml';
import type { LocationNumbers, PeriodNumbers, PracticeNumbersReport } from './report';
import { locationName, minutesText, percentText, rangeLabel } from './words';

/**
 * The weekly digest of the practice's numbers (issue 15): per location and for the group, the
 * three numbers of the period with the week before and the four-week trend, and the cases that
 * need a look. Pure: the same report always gives the same e-mail (`html`, tables and inline
 * styles only, bars drawn with table cells, no image and no script) and the same message
 * (`text`, for a Slack-style channel). Every value is escaped; ids are shown, never names.
 */
export interface DigestOptions {
	/** Shown at the top and in the subject. */
	practiceName?: string;
	/** Display names by location id (Dentrix location id or Open Dental ClinicNum). */
	locationNames?: Record<string, string>;
	/** How many cases each "needs a look" list shows (default 5). */
	listLimit?: number;
}

export interface Digest {
	subject: string;
	html: string;
	text: string;
}

/** One column of the digest: a location, or the group. */
export interface DigestColumn {
	name: string;
	isGroup: boolean;
	now: PeriodNumbers;
	/** The week before the period's week, when the trend holds it. */
	before: PeriodNumbers | null;
	weeks: PeriodNumbers[];
}

export interface DigestModel {
	practiceName: string;
	title: string;
	periodLabel: string;
	timeZone: string;
	generatedAt: string;
	columns: DigestColumn[];
	report: PracticeNumbersReport;
	names: Record<string, string>;
	listLimit: number;
}

function columnOf(
	l: LocationNumbers,
	report: PracticeNumbersReport,
	name: string,
	isGroup: boolean,
): DigestColumn {
	// The period's own week is the last of the trend; the one before it is the comparison.
	const at = report.weeks.findIndex((w) => w.from <= report.period.to && report.period.to <= w.to);
	return {
		name,
		isGroup,
		now: l.period,
		before: at > 0 ? (l.weeks[at - 1] ?? null) : null,
		weeks: l.weeks,
	};
}

export function digestModel(
	report: PracticeNumbersReport,
	options: DigestOptions = {},
): DigestModel {
	const names = { ...(options.locationNames ?? {}) };
	const practiceName = (options.practiceName ?? '').trim() || 'Your practice';
	const columns = report.locations.map((l) =>
		columnOf(l, report, locationName(names, l.locationId), false),
	);
	// With one location the group is the same figures: shown once.
	if (columns.length !== 1) columns.push(columnOf(report.group, report, 'Group', true));
	const periodLabel = rangeLabel(report.period);
	return {
		practiceName,
		title: `Financing numbers, ${periodLabel}`,
		periodLabel,
		timeZone: report.timeZone,
		generatedAt: report.generatedAt,
		columns,
		report,
		names,
		listLimit: Math.max(1, Math.min(50, Math.floor(options.listLimit ?? 5) || 5)),
	};
}

function delta(now: number | null, before: number | null, unit: (n: number) => string): string {
	if (now === null || before === null) return '';
	const d = Math.round((now - before) * 10) / 10;
	if (d === 0) return ' (same as the week before)';
	return ` (${d > 0 ? 'up' : 'down'} ${unit(Math.abs(d))} on the week before)`;
}

function textLine(c: DigestColumn): string {
	const t = c.now.timeToArrangement;
	const a = c.now.acceptance;
	const k = c.now.corrections;
	const b = c.before;
	return [
		`*${c.name}*`,
		`time-to-arrangement ${minutesText(t.medianMinutes)} median, ${minutesText(t.p90Minutes)} at the 90th percentile over ${t.cases} case(s)${delta(t.medianMinutes, b?.timeToArrangement.medianMinutes ?? null, minutesText)}`,
		`financed case acceptance ${percentText(a.arrangedPercent)} (${a.arranged} arranged of ${a.presented} presented; ${a.booked} booked, ${a.declined} declined, ${a.pending} pending)${delta(a.arrangedPercent, b?.acceptance.arrangedPercent ?? null, (n) => `${n} points`)}`,
		`ledger corrections ${k.corrected} of ${k.automated} automated arrangement(s)${k.percent === null ? '' : ` (${k.percent}%)`}`,
	].join(' · ');
}

export function renderDigest(report: PracticeNumbersReport, options: DigestOptions = {}): Digest {
	const model = digestModel(report, options);
	const look = report.needsALook;
	const text = [
		`${model.practiceName}: ${model.title} (${model.timeZone})`,
		...model.columns.map(textLine),
		`Needs a look: ${look.slowest.length} slowest, ${look.corrected.length} corrected, ${look.approvedNotBooked.length} approved but not booked${report.unclassified.length ? `; ${report.unclassified.length} record(s) could not be read` : ''}. The e-mail has the details.`,
	].join('\n');
	return {
		subject: `${model.practiceName}: ${model.title}`,
		html: digestHtml(model),
		text,
	};
}
