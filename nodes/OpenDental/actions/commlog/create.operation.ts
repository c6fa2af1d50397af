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
import type { CaseClaim } from '../../../shared/claim';
import { caseKey, tokenPattern } from '../../../shared/claim';
import { doneIn, heldCaseKey, heldDecisionField } from '../../../shared/financedCase';
import { wouldWrite, write, writeContext } from '../../../shared/write';
import { openDentalClaim } from '../claim';
import { toCommlog } from '../../shapes';
import { openDentalRequest, writeOnce } from '../../transport';
import { arrangementFor, findOnPatient } from '../facts';
import { caseReferenceField, testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import {
	BY_HAND,
	claimLease,
	claimLeaseField,
	objectParameter,
	sourceFields,
} from '../../../shared/parameters';
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
		{ ...heldDecisionField, displayOptions: BY_HAND },
		claimLeaseField,
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		// An outreach note is keyed by its outreach key (touch, task or consent key), found in the
		// commlog's Note as the case reference is found; it is no case, so it takes no case claim.
		const outreach = ctx.getNodeParameter('source', i) === 'outreach';
		const { input, prefix, arrangement } = outreach
			? { input: ok<Record<string, unknown>>({}), prefix: '', arrangement: null }
			: commlogInput(ctx, i);
		// A commlog holding a case for review is written under the case's claim.
		const heldCase =
			ctx.getNodeParameter('source', i) === 'fields'
				? heldCaseKey(ctx.getNodeParameter('heldDecision', i, ''))
				: null;
		let claim: CaseClaim | null = null;
		try {
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
								: hasReferenceToken(c.Note, request.token) ||
									// Claimed just after another run finished the case: its audit note.
									(heldCase !== null &&
										claim !== null &&
										tokenPattern(heldCase).test(String(c.Note))),
					),
				// The commlog's own claim: it becomes the commlog itself (one commlog per case).
				claim: async (request) => {
					if (outreach) return 'go';
					const body = request.body as { commType?: string };
					claim = openDentalClaim(
						ctx,
						i,
						request.patNum,
						String(body.commType ?? 'Financial'),
						heldCase ?? caseKey(request.token) ?? request.token,
						claimLease(ctx, i),
					);
					const took = await claim.take(heldCase ? { done: doneIn(heldCase) } : {});
					// The review note of a case this execution already holds (its writer stopped at the
					// claim's deadline) turns that claim into the note: no deadline for this one rewrite.
					if (heldCase && claim.held?.already) claim.end();
					return took;
				},
				testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
				send: async (request, find) => {
					const held = (claim as CaseClaim | null)?.held;
					if (!held) return await writeOnce(ctx, request, find, { itemIndex: i });
					const { Note, CommDateTime } = request.body as IDataObject;
					const record = await openDentalRequest<IDataObject>(
						ctx,
						{ method: 'PUT', path: `/commlogs/${held.noteId}`, body: { Note, CommDateTime } },
						{ itemIndex: i },
					);
					return { record, created: true };
				},
			});
			if (result.outcome === 'alreadyWritten') await (claim as CaseClaim | null)?.standDown();
			const caseWritten =
				result.outcome === 'caseWritten' ||
				(heldCase !== null &&
					result.outcome === 'alreadyWritten' &&
					!hasReferenceToken(result.record?.Note, result.request.token));
			return {
				created: result.created,
				outcome: caseWritten ? 'caseWritten' : result.outcome,
				...(result.outcome === 'anotherRunIsWriting'
					? { heldByRun: (claim as CaseClaim | null)?.heldBy }
					: {}),
				...(result.mayHaveLanded ? { mayHaveLanded: true } : {}),
				referenceToken: result.request.token,
				patientId: result.request.patNum,
				...(result.outcome === 'testMode'
					? { wouldWrite: wouldWrite(result.request) }
					: { commlog: result.record ? toCommlog(result.record) : null }),
				arrangement,
			};
		} finally {
			(claim as CaseClaim | null)?.end();
		}
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
