import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseOutreachPolicy, WEEKDAYS, type OutreachPolicy } from '../../../financing';
import { problemsError } from '../../shared/parameters';

/**
 * The outreach policy (financing/README.md, "Outreach"): every field optional, the financing
 * domain's defaults otherwise; the time zone defaults to the workflow's. A template sets them
 * from its Practice settings.
 */
export const policyField: INodeProperties = {
	displayName: 'Outreach Policy',
	name: 'policy',
	type: 'collection',
	placeholder: 'Add Policy Setting',
	default: {},
	options: [
		{
			displayName: 'Max Touches',
			name: 'maxTouches',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1, maxValue: 12 },
			description: 'Messages per recall (or case) at most',
		},
		{
			displayName: 'Minimum Days Between Touches',
			name: 'minimumDaysBetweenTouches',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1 },
			description: 'Whole local days between two messages about the same recall or case',
		},
		{
			displayName: 'Send Days',
			name: 'sendDays',
			type: 'multiOptions',
			default: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
			options: WEEKDAYS.map((d) => ({ name: d[0]!.toUpperCase() + d.slice(1), value: d })),
			description: 'Days messages may go out',
		},
		{
			displayName: 'Send Window End',
			name: 'sendWindowEnd',
			type: 'string',
			default: '20:00',
			placeholder: 'e.g. 20:00',
			description: 'Messages go out before this local time (HH:mm)',
		},
		{
			displayName: 'Send Window Start',
			name: 'sendWindowStart',
			type: 'string',
			default: '09:00',
			placeholder: 'e.g. 09:00',
			description: 'Messages go out from this local time (HH:mm); before it are the quiet hours',
		},
		{
			displayName: 'Sequence',
			name: 'sequence',
			type: 'string',
			default: 'text, email, text',
			description:
				"Channels of touches 1, 2, 3… (text or email), the last repeating; the first follows the patient's preference when there is one",
		},
		{
			displayName: 'Text Opt-Out Hint',
			name: 'textOptOutHint',
			type: 'string',
			default: 'Reply STOP to opt out.',
			description: 'Added to a text that does not say how to stop',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. America/Chicago',
			description: "The practice's IANA time zone; empty: the workflow's",
		},
		{
			displayName: 'Unknown Text Consent',
			name: 'unknownTextConsent',
			type: 'options',
			default: 'doNotText',
			options: [
				{ name: 'Do Not Text', value: 'doNotText', description: 'Text OK must say Yes' },
				{ name: 'Text', value: 'text', description: 'Text OK "Unknown" counts as yes' },
			],
		},
	],
};

export function readPolicy(ctx: IExecuteFunctions, i: number): OutreachPolicy {
	const p = ctx.getNodeParameter('policy', i, {}) as IDataObject;
	const input: IDataObject = { timeZone: String(p.timeZone ?? '').trim() || ctx.getTimezone() };
	if (p.sendWindowStart || p.sendWindowEnd) {
		input.sendWindow = {
			...(p.sendWindowStart ? { start: String(p.sendWindowStart).trim() } : {}),
			...(p.sendWindowEnd ? { end: String(p.sendWindowEnd).trim() } : {}),
		};
	}
	if (Array.isArray(p.sendDays)) input.sendDays = p.sendDays;
	// From a template's Practice settings: "monday, tuesday, ...".
	else if (typeof p.sendDays === 'string' && p.sendDays.trim() !== '')
		input.sendDays = p.sendDays
			.toLowerCase()
			.split(/[\s,]+/)
			.filter(Boolean);
	for (const name of ['maxTouches', 'minimumDaysBetweenTouches'] as const) {
		if (p[name] !== undefined && p[name] !== '') input[name] = Number(p[name]);
	}
	if (typeof p.sequence === 'string' && p.sequence.trim() !== '') {
		input.sequence = p.sequence
			.split(/[\s,]+/)
			.filter(Boolean)
			.map((c) => (c.toLowerCase() === 'e-mail' ? 'email' : c.toLowerCase()));
	}
	if (p.unknownTextConsent) input.unknownTextConsent = p.unknownTextConsent;
	if (p.textOptOutHint) input.textOptOutHint = p.textOptOutHint;
	const parsed = parseOutreachPolicy(input);
	if (!parsed.ok) {
		throw problemsError(
			ctx,
			i,
			'The outreach policy is not valid',
			parsed.problems,
			'Correct the Outreach Policy (in the template: its Practice settings).',
		);
	}
	return parsed.value;
}

/** A whole number parameter within bounds, or a node error naming it. */
export function wholeNumber(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	fallback: number,
): number {
	const value = Number(ctx.getNodeParameter(name, i, fallback));
	if (Number.isInteger(value) && value >= 0 && value <= 3650) return value;
	throw new NodeOperationError(ctx.getNode(), `${name} must be a whole number of days`, {
		itemIndex: i,
		description: 'Enter 0 to 3650.',
	});
}
