import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	findConsentKeys,
	findTouchKeys,
	ok,
	problem,
	screenPatientText,
	type Problem,
	type Result,
	type WireRequest,
} from '../../../../financing';
import { wouldWrite, write } from '../../../shared/write';
import { toCommlog } from '../../shapes';
import { writeOnce } from '../../transport';
import { findOnPatient } from '../facts';
import { checkedNumber, patNumField, testModeField } from '../fields';
import type { OpenDentalOperation } from '../types';

/** Recalls PUT Status's commlogMode values (https://www.opendental.com/site/apirecalls.html). */
const COMMLOG_MODES = [
	'None',
	'Email',
	'Mail',
	'Phone',
	'InPerson',
	'Text',
	'EmailAndText',
	'PhoneAndText',
] as const;

const NOT_WRITTEN = 'The recall status was not set';

type Request = WireRequest<IDataObject> & { patNum: string; touchKey: string };

/** The whole request, checked before anything is sent. */
function check(ctx: IExecuteFunctions, i: number): Result<Request> {
	const problems: Problem[] = [];
	const patNum = checkedNumber(ctx.getNodeParameter('patNum', i, ''), 'patNum', 'PatNum');
	if (!patNum.ok) problems.push(...patNum.problems);
	const recallType = String(ctx.getNodeParameter('recallType', i, '') ?? '').trim();
	if (recallType === '')
		problems.push(problem('recallType', 'required', 'name the recall type, e.g. Prophy'));
	const rawStatus = String(ctx.getNodeParameter('recallStatus', i, '') ?? '').trim();
	if (rawStatus !== '' && !/^\d+$/.test(rawStatus)) {
		problems.push(
			problem(
				'recallStatus',
				'invalid',
				'must be the DefNum of a Recall/Unsched Status definition (Category 13), or 0 for none',
			),
		);
	}
	const mode = String(ctx.getNodeParameter('commlogMode', i, 'None'));
	if (!(COMMLOG_MODES as readonly string[]).includes(mode)) {
		problems.push(problem('commlogMode', 'invalid', `must be one of ${COMMLOG_MODES.join(', ')}`));
	}
	const typedKey = String(ctx.getNodeParameter('touchKey', i, '') ?? '').trim();
	const keys = [...findTouchKeys(typedKey), ...findConsentKeys(typedKey)];
	if (typedKey !== '' && (keys.length !== 1 || keys[0]!.key !== typedKey)) {
		problems.push(
			problem(
				'touchKey',
				'invalid',
				'must be one touch key as the Patient Outreach node builds it',
			),
		);
	}
	let note = String(ctx.getNodeParameter('commlogNote', i, '') ?? '').trim();
	if (note !== '') problems.push(...screenPatientText(note, 'commlogNote'));
	if (typedKey !== '' && !note.includes(typedKey))
		note = note === '' ? `Recall reminder. ${typedKey}` : `${note} ${typedKey}`;
	if (!patNum.ok || problems.length) return fail(...problems);
	const body: IDataObject = { PatNum: Number(patNum.value), recallType };
	if (rawStatus !== '') body.RecallStatus = Number(rawStatus);
	if (mode !== 'None') body.commlogMode = mode;
	if (note !== '') body.commlogNote = note;
	return ok({
		method: 'PUT',
		path: '/recalls/Status',
		body,
		patNum: patNum.value,
		touchKey: typedKey,
	});
}

export const setRecallStatus: OpenDentalOperation = {
	resource: 'recall',
	value: 'setStatus',
	name: 'Set Status',
	action: "Set a recall's status",
	description:
		"Set the status of a patient's recall (e.g. Texted); Open Dental writes the reminder's commlog itself, so none is written apart. With a touch key it is written once. Open Dental 21.2, permission Comm.",
	properties: [
		patNumField,
		{
			displayName: 'Recall Type',
			name: 'recallType',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Prophy',
			description: 'The recall type, as Open Dental names it (Setup, Recall Types)',
		},
		{
			displayName: 'Recall Status',
			name: 'recallStatus',
			type: 'string',
			default: '',
			placeholder: 'e.g. 132',
			description:
				'DefNum of a Recall/Unsched Status definition (Setup, Definitions, Category 13); 0 sets None; empty leaves it',
		},
		{
			displayName: 'Commlog Mode',
			name: 'commlogMode',
			type: 'options',
			default: 'None',
			options: COMMLOG_MODES.map((m) => ({ name: m, value: m })),
			description: 'How the patient was reminded, for the commlog Open Dental writes',
		},
		{
			displayName: 'Commlog Note',
			name: 'commlogNote',
			type: 'string',
			default: '',
			typeOptions: { rows: 3 },
			description:
				'Used instead of Open Dental\'s "Recall reminder" note; never a tax ID or date of birth',
		},
		{
			displayName: 'Touch Key',
			name: 'touchKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. [out:recall:239:Prophy.2026-12-12:1]',
			description:
				"The Patient Outreach node's key of this message: added to the note, and when a commlog already carries it nothing is written (a re-run sends nothing twice)",
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: () => check(ctx, i),
			// Without a touch key nothing identifies an earlier write: setting a status again is harmless.
			find: async (request) =>
				request.touchKey === ''
					? null
					: await findOnPatient(
							ctx,
							i,
							{ notWritten: NOT_WRITTEN, field: 'patNum' },
							'/commlogs',
							{ PatNum: request.patNum },
							(c) => String(c.Note ?? '').includes(request.touchKey),
						),
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		const { request } = result;
		return {
			created: result.created,
			outcome: result.outcome,
			patientId: request.patNum,
			recallType: request.body?.recallType,
			touchKey: request.touchKey || null,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { commlog: result.record ? toCommlog(result.record) : null }),
		};
	},
};
