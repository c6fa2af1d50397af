import { addDays } from '../dates';
import { instantAtLocal, localClockIn, parseClockTime, weekdayOf } from '../localTime';
import type { OutreachPolicy } from './policy';

type SendTimes = Pick<OutreachPolicy, 'timeZone' | 'sendWindow' | 'sendDays'>;

/** Whether an instant falls inside the send window on a send day, in the practice's zone. */
export function isSendTime(policy: SendTimes, instant: Date): boolean {
	const clock = localClockIn(policy.timeZone, instant);
	const start = parseClockTime(policy.sendWindow.start)!;
	const end = parseClockTime(policy.sendWindow.end)!;
	return (
		policy.sendDays.includes(weekdayOf(clock.date)) && clock.minutes >= start && clock.minutes < end
	);
}

/**
 * The earliest instant at or after `from` when a message may go out: `from` itself inside the
 * window, else the next window's start on a send day (quiet hours wait, they never drop a
 * message). `deferred` says the send was moved.
 */
export function nextSendTime(policy: SendTimes, from: Date): { at: Date; deferred: boolean } {
	if (isSendTime(policy, from)) return { at: from, deferred: false };
	const start = parseClockTime(policy.sendWindow.start)!;
	const today = localClockIn(policy.timeZone, from).date;
	for (let d = 0; d <= 8; d++) {
		const date = addDays(today, d);
		if (!policy.sendDays.includes(weekdayOf(date))) continue;
		const at = instantAtLocal(policy.timeZone, date, start);
		// A window start skipped by a daylight-saving change may land outside the window.
		if (at.getTime() > from.getTime() && isSendTime(policy, at)) return { at, deferred: true };
	}
	// Unreachable with at least one send day: a week always holds its next window.
	return { at: from, deferred: false };
}
