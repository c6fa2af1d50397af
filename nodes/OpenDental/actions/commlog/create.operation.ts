import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	findReferenceToken,
	hasReferenceToken,
	localDateTimeIn,
	todayIn,
	problem,
	validateForOpenDental,
	type Problem,
} from '../../../../financing';
import { skippedWhenConcurrent } from '../../../shared/write';
import { toCommlog } from '../../shapes';
import { caseReferenceField, numberParameter, skipConcurrentField, testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { findInList, idempotentWrite, wouldWrite } from '../write';
import { BY_HAND, objectParameter, problemsError, sourceFields } from '../../../shared/parameters';
import { outreachFields, outreachSourceOption, prepareOutreachNote } from './outreachSource';

interface PreparedNote {
	patNum: number;
	referenceToken: string;
	body: IDataObject;
	arrangement: IDataObject | null;
}

function prepare(ctx: IExecuteFunctions, i: number): PreparedNote {
	if (ctx.getNodeParameter('source', i) === 'outreach') {
		// An outreach note is keyed by its outreach key, looked up like a case reference.
		const note = prepareOutreachNote(ctx, i, readSettings(ctx, i).commType ?? 'Misc');
		return { patNum: note.patNum, referenceToken: note.key, body: note.body, arrangement: null };
	}
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const today = { today: todayIn(ctx.getTimezone(), new Date()) };
		const checked = validateForOpenDental(arrangement, today, readSettings(ctx, i));
		if (!checked.ok) throw problemsError(ctx, i, 'The commlog was not written', checked.problems);
		return {
			patNum: checked.value.commlog.body!.PatNum,
			referenceToken: String(arrangement.referenceToken),
			body: { ...checked.value.commlog.body },
			arrangement,
		};
	}
	const problems: Problem[] = [];
	const token = String(ctx.getNodeParameter('caseReference', i)).trim();
	if (findReferenceToken(token)?.token !== token)
		problems.push(problem('caseReference', 'invalid', 'must look like [cc:APP-123456]'));
	const typed = String(ctx.getNodeParameter('note', i)).trim();
	if (typed === '') problems.push(problem('note', 'required', 'write the note'));
	if (problems.length > 0) throw problemsError(ctx, i, 'The commlog was not written', problems);
	const settings = readSettings(ctx, i);
	return {
		patNum: numberParameter(ctx, 'patNum', i),
		referenceToken: token,
		body: {
			PatNum: numberParameter(ctx, 'patNum', i),
			Note: hasReferenceToken(typed, token) ? typed : `${typed} ${token}`,
			// The practice's local time, never the server's (domain.md §7).
			CommDateTime: localDateTimeIn(ctx.getTimezone(), new Date()),
			commType: settings.commType ?? 'Financial',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		},
		arrangement: null,
	};
}

export const createCommlog: OpenDentalOperation = {
	resource: 'commlog',
	value: 'create',
	name: 'Create',
	action: 'Create a commlog',
	description:
		"Write the case's audit note as a commlog (Financial type), once: Open Dental's record of the financing",
	properties: [
		...withOutreachSource(
			sourceFields(
				"The audit note of the Payment Arrangement node's item",
				'A note written by hand',
				'The arrangement the Payment Arrangement node built, or the output of Payment Plan: Create',
			),
		),
		...outreachFields,
		{
			displayName: 'PatNum',
			name: 'patNum',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 201',
			displayOptions: BY_HAND,
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: 'Never a tax ID or date of birth',
			displayOptions: BY_HAND,
		},
		{ ...caseReferenceField, displayOptions: BY_HAND },
		openDentalSettingsField(['commType']),
		skipConcurrentField,
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const skipped = skippedWhenConcurrent(ctx, i);
		if (skipped) return skipped;
		const note = prepare(ctx, i);
		const request = { method: 'POST' as const, path: '/commlogs', body: note.body };
		// Commlogs GET needs PatNum before 25.1.13 (opendental-api.md §2.8): always sent.
		const result = await idempotentWrite(ctx, i, {
			request,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			find: () =>
				findInList(ctx, i, '/commlogs', { PatNum: note.patNum }, (c) =>
					note.referenceToken.startsWith('[out:')
						? String(c.Note ?? '').includes(note.referenceToken)
						: hasReferenceToken(c.Note, note.referenceToken),
				),
		});
		const written =
			result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { commlog: toCommlog((result.record ?? {}) as IDataObject) };
		return {
			created: result.created,
			outcome: result.outcome,
			referenceToken: note.referenceToken,
			patientId: String(note.patNum),
			...written,
			arrangement: note.arrangement,
		};
	},
};

/** The Source options with "From Patient Outreach" added. */
function withOutreachSource(
	fields: ReturnType<typeof sourceFields>,
): ReturnType<typeof sourceFields> {
	return fields.map((f) =>
		f.name === 'source' ? { ...f, options: [...(f.options ?? []), outreachSourceOption] } : f,
	);
}
