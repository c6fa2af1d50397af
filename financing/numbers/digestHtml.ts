import type { DigestColumn, DigestModel } from './digest';
import type { PeriodNumbers } from './report';
import {
	bar,
	BAD,
	COLORS,
	escapeHtml,
	FONT,
	GOOD,
	INK,
	MUTED,
	small,
	table,
	TRACK,
} from './digestParts';
import { needsALook, unclassified } from './digestLists';
import { localDay, minutesText, percentText, rangeLabel, shortDate } from './words';

/**
 * The digest as e-mail HTML that mail clients render: nested tables, inline styles (with the
 * bgcolor/width attributes older clients read), bars drawn with table cells, one web-safe font
 * stack, no image, no script, no external style sheet. Everything shown is escaped.
 */
function change(
	now: number | null,
	before: number | null,
	higherIsBetter: boolean,
	unit: (n: number) => string,
): string {
	if (now === null || before === null) return '';
	const d = Math.round((now - before) * 10) / 10;
	if (d === 0) return `<div style="font-size:11px;color:${MUTED};">same as the week before</div>`;
	const better = d > 0 === higherIsBetter;
	return `<div style="font-size:11px;color:${better ? GOOD : BAD};">${d > 0 ? '&#9650;' : '&#9660;'} ${escapeHtml(unit(Math.abs(d)))} on the week before</div>`;
}

interface Row {
	label: string;
	hint: string;
	cell(c: DigestColumn): string;
}

const big = (v: string) =>
	`<div style="font-size:20px;font-weight:bold;color:${INK};">${escapeHtml(v)}</div>`;
const points = (n: number) => `${n} points`;

const ROWS: Row[] = [
	{
		label: 'Time-to-arrangement',
		hint: "median, from the patient's yes to the arrangement written",
		cell: (c) =>
			big(minutesText(c.now.timeToArrangement.medianMinutes)) +
			small(
				`90th percentile ${minutesText(c.now.timeToArrangement.p90Minutes)} · ${c.now.timeToArrangement.cases} case(s)`,
			) +
			change(
				c.now.timeToArrangement.medianMinutes,
				c.before?.timeToArrangement.medianMinutes ?? null,
				false,
				minutesText,
			),
	},
	{
		label: 'Time to booked',
		hint: 'median, to the appointment holding the financed treatment',
		cell: (c) =>
			big(minutesText(c.now.timeToBooked.medianMinutes)) +
			small(`${c.now.timeToBooked.cases} case(s) booked`),
	},
	{
		label: 'Financed case acceptance',
		hint: 'approved and arranged, of the plans presented with CareCredit',
		cell: (c) => {
			const a = c.now.acceptance;
			return (
				big(percentText(a.arrangedPercent)) +
				small(
					`${a.arranged} of ${a.presented} · ${a.booked} booked · ${a.declined} declined · ${a.pending} pending`,
				) +
				change(a.arrangedPercent, c.before?.acceptance.arrangedPercent ?? null, true, points)
			);
		},
	},
	{
		label: 'Ledger corrections',
		hint: 'automated arrangements staff later changed or removed',
		cell: (c) => {
			const k = c.now.corrections;
			return (
				big(String(k.corrected)) +
				small(`of ${k.automated} automated${k.percent === null ? '' : ` · ${k.percent}%`}`) +
				change(k.corrected, c.before?.corrections.corrected ?? null, false, String)
			);
		},
	},
];

/** The side-by-side table: the three numbers per location and for the group (the console shows it too). */
export function numbersTableHtml(m: DigestModel): string {
	const width = Math.floor(70 / m.columns.length);
	const head = m.columns
		.map(
			(c) =>
				`<th align="left" width="${width}%" style="padding:8px;font-size:13px;color:${c.isGroup ? '#ffffff' : INK};background:${c.isGroup ? '#33566f' : '#f1f4f7'};">${escapeHtml(c.name)}</th>`,
		)
		.join('');
	const rows = ROWS.map(
		(r) =>
			`<tr><td valign="top" width="30%" style="padding:10px 8px;border-top:1px solid ${TRACK};"><div style="font-size:14px;font-weight:bold;color:${INK};">${escapeHtml(r.label)}</div>${small(r.hint)}</td>${m.columns
				.map(
					(c) =>
						`<td valign="top" style="padding:10px 8px;border-top:1px solid ${TRACK};${c.isGroup ? 'background:#f7f9fb;' : ''}">${r.cell(c)}</td>`,
				)
				.join('')}</tr>`,
	).join('');
	return table(
		`<tr><th align="left" width="30%" style="padding:8px;background:#f1f4f7;"></th>${head}</tr>${rows}`,
	);
}

type Metric = {
	name: string;
	color: string;
	value(w: PeriodNumbers): number | null;
	show(w: PeriodNumbers): string;
};

const METRICS: Metric[] = [
	{
		name: 'Time-to-arrangement (median)',
		color: COLORS.time,
		value: (w) => w.timeToArrangement.medianMinutes,
		show: (w) => minutesText(w.timeToArrangement.medianMinutes),
	},
	{
		name: 'Acceptance (arranged)',
		color: COLORS.acceptance,
		value: (w) => w.acceptance.arrangedPercent,
		show: (w) => percentText(w.acceptance.arrangedPercent),
	},
	{
		name: 'Ledger corrections',
		color: COLORS.corrections,
		// A share of the automated arrangements, so weeks of different volume compare.
		value: (w) => w.corrections.percent,
		show: (w) => `${w.corrections.corrected} of ${w.corrections.automated}`,
	},
];

function trendChart(c: DigestColumn, metric: Metric): string {
	const max = metric.name.startsWith('Time')
		? Math.max(0, ...c.weeks.map((w) => metric.value(w) ?? 0))
		: 100;
	const rows = c.weeks
		.map(
			(w) =>
				`<tr><td width="22%" style="padding:3px 4px 3px 0;font-size:11px;color:${MUTED};white-space:nowrap;">${escapeHtml(shortDate(w.range.from))}</td><td style="padding:3px 0;">${bar(metric.value(w), max, metric.color)}</td><td width="26%" align="right" style="padding:3px 0 3px 6px;font-size:11px;color:${INK};white-space:nowrap;">${escapeHtml(metric.show(w))}</td></tr>`,
		)
		.join('');
	return `<div style="font-size:12px;font-weight:bold;color:${INK};padding-bottom:4px;">${escapeHtml(metric.name)}</div>${table(rows)}`;
}

/** The trend, per location and for the group: three bar charts of the weeks. */
export function trendsHtml(m: DigestModel): string {
	return m.columns
		.map(
			(c) =>
				`<div style="font-size:14px;font-weight:bold;color:${INK};padding:14px 0 6px;">${escapeHtml(c.name)}</div>${table(
					`<tr>${METRICS.map((metric) => `<td valign="top" width="33%" style="padding-right:10px;">${trendChart(c, metric)}</td>`).join('')}</tr>`,
				)}`,
		)
		.join('');
}

export function digestHtml(m: DigestModel): string {
	const note = `${rangeLabel(m.report.period)} against the week before, per location${m.columns.some((c) => c.isGroup) ? ' and for the group' : ''}. Times in ${m.timeZone}.`;
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${m.practiceName}: ${m.title}`)}</title></head>
<body style="margin:0;padding:0;background:#eef1f4;">
${table(
	`<tr><td align="center" style="padding:20px 10px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="width:680px;max-width:680px;background:#ffffff;${FONT}color:${INK};">
<tr><td bgcolor="#1f3a4d" style="background:#1f3a4d;padding:18px 24px;${FONT}"><div style="font-size:13px;color:#c9d6df;">${escapeHtml(m.practiceName)}</div><div style="font-size:22px;font-weight:bold;color:#ffffff;">${escapeHtml(m.title)}</div></td></tr>
<tr><td style="padding:16px 24px 4px;font-size:13px;color:${MUTED};${FONT}">${escapeHtml(note)}</td></tr>
<tr><td style="padding:8px 24px;${FONT}">${numbersTableHtml(m)}</td></tr>
<tr><td style="padding:16px 24px 0;${FONT}"><div style="font-size:16px;font-weight:bold;color:${INK};">Four-week trend</div>${trendsHtml(m)}</td></tr>
<tr><td style="padding:16px 24px 0;${FONT}"><div style="font-size:16px;font-weight:bold;color:${INK};">Cases that need a look</div>${needsALook(m)}${unclassified(m)}</td></tr>
<tr><td style="padding:12px 24px 20px;font-size:11px;color:${MUTED};${FONT}">Computed from the practice system and CareCredit's decisions on ${escapeHtml(localDay(m.generatedAt, m.timeZone))} by n8n. Cases are shown by reference and patient id only.</td></tr>
</table></td></tr>`,
	'background:#eef1f4;',
)}
</body></html>`;
}
