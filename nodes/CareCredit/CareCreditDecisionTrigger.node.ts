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

/** One merchant number's place in its feed. */
interface FeedState {
	/** The feed cursor after the last entry emitted as new. */
	cursor?: string;
	/** Where each recent poll's new entries began, and when: the look-back window re-reads from these. */
	checkpoints?: Array<{ cursor: string; at: number }>;
}

/** What the trigger keeps in the workflow's static data (saved by n8n between polls). */
interface TriggerState extends FeedState {
	/** One cursor per merchant number watched (the single cursor above is the older layout). */
	merchants?: Record<string, FeedState>;
}

/** What one poll read of one merchant number's feed. */
interface Read {
	merchantNumber: string;
	state: FeedState;
	saved: string;
	checkpoints: Array<{ cursor: string; at: number }>;
	fresh: FeedEntry[];
	again: FeedEntry[];
	/** The cursor after everything read. */
	end: string;
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
				displayName: 'Merchant Numbers',
				name: 'merchantNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5348120100000002, 5348120100000003',
				description:
					"Every merchant number whose decisions to watch (exactly 16 digits each; several separated by commas), e.g. each location's. Leave empty to use the credential's default merchant number.",
			},
			{
				displayName: 'Look-Back Window (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					"Decisions first seen within this many minutes are sent again at each poll (marked redelivered), so a case whose run stopped is taken over by a later poll. Keep it at least the writers' claim lease plus two polls. The writers recognise a case already written, or being written, with one read.",
			},
			{
				displayName: 'Max Decisions per Poll',
				name: 'maxDecisions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description:
					'At most this many decisions start the workflow per poll, new ones first; the rest come at the next poll. Keeps each poll short, so polls do not pile up.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const credentials = await this.getCredentials('careCreditApi');
		const listed = String(this.getNodeParameter('merchantNumber', '') ?? '')
			.split(/[,;\s]+/)
			.map((m) => m.trim())
			.filter((m) => m !== '');
		const merchantNumbers = [
			...new Set(listed.length ? listed : [String(credentials.merchantNumber ?? '').trim()]),
		];
		for (const [n, merchantNumber] of merchantNumbers.entries()) {
			const problem = merchantNumberProblem(merchantNumber);
			if (problem)
				throw new NodeOperationError(
					this.getNode(),
					`${problem}${merchantNumbers.length > 1 ? ` (merchant number ${n + 1} of the list)` : ''}.`,
					{
						description:
							'Set Merchant Numbers on the trigger, or fix the Default Merchant Number in the CareCredit credential.',
					},
				);
		}
		const statuses = this.getNodeParameter('statuses', []) as StatusFilter[];
		const now = Date.now();
		const toItem = (entry: FeedEntry, merchantNumber: string, redelivered: boolean) => ({
			json: { ...decisionOfEntry(entry, new Date(now)), merchantNumber, redelivered },
		});

		// Editor's "Fetch Test Event": the newest decision of the first page, or a sample; no state.
		if (this.getMode() === 'manual') {
			const page = await readFeedPage(this, merchantNumbers[0]!, '0', PAGE_SIZE);
			const latest = (page.entries ?? []).map((e) => toItem(e, merchantNumbers[0]!, false)).pop();
			return [[latest ?? { json: SAMPLE_DECISION }]];
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const lookBackMs =
			Math.max(0, Number(this.getNodeParameter('lookBackMinutes', 10)) || 0) * 60_000;
		const max = Math.max(1, Math.floor(Number(this.getNodeParameter('maxDecisions', 50)) || 50));
		const reads: Read[] = [];
		for (const merchantNumber of merchantNumbers) {
			const merchants = (state.merchants ??= {});
			// The older single cursor belongs to the first merchant number watched.
			if (!merchants[merchantNumber] && state.cursor !== undefined && reads.length === 0)
				merchants[merchantNumber] = { cursor: state.cursor, checkpoints: state.checkpoints };
			const feed = (merchants[merchantNumber] ??= {});
			reads.push(await readFeed(this, merchantNumber, feed, now, lookBackMs));
		}
		delete state.cursor;
		delete state.checkpoints;

		// New decisions first, at most `max` in all; a merchant's cursor stops after its last one sent.
		const items: INodeExecutionData[] = [];
		for (const read of reads) {
			const sent = read.fresh.slice(0, Math.max(0, max - items.length));
			items.push(...sent.map((e) => toItem(e, read.merchantNumber, false)));
			const cursor = sent.length < read.fresh.length ? sent.at(-1)?.cursor : read.end;
			if (sent.length > 0) read.checkpoints.push({ cursor: read.saved, at: now });
			read.state.checkpoints = read.checkpoints;
			if (cursor !== undefined && cursor !== read.saved) read.state.cursor = cursor;
		}
		for (const read of reads) {
			const room = Math.max(0, max - items.length);
			items.push(...read.again.slice(0, room).map((e) => toItem(e, read.merchantNumber, true)));
		}
		const wanted = items.filter((item) => statusWanted(item.json.status, statuses));
		return wanted.length ? [wanted] : null;
	}
}

/**
 * One merchant number's feed from the oldest look-back checkpoint: entries up to the saved cursor
 * were sent before (sent again), those after it are new; one decision per session and status.
 */
async function readFeed(
	ctx: IPollFunctions,
	merchantNumber: string,
	feed: FeedState,
	now: number,
	lookBackMs: number,
): Promise<Read> {
	const checkpoints = (feed.checkpoints ?? []).filter(
		(c) => lookBackMs > 0 && now - c.at < lookBackMs,
	);
	const saved = feed.cursor ?? '0';
	let cursor = checkpoints[0]?.cursor ?? saved;
	let reachedNew = cursor === saved;
	const seen = new Set<string>();
	const fresh: FeedEntry[] = [];
	const again: FeedEntry[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await readFeedPage(ctx, merchantNumber, cursor, PAGE_SIZE);
		for (const entry of result.entries ?? []) {
			const isNew = reachedNew;
			if (entry.cursor === saved) reachedNew = true;
			// The feed delivers at least once: one decision per session and status per poll.
			const key = `${entry.sessionId}|${entry.sessionStatus}`;
			if (seen.has(key)) continue;
			seen.add(key);
			(isNew ? fresh : again).push(entry);
		}
		cursor = result.nextCursor ?? cursor;
		if (!result.hasMore) break;
	}
	return {
		merchantNumber,
		state: feed,
		saved,
		checkpoints,
		fresh,
		again,
		end: reachedNew ? cursor : saved,
	};
}
