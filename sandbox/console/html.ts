// Tiny server-side HTML helpers: everything shown is escaped, nothing needs a front-end build,
// nothing is loaded from elsewhere (styles and the live-update script are inline).
import type { SandboxResponse } from '../core/types';
import { LIVE_SCRIPT, stateVersion } from './live';
import type { ConsoleView } from './view';

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

/** Text with its web addresses made into links (opened in a new tab), everything else escaped. */
export function linkify(text: string): string {
	let out = '';
	let last = 0;
	for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
		const url = match[0].replace(/[.,;:!?)\]]+$/, '');
		out +=
			esc(text.slice(last, match.index)) +
			`<a href="${esc(url)}" target="_blank" rel="noopener">${esc(url)}</a>`;
		last = match.index + url.length;
	}
	return out + esc(text.slice(last));
}

export function table(headers: string[], rows: string[][], empty = 'None.'): string {
	if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
	const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#0f4c5c;color:#fff;padding:10px 28px 8px;position:sticky;top:0;z-index:5}
header a{color:#cfe8ee}.top{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
h1{font-size:21px;margin:0}.tag{background:#f3c969;color:#3b2b00;border-radius:3px;padding:0 6px;font-size:12px}
#n8n-editor{margin-left:auto;font-weight:600}nav{margin:4px 0}nav a{margin-right:14px}
#what-happened{background:#fff;color:#1d2733;border-radius:4px;padding:6px 10px;margin:6px 0 2px}
#what-happened .next{color:#0f4c5c;font-weight:600}.live{font-size:12px;color:#cfe8ee;margin:2px 0}.live.offline{color:#ffb4a8}
main{padding:4px 28px 40px;max-width:1280px}[id]{scroll-margin-top:170px}
h2{margin:24px 0 8px;border-bottom:2px solid #d9e1e7;padding-bottom:4px}h3{margin:16px 0 6px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
th,td{border:1px solid #d9e1e7;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef2f5}
.numbers{display:flex;gap:16px;flex-wrap:wrap}.number{background:#fff;border:1px solid #d9e1e7;padding:10px 16px;min-width:250px;flex:1}
.number b{display:block;font-size:26px;color:#0f4c5c}.empty,.hint{color:#6b7785}.empty{font-style:italic}
details{background:#fff;border:1px solid #d9e1e7;margin:8px 0;padding:6px 12px}summary{cursor:pointer;font-weight:600}
form.inline{display:inline}button{cursor:pointer}.status{font-weight:600}.meaning{color:#4b5866;font-size:13px}
.msg{background:#fff;border-left:4px solid #0f4c5c;padding:8px 12px;margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.msg[data-channel=review]{border-color:#c77700}.msg[data-channel=ops]{border-color:#b3261e}.msg small{color:#4b5866}
.msg .label{font-weight:600}.problem{border-left:4px solid #b3261e;background:#fff;padding:8px 12px}
fieldset{background:#fff;border:1px solid #d9e1e7;margin:10px 0}label{margin-right:12px;display:inline-block}
#approve-form label{display:block;margin:4px 0}
.digest{background:#fff;border:1px solid #d9e1e7;padding:8px 12px}.digest table{margin:0;background:transparent}.digest th,.digest td{border:0}`;

/** Header links: the console's sections, in page order. */
export type NavLink = [id: string, title: string];

export function page(
	view: ConsoleView,
	title: string,
	body: string,
	options: { nav?: NavLink[]; line?: string } = {},
): SandboxResponse {
	const nav = (options.nav ?? [])
		.map(([id, name]) => `<a href="/#${esc(id)}">${esc(name)}</a>`)
		.join('');
	const editor = view.n8nEditorUrl
		? `<a id="n8n-editor" href="${esc(view.n8nEditorUrl)}" target="_blank" rel="noopener">Open the n8n editor</a>`
		: '';
	return {
		status: 200,
		contentType: 'text/html; charset=utf-8',
		headers: { 'cache-control': 'no-store' },
		body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body data-version="${esc(stateVersion(view.all))}" data-zone="${esc(view.timeZone)}">
<header><div class="top"><h1>${esc(title)}</h1><span class="tag">sandbox</span>${editor}</div>
<nav><a href="/">Practice console</a>${nav}</nav>
${options.line ?? ''}
<p class="live" id="live-status">Times are ${esc(view.timeZone)} time, the practice's own.</p></header>
<main>${body}</main>
<script>${LIVE_SCRIPT}</script></body></html>`,
	};
}

export const redirect = (location: string): SandboxResponse => ({
	status: 303,
	headers: { location },
	contentType: 'text/plain; charset=utf-8',
	body: `See ${location}`,
});
