/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: sandbox and item JSON is read loosely */
// Shared by the insurance and appointment node tests: a sandbox whose scenario seed is dated
// from the practice's today (so "next business day" means the same day to the node and to the
// seed), the harness with the Open Dental and Dentrix nodes, and one-node workflows in the
// practice's time zone.
import { DentrixApi } from '../../credentials/DentrixApi.credentials';
import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { CareCredit } from '../../nodes/CareCredit/CareCredit.node';
import { Dentrix } from '../../nodes/Dentrix/Dentrix.node';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { nextBusinessDays, todayIn } from '../../financing';
import { startSandbox } from '../../sandbox';
import { NodeTestHarness, nodeWorkflow, sandboxCredentials, type WorkflowJson } from './harness';
import { sandboxAdmin } from './harness/sandbox';

export const TIME_ZONE = 'America/Chicago';
export const OPEN_DENTAL = 'n8n-nodes-dental-financing.openDental';
export const DENTRIX = 'n8n-nodes-dental-financing.dentrix';

export async function setup(options: { throttle?: boolean; pacingMs?: number } = {}) {
	const today = todayIn(TIME_ZONE, new Date());
	const sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		openDentalThrottle: options.throttle ?? false,
		today,
	});
	const harness = new NodeTestHarness({
		nodes: [new OpenDental(), new Dentrix(), new PaymentArrangement(), new CareCredit()],
		credentials: [new OpenDentalApi(), new DentrixApi(), new CareCreditApi()],
	});
	const credentials = sandboxCredentials(sandbox.urls);
	await harness.setCredentials('openDentalApi', {
		...credentials.openDentalApi,
		pacingMs: options.pacingMs ?? 0,
	});
	await harness.setCredentials('dentrixApi', credentials.dentrixApi);
	await harness.setCredentials('careCreditApi', credentials.careCreditApi);
	const od = sandboxAdmin(sandbox.urls.openDental);
	const dx = sandboxAdmin(sandbox.urls.dentrix);
	/** The Open Dental stand-in's state (amounts in cents). */
	const odState = async () => (await od.call('GET', '/__sandbox/state')) as any;
	const dxState = async () => (await dx.call('GET', '/__sandbox/state')) as any;
	return { sandbox, harness, od, dx, odState, dxState, today, days: nextBusinessDays(today, 5) };
}

export type Env = Awaited<ReturnType<typeof setup>>;

/** One node in the practice's time zone; `type` picks the node. */
export function one(
	parameters: Record<string, unknown>,
	options: {
		type?: string;
		onError?: 'continueErrorOutput' | 'continueRegularOutput';
	} = {},
): WorkflowJson {
	const type = options.type ?? OPEN_DENTAL;
	const wf = nodeWorkflow(type, parameters as never, {
		credentials: [type === DENTRIX ? 'dentrixApi' : 'openDentalApi'],
		onError: options.onError,
	});
	return { ...wf, settings: { timezone: TIME_ZONE } };
}
