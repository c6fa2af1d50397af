import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	findReferenceToken,
	hasReferenceToken,
	parseLocalDate,
	problem,
	todayIn,
	validateForDentrix,
	DENTRIX_LIMITS,
	type Problem,
} from '../../../../financing';
import { skippedWhenConcurrent } from '../../../shared/write';
import { toLedgerNote } from '../../shapes';
import type { DentrixOperation } from '../types';
import { findOnAccount, idempotentWrite, wouldWrite } from '../write';
import {
	BY_HAND,
	dateField,
	objectParameter,
	problemsError,
	sourceFields,
} from '../../../shared/parameters';
import {
	caseReferenceField,
	guarantorIdField,
	patientIdField,
	skipConcurrentField,
	testModeField,
} from '../fields';

interface PreparedNote {
	guarantorId: string;
	referenceToken: string;
	body: IDataObject;
	/** Passed on so the next writer (Payment: Post) takes the same arrangement. */
	arrangement: IDataObject | null;
}

function prepare(ctx: IExecuteFunctions, i: number): PreparedNote {
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const checked = validateForDentrix(arrangement, {
			today: todayIn(ctx.getTimezone(), new Date()),
		});
		if (!checked.ok)
			throw problemsError(ctx, i, 'The ledger note was not written', checked.problems);
		return {
			guarantorId: checked.value.guarantorId,
			referenceToken: String(arrangement.referenceToken),
			body: { ...checked.value.ledgerNote.body },
			arrangement,
		};
	}
	const problems: Problem[] = [];
	const token = String(ctx.getNodeParameter('caseReference', i)).trim();
	if (findReferenceToken(token)?.token !== token) {
		problems.push(problem('caseReference', 'invalid', 'must look like [cc:APP-123456]'));
	}
	const typed = String(ctx.getNodeParameter('text', i)).trim();
	const text = hasReferenceToken(typed, token) ? typed : `${typed} ${token}`.trim();
	if (typed === '') problems.push(problem('text', 'required', 'write the note'));
	if (text.length > DENTRIX_LIMITS.ledgerNote) {
		problems.push(
			problem(
				'text',
				'noteTooLong',
				`is ${text.length} characters with the reference; at most ${DENTRIX_LIMITS.ledgerNote} fit in Dentrix`,
			),
		);
	}
	// The practice's local date, never the server's UTC date (domain.md §7).
	const date =
		String(ctx.getNodeParameter('date', i, '')).trim() || todayIn(ctx.getTimezone(), new Date());
	const parsed = parseLocalDate(date, 'date');
	if (!parsed.ok) problems.push(...parsed.problems);
	if (problems.length > 0) throw problemsError(ctx, i, 'The ledger note was not written', problems);
	const guarantorId = String(ctx.getNodeParameter('guarantorId', i)).trim();
	return {
		guarantorId,
		referenceToken: token,
		body: {
			patientId: String(ctx.getNodeParameter('patientId', i, '')).trim() || guarantorId,
			date,
			text,
			kind: ctx.getNodeParameter('kind', i, 'guarantorNote') as string,
		},
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
		const skipped = skippedWhenConcurrent(ctx, i);
		if (skipped) return skipped;
		const note = prepare(ctx, i);
		const path = `/accounts/${encodeURIComponent(note.guarantorId)}/ledger-notes`;
		const request = { method: 'POST' as const, path, body: note.body };
		const result = await idempotentWrite(ctx, i, {
			request,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			find: () =>
				findOnAccount(ctx, i, path, { contains: note.referenceToken }, (n) =>
					hasReferenceToken(n.text, note.referenceToken),
				),
		});
		const base = {
			created: result.created,
			outcome: result.outcome,
			referenceToken: note.referenceToken,
			guarantorId: note.guarantorId,
		};
		const written =
			result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { note: toLedgerNote((result.record ?? {}) as IDataObject) };
		return { ...base, ...written, arrangement: note.arrangement };
	},
};
