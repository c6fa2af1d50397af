/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: a loopback proxy needs node:http */
// A loopback proxy in front of a sandbox service that counts the calls passing through it:
// how many requests a node (or a benchmark) really made, whatever the node says.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function countingProxy(target: string) {
	const calls: string[] = [];
	const server = http.createServer((req, res) => {
		calls.push(`${req.method} ${req.url}`);
		const upstream = http.request(
			`${target}${req.url}`,
			{ method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode!, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		/** Every call so far, as `METHOD /path?query`. */
		calls,
		/** How many calls since the last take. */
		take: () => calls.splice(0).length,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
