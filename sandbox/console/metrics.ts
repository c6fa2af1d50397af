// The three numbers a practice watches (domain.md §1), computed only from what reached the
// sandbox: CareCredit decisions, the PMS writes recorded by the core, the coordinator inbox and
// the Dentrix agreements staff edited. A case is matched to its writes by the reference token
// of domain.md §7 (`[cc:<applicationId>]`, or `[cc:<referenceId>]` for a cardholder).
import type { CareCreditState, Session } from '../careCredit';
import type { SandboxState } from '../core/types';
import type { DentrixState } from '../dentrix';

export interface CaseMetric {
	sessionId: string;
	patient: string;
	sessionStatus: string;
	token: string;
	decidedAt: string | null;
	/** First PMS write (Dentrix or Open Dental) carrying the token. */
	arrangedAt: string | null;
	/** First coordinator message naming the token or the application. */
	notifiedAt: string | null;
	minutesToArrangement: number | null;
	minutesToCoordinator: number | null;
	/** The same in seconds (to the millisecond), so a case that took 0.4 s does not read 0. */
	secondsToArrangement: number | null;
	secondsToCoordinator: number | null;
}

export interface PracticeNumbers {
	cases: CaseMetric[];
	timeToArrangement: { cases: number; medianMinutes: number | null; medianSeconds: number | null };
	caseAcceptance: { presented: number; approvedAndArranged: number; percent: number | null };
	ledgerCorrections: { automatedAgreements: number; editedByStaff: number; edits: number };
}

const APPROVED = ['Completed', 'AccountFound'];

export const tokenOf = (s: Session): string =>
	`[cc:${s.application?.applicationId ?? s.referenceId}]`;

const seconds = (from: string | null, to: string | null): number | null =>
	from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : null;
const minutes = (from: string | null, to: string | null): number | null => {
	const s = seconds(from, to);
	return s === null ? null : Math.round((s / 60) * 10) / 10;
};

function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function practiceNumbers(all: SandboxState): PracticeNumbers {
	const careCredit = all.careCredit as CareCreditState;
	const dentrix = all.dentrix as Partial<DentrixState>;
	const pmsWrites = all.writes
		.filter((w) => (w.service === 'dentrix' || w.service === 'openDental') && w.status < 300)
		.filter((w) => w.faulted !== 'before')
		.map((w) => ({ at: w.at, text: JSON.stringify(w.body ?? '') }));

	const cases = careCredit.sessions.map((s): CaseMetric => {
		const token = tokenOf(s);
		const approved = APPROVED.includes(s.status);
		const decision = careCredit.feed.find(
			(e) => e.sessionId === s.sessionId && e.sessionStatus === s.status && !e.repeatOf,
		);
		const decidedAt = approved ? (decision?.decidedAt ?? s.statusAt) : null;
		// JSON escapes nothing in a token, so it is found as written inside any body field.
		const arrangedAt = approved
			? (pmsWrites.find((w) => w.text.includes(token))?.at ?? null)
			: null;
		const names = [token, s.application?.applicationId, s.referenceId].filter(Boolean) as string[];
		const notifiedAt = approved
			? (all.notifications.find((n) => names.some((name) => n.text.includes(name)))?.at ?? null)
			: null;
		const applicant = s.applicants[0];
		return {
			sessionId: s.sessionId,
			patient: applicant ? `${applicant.firstName} ${applicant.lastName}` : '',
			sessionStatus: s.status,
			token,
			decidedAt,
			arrangedAt,
			notifiedAt,
			minutesToArrangement: minutes(decidedAt, arrangedAt),
			minutesToCoordinator: minutes(decidedAt, notifiedAt),
			secondsToArrangement: seconds(decidedAt, arrangedAt),
			secondsToCoordinator: seconds(decidedAt, notifiedAt),
		};
	});

	// A case is the treatment plan (invoiceNumber) when the prefill named one, else the session.
	const caseKey = (s: Session) => s.transactionInfo.invoiceNumber || s.sessionId;
	const presented = new Set(careCredit.sessions.map(caseKey));
	const arranged = new Set(
		careCredit.sessions.filter((s, i) => cases[i].arrangedAt !== null).map(caseKey),
	);
	const done = cases
		.filter((c) => c.arrangedAt && c.notifiedAt)
		.map((c) => Math.max(c.secondsToArrangement!, c.secondsToCoordinator!));
	const medianSeconds = median(done);

	const automated = (dentrix.paymentAgreements ?? []).filter((a) => a.createdBy === 'api');
	const staffEdits = automated.map((a) => a.edits.filter((e) => e.source === 'console').length);
	return {
		cases,
		timeToArrangement: {
			cases: done.length,
			medianMinutes: medianSeconds === null ? null : Math.round((medianSeconds / 60) * 10) / 10,
			medianSeconds,
		},
		caseAcceptance: {
			presented: presented.size,
			approvedAndArranged: arranged.size,
			percent: presented.size ? Math.round((arranged.size / presented.size) * 1000) / 10 : null,
		},
		ledgerCorrections: {
			automatedAgreements: automated.length,
			editedByStaff: staffEdits.filter((n) => n > 0).length,
			edits: staffEdits.reduce((a, b) => a + b, 0),
		},
	};
}
