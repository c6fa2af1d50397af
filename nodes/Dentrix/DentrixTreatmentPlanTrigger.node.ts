import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { toTreatmentPlan } from './shapes';
import { dentrixRead } from './transport';

interface FeedPage {
	items?: IDataObject[];
	/** The contract may send it as a number or a numeric string. */
	nextCursor?: number | string;
}

interface FeedState {
	/** The last `acceptSequence` emitted (docs/dentrix-api.md, "The accepted-plans feed"). */
	cursor?: number;
}

const PAGE = 200;

/**
 * Treatment plans accepted with CareCredit as the funding method, each once: the feed's
 * `acceptSequence` only grows, and the cursor lives in the workflow's static data
 * (https://docs.n8n.io/build/code-in-n8n/cookbook/built-in-methods-and-variables-examples/getworkflowstaticdata/).
 */
export class DentrixTreatmentPlanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dentrix Trigger',
		name: 'dentrixTreatmentPlanTrigger',
		icon: { light: 'file:dentrix.svg', dark: 'file:dentrix.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Treatment plan accepted with CareCredit',
		description:
			'Starts the workflow when a treatment plan is accepted with CareCredit as the funding method',
		defaults: { name: 'Dentrix Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dentrixApi', required: true }],
		properties: [
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				default: 'now',
				description: 'Which accepted plans the first poll after activation emits',
				options: [
					{
						name: 'Now',
						value: 'now',
						description: 'Only plans accepted after the workflow is activated',
					},
					{
						name: 'Beginning',
						value: 'beginning',
						description: 'Every plan accepted with CareCredit so far',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as FeedState;
		const feed = (cursor: number | undefined, limit: number) =>
			dentrixRead<FeedPage>(this, {
				method: 'GET',
				path: '/treatment-plans',
				qs: {
					status: 'accepted',
					fundingMethod: 'CareCredit',
					limit,
					...(cursor === undefined ? {} : { cursor }),
				},
			});

		if (this.getMode() === 'manual') {
			// A sample to map fields with: the newest plan not emitted yet, else the newest one.
			const fresh = (await feed(state.cursor ?? 0, PAGE)).items ?? [];
			const all = fresh.length > 0 ? fresh : ((await feed(0, PAGE)).items ?? []);
			const newest = all[all.length - 1];
			return newest ? [[{ json: toTreatmentPlan(newest) }]] : null;
		}

		if (state.cursor === undefined && this.getNodeParameter('startFrom') === 'now') {
			// Without a cursor the feed reports the highest sequence so far: start after it.
			state.cursor = Number((await feed(undefined, 1)).nextCursor ?? 0);
			return null;
		}
		const page = await feed(state.cursor ?? 0, PAGE);
		const items = page.items ?? [];
		if (items.length === 0) return null;
		state.cursor = Number(page.nextCursor ?? items[items.length - 1]!.acceptSequence);
		return [items.map((plan) => ({ json: toTreatmentPlan(plan) }))];
	}
}
