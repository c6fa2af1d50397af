import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	openDentalCommlogShape,
	findConsentKeys,
	findTouchKeys,
	localDateTimeIn,
	fail,
	ok,
	problem,
	screenPatientText,
	type Problem,
	type Result,
	type WireRequest,
} from '../../../../financing';
import { checkedNumber } from '../fields';

/**
 * Source "From Patient Outreach": the note a message, a coordinator task or a reply leaves
 * (the Patient Outreach node's item), written once: the note's outreach key (touch, task or
 * consent key) plays the part the case reference plays for the audit note.
 */
const OUTREACH = { show: { source: ['outreach'] } };

export const outreachSourceOption = {
	name: 'From Patient Outreach',
	value: 'outreach',
	description:
		'The note of a message sent, a coordinator task or a reply, keyed by its outreach key',
};

export const outreachFields: INodeProperties[] = [
	{
		displayName: 'PatNum',
		name: 'outreachPatNum',
		type: 'string',
		default: '={{ $json.patientId }}',
		required: true,
		displayOptions: OUTREACH,
	},
	{
		displayName: 'Note',
		name: 'outreachNote',
		type: 'string',
		default: '={{ $json.note }}',
		required: true,
		displayOptions: OUTREACH,
		description:
			'The note, ending with its outreach key (e.g. [out:recall:239:Prophy.2026-12-09:1])',
	},
	{
		displayName: 'Mode',
		name: 'outreachMode',
		type: 'options',
		default: 'None',
		// Commlogs POST's Mode_ values (https://www.opendental.com/site/apicommlogs.html).
		options: openDentalCommlogShape.mode.options.map((m) => ({ name: m, value: m })),
		displayOptions: OUTREACH,
		description: "The commlog's Mode_",
	},
	{
		displayName: 'Sent or Received',
		name: 'outreachSentOrReceived',
		type: 'options',
		default: 'Sent',
		options: ['Sent', 'Received', 'Neither'].map((m) => ({ name: m, value: m })),
		displayOptions: OUTREACH,
	},
	{
		displayName: 'Date and Time',
		name: 'outreachDateTime',
		type: 'string',
		default: '={{ $json.noteDateTime }}',
		displayOptions: OUTREACH,
		description: "Practice-local yyyy-MM-dd HH:mm:ss; empty: now in the workflow's time zone",
	},
];

/** The outreach note's commlog request, with its key and patient (the write path's request). */
export type OutreachCommlog = WireRequest<IDataObject> & { token: string; patNum: string };

/**
 * The outreach note checked whole before anything is sent: a PatNum, a note carrying an outreach
 * key (the last one found is the write's key) and screened for patient data, a date-time when given.
 */
export function checkOutreachNote(
	ctx: IExecuteFunctions,
	i: number,
	commType: string,
): Result<OutreachCommlog> {
	const problems: Problem[] = [];
	const patNum = checkedNumber(ctx.getNodeParameter('outreachPatNum', i, ''), 'patNum', 'PatNum');
	if (!patNum.ok) problems.push(...patNum.problems);
	const note = String(ctx.getNodeParameter('outreachNote', i, '') ?? '').trim();
	const keys = [...findTouchKeys(note), ...findConsentKeys(note)];
	if (note === '') problems.push(problem('note', 'required', 'map the Patient Outreach note'));
	else if (keys.length === 0)
		problems.push(
			problem('note', 'noOutreachKey', 'carries no outreach key: it could be written twice'),
		);
	problems.push(...screenPatientText(note, 'note'));
	const at = String(ctx.getNodeParameter('outreachDateTime', i, '') ?? '').trim();
	if (at !== '' && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(at))
		problems.push(problem('dateTime', 'invalid', 'must be yyyy-MM-dd HH:mm:ss'));
	if (!patNum.ok || problems.length) return fail(...problems);
	return ok({
		method: 'POST',
		path: '/commlogs',
		token: keys[keys.length - 1]!.key,
		patNum: patNum.value,
		body: {
			PatNum: Number(patNum.value),
			Note: note,
			CommDateTime: at || localDateTimeIn(ctx.getTimezone(), new Date()),
			commType,
			Mode_: ctx.getNodeParameter('outreachMode', i, 'None') as string,
			SentOrReceived: ctx.getNodeParameter('outreachSentOrReceived', i, 'Sent') as string,
		},
	});
}
