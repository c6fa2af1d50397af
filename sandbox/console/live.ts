/* eslint-disable @n8n/community-nodes/no-restricted-globals -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Live updates without a reload: every page carries the state's version, and a few lines of
// plain JS long-poll `GET /api/changes?since=<version>`, which answers as soon as anything a
// page shows has changed (or after ~20 s with the same version). The page then fetches itself
// again and swaps each `data-live` region, leaving alone a region where the person is typing
// or has changed a field without saving it.
import { createHash } from 'node:crypto';

import { tick } from '../careCredit';
import type { SandboxRequest, SandboxResponse, SandboxState, ServiceContext } from '../core/types';
import { careCreditCtx } from './view';

type Ctx = ServiceContext<SandboxState>;

// Bookkeeping that changes on reads (access tokens, pullback counters, id sequences, the
// write log's bodies) would wake every page for nothing.
const QUIET = new Set(['tokens', 'pullbacks', 'nextIds', 'faults', 'writes']);

/** A short fingerprint of everything the console shows. */
export function stateVersion(all: SandboxState): string {
	const json = JSON.stringify(all, (key, value: unknown) => (QUIET.has(key) ? undefined : value));
	return createHash('sha1')
		.update(json)
		.update(String(all.writes.length))
		.digest('hex')
		.slice(0, 16);
}

const sleep = (ms: number) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms).unref();
	});

const LONGEST_WAIT_MS = 20_000;
const CHECK_EVERY_MS = 250;

/** `GET /api/changes?since=<version>`: `{version}` once it differs from `since`, or after ~20 s. */
export async function changes(req: SandboxRequest, ctx: Ctx): Promise<SandboxResponse> {
	const since = req.query.since ?? '';
	const deadline = Date.now() + Math.min(Number(req.query.wait ?? 20) * 1000, LONGEST_WAIT_MS);
	for (;;) {
		tick(careCreditCtx(ctx));
		const version = stateVersion(ctx.all);
		if (version !== since || Date.now() >= deadline) {
			return { status: 200, headers: { 'cache-control': 'no-store' }, body: { version } };
		}
		await sleep(CHECK_EVERY_MS);
	}
}

/** The page side, inlined in every page (no external assets). */
export const LIVE_SCRIPT = `(() => {
const body = document.body;
let version = body.dataset.version;
const status = document.getElementById('live-status');
const zone = body.dataset.zone;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (text, offline) => { if (status) { status.textContent = text; status.classList.toggle('offline', !!offline); } };
const clock = () => new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(new Date());
const edited = (el) => el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked
  : el.tagName === 'SELECT' ? el.selectedIndex !== Math.max(0, [...el.options].findIndex((o) => o.defaultSelected))
  : 'defaultValue' in el && el.type !== 'hidden' && el.value !== el.defaultValue;
const opened = {};
document.addEventListener('toggle', (e) => { if (e.target.id) opened[e.target.id] = e.target.open; }, true);
const busy = (region) => {
  const a = document.activeElement;
  return [...region.querySelectorAll('input, select, textarea')].some(edited) || (!!a && a !== body && region.contains(a) && /^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName));
};
async function refresh() {
  const res = await fetch(location.pathname + location.search, { headers: { accept: 'text/html' }, cache: 'no-store' });
  if (!res.ok) throw new Error('status ' + res.status);
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  let complete = true;
  for (const fresh of doc.querySelectorAll('[data-live]')) {
    const old = document.getElementById(fresh.id);
    if (!old) continue;
    if (busy(old)) { complete = false; continue; }
    old.replaceWith(document.importNode(fresh, true));
  }
  for (const [id, open] of Object.entries(opened)) { const d = document.getElementById(id); if (d && d.open !== open) d.open = open; }
  if (complete) version = doc.body.dataset.version;
  return complete;
}
async function loop() {
  for (;;) {
    try {
      const res = await fetch('/api/changes?since=' + encodeURIComponent(version), { cache: 'no-store' });
      if (!res.ok) throw new Error('status ' + res.status);
      const answer = await res.json();
      if (answer.version !== version && !(await refresh())) {
        say('Live. An update waits until you save or leave the form you are filling in.');
        await sleep(1000);
        continue;
      }
      say('Live: this page updates by itself. Last checked ' + clock() + '.');
    } catch (error) {
      say('Cannot reach the practice sandbox; trying again.', true);
      await sleep(3000);
    }
  }
}
loop();
})();`;
