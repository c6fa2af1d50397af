import type { IExecuteFunctions } from 'n8n-workflow';

import {
	classifyReply,
	consentKey,
	normalizeUsPhone,
	optOutNote,
	problem,
} from '../../../../financing';
import { policyField, readPolicy } from '../policy';
import type { PlanOperation } from '../types';

/** Outputs of Read Reply. */
const CONSENT = 0;
const OTHER = 1;
export const REPLY_OUTPUTS = ['Opt-Out or Opt-In', 'Other'];

/**
 * A patient's reply to a text (Twilio's incoming-message webhook fields `From`, `Body`,
 * https://www.twilio.com/docs/messaging/guides/webhook-request): STOP and the other opt-out
 * words end outreach, START opts back in. For the patient it names, the note to record it,
 * carrying the consent key every later plan reads back. The reply's text never goes into a note.
 */
export const readReply: PlanOperation = {
	value: 'readReply',
	name: 'Read Reply',
	action: "Read a patient's reply",
	description:
		"What a patient's reply means for outreach (opt-out, opt-in, help, other) and the note that records an opt-out or opt-in",
	properties: [
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '={{ $json.body.From }}',
			required: true,
			description: "The patient's number, as the messaging service sends it",
		},
		{
			displayName: 'Reply',
			name: 'reply',
			type: 'string',
			default: '={{ $json.body.Body }}',
			description: "The reply's text",
		},
		{
			displayName: 'Reply ID',
			name: 'replyId',
			type: 'string',
			default: '={{ $json.body.MessageSid }}',
			description: 'The messaging service\'s ID of the reply (Twilio\'s MessageSid): each reply is recorded once',
		},
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '',
			description:
				'The patient this number belongs to (e.g. from Patient: Search by wireless phone); the note is for them',
		},
		policyField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const policy = readPolicy(ctx, i);
		const from = normalizeUsPhone(ctx.getNodeParameter('from', i, ''), 'from');
		const meaning = classifyReply(ctx.getNodeParameter('reply', i, ''));
		const patientId = String(ctx.getNodeParameter('patientId', i, '') ?? '').trim();
		const replyId = String(ctx.getNodeParameter('replyId', i, '') ?? '').trim();
		const receivedAt = new Date();
		const base = {
			kind: meaning.kind,
			keyword: meaning.keyword,
			exact: meaning.exact,
			from: from.ok ? from.value : null,
			patientId: patientId || null,
			receivedAt: receivedAt.toISOString(),
			summary: `Patient ${patientId || '(unknown number)'} replied by text${
				meaning.kind === 'optOut'
					? ` ${meaning.keyword}: outreach ended`
					: meaning.kind === 'optIn'
						? ` ${meaning.keyword}: outreach may resume`
						: '; please read it in the messaging service'
			}.`,
		};
		const consent = meaning.kind === 'optOut' || meaning.kind === 'optIn';
		if (!from.ok || !consent) {
			return {
				output: OTHER,
				json: { ...base, ...(from.ok ? {} : { problems: from.problems.map((p) => ({ ...p })) }) },
			};
		}
		const key = patientId
			? consentKey(patientId, meaning.kind === 'optOut' ? 'optOut' : 'optIn', replyId)
			: null;
		if (key && !key.ok) {
			return { output: OTHER, json: { ...base, problems: key.problems.map((p) => ({ ...p })) } };
		}
		const note = optOutNote({ ...meaning, receivedAt, channel: 'text' }, policy, key?.value ?? '');
		return {
			output: CONSENT,
			json: {
				...base,
				consentKey: key?.value ?? null,
				note: note.note,
				noteMode: note.mode,
				noteDateTime: note.commDateTime,
				...(key ? {} : { problems: [problem('patientId', 'required', 'no patient has this number')] }),
			},
		};
	},
};
