import { findReferenceToken } from '../decision';
import {
	arrangementSchema,
	auditNoteSchema,
	type ArrangementRecord,
	type PracticeRecords,
	type UnclassifiedRecord,
} from './records';
import { earlier, type CorrectionState, type RecordReader } from './reader';
import { compareTerms, recordedTermsFromAuditNote, type RecordedTerms } from './terms';

/**
 * What the package wrote to the ledger: its audit notes (the earliest per reference token is
 * what automation recorded) and its arrangements, each compared with that record. A write
 * carrying the case's token marks the case arranged.
 */
export function readLedger(
	reader: RecordReader,
	records: PracticeRecords,
): { corrections: CorrectionState[]; auditNotes: number; arrangements: number } {
	const recorded = new Map<string, { terms: RecordedTerms; at: Date }>();
	const auditNotes = reader.each(records.auditNotes, auditNoteSchema, 'auditNote', (n, i) => {
		const writtenAt = reader.at(n.writtenAt, 'auditNote', i, 'writtenAt');
		if (!writtenAt) return;
		const token = findReferenceToken(n.text);
		if (!token) {
			reader.skip(
				'auditNote',
				i,
				n.noteId,
				'noReferenceToken',
				'the note carries no reference token, so it cannot be tied to a case',
			);
			return;
		}
		const key = reader.caseByToken.get(token.id);
		if (!key) {
			reader.skip(
				'auditNote',
				i,
				n.noteId,
				'noDecisionForToken',
				`no decision read for ${token.token}`,
			);
			return;
		}
		const c = reader.cases.get(key)!;
		c.arrangedAt = earlier(c.arrangedAt, writtenAt);
		c.locationId ??= n.locationId;
		const seen = recorded.get(token.id);
		if (!seen || writtenAt < seen.at)
			recorded.set(token.id, { terms: recordedTermsFromAuditNote(n.text), at: writtenAt });
	});

	const corrections: CorrectionState[] = [];
	const arrangements = reader.each(
		records.arrangements,
		arrangementSchema,
		'arrangement',
		(a, i) => {
			const createdAt = reader.at(a.createdAt, 'arrangement', i, 'createdAt');
			const removedAt = reader.at(a.removedAt, 'arrangement', i, 'removedAt');
			const editedAt = reader.at(a.lastStaffEditAt, 'arrangement', i, 'lastStaffEditAt');
			if (!createdAt || removedAt === undefined || editedAt === undefined) return;
			const token = findReferenceToken(a.note);
			if (!token) {
				// A staff-made arrangement is none of the numbers' business; an automated one that lost
				// its token can no longer be compared.
				if (a.createdBy === 'automation') {
					reader.skip(
						'arrangement',
						i,
						a.arrangementId,
						'editedBeyondRecognition',
						'written by automation, but its note no longer carries the reference token',
					);
				}
				return;
			}
			const key = reader.caseByToken.get(token.id);
			if (!key) {
				reader.skip(
					'arrangement',
					i,
					a.arrangementId,
					'noDecisionForToken',
					`no decision read for ${token.token}`,
				);
				return;
			}
			const c = reader.cases.get(key)!;
			c.arrangedAt = earlier(c.arrangedAt, createdAt);
			const correction = correctionOf(
				a,
				recorded.get(token.id)?.terms ?? null,
				removedAt ?? editedAt,
			);
			if ('reason' in correction) {
				reader.skip('arrangement', i, a.arrangementId, correction.reason, correction.text);
				return;
			}
			corrections.push({
				...correction,
				arrangementId: a.arrangementId,
				token: token.token,
				caseKey: key,
				patientId: a.patientId,
				locationId: c.locationId ?? a.locationId,
				createdAt,
			});
		},
	);
	return { corrections, auditNotes, arrangements };
}

function correctionOf(
	a: ArrangementRecord,
	recorded: RecordedTerms | null,
	correctedAt: Date | null,
):
	| Pick<CorrectionState, 'kind' | 'changes' | 'correctedAt'>
	| { reason: UnclassifiedRecord['reason']; text: string } {
	if (!a.current || a.removedAt) return { kind: 'removed', changes: [], correctedAt };
	const terms =
		a.kind === 'financingRecord'
			? recorded?.financingRecord
			: a.kind === 'shortfallPlan'
				? recorded?.shortfallPlan
				: (recorded?.shortfallPlan ?? recorded?.financingRecord);
	if (!terms)
		return {
			reason: 'noRecordedTerms',
			text: 'no audit note records the terms this arrangement was written with',
		};
	const { compared, changes } = compareTerms(terms, a.current);
	if (compared === 0)
		return {
			reason: 'editedBeyondRecognition',
			text: 'none of its terms can be compared with what the audit note records',
		};
	return {
		kind: changes.length ? 'changed' : null,
		changes,
		correctedAt: changes.length ? correctedAt : null,
	};
}
