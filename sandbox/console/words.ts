// The practice's words for what the stand-ins store as codes: CareCredit session statuses,
// Dentrix record kinds, message channels, and durations a person reads at a glance.

/** CareCredit's session status (CareCreditWebStatus, docs/carecredit-api.md) in a few words. */
const CARECREDIT_STATUS: Record<string, [label: string, meaning: string]> = {
	Created: [
		'Waiting for the patient',
		'the application is prefilled; the patient has not finished it',
	],
	Pending: ['Pending', 'referred: CareCredit needs more time to decide'],
	PendingError: [
		'Pending, with an error',
		'CareCredit hit an error while the application was pending',
	],
	Completed: ['Approved', 'CareCredit opened a new account with a credit line'],
	AccountFound: [
		'Approved, existing cardholder',
		'the patient already has a CareCredit card with credit available',
	],
	Declined: ['Declined', 'CareCredit declined the application and tells the patient why'],
	CallForAuth: ['Call CareCredit', 'CareCredit asks the practice to call for authorization'],
	Expired: ['Expired', 'the patient did not finish within about 30 minutes'],
	ExpiredBatch: ['Expired', 'a prescreen result older than 60 days'],
	Cancelled: ['Cancelled', 'the application was cancelled'],
	CreatedError: ['Could not start', 'CareCredit could not open the application'],
	PreApproved: ['Prequalified', 'a prescreen found the patient likely to be approved'],
	AccountNotFoundQS: ['Not prequalified', 'a prescreen found no offer for the patient'],
	DupQS: ['Already prescreened', 'the patient was prescreened recently'],
	Unknown: ['Unknown', 'CareCredit reported an unknown status'],
	UnknownError: ['Error at CareCredit', 'CareCredit reported an error'],
	BatchError: ['Error at CareCredit', 'a batch prescreen failed'],
	ErrorAcknowledged: ['Error, acknowledged', 'an earlier error was acknowledged'],
};

export const careCreditStatus = (status: string): { label: string; meaning: string } => {
	const [label, meaning] = CARECREDIT_STATUS[status] ?? [
		status,
		'a status the console does not know',
	];
	return { label, meaning };
};

/** Statuses after which the patient has nothing left to do. */
export const APPROVED_STATUSES = ['Completed', 'AccountFound'];

const TITLE_CASE: Record<string, string> = {
	proposed: 'Proposed',
	accepted: 'Accepted',
	rejected: 'Not accepted',
	completed: 'Completed',
	active: 'Active',
	closed: 'Closed',
};
export const statusWord = (status: string): string => TITLE_CASE[status] ?? status;

export const NOTE_KIND: Record<string, string> = {
	guarantorNote: 'Account note',
	transactionNote: 'Transaction note',
	officeJournal: 'Office journal',
};

export const INTERVAL: Record<string, string> = {
	monthly: 'monthly',
	semiMonthly: 'twice a month',
	biWeekly: 'every two weeks',
	weekly: 'weekly',
};

/** Who keyed a record in: the automation through the API, or staff. */
export const enteredBy = (source: string): string =>
	source === 'api' ? 'n8n (automation)' : source === 'console' ? 'Staff' : source;

/** Message channels (`POST /hooks/{channel}`) by what the practice calls them. */
const CHANNELS: Record<string, string> = {
	coordinator: 'Coordinator',
	coordinators: 'Coordinator',
	review: 'Needs review',
	ops: 'Ops alert',
	patient: 'To the patient',
};
export const channelName = (channel: string): string => CHANNELS[channel] ?? `#${channel}`;

/** Messages to patients are shown apart from the staff inbox. */
export const isPatientChannel = (channel: string): boolean => /^patients?$/i.test(channel);

/** "0.4 s", "24 s", "2 min 10 s", "3 h 5 min", "2 d 4 h": elapsed time a person reads. */
export function duration(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
	const s = Math.max(0, seconds);
	if (s < 10) return `${Math.round(s * 10) / 10} s`;
	if (s < 59.5) return `${Math.round(s)} s`;
	const whole = Math.round(s);
	const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
		small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
	if (whole < 3600) return pair(Math.floor(whole / 60), 'min', whole % 60, 's');
	const minutes = Math.round(whole / 60);
	if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
	const hours = Math.round(minutes / 60);
	return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}
