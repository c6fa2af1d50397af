import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { formatInstantIn } from '../../../../financing';
import type { ListOperation } from '../types';

const SECTIONS: Array<{ title: string; actions: string[] }> = [
	{ title: 'Work list, largest value first', actions: ['workList'] },
	{ title: 'Sent', actions: ['send', 'sent'] },
	{ title: 'For staff', actions: ['staffTask', 'coordinatorTask', 'review'] },
	{ title: 'Needs review (nothing sent)', actions: ['needsReview', 'failed'] },
	{ title: 'Held for quiet hours', actions: ['held'] },
	{ title: 'Not messaged', actions: ['wait', 'stop', 'skip', 'booked'] },
];

/**
 * One message for the front desk from every outcome of a run: each item's `summary` line under
 * its kind, with counts. Items without `action` or `summary` are counted apart.
 */
export const summarize: ListOperation = {
	value: 'summarize',
	name: 'Summarize',
	action: 'Summarize an outreach run',
	description:
		"One summary of the run for the front desk: what was sent, to whom and why, staff tasks, problems, and who was not messaged",
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: 'Outreach',
			description: 'The first words of the summary, e.g. "Recall outreach, Downtown"',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			description: "The practice's IANA time zone for the run's time; empty: the workflow's",
		},
	],
	async executeAll(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = ctx.getInputData();
		const title = String(ctx.getNodeParameter('title', 0, 'Outreach') ?? 'Outreach');
		const timeZone = String(ctx.getNodeParameter('timeZone', 0, '') ?? '').trim() || ctx.getTimezone();
		const counts: IDataObject = {};
		const lines: string[] = [];
		let other = 0;
		for (const section of SECTIONS) {
			const found = items.filter((it) => section.actions.includes(String(it.json.action)));
			counts[section.title] = found.length;
			if (found.length === 0) continue;
			lines.push(`*${section.title}* (${found.length})`);
			for (const it of found) lines.push(`- ${String(it.json.summary ?? it.json.action)}`);
		}
		other = items.filter(
			(it) => !SECTIONS.some((s) => s.actions.includes(String(it.json.action))),
		).length;
		const when = formatInstantIn(timeZone, new Date());
		const head = `${title}, ${when}: ${items.length - other} patient${items.length - other === 1 ? '' : 's'} considered.`;
		const text = [head, ...lines, ...(other ? [`(${other} other item(s) not summarized)`] : [])].join(
			'\n',
		);
		return [
			[
				{
					json: { text, counts, considered: items.length - other },
					pairedItem: items.map((_, i) => ({ item: i })),
				},
			],
		];
	},
};
