import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import {
	decisionOfEntry,
	readFeedPage,
	STATUS_FILTER_OPTIONS,
	statusWanted,
	type FeedEntry,
	type StatusFilter,
} from './feed';
import { merchantNumberProblem } from './merchantNumber';

/** What the trigger keeps in the workflow's static data (saved by n8n between polls). */
interface TriggerState {
	/** The feed cursor after the last entry read. */
	cursor?: string;
	/** Where each recent poll's new entries began, and when: the look-back window re-reads from these. */
	checkpoints?: Array<{ cursor: string; at: number }>;
}

const PAGE_SIZE = 100;
/** Pages read per poll; a larger backlog continues at the next poll from the saved cursor. */
const MAX_PAGES = 20;

/** Shown by "Fetch Test Event" when the feed has nothing yet (docs/financing-domain.md §7's decision shape). */
const SAMPLE_DECISION: IDataObject = {
	status: 'approved',
	rawStatus: 'Completed',
	applicationId: 'APP-123456',
	sessionId: '00000000-0000-4000-8000-000000000000',
	referenceId: 'REF-123456',
	accountKind: 'newApplication',
	creditLineCents: 1000000,
	approvedAmountCents: 1000000,
	promotionalPlan: 'DI12',
	decidedAt: '2025-03-04T15:20:11.000Z',
	pms: { patientId: '12', guarantorId: '12', treatmentPlanId: '7', locationId: 'downtown' },
	merchantNumber: '5348120100000001',
	redelivered: false,
	sample: true,
};

export class CareCreditDecisionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CareCredit Trigger',
		name: 'careCreditDecisionTrigger',
		icon: { light: 'file:careCredit.svg', dark: 'file:careCredit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Decisions: " + $parameter["statuses"].join(", ") }}',
		description:
			'Starts the workflow when CareCredit decides on an application (approved, declined, pending...)',
		defaults: { name: 'CareCredit Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'careCreditApi', required: true }],
		properties: [
			{
				displayName: 'Decisions',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_FILTER_OPTIONS,
				default: ['approved', 'declined', 'pending', 'other'],
				description: 'Which decisions start the workflow',
			},
			{
				displayName: 'Merchant Number',
				name: 'merchantNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5348120100000002',
				description:
					"Whose decisions to watch (exactly 16 digits), e.g. one location's. Leave empty to use the credential's default merchant number.",
			},
			{
				displayName: 'Look-Back Window (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'Decisions first seen within this many minutes are sent again at each poll (marked redelivered), so one in flight when n8n stopped is not lost. The writers recognise a decision already written, so repeats change nothing.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const credentials = await this.getCredentials('careCreditApi');
		const merchantNumber =
			String(this.getNodeParameter('merchantNumber', '') ?? '').trim() ||
			String(credentials.merchantNumber ?? '').trim();
		const problem = merchantNumberProblem(merchantNumber);
		if (problem) {
			throw new NodeOperationError(this.getNode(), `${problem}.`, {
				description:
					'Set Merchant Number on the trigger, or fix the Default Merchant Number in the CareCredit credential.',
			});
		}
		const statuses = this.getNodeParameter('statuses', []) as StatusFilter[];
		const now = Date.now();
		const readPage = async (cursor: string) =>
			await readFeedPage(this, merchantNumber, cursor, PAGE_SIZE);
		const toItem = (entry: FeedEntry, redelivered: boolean): INodeExecutionData => ({
			json: { ...decisionOfEntry(entry, new Date(now)), merchantNumber, redelivered },
		});

		// Editor's "Fetch Test Event": the newest decision of the first page, or a sample; no state.
		if (this.getMode() === 'manual') {
			const page = await readPage('0');
			const latest = (page.entries ?? []).map((e) => toItem(e, false)).pop();
			return [[latest ?? { json: SAMPLE_DECISION }]];
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const lookBackMs =
			Math.max(0, Number(this.getNodeParameter('lookBackMinutes', 5)) || 0) * 60_000;
		const checkpoints = (state.checkpoints ?? []).filter(
			(c) => lookBackMs > 0 && now - c.at < lookBackMs,
		);
		const saved = state.cursor ?? '0';
		const from = checkpoints[0]?.cursor ?? saved;

		// Entries up to the saved cursor were emitted before (look-back); those after it are new.
		let reachedNew = from === saved;
		let cursor = from;
		const seen = new Map<string, { entry: FeedEntry; redelivered: boolean }>();
		let newEntries = 0;
		for (let page = 0; page < MAX_PAGES; page++) {
			const result = await readPage(cursor);
			for (const entry of result.entries ?? []) {
				const redelivered = !reachedNew;
				if (!redelivered) newEntries++;
				if (entry.cursor === saved) reachedNew = true;
				// The feed delivers at least once: one decision per session and status per poll.
				const key = `${entry.sessionId}|${entry.sessionStatus}`;
				if (!seen.has(key)) seen.set(key, { entry, redelivered });
			}
			cursor = result.nextCursor ?? cursor;
			if (!result.hasMore) break;
		}

		// Only touch the static data when something changed: n8n saves it when it is marked changed.
		if (newEntries > 0) checkpoints.push({ cursor: saved, at: now });
		if (checkpoints.length !== (state.checkpoints ?? []).length || newEntries > 0) {
			state.checkpoints = checkpoints;
		}
		if (reachedNew && cursor !== saved) state.cursor = cursor;

		const items = [...seen.values()]
			.map(({ entry, redelivered }) => toItem(entry, redelivered))
			.filter((item) => statusWanted(item.json.status, statuses));
		return items.length ? [items] : null;
	}
}
