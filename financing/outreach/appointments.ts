/**
 * Appointment statuses as the practice systems name them. Open Dental's `AptStatus`:
 * "Scheduled", "Complete", "UnschedList", "ASAP", "Broken", "Planned", "PtNote",
 * "PtNoteCompleted" (https://opendental.com/site/apiappointments.html); the Dentrix contract's
 * modeled statuses map onto the same few. Only a scheduled or completed appointment counts
 * as booked.
 */
export type AppointmentStatus =
	| 'scheduled'
	| 'complete'
	| 'unscheduled'
	| 'broken'
	| 'planned'
	| 'note';

const STATUS_WORDS: Record<string, AppointmentStatus> = {
	scheduled: 'scheduled',
	asap: 'scheduled',
	complete: 'complete',
	completed: 'complete',
	unschedlist: 'unscheduled',
	unscheduled: 'unscheduled',
	broken: 'broken',
	cancelled: 'broken',
	canceled: 'broken',
	noshow: 'broken',
	planned: 'planned',
	ptnote: 'note',
	ptnotecompleted: 'note',
};

/** The status, or null for one this package does not know. */
export function appointmentStatusOf(raw: unknown): AppointmentStatus | null {
	if (typeof raw !== 'string') return null;
	return (
		STATUS_WORDS[
			raw
				.trim()
				.toLowerCase()
				.replace(/[\s_-]/g, '')
		] ?? null
	);
}

export function isBooked(status: AppointmentStatus): boolean {
	return status === 'scheduled' || status === 'complete';
}
