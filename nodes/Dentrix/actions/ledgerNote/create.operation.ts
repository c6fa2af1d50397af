import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkDentrixLedgerNote,
	dentrixLedgerNoteFromArrangement,
	hasReferenceToken,
	typedText,
	type Result,
	type WriteContext,
} from '../../../../financing';
import { claimFromIncoming, wouldWrite, write, writeContext } from '../../../shared/write';
import { toLedgerNote } from '../../shapes';
import { findOnAccount, sentPath, writeOnce } from '../../transport';
import type { DentrixOperation } from '../types';
import { arrangementFor, checkWithAccount, guarantorOf, withReference } from '../facts';
import { BY_HAND, dateField, objectParameter, sourceFields } from '../../../shared/parameters';
import {
	caseReferenceField,
	guarantorIdField,
	patientIdField,
	skipConcurrentField,
	testModeField,
} from '../fields';

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
		skipConcurrentField,
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const context = writeContext(ctx);
		const { input, prefix, arrangement } = noteInput(ctx, i, context);
		const held = claimFromIncoming(ctx, i);
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
			find: (request) =>
				findOnAccount(ctx, i, request.path, { contains: request.token }, (n) =>
					hasReferenceToken(n.text, request.token),
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
			guarantorId: guarantorOf(result.request.path),
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite({ ...result.request, path: sentPath(result.request.path) }) }
				: { note: result.record ? toLedgerNote(result.record) : null }),
			arrangement,
		};
	},
};
