/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npx ts-node --transpile-only scripts/bench-outreach.ts [-- --n 40 --no-build]`: the recall
// outreach template in real n8n against the Open Dental stand-in with its throttle on (one request
// a second per customer key, docs/opendental-sandbox.md) and the node's own pacing. N recall
// patients due in 10 days (copies of a text-OK scenario patient) are added to the stand-in; the
// template runs once (everyone gets a text) and again (nothing to send). A loopback proxy in front
// of the stand-in counts every Open Dental call. Prints Open Dental calls per patient contacted and
// patients contacted per minute. Separate from `npm run bench` (the decision template).
import { promises as fs } from 'fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'os';
import { join } from 'path';
import { executeWorkflow } from './n8n/runtime';
import { setUpOutreach } from './e2e/outreach';
import { getJson, startStack, type Stack } from './e2e/stack';
import type { OdPatient, OdRecall } from '../sandbox/openDental/types';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 40);

/** N patients like Lena Marsh (PatNum 239): Text OK, prefers texts, a Prophy recall due in 10 days. */
function addRecallPatients(stack: Stack): void {
	const od = stack.sandbox.store.state.openDental;
	const lena = od.patients.find((p) => p.PatNum === 239)!;
	const recall = od.recalls.find((r) => r.PatNum === 239)!;
	for (let i = 0; i < N; i++) {
		const PatNum = 5000 + i;
		const phone = `(217) 555-${String(4000 + i).padStart(4, '0')}`;
		od.patients.push({
			...lena,
			PatNum,
			Guarantor: PatNum,
			FName: `Bench${i}`,
			WirelessPhone: phone,
			Email: `bench${i}@example.com`,
		} as OdPatient);
		od.recalls.push({ ...recall, RecallNum: 9000 + i, PatNum } as OdRecall);
	}
}

/** A loopback proxy in front of the Open Dental stand-in that counts each call by method and path. */
async function countingProxy(target: string) {
	const counts = new Map<string, number>();
	const server = http.createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/{n}');
		const key = `${req.method} ${path}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
		const url = new URL(req.url ?? '/', target);
		const upstream = http.request(
			url,
			{ method: req.method, headers: { ...req.headers, host: url.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/api/v1`,
		counts,
		total: () => [...counts.values()].reduce((a, b) => a + b, 0),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function main() {
	const work = await fs.mkdtemp(join(tmpdir(), 'bench-outreach-'));
	const stack = await startStack({
		work,
		build: !process.argv.includes('--no-build'),
		openDentalThrottle: true,
		log: (line) => console.log(`  ${line}`),
	});
	const proxy = await countingProxy(stack.sandbox.urls.openDental);
	try {
		addRecallPatients(stack);
		// The node paces itself to one call a second too (the credential's default pacing).
		const ids = await setUpOutreach(stack, { pacingMs: 1000, openDentalBaseUrl: proxy.url });
		const sent = async () =>
			(
				await getJson<{ messages: Array<{ direction: string }> }>(
					`${stack.sandbox.urls.twilio}/__sandbox/sms`,
				)
			).messages.filter((m) => m.direction === 'outbound-api').length +
			(await getJson<{ mail: unknown[] }>(`${stack.sandbox.urls.console}/__sandbox/mail`)).mail
				.length;
		for (const label of ['first run', 're-run the same day']) {
			proxy.counts.clear();
			const before = await sent();
			const started = Date.now();
			await executeWorkflow(stack.home, ids.recall);
			const seconds = (Date.now() - started) / 1000;
			const contacted = (await sent()) - before;
			const calls = proxy.total();
			console.log(
				`\nRecall outreach, ${label} (${N} added recall patients plus the seeded ones; Open Dental throttle on):`,
			);
			console.log(
				`  patients contacted: ${contacted} in ${seconds.toFixed(1)} s (n8n execute, start to end)`,
			);
			console.log(`  Open Dental calls: ${calls}`);
			if (contacted > 0) {
				console.log(`  Open Dental calls per patient contacted: ${(calls / contacted).toFixed(2)}`);
				console.log(`  patients contacted per minute: ${((contacted / seconds) * 60).toFixed(1)}`);
			}
			for (const [key, count] of [...proxy.counts].sort((a, b) => b[1] - a[1]))
				console.log(`    ${String(count).padStart(5)}  ${key}`);
		}
	} finally {
		await proxy.close();
		await stack.stop();
		if (!process.env.BENCH_KEEP) await fs.rm(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
