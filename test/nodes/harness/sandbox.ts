// Steering one sandbox service from a node test through its `/__sandbox/*` endpoints
// (sandbox/core/admin.ts): what reached it, faults, its clock, a reset.
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { FaultRule, RecordedWrite } from '../../../sandbox/core/types';

/** A sandbox on free loopback ports, state in memory. */
export const startTestSandbox = (): Promise<Sandbox> =>
	startSandbox({ dataDir: null, ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 } });

export function sandboxAdmin(serviceUrl: string) {
	const call = async <T = Record<string, unknown>>(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		body?: unknown,
	): Promise<T> => {
		const response = await fetch(`${serviceUrl}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as T;
	};
	return {
		call,
		/** Non-GET requests that reached the service (GETs are not recorded), optionally by path. */
		writes: async (pathPart?: string | RegExp): Promise<RecordedWrite[]> => {
			const { writes } = (await call('GET', '/__sandbox/writes')) as { writes: RecordedWrite[] };
			if (pathPart === undefined) return writes;
			return writes.filter((w) =>
				typeof pathPart === 'string' ? w.path.includes(pathPart) : pathPart.test(w.path),
			);
		},
		fault: (rule: Partial<FaultRule>) => call('POST', '/__sandbox/faults', rule),
		/** Fault rules of this service not yet spent. */
		faults: async (service: string): Promise<FaultRule[]> =>
			(await call<{ faults: Record<string, FaultRule[]> }>('GET', '/__sandbox/faults')).faults[
				service
			] ?? [],
		clearFaults: () => call('DELETE', '/__sandbox/faults?service=all'),
		advanceClock: (seconds: number) =>
			call('POST', '/__sandbox/clock', { advanceSeconds: seconds }),
		reset: () => call('POST', '/__sandbox/reset'),
	};
}
