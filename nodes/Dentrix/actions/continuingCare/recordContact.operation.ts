import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	findTouchKeys,
	fitNote,
	problem,
	screenPatientText,
	type Problem,
} from '../../../../financing';
import { dentrixRead } from '../../transport';
import { testModeField } from '../fields';
import type { DentrixOperation } from '../types';
import { idempotentWrite, wouldWrite } from '../write';
import { problemsError } from '../../../shared/parameters';
import { toContinuingCare } from './shapes';

const METHODS = ['phone', 'email', 'textMessage', 'mail', 'inPerson'] as const;
/** The modeled note limit of a contact (docs/dentrix-api.md, "Continuing care"). */
const NOTE_MAX = 255;

export const recordContact: DentrixOperation = {
	resource: 'continuingCare',
	value: 'recordContact',
	name: 'Record Contact',
	action: 'Record a continuing care contact',
	description:
		'Record that the patient was reminded; Dentrix writes its Office Journal note itself, so none is written apart. With a touch key it is written once (modeled contract).',
	properties: [
		{
			displayName: 'Continuing Care ID',
			name: 'careId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. cc_5001',
		},
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The patient whose continuing care it is (to find a contact already recorded)',
		},
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			default: 'textMessage',
			options: METHODS.map((m) => ({ name: m, value: m })),
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'string',
			default: '',
			description:
				'The continuing care status after this contact (up to 40 characters); empty keeps it',
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			description:
				'Shortened to 255 characters, keeping the touch key; never a tax ID or date of birth',
		},
		{
			displayName: 'Touch Key',
			name: 'touchKey',
			type: 'string',
			default: '',
			description:
				"The Patient Outreach node's key of this message: when a contact already carries it, nothing is written",
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const problems: Problem[] = [];
		const careId = String(ctx.getNodeParameter('careId', i, '') ?? '').trim();
		const patientId = String(ctx.getNodeParameter('patientId', i, '') ?? '').trim();
		const method = String(ctx.getNodeParameter('method', i, 'textMessage'));
		const status = String(ctx.getNodeParameter('status', i, '') ?? '').trim();
		const key = String(ctx.getNodeParameter('touchKey', i, '') ?? '').trim();
		let note = String(ctx.getNodeParameter('note', i, '') ?? '').trim();
		if (!/^[A-Za-z0-9_-]+$/.test(careId))
			problems.push(problem('careId', 'invalid', 'is not a continuing care id'));
		if (!/^[A-Za-z0-9_-]+$/.test(patientId))
			problems.push(problem('patientId', 'invalid', 'is not a patient id'));
		if (!(METHODS as readonly string[]).includes(method))
			problems.push(problem('method', 'invalid', `must be one of ${METHODS.join(', ')}`));
		if (status.length > 40)
			problems.push(problem('status', 'tooLong', 'is longer than 40 characters'));
		if (key !== '' && findTouchKeys(key)[0]?.key !== key)
			problems.push(
				problem(
					'touchKey',
					'invalid',
					'must be one touch key as the Patient Outreach node builds it',
				),
			);
		problems.push(...screenPatientText(note, 'note'));
		if (problems.length) throw problemsError(ctx, i, 'The contact was not recorded', problems);
		note = fitNote(note.replace(key, '').trim(), key, NOTE_MAX);
		const body: IDataObject = { method, ...(status ? { status } : {}), ...(note ? { note } : {}) };
		const request = {
			method: 'POST' as const,
			path: `/continuing-care/${encodeURIComponent(careId)}/contacts`,
			body,
		};
		const find = async () => {
			if (key === '') return null;
			const page = await dentrixRead<{ items?: IDataObject[] }>(
				ctx,
				{
					method: 'GET',
					path: `/patients/${encodeURIComponent(patientId)}/continuing-care`,
					qs: { limit: 200 },
				},
				{ itemIndex: i },
			);
			const care = (page.items ?? []).find((c) => c.id === careId);
			const contacts = (care?.contacts ?? []) as IDataObject[];
			return care && contacts.some((c) => String(c.note ?? '').includes(key)) ? care : null;
		};
		const result = await idempotentWrite(ctx, i, {
			request,
			find,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
		});
		return {
			created: result.created,
			outcome: result.outcome,
			careId,
			patientId,
			touchKey: key || null,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { continuingCare: result.record ? toContinuingCare(result.record, null) : null }),
		};
	},
};
