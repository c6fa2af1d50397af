import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

/** The patient's notes outreach reads back (touch keys, opt-outs), from either practice system. */
export const historyField: INodeProperties = {
	displayName: 'Outreach History',
	name: 'history',
	type: 'json',
	default: '={{ $json.outreachHistory ?? [] }}',
	description:
		"The patient's notes carrying outreach keys: Open Dental Patient: Get with Include Outreach History, or Dentrix Patient: Get with the same option",
};

/** Notes as `{text, at}`: Open Dental commlogs (`text`/`note`, `at`/`dateTime`) or Dentrix notes (`createdAt`). */
export function readHistory(
	ctx: IExecuteFunctions,
	i: number,
): Array<{ text: string; at: string | null }> {
	let value = ctx.getNodeParameter('history', i, []) as unknown;
	if (typeof value === 'string') {
		try {
			value = value.trim() === '' ? [] : (JSON.parse(value) as unknown);
		} catch {
			value = null;
		}
	}
	if (!Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), '"Outreach History" is not a list of notes', {
			itemIndex: i,
			description:
				"Map the patient's outreach history, e.g. {{ $json.outreachHistory }}, or leave it as an empty list.",
		});
	}
	return (value as IDataObject[])
		.filter((n) => n && typeof n === 'object')
		.map((n) => {
			const text = n.text ?? n.note ?? n.Note;
			const at = n.at ?? n.dateTime ?? n.createdAt ?? n.CommDateTime;
			return {
				text: typeof text === 'string' ? text : '',
				at: typeof at === 'string' && at !== '' ? at : null,
			};
		});
}
