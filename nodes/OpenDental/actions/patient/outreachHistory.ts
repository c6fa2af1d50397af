import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findConsentKeys, findTouchKeys } from '../../../../financing';
import { openDentalList } from '../../transport';

export const outreachHistoryField: INodeProperties = {
	displayName: 'Include Outreach History',
	name: 'includeOutreachHistory',
	type: 'boolean',
	default: false,
	description:
		"Whether to add the patient's outreach commlogs (messages sent by the Patient Outreach node, coordinator tasks, opt-outs and opt-ins) for the Patient Outreach node; one more call to Open Dental",
};

/**
 * The patient's commlogs that carry an outreach key (touch, coordinator task, opt-out or opt-in:
 * financing/README.md, "Outreach"), oldest first, as the Patient Outreach node's history notes.
 * Commlogs GET needs PatNum before 25.1.13 (https://www.opendental.com/site/apicommlogs.html).
 */
export async function outreachHistory(
	ctx: IExecuteFunctions,
	i: number,
	patNum: number | string,
): Promise<IDataObject[]> {
	const rows = await openDentalList(ctx, '/commlogs', { PatNum: patNum }, { itemIndex: i });
	return rows
		.filter((c) => findTouchKeys(c.Note).length > 0 || findConsentKeys(c.Note).length > 0)
		.sort((a, b) => String(a.CommDateTime).localeCompare(String(b.CommDateTime)))
		.map((c) => ({
			commlogId: String(c.CommlogNum),
			at: c.CommDateTime,
			mode: c.Mode_,
			sentOrReceived: c.SentOrReceived,
			text: c.Note,
		}));
}
