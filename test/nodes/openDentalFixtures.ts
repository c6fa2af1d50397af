/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; a loopback proxy needs node:http, and sandbox and item JSON is read loosely */
// Shared by the Open Dental node tests: the harness with our nodes, a sandbox, a decision for a
// seeded Saved plan, a chained workflow builder and a loopback recording proxy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INode, INodeType } from 'n8n-workflow';

import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { startSandbox } from '../../sandbox';
import { chainWorkflow, NodeTestHarness, sandboxCredentials, type WorkflowJson } from './harness';
import { sandboxAdmin } from './harness/sandbox';

export const OPEN_DENTAL = 'n8n-nodes-dental-financing.openDental';
export const KEYS = {
	developerApiKey: 'sandbox-od-developer',
	customerApiKey: 'sandbox-od-customer',
};

export async function setup(
	options: { throttle?: boolean; pacingMs?: number; nodes?: INodeType[] } = {},
) {
	const sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		openDentalThrottle: options.throttle ?? false,
	});
	const harness = new NodeTestHarness({
		nodes: [new OpenDental(), new PaymentArrangement(), ...(options.nodes ?? [])],
		credentials: [new OpenDentalApi()],
	});
	const baseUrl = `${sandbox.urls.openDental}/api/v1`;
	await harness.setCredentials('openDentalApi', {
		...sandboxCredentials(sandbox.urls).openDentalApi,
		pacingMs: options.pacingMs ?? 0,
	});
	const admin = sandboxAdmin(sandbox.urls.openDental);
	/** The stand-in's state (amounts in cents). */
	const state = async () => (await admin.call('GET', '/__sandbox/state')) as any;
	/** A commlog posted straight to the stand-in, as another n8n process or staff would have. */
	const postCommlog = async (PatNum: number, Note: string) =>
		await fetch(`${baseUrl}/commlogs`, {
			method: 'POST',
			headers: {
				authorization: `ODFHIR ${KEYS.developerApiKey}/${KEYS.customerApiKey}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ PatNum, Note }),
		});
	return { sandbox, harness, admin, state, baseUrl, postCommlog };
}

/** Hank Fischer's implant, signed (Saved plan 419): patient portion $3,250.01, his own guarantor. */
export function decision(overrides: Record<string, unknown> = {}) {
	return {
		status: 'approved',
		rawStatus: 'Completed',
		applicationId: 'APP-900001',
		sessionId: 'sess-900001',
		referenceId: 'REF-900001',
		accountKind: 'newApplication',
		creditLineCents: 250000,
		approvedAmountCents: 250000,
		promotionalPlan: null,
		purchase: { transactionId: 'TX-900001', amountCents: 250000, promotionCode: null },
		decidedAt: '2026-11-18T20:30:00.000Z',
		pms: { patientId: '227', guarantorId: '227', treatmentPlanId: '419', locationId: '2' },
		...overrides,
	};
}

export const SETTINGS = { careCreditPayType: 72, clinicNum: 2 };

export interface Step {
	name: string;
	type: 'openDental' | 'paymentArrangement';
	parameters: INode['parameters'];
	onError?: INode['onError'];
}

/** Start → each step in a line; Open Dental steps get the credential. */
export function chain(steps: Step[], id = 'chain'): WorkflowJson {
	return chainWorkflow(
		steps.map((s) => ({
			...s,
			credentials: s.type === 'openDental' ? ['openDentalApi'] : undefined,
		})),
		id,
	);
}

/** Plan from Open Dental, build, the build's steps only (for tests that take the arrangement). */
export function planAndBuild(policy: Record<string, unknown> = {}): Step[] {
	return [
		{
			name: 'Plan',
			type: 'openDental',
			parameters: {
				resource: 'treatmentPlan',
				operation: 'get',
				patient: { __rl: true, mode: 'id', value: '={{ $json.decision.pms.patientId }}' },
				treatmentPlan: {
					__rl: true,
					mode: 'id',
					value: '={{ $json.decision.pms.treatmentPlanId }}',
				},
			},
		},
		{
			name: 'Build',
			type: 'paymentArrangement',
			parameters: {
				operation: 'build',
				decision: "={{ $('Start').item.json.decision }}",
				policy: { timeZone: 'America/Chicago', ...policy } as never,
			},
		},
	];
}

/** The financed case: plan, build, payment plan, audit note (commlog), CareCredit payment. */
export function financedCase(
	options: {
		testMode?: boolean;
		policy?: Record<string, unknown>;
		planSettings?: Record<string, unknown>;
	} = {},
): WorkflowJson {
	const testMode = options.testMode ?? false;
	return chain([
		...planAndBuild(options.policy),
		{
			name: 'Payment Plan',
			type: 'openDental',
			parameters: {
				resource: 'paymentPlan',
				operation: 'create',
				openDental: (options.planSettings ?? {}) as never,
				testMode,
			},
		},
		{
			name: 'Commlog',
			type: 'openDental',
			parameters: { resource: 'commlog', operation: 'create', testMode },
		},
		{
			name: 'Payment',
			type: 'openDental',
			parameters: {
				resource: 'payment',
				operation: 'create',
				transactionId: 'TXN-900001',
				openDental: SETTINGS as never,
				testMode,
			},
		},
	]);
}

/**
 * A loopback proxy in front of the stand-in that keeps each answer's `x-sandbox-served-at`
 * (when the stand-in started serving it): real HTTP passes through untouched.
 */
export async function servedAtProxy(target: string) {
	const served: Array<{ method: string; path: string; at: number }> = [];
	const server = http.createServer((req, res) => {
		const upstream = http.request(
			`${target}${req.url}`,
			{ method: req.method, headers: req.headers },
			(answer) => {
				const at = answer.headers['x-sandbox-served-at'];
				if (typeof at === 'string')
					served.push({ method: req.method!, path: req.url!, at: Date.parse(at) });
				res.writeHead(answer.statusCode!, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, served, close: () => new Promise<void>((r) => server.close(() => r())) };
}
