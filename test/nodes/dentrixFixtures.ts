/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/, and sandbox and item JSON is read loosely */
// Shared by the Dentrix and Payment Arrangement node tests: the harness with our nodes, a sandbox,
// a decision for a seeded plan, and a chained workflow builder.
import type { INode } from 'n8n-workflow';

import { DentrixApi } from '../../credentials/DentrixApi.credentials';
import { Dentrix } from '../../nodes/Dentrix/Dentrix.node';
import { DentrixTreatmentPlanTrigger } from '../../nodes/Dentrix/DentrixTreatmentPlanTrigger.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { chainWorkflow, NodeTestHarness, sandboxCredentials, type WorkflowJson } from './harness';
import { sandboxAdmin, startTestSandbox } from './harness/sandbox';

export async function setup() {
	const sandbox = await startTestSandbox();
	const harness = new NodeTestHarness({
		nodes: [new Dentrix(), new DentrixTreatmentPlanTrigger(), new PaymentArrangement()],
		credentials: [new DentrixApi()],
	});
	await harness.setCredentials('dentrixApi', sandboxCredentials(sandbox.urls).dentrixApi);
	const admin = sandboxAdmin(sandbox.urls.dentrix);
	/** The stand-in's state (amounts in cents). */
	const state = async () => (await admin.call('GET', '/__sandbox/state')) as any;
	return { sandbox, harness, admin, state };
}

/** Hank Fischer's implant (tp_2019): patient portion $3,250.01, his own guarantor, no agreement. */
export function decision(overrides: Record<string, unknown> = {}) {
	return {
		status: 'approved',
		rawStatus: 'Completed',
		applicationId: 'APP-700001',
		sessionId: 'sess-700001',
		referenceId: 'REF-700001',
		accountKind: 'newApplication',
		creditLineCents: 500000,
		approvedAmountCents: 500000,
		promotionalPlan: null,
		purchase: { transactionId: 'TX-700001', amountCents: 325001, promotionCode: null },
		decidedAt: '2026-11-18T20:30:00.000Z',
		pms: {
			patientId: 'pat_1027',
			guarantorId: 'pat_1027',
			treatmentPlanId: 'tp_2019',
			locationId: 'loc_lakeside',
		},
		...overrides,
	};
}

/** Billing types the sandbox practice defines (docs/dentrix-api.md, Practice). */
export const POLICY = {
	financingBillingType: 'Third-Party Financing - No Statements',
	shortfallBillingType: 'Payment Agreement',
	timeZone: 'America/Chicago',
};

export interface Step {
	name: string;
	type: 'dentrix' | 'paymentArrangement';
	parameters: INode['parameters'];
	onError?: INode['onError'];
}

export const DENTRIX = 'n8n-nodes-dental-financing.dentrix';

/** Start → each step in a line; Dentrix steps get the credential. */
export function chain(steps: Step[], id = 'chain'): WorkflowJson {
	return chainWorkflow(
		steps.map((s) => ({ ...s, credentials: s.type === 'dentrix' ? ['dentrixApi'] : undefined })),
		id,
	);
}

/** The full financed-case line: plan from Dentrix, build, agreement, audit note, payment. */
export function financedCase(
	options: { testMode?: boolean; transactionId?: string } = {},
): WorkflowJson {
	const testMode = options.testMode ?? false;
	return chain([
		{
			name: 'Plan',
			type: 'dentrix',
			parameters: {
				resource: 'treatmentPlan',
				operation: 'get',
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
				policy: POLICY,
			},
		},
		{
			name: 'Agreement',
			type: 'dentrix',
			parameters: { resource: 'paymentAgreement', operation: 'create', testMode },
		},
		{
			name: 'Note',
			type: 'dentrix',
			parameters: { resource: 'ledgerNote', operation: 'create', testMode },
		},
		{
			name: 'Payment',
			type: 'dentrix',
			parameters: {
				resource: 'payment',
				operation: 'post',
				transactionId: options.transactionId ?? 'TXN-700001',
				testMode,
			},
		},
	]);
}
