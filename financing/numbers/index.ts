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
export { dentrixPracticeRecords, type DentrixNumbersWire } from './fromDentrix';
export { openDentalPracticeRecords, type OpenDentalNumbersWire } from './fromOpenDental';
export { isAuditNoteText } from './fromPms';
export {
	digestModel,
	renderDigest,
	type Digest,
	type DigestColumn,
	type DigestModel,
	type DigestOptions,
} from './digest';
export { numbersTableHtml, trendsHtml } from './digestHtml';
export {
	changeText,
	localDay,
	locationName,
	minutesText,
	percentText,
	rangeLabel,
	shortDate,
	TERM_WORDS,
	UNCLASSIFIED_WORDS,
} from './words';
export { LOOK_BACK_DAYS, numbersWindow, type NumbersWindow } from './window';
