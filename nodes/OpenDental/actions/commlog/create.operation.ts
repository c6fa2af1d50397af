import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkOpenDentalCommlog,
	hasReferenceToken,
	localDateTimeIn,
	ok,
	openDentalCommlogFromArrangement,
	typedText,
	type Result,
	type WireRequest,
} from '../../../../financing';
import { claimFromIncoming, wouldWrite, write, writeContext } from '../../../shared/write';
import { toCommlog } from '../../shapes';
import { writeOnce } from '../../transport';
import { arrangementFor, findOnPatient } from '../facts';
import { caseReferenceField, skipConcurrentField, testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { BY_HAND, objectParameter, sourceFields } from '../../../shared/parameters';
import { checkOutreachNote, outreachFields, outreachSourceOption } from './outreachSource';

type Request = WireRequest<object> & { token: string; patNum: string };

const NOT_WRITTEN = 'The commlog was not written';

/** The commlog as the contract's input: the arrangement's audit note, or a note typed by hand. */
function commlogInput(
	ctx: IExecuteFunctions,
	i: number,
): { input: Result<Record<string, unknown>>; prefix: string; arrangement: IDataObject | null } {
	const settings = readSettings(ctx, i);
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const view = arrangementFor(arrangement, writeContext(ctx), settings);
		return {
			input: view.ok ? ok(openDentalCommlogFromArrangement(view.value, settings)) : view,
			prefix: 'openDental.commlog',
			arrangement,
		};
	}
	const token = typedText(ctx.getNodeParameter('caseReference', i, ''));
	const typed = typedText(ctx.getNodeParameter('note', i, ''));
	return {
		input: ok({
			patNum: typedText(ctx.getNodeParameter('patNum', i, '')),
			referenceToken: token,
			note:
				typeof typed === 'string' &&
				typed !== '' &&
				typeof token === 'string' &&
				!hasReferenceToken(typed, token)
					? `${typed} ${token}`
					: typed,
			// The practice's local time, never the server's (docs/financing-domain.md §7).
			commDateTime: localDateTimeIn(ctx.getTimezone(), new Date()),
			commType: settings.commType ?? 'Financial',
			mode: 'None',
			sentOrReceived: 'Neither',
		}),
		prefix: '',
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
		// An outreach note is keyed by its outreach key (touch, task or consent key), found in the
		// commlog's Note as the case reference is found.
		const outreach = ctx.getNodeParameter('source', i) === 'outreach';
		const { input, prefix, arrangement } = outreach
			? { input: ok<Record<string, unknown>>({}), prefix: '', arrangement: null }
			: commlogInput(ctx, i);
		const held = claimFromIncoming(ctx, i);
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: () => {
				if (outreach) return checkOutreachNote(ctx, i, readSettings(ctx, i).commType ?? 'Misc');
				if (!input.ok) return input;
				const checked = checkOpenDentalCommlog(input.value, writeContext(ctx), prefix);
				return checked.ok
					? ok({
							...checked.value.request,
							token: String(input.value.referenceToken),
							patNum: String(input.value.patNum),
						})
					: checked;
			},
			// Commlogs GET needs PatNum before 25.1.13 (docs/opendental-api-notes.md §2.8): always sent.
			find: (request) =>
				findOnPatient(
					ctx,
					i,
					{ notWritten: NOT_WRITTEN, field: prefix ? `${prefix}.patNum` : 'patNum' },
					'/commlogs',
					{ PatNum: request.patNum },
					(c) =>
						outreach
							? String(c.Note ?? '').includes(request.token)
							: hasReferenceToken(c.Note, request.token),
				),
			claim: held.claim,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		return {
			created: result.created,
			outcome: result.outcome,
			...held.mark,
			referenceToken: result.request.token,
			patientId: result.request.patNum,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(result.request) }
				: { commlog: result.record ? toCommlog(result.record) : null }),
			arrangement,
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
