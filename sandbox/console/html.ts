// Tiny server-side HTML helpers: everything shown is escaped, nothing needs a front-end build.
import type { SandboxResponse } from '../core/types';

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const esc = (value: unknown): string =>
	String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Integer cents as `$1,234.50`. */
export const money = (cents: number | null | undefined): string =>
	cents === null || cents === undefined
		? ''
		: `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', {
				minimumFractionDigits: 2,
				maximumFractionDigits: 2,
			})}`;

/** ISO date-time shown in UTC without the noise. */
export const when = (iso: string | null | undefined): string =>
	iso
		? iso
				.replace('T', ' ')
				.replace(/\.\d{3}Z$/, ' UTC')
				.replace(/Z$/, ' UTC')
		: '';

export function table(headers: string[], rows: string[][], empty = 'None.'): string {
	if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
	const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#0f4c5c;color:#fff;padding:14px 28px}header a{color:#cfe8ee;margin-right:16px}
h1{font-size:22px;margin:0 0 6px}main{padding:8px 28px 40px;max-width:1200px}
h2{margin:28px 0 10px;border-bottom:2px solid #d9e1e7;padding-bottom:4px}h3{margin:18px 0 6px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
th,td{border:1px solid #d9e1e7;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef2f5}
.numbers{display:flex;gap:16px;flex-wrap:wrap}.number{background:#fff;border:1px solid #d9e1e7;padding:12px 16px;min-width:250px;flex:1}
.number b{display:block;font-size:26px;color:#0f4c5c}.empty{color:#6b7785;font-style:italic}
details{background:#fff;border:1px solid #d9e1e7;margin:8px 0;padding:6px 12px}summary{cursor:pointer;font-weight:600}
form.inline{display:inline}button{cursor:pointer}.status{font-weight:600}
.msg{background:#fff;border-left:4px solid #0f4c5c;padding:8px 12px;margin:6px 0;white-space:pre-wrap}
pre{background:#fff;border:1px solid #d9e1e7;padding:10px;overflow:auto;font-size:12px}
fieldset{background:#fff;border:1px solid #d9e1e7;margin:10px 0}label{margin-right:12px}`;

export function page(title: string, body: string): SandboxResponse {
	return {
		status: 200,
		contentType: 'text/html; charset=utf-8',
		body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><h1>${esc(title)}</h1><nav><a href="/">Console</a><a href="/#numbers">Practice numbers</a><a href="/#inbox">Coordinator inbox</a><a href="/#carecredit">CareCredit sessions</a><a href="/#dentrix">Dentrix ledger</a><a href="/#opendental">Open Dental</a></nav></header>
<main>${body}</main></body></html>`,
	};
}

export const redirect = (location: string): SandboxResponse => ({
	status: 303,
	headers: { location },
	contentType: 'text/plain; charset=utf-8',
	body: `See ${location}`,
});
