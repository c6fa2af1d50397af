import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fail, ok, problem, type Result, type WireRequest } from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { wouldWrite, write } from '../../../shared/write';
import { openDentalRequest, writeOnce } from '../../transport';
import { patientNotFound } from '../facts';
import { checkedNumber, patNumField, testModeField } from '../fields';
import type { OpenDentalOperation } from '../types';

/** Patients PUT's TxtMsgOk values (https://www.opendental.com/site/apipatients.html). */
const TEXT_OK = ['Yes', 'No', 'Unknown'] as const;

const NOT_WRITTEN = "The patient's Text OK was not set";

type Request = WireRequest<{ TxtMsgOk: string }> & { patNum: string };

/** The whole request, checked before anything is read or sent. */
function check(ctx: IExecuteFunctions, i: number): Result<Request> {
	const patNum = checkedNumber(ctx.getNodeParameter('patNum', i, ''), 'patNum', 'PatNum');
	const textOk = String(ctx.getNodeParameter('textOk', i, '') ?? '').trim();
	const problems = [
		...(patNum.ok ? [] : patNum.problems),
		...((TEXT_OK as readonly string[]).includes(textOk)
			? []
			: [problem('textOk', 'invalid', `must be one of ${TEXT_OK.join(', ')}`)]),
	];
	if (!patNum.ok || problems.length) return fail(...problems);
	return ok({
		method: 'PUT',
		path: `/patients/${patNum.value}`,
		body: { TxtMsgOk: textOk },
		patNum: patNum.value,
	});
}

/**
 * The patient's Text OK (TxtMsgOk), e.g. No after a STOP reply: what Open Dental's own texting
 * sets when a patient opts out, so its reminders stop too. Keyed by the value: a patient who
 * already has it is not written again.
 */
export const setTextOk: OpenDentalOperation = {
	resource: 'patient',
	value: 'setTextOk',
	name: 'Set Text OK',
	action: "Set a patient's Text OK",
	description:
		"Set the patient's Text OK (Yes, No, Unknown), e.g. No after a STOP reply, as Open Dental's own texting does; the same value is not written again. Open Dental 21.2 (Patients PUT).",
	properties: [
		patNumField,
		{
			displayName: 'Text OK',
			name: 'textOk',
			type: 'options',
			default: 'No',
			options: TEXT_OK.map((v) => ({ name: v, value: v })),
			description: 'Whether the office may text this patient (Open Dental\'s "Text OK")',
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		// What the patient had at the first look, before any write.
		let previous: string | undefined;
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: () => check(ctx, i),
			find: async (request) => {
				const patient = await openDentalRequest<IDataObject | null>(
					ctx,
					{ method: 'GET', path: request.path },
					{ itemIndex: i, absent: true },
				);
				if (!patient) throw problemsError(ctx, i, NOT_WRITTEN, [patientNotFound('patNum')]);
				const now = String(patient.TxtMsgOk ?? '');
				previous ??= now;
				return now === request.body!.TxtMsgOk ? patient : null;
			},
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		const { request } = result;
		return {
			patientId: request.patNum,
			textOk: request.body!.TxtMsgOk,
			previousTextOk: previous ?? null,
			created: result.created,
			outcome: result.outcome,
			...(result.outcome === 'testMode' ? { wouldWrite: wouldWrite(request) } : {}),
		};
	},
};
