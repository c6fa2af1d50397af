import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	findTouchKeys,
	fitNote,
	ok,
	problem,
	screenPatientText,
	type Problem,
	type Result,
	type WireRequest,
} from '../../../../financing';
import { wouldWrite, write } from '../../../shared/write';
import { dentrixRead, sentPath, writeOnce } from '../../transport';
import { testModeField } from '../fields';
import type { DentrixOperation } from '../types';
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
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: 'The contact was not recorded',
			check: () => check(ctx, i),
			find: (request) => findContact(ctx, i, request),
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		const { request } = result;
		return {
			created: result.created,
			outcome: result.outcome,
			careId: request.careId,
			patientId: request.patientId,
			touchKey: request.touchKey || null,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite({ ...request, path: sentPath(request.path) }) }
				: { continuingCare: result.record ? toContinuingCare(result.record, null) : null }),
		};
	},
};

type Request = WireRequest<IDataObject> & { careId: string; patientId: string; touchKey: string };

/** The whole contact, checked before anything is sent. */
function check(ctx: IExecuteFunctions, i: number): Result<Request> {
	const problems: Problem[] = [];
	const careId = String(ctx.getNodeParameter('careId', i, '') ?? '').trim();
	const patientId = String(ctx.getNodeParameter('patientId', i, '') ?? '').trim();
	const method = String(ctx.getNodeParameter('method', i, 'textMessage'));
	const status = String(ctx.getNodeParameter('status', i, '') ?? '').trim();
	const key = String(ctx.getNodeParameter('touchKey', i, '') ?? '').trim();
	const typed = String(ctx.getNodeParameter('note', i, '') ?? '').trim();
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
	problems.push(...screenPatientText(typed, 'note'));
	if (problems.length) return fail(...problems);
	const note = fitNote(typed.replace(key, '').trim(), key, NOTE_MAX);
	return ok({
		method: 'POST',
		path: `/continuing-care/${encodeURIComponent(careId)}/contacts`,
		body: { method, ...(status ? { status } : {}), ...(note ? { note } : {}) },
		careId,
		patientId,
		touchKey: key,
	});
}

/** The patient's continuing care that already holds a contact carrying the touch key. */
async function findContact(
	ctx: IExecuteFunctions,
	i: number,
	request: Request,
): Promise<IDataObject | null> {
	if (request.touchKey === '') return null;
	const page = await dentrixRead<{ items?: IDataObject[] }>(
		ctx,
		{
			method: 'GET',
			path: `/patients/${encodeURIComponent(request.patientId)}/continuing-care`,
			qs: { limit: 200 },
		},
		{ itemIndex: i },
	);
	const care = (page.items ?? []).find((c) => c.id === request.careId);
	const contacts = (care?.contacts ?? []) as IDataObject[];
	return care && contacts.some((c) => String(c.note ?? '').includes(request.touchKey))
		? care
		: null;
}
