/**
 * The pieces the digest's e-mail is built from (digestHtml.ts, digestLists.ts): colors, escaping,
 * a layout table and a bar drawn with table cells, as mail clients render them.
 */
export const INK = '#1d2b36';
export const MUTED = '#5b6b78';
export const TRACK = '#e8edf1';
export const COLORS = { time: '#e09f3e', acceptance: '#2a9d8f', corrections: '#c8553d' };
export const GOOD = '#2a7f4f';
export const BAD = '#b23a2a';
export const FONT = 'font-family:Arial,Helvetica,sans-serif;';

export function escapeHtml(value: unknown): string {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

export const table = (inner: string, style = '') =>
	`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;${style}">${inner}</table>`;

/** A horizontal bar: the filled share in `color`, the rest as the track. */
export function bar(value: number | null, max: number, color: string): string {
	const share = value === null || !(max > 0) ? 0 : Math.max(0, Math.min(1, value / max));
	const filled = value !== null && value > 0 ? Math.max(2, Math.round(share * 100)) : 0;
	const cell = (width: number, bg: string) =>
		`<td width="${width}%" height="10" bgcolor="${bg}" style="width:${width}%;height:10px;background:${bg};font-size:0;line-height:0;">&nbsp;</td>`;
	const cells =
		filled >= 100
			? cell(100, color)
			: `${filled ? cell(filled, color) : ''}${cell(100 - filled, TRACK)}`;
	return table(`<tr>${cells}</tr>`);
}

/** "up 12 min" in red when worse, green when better; nothing without a week before. */
export const small = (v: string) =>
	`<div style="font-size:12px;color:${MUTED};">${escapeHtml(v)}</div>`;
export const h3 = (t: string) =>
	`<div style="font-size:14px;font-weight:bold;color:${INK};padding:10px 0 4px;">${escapeHtml(t)}</div>`;

export function listTable(headers: string[], rows: string[][], empty: string): string {
	if (!rows.length)
		return `<p style="font-size:12px;color:${MUTED};margin:4px 0 12px;">${escapeHtml(empty)}</p>`;
	const th = headers
		.map(
			(h) =>
				`<th align="left" style="padding:5px 6px;font-size:11px;color:${MUTED};border-bottom:1px solid ${TRACK};">${escapeHtml(h)}</th>`,
		)
		.join('');
	const body = rows
		.map(
			(r) =>
				`<tr>${r.map((v) => `<td valign="top" style="padding:5px 6px;font-size:12px;color:${INK};border-bottom:1px solid ${TRACK};">${escapeHtml(v)}</td>`).join('')}</tr>`,
		)
		.join('');
	return table(`<tr>${th}</tr>${body}`, 'margin-bottom:12px;');
}
