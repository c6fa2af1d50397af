import { parseLocalDate, type LocalDate } from '../dates';
import { localClockIn } from '../localTime';
import { formatMoney } from '../money';
import type { DateRange } from './stats';

/** How the digest and the console say dates, durations and shares. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 2": a local date as people write it. */
export function shortDate(date: LocalDate): string {
	const parsed = parseLocalDate(date);
	if (!parsed.ok) return String(date);
	const [, m, d] = date.split('-').map(Number);
	return `${MONTHS[m! - 1]} ${d}`;
}

/** "Mar 2 – 8, 2026", "Feb 23 – Mar 1, 2026", or one day. */
export function rangeLabel(range: DateRange): string {
	const year = range.to.slice(0, 4);
	if (range.from === range.to) return `${shortDate(range.from)}, ${year}`;
	const sameMonth = range.from.slice(0, 7) === range.to.slice(0, 7);
	const to = sameMonth ? String(Number(range.to.slice(8))) : shortDate(range.to);
	return `${shortDate(range.from)} – ${to}, ${year}`;
}

/** Minutes as a person says them: "45 min", "3 h 5 min", "2 d 4 h". */
export function minutesText(minutes: number | null): string {
	if (minutes === null || !Number.isFinite(minutes)) return '—';
	const m = Math.round(minutes);
	if (m < 60) return `${m} min`;
	if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
	const hours = Math.round(m / 60);
	return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export const percentText = (p: number | null): string => (p === null ? '—' : `${p}%`);

export function locationName(names: Record<string, string>, id: string | null): string {
	if (id === null) return 'No location';
	return names[id] ?? `Location ${id}`;
}

/** The practice-local day of an instant, as "Mar 2"; "—" for none. */
export function localDay(iso: string | null, timeZone: string): string {
	if (!iso) return '—';
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? '—' : shortDate(localClockIn(timeZone, at).date);
}

/** The compared fields of an arrangement, in words. */
export const TERM_WORDS: Record<string, string> = {
	totalCents: 'total',
	downPaymentCents: 'down payment',
	paymentCents: 'payment',
	numberOfPayments: 'number of payments',
	firstPaymentDate: 'first payment',
	interval: 'interval',
	aprBasisPoints: 'APR (basis points)',
};

/** Why a record could not be read, in words. */
export const UNCLASSIFIED_WORDS: Record<string, string> = {
	invalidRecord: 'unreadable record',
	noReferenceToken: 'note about CareCredit without a reference token',
	noDecisionForToken: 'reference token of no decision read',
	noRecordedTerms: 'arrangement whose audit note records no terms',
	editedBeyondRecognition: 'automated arrangement edited beyond recognition',
	appointmentWithoutProcedures: 'booked appointment of a financed patient with no procedures',
	unknownAppointmentStatus: 'appointment status not known',
	caseWithoutProcedures: 'approved case whose plan lists no procedures',
};

/** A change a staff correction made, in words: "payment $133.34 → $160.00". */
export function changeText(c: {
	field: string;
	recorded: string | number;
	current: string | number;
}) {
	const show = (v: string | number) =>
		typeof v === 'number' && c.field.endsWith('Cents') ? formatMoney(v) : String(v);
	return `${TERM_WORDS[c.field] ?? c.field} ${show(c.recorded)} → ${show(c.current)}`;
}
