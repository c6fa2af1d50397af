// Each shipped template has a "Practice settings" node (a Set node) that ships with empty
// addresses. An ops person fills them in the editor and saves; the demo, the tests and the
// benchmark do the same through the editor's own REST API as the owner, then publish.
import type { SandboxUrls } from '../../sandbox/core/types';
import { rest, type RunningN8n } from '../n8n/runtime';

/** The node every template keeps its per-practice values in (docs/templates.md). */
export const PRACTICE_SETTINGS = 'Practice settings';

interface Assignment {
	id: string;
	name: string;
	value: unknown;
	type: string;
}

interface WorkflowNode {
	name: string;
	type: string;
	parameters: { assignments?: { assignments?: Assignment[] } } & Record<string, unknown>;
}

interface StoredWorkflow {
	id: string;
	versionId: string;
	nodes: WorkflowNode[];
}

/**
 * The values an ops person types in for the sandbox practice: the console's Slack-style
 * channels (docs/sandbox.md) and the address of this n8n for the chair-side link. A template
 * gets the ones its Practice settings has.
 */
export function sandboxPracticeSettings(urls: SandboxUrls, n8nUrl: string): Record<string, string> {
	return {
		coordinatorWebhookUrl: `${urls.console}/hooks/coordinator`,
		reviewWebhookUrl: `${urls.console}/hooks/review`,
		patientMessageWebhookUrl: `${urls.console}/hooks/patient`,
		opsWebhookUrl: `${urls.console}/hooks/ops`,
		n8nPublicUrl: n8nUrl,
	};
}

/**
 * The sandbox's CareCredit merchant numbers (docs/sandbox.md), the list an ops person types into
 * the CareCredit Trigger's Merchant Numbers: one per location, so the safety net checks them all.
 */
export const SANDBOX_MERCHANT_NUMBERS = '5348120100000001,5348120100000002';
const TRIGGER = 'n8n-nodes-dental-financing.careCreditDecisionTrigger';

/** The Practice settings of a workflow (a template file's JSON or one n8n stored), name to value. */
export function practiceSettingsOf(workflow: { nodes: WorkflowNode[] }): Record<string, unknown> {
	const node = workflow.nodes.find((n) => n.name === PRACTICE_SETTINGS);
	if (!node) throw new Error(`the workflow has no "${PRACTICE_SETTINGS}" node`);
	return Object.fromEntries(
		(node.parameters.assignments?.assignments ?? []).map((a) => [a.name, a.value]),
	);
}

/**
 * Sets Practice settings values of a workflow in a running n8n and saves it, as the editor
 * does (`GET` then `PATCH /rest/workflows/:id`); nothing else in the workflow changes. Values
 * for settings the node does not have are left out when `onlyExisting` is set, else refused.
 * `merchantNumbers`, when given, fills the CareCredit Trigger's Merchant Numbers as well.
 * Returns the saved version: publish it with `activateWorkflow` (publishing takes the saved
 * version, so a published workflow runs the old values until published again).
 */
export async function fillPracticeSettings(
	n8n: RunningN8n,
	workflowId: string,
	values: Record<string, unknown>,
	options: { onlyExisting?: boolean; merchantNumbers?: string } = {},
): Promise<{ versionId: string; filled: string[] }> {
	const workflow = await rest<StoredWorkflow>(n8n, 'GET', `/workflows/${workflowId}`);
	const node = workflow.nodes.find((n) => n.name === PRACTICE_SETTINGS);
	const assignments = node?.parameters.assignments?.assignments;
	if (!node || !assignments) {
		throw new Error(`workflow ${workflowId} has no "${PRACTICE_SETTINGS}" node with values`);
	}
	const known = new Set(assignments.map((a) => a.name));
	const unknown = Object.keys(values).filter((name) => !known.has(name));
	if (unknown.length > 0 && !options.onlyExisting) {
		throw new Error(
			`${PRACTICE_SETTINGS} of workflow ${workflowId} has no ${unknown.join(', ')} (it has ${[...known].join(', ')})`,
		);
	}
	const filled: string[] = [];
	for (const assignment of assignments) {
		if (!(assignment.name in values)) continue;
		assignment.value = values[assignment.name];
		filled.push(assignment.name);
	}
	// The CareCredit Trigger's Merchant Numbers, typed in on the same visit to the editor.
	for (const trigger of workflow.nodes.filter((n) => n.type === TRIGGER))
		if (options.merchantNumbers !== undefined)
			trigger.parameters.merchantNumber = options.merchantNumbers;
	const saved = await rest<StoredWorkflow>(n8n, 'PATCH', `/workflows/${workflowId}`, {
		nodes: workflow.nodes,
		versionId: workflow.versionId,
	});
	return { versionId: saved.versionId, filled };
}
