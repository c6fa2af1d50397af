import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OUTREACH_PLACEHOLDERS, type OutreachPlaceholder } from '../../../financing';

/**
 * The practice's message texts and the values of their placeholders ({{firstName}},
 * {{practiceName}}, {{practicePhone}}, {{bookingLink}}, {{dueDate}}, {{appointmentDate}},
 * {{coordinatorName}}: none clinical, financing/README.md "Messages").
 */
export const messageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'collection',
	placeholder: 'Add Message Text or Value',
	default: {},
	options: [
		{
			displayName: 'Appointment Date',
			name: 'appointmentDate',
			type: 'string',
			default: '',
			description: 'Fills {{appointmentDate}}',
		},
		{
			displayName: 'Booking Link',
			name: 'bookingLink',
			type: 'string',
			default: '',
			description: 'Fills {{bookingLink}}',
		},
		{
			displayName: 'Coordinator Name',
			name: 'coordinatorName',
			type: 'string',
			default: '',
			description: 'Fills {{coordinatorName}}',
		},
		{
			displayName: 'Due Date',
			name: 'dueDate',
			type: 'string',
			default: '',
			description: 'Fills {{dueDate}}',
		},
		{
			displayName: 'E-Mail Subject',
			name: 'emailSubject',
			type: 'string',
			default: 'A message from {{practiceName}}',
		},
		{
			displayName: 'E-Mail Text',
			name: 'emailText',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The e-mail body, with placeholders',
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: 'Fills {{firstName}}',
		},
		{
			displayName: 'Practice Name',
			name: 'practiceName',
			type: 'string',
			default: '',
			description: 'Fills {{practiceName}}',
		},
		{
			displayName: 'Practice Phone',
			name: 'practicePhone',
			type: 'string',
			default: '',
			description: 'Fills {{practicePhone}}',
		},
		{
			displayName: 'Text Message',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'The text message, with placeholders; "Reply STOP to opt out." is added when it does not mention STOP',
		},
	],
};

const VALUES = OUTREACH_PLACEHOLDERS;

export interface MessageSetup {
	text: string;
	emailSubject: string;
	emailText: string;
	values: Partial<Record<OutreachPlaceholder, string>>;
}

export function readMessage(ctx: IExecuteFunctions, i: number): MessageSetup {
	const m = ctx.getNodeParameter('message', i, {}) as IDataObject;
	const values: MessageSetup['values'] = {};
	for (const name of VALUES) {
		if (typeof m[name] === 'string' && m[name] !== '') values[name] = m[name];
		else if (typeof m[name] === 'number') values[name] = String(m[name]);
	}
	return {
		text: String(m.text ?? ''),
		emailSubject: String(m.emailSubject ?? 'A message from {{practiceName}}'),
		emailText: String(m.emailText ?? ''),
		values,
	};
}
