import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkDentrixLedgerNote,
	dentrixLedgerNoteFromArrangement,
	hasReferenceToken,
	typedText,
	type Result,
	type WriteContext,
} from '../../../../financing';
import { caseKey, tokenPattern, type CaseClaim } from '../../../shared/claim';
import { doneIn, heldCaseKey, heldDecisionField } from '../../../shared/financedCase';
import { wouldWrite, write, writeContext } from '../../../shared/write';
import { toLedgerNote } from '../../shapes';
import { dentrixRead, findOnAccount, sentPath, writeOnce } from '../../transport';
import { dentrixClaim } from '../claim';
import type { DentrixOperation } from '../types';
import { arrangementFor, checkWithAccount, guarantorOf, withReference } from '../facts';
import {
	BY_HAND,
	claimLease,
	claimLeaseField,
	dateField,
	objectParameter,
	sourceFields,
} from '../../../shared/parameters';
import { caseReferenceField, guarantorIdField, patientIdField, testModeField } from '../fields';

/** The note as the contract's input: from the arrangement's audit note, or typed by hand. */
function noteInput(
	ctx: IExecuteFunctions,
	i: number,
	context: WriteContext,
): { input: Result<unknown>; prefix: string; arrangement: IDataObject | null } {
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const view = arrangementFor(arrangement, context);
		return {
			input: view.ok ? { ok: true, value: dentrixLedgerNoteFromArrangement(view.value) } : view,
			prefix: 'ledgerNote',
			arrangement,
		};
	}
	const get = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, i, fallback);
	const guarantorId = typedText(get('guarantorId'));
	const patientId = typedText(get('patientId'));
	const token = typedText(get('caseReference'));
	const date = typedText(get('date'));
	return {
		input: {
			ok: true,
			value: {
				guarantorId,
				patientId: patientId === '' ? guarantorId : patientId,
				referenceToken: token,
				date: date === '' ? context.today : date,
				text: withReference(get('text'), token),
				kind: get('kind', 'guarantorNote'),
			},
		},
		prefix: '',
		arrangement: null,
	};
}

export const createLedgerNote: DentrixOperation = {
	resource: 'ledgerNote',
	value: 'create',
	name: 'Create',
	action: 'Create a ledger note',
	description: "Write the case's audit note on the guarantor's account, once",
	properties: [
		...sourceFields(
			"The audit note of the Payment Arrangement node's item",
			'A note written by hand',
			'The arrangement the Payment Arrangement node built, or the output of Payment Agreement: Create',
		),
		{ ...guarantorIdField, displayOptions: BY_HAND },
		{ ...patientIdField, displayOptions: BY_HAND },
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: 'At most 2000 characters; never a tax ID or date of birth',
			displayOptions: BY_HAND,
		},
		{ ...caseReferenceField, displayOptions: BY_HAND },
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'guarantorNote',
			displayOptions: BY_HAND,
			options: [
				{ name: 'Guarantor Note', value: 'guarantorNote' },
				{ name: 'Office Journal', value: 'officeJournal' },
				{ name: 'Transaction Note', value: 'transactionNote' },
			],
		},
		{ ...dateField, displayOptions: BY_HAND },
		{ ...heldDecisionField, displayOptions: BY_HAND },
		claimLeaseField,
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const context = writeContext(ctx);
		const { input, prefix, arrangement } = noteInput(ctx, i, context);
		// A note holding a case for review is written under the case's claim.
		const heldCase =
			ctx.getNodeParameter('source', i) === 'fields'
				? heldCaseKey(ctx.getNodeParameter('heldDecision', i, ''))
				: null;
		let claim: CaseClaim | null = null;
		try {
			const result = await write(ctx, i, {
				notWritten: 'The ledger note was not written',
				check: async () => {
					if (!input.ok) return input;
					const note = input.value as { patientId: string; referenceToken: string };
					const checked = await checkWithAccount(ctx, i, note.patientId, prefix, (facts) =>
						checkDentrixLedgerNote(note, context, facts, prefix),
					);
					return checked.ok
						? { ok: true, value: { ...checked.value.request, token: note.referenceToken } }
						: checked;
				},
				find: async (request) =>
					(await findOnAccount(ctx, i, request.path, { contains: request.token }, (n) =>
						hasReferenceToken(n.text, request.token),
					)) ??
					(heldCase && claim
						? // Claimed just after another run finished the case: its audit note is there.
							await findOnAccount(ctx, i, request.path, { contains: `[cc:${heldCase}]` }, (n) =>
								tokenPattern(heldCase).test(String(n.text)),
							)
						: null),
				// The note's own claim: it becomes the note itself (one note per case).
				claim: async (request) => {
					const body = request.body as { patientId: string; date: string };
					claim = dentrixClaim(
						ctx,
						i,
						{ guarantorId: guarantorOf(request.path), patientId: body.patientId, date: body.date },
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
					const { text, kind, date } = request.body as IDataObject;
					const record = await dentrixRead<IDataObject>(
						ctx,
						{ method: 'PUT', path: `${request.path}/${held.noteId}`, body: { text, kind, date } },
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
					!hasReferenceToken(result.record?.text, result.request.token));
			return {
				created: result.created,
				outcome: caseWritten ? 'caseWritten' : result.outcome,
				...(result.outcome === 'anotherRunIsWriting'
					? { heldByRun: (claim as CaseClaim | null)?.heldBy }
					: {}),
				...(result.mayHaveLanded ? { mayHaveLanded: true } : {}),
				referenceToken: result.request.token,
				guarantorId: guarantorOf(result.request.path),
				...(result.outcome === 'testMode'
					? { wouldWrite: wouldWrite({ ...result.request, path: sentPath(result.request.path) }) }
					: { note: result.record ? toLedgerNote(result.record) : null }),
				arrangement,
			};
		} finally {
			(claim as CaseClaim | null)?.end();
		}
	},
};
