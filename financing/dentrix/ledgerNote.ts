import {
	byWriter,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	enumField,
	fail,
	idField,
	ledgerWindow,
	ok,
	referenceTokenField,
	screenFields,
	textField,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { hasReferenceToken } from '../decision';
import { accountPath, DENTRIX_LIMITS, guarantorRule, type DentrixAccountFacts } from './shared';

/**
 * Dentrix ledger note: `POST /accounts/{guarantorId}/ledger-notes` (docs/dentrix-api.md,
 * "Ledger notes"; note kinds are Dentrix's, docs/financing-domain.md §3). The case's audit note
 * goes here; a hand-written note takes the same check.
 */
export const dentrixLedgerNoteShape = {
	guarantorId: idField("the guarantor's Dentrix id"),
	patientId: idField("the patient's Dentrix id"),
	referenceToken: referenceTokenField(),
	date: dateField(),
	text: textField(DENTRIX_LIMITS.ledgerNote, 1),
	kind: enumField(['guarantorNote', 'transactionNote', 'officeJournal'] as const),
};
export type DentrixLedgerNoteInput = Values<typeof dentrixLedgerNoteShape>;
export type DentrixLedgerNoteBody = Pick<
	DentrixLedgerNoteInput,
	'patientId' | 'date' | 'text' | 'kind'
>;

type Shape = typeof dentrixLedgerNoteShape;

/** The check of a ledger note, for both roads; facts as for every Dentrix writer. */
export function checkDentrixLedgerNote(
	input: unknown,
	context: WriteContext,
	facts?: DentrixAccountFacts,
	prefix = '',
): Result<Checked<WireRequest<DentrixLedgerNoteBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const [from, to] = ledgerWindow(context.today);
	const rules: Array<Rule<Shape>> = [
		{
			reads: ['date'],
			check: (n, report) =>
				checkWindow(report, 'date', n.date, from, to, 'the note date', context.today),
		},
		{
			reads: ['text', 'referenceToken'],
			check: (n, report) => {
				if (!hasReferenceToken(n.text, n.referenceToken))
					report(
						'text',
						'referenceTokenMissing',
						`must carry the case reference ${n.referenceToken}`,
					);
			},
		},
		{ reads: [], check: (n, report) => screenFields(report, context.today, { text: n.text }) },
	];
	if (facts) rules.push(guarantorRule<Shape>(facts));
	const checked = checkShape(input, dentrixLedgerNoteShape, rules, prefix);
	if (!checked.ok) return checked;
	const n = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: accountPath(n.guarantorId, 'ledger-notes'),
			body: { patientId: n.patientId, date: n.date, text: n.text, kind: n.kind },
		},
		checkedByWriter: facts
			? []
			: [
					byWriter(
						`${prefix ? `${prefix}.` : ''}guarantorId`,
						"is the patient's account guarantor in Dentrix",
					),
				],
	});
}
