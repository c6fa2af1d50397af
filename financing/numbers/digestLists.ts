import type { DigestModel } from './digest';
import { h3, listTable } from './digestParts';
import { changeText, localDay, locationName, minutesText, UNCLASSIFIED_WORDS } from './words';

/** The digest's lists: the cases that need a look, and the records the numbers could not read. */
export function needsALook(m: DigestModel): string {
	const look = m.report.needsALook;
	const where = (id: string | null) => locationName(m.names, id);
	const limit = m.listLimit;
	return [
		h3('Slowest to arrange'),
		listTable(
			['Case', 'Patient', 'Location', 'Time-to-arrangement'],
			look.slowest
				.slice(0, limit)
				.map((l) => [
					l.token ?? l.treatmentPlanId ?? '',
					l.patientId,
					where(l.locationId),
					minutesText(l.minutesToArrangement),
				]),
			'No case was arranged in the period.',
		),
		h3('Corrected by staff'),
		listTable(
			['Arrangement', 'Patient', 'Location', 'What changed'],
			look.corrected
				.slice(0, limit)
				.map((k) => [
					`${k.arrangementId} ${k.token}`,
					k.patientId,
					where(k.locationId),
					k.kind === 'removed' ? 'removed' : k.changes.map(changeText).join('; '),
				]),
			'No automated arrangement was corrected.',
		),
		h3('Approved but not booked'),
		listTable(
			['Case', 'Patient', 'Location', 'Approved'],
			look.approvedNotBooked
				.slice(0, limit)
				.map((l) => [
					l.token ?? l.treatmentPlanId ?? '',
					l.patientId,
					where(l.locationId),
					localDay(l.decidedAt, m.timeZone),
				]),
			'Every approved case is booked.',
		),
	].join('');
}

export function unclassified(m: DigestModel): string {
	const list = m.report.unclassified;
	if (!list.length) return '';
	const byReason = new Map<string, string[]>();
	for (const u of list)
		byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.id ?? `#${u.index ?? '?'}`]);
	const rows = [...byReason].map(([reason, ids]) => [
		UNCLASSIFIED_WORDS[reason] ?? reason,
		String(ids.length),
		ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : ''),
	]);
	return (
		h3(`Records the numbers could not read (${list.length})`) +
		listTable(['Reason', 'Count', 'Records'], rows, '')
	);
}
