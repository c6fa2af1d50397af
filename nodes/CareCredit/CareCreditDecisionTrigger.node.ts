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

/**
 * Where one poll's new entries began and when; its batch is the entries from there up to the next
 * checkpoint. `polls`: polls since; the batch is sent again at the poll numbered `next` (1, 2, 4,
 * 8, 16, 32, then every 30th: each re-send doubles the wait, up to 30 polls), for as long as the
 * look-back window lasts.
 */
interface Checkpoint {
	cursor: string;
	at: number;
	polls?: number;
	next?: number;
}

/** One merchant number's place in its feed. */
interface FeedState {
	/** The feed cursor after the last entry emitted as new. */
	cursor?: string;
	/** The recent polls' checkpoints, oldest first: the look-back window re-reads from these. */
	checkpoints?: Checkpoint[];
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
	checkpoints: Checkpoint[];
	fresh: FeedEntry[];
	/** The entries sent before, by the checkpoint whose batch they belong to. */
	again: FeedEntry[][];
	/** The cursor after everything read. */
	end: string;
}

/** Polls between two re-sends of a batch at most: the doubling stops at this gap. */
const MAX_RESEND_GAP = 30;

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
				default: 240,
				description:
					"Decisions first seen within this many minutes are sent again (marked redelivered) at the 1st, 2nd, 4th, 8th, 16th, 32nd, then every 30th poll after, so a case whose run stopped or failed is written by a later poll once the systems answer again. Keep it well above the writers' claim lease. The writers recognise a case already written, or being written, with one read.",
			},
			{
				displayName: 'Max Decisions per Poll',
				name: 'maxDecisions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description:
					"At most this many decisions start the workflow per poll: new ones first, taken in turn from each merchant number, then those due again, oldest first; the rest come at the next poll. The writers take a poll's cases 24 at a time, each claimed only when its turn comes, so a large poll drains a backlog (after an outage) without leaving more cases claimed should n8n stop. With Open Dental's remote API (one request a second) keep it at 50: every treatment plan of the poll is read before the first write. A run that starts while another is busy shares the work and writes nothing twice.",
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
			Math.max(0, Number(this.getNodeParameter('lookBackMinutes', 240)) || 0) * 60_000;
		const max = Math.max(1, Math.floor(Number(this.getNodeParameter('maxDecisions', 1000)) || 1000));
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

		// New decisions first, at most `max` in all, taken in turn from each merchant number (a busy
		// location does not hold another's back); a merchant's cursor stops after its last one sent.
		const counts = reads.map(() => 0);
		for (let taken = 0, more = true; more && taken < max; ) {
			more = false;
			reads.forEach((read, k) => {
				if (taken >= max || counts[k]! >= read.fresh.length) return;
				counts[k]! += 1;
				taken += 1;
				more = true;
			});
		}
		const items: INodeExecutionData[] = [];
		for (const [k, read] of reads.entries()) {
			for (const checkpoint of read.checkpoints) checkpoint.polls = (checkpoint.polls ?? 0) + 1;
			const sent = read.fresh.slice(0, counts[k]);
			items.push(...sent.map((e) => toItem(e, read.merchantNumber, false)));
			const cursor = sent.length < read.fresh.length ? sent.at(-1)?.cursor : read.end;
			read.state.checkpoints = [...read.checkpoints];
			if (sent.length > 0) read.state.checkpoints.push({ cursor: read.saved, at: now, polls: 0 });
			if (cursor !== undefined && cursor !== read.saved) read.state.cursor = cursor;
		}
		// Then the batches due again, the oldest first whatever their merchant number (so no
		// location's waits behind another's), in the room left; a batch sent whole waits twice as
		// many polls before the next time, one cut short is due again at the next poll.
		const due = reads
			.flatMap((read) =>
				read.checkpoints.map((checkpoint, j) => ({ read, checkpoint, batch: read.again[j] ?? [] })),
			)
			.filter((d) => d.batch.length > 0 && d.checkpoint.polls! >= (d.checkpoint.next ?? 1))
			.sort((a, b) => a.checkpoint.at - b.checkpoint.at);
		for (const { read, checkpoint, batch } of due) {
			const room = Math.max(0, max - items.length);
			items.push(...batch.slice(0, room).map((e) => toItem(e, read.merchantNumber, true)));
			if (batch.length <= room)
				checkpoint.next = Math.min(checkpoint.polls! * 2, checkpoint.polls! + MAX_RESEND_GAP);
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
	const again: FeedEntry[][] = checkpoints.map(() => []);
	// The batch of checkpoint `batch` runs up to and including the next checkpoint's cursor.
	let batch = 0;
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await readFeedPage(ctx, merchantNumber, cursor, PAGE_SIZE);
		for (const entry of result.entries ?? []) {
			const isNew = reachedNew;
			const inBatch = batch;
			if (entry.cursor === saved) reachedNew = true;
			while (batch + 1 < checkpoints.length && entry.cursor === checkpoints[batch + 1]!.cursor)
				batch += 1;
			// The feed delivers at least once: one decision per session and status per poll.
			const key = `${entry.sessionId}|${entry.sessionStatus}`;
			if (seen.has(key)) continue;
			seen.add(key);
			if (isNew) fresh.push(entry);
			else again[inBatch]!.push(entry);
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
