/**
 * The practice's three numbers (issue 15): time-to-arrangement, financed case acceptance and
 * ledger corrections, from plain records. See financing/README.md, "The practice's three numbers".
 */
export {
	practiceNumbers,
	practiceNumbersOptionsSchema,
	type PracticeNumbersOptions,
} from './practiceNumbers';
export type {
	Acceptance,
	CaseLine,
	CorrectionLine,
	Corrections,
	LocationNumbers,
	PeriodNumbers,
	PracticeNumbersReport,
} from './report';
export {
	applicationSchema,
	appointmentRecordSchema,
	arrangementSchema,
	auditNoteSchema,
	presentationSchema,
	type AppointmentInput,
	type ApplicationInput,
	type ArrangementInput,
	type AuditNoteInput,
	type PracticeRecords,
	type PresentationInput,
	type RecordKind,
	type UnclassifiedRecord,
} from './records';
export {
	arrangementTermsSchema,
	compareTerms,
	recordedTermsFromAuditNote,
	type ArrangementTerms,
	type RecordedTerms,
	type TermChange,
} from './terms';
export {
	durationStats,
	lastWeek,
	weeksEndingWith,
	type DateRange,
	type DurationStats,
} from './stats';
