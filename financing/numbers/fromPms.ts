import { findReferenceTokens } from '../decision';
import { centsFromWireOrNull } from '../money';

/**
 * What the wire mappers of both practice systems share (fromDentrix.ts, fromOpenDental.ts): which
 * notes are audit notes, and reading a service's loosely typed fields. A field that cannot be
 * read is left out (undefined), so the numbers' schemas list the record as unclassified instead
 * of guessing it.
 */
export type Wire = Record<string, unknown>;

export const asWire = (value: unknown): Wire =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Wire) : {};

export const list = (value: unknown): Wire[] => (Array.isArray(value) ? value.map(asWire) : []);

/** An id as the systems send it (text or a number); undefined when absent. */
export function wireId(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	return undefined;
}

/** Open Dental's "no key" is 0; an id otherwise. */
export const wireKey = (value: unknown): string | undefined => {
	const id = wireId(value);
	return id === '0' ? undefined : id;
};

export const wireText = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/** A time or date; Open Dental's empty date (0001-01-01) is null. */
export function wireTime(value: unknown): string | null | undefined {
	if (value === null || value === '') return null;
	if (typeof value !== 'string') return undefined;
	return value.startsWith('0001-01-01') ? null : value;
}

/** Dollars as a service sends them, in cents; null when unreadable (then not compared). */
export const wireCents = (value: unknown): number | null =>
	value === undefined || value === null || value === '' ? null : centsFromWireOrNull(value);

/** A percent (14.9) as basis points (1490); null when unreadable. */
export function wireBasisPoints(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : null;
}

export function wireCount(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The tokens of the other notes the package writes on the same case: the status notes and the
 * review note (`[cc:<session>.declined]`, `[cc:<session>.review]`, templates 2 and the Open
 * Dental decision template), and the case claim's notes (a live claim `.claim`, a run that stood
 * back `.stoodBack`, a lapsed claim rewritten by the run that took over `.takenOver`, a
 * payment's released claim `.posted`, a settled review `.resolved`,
 * docs/writers.md). They record no arrangement; the decision feed carries the status.
 */
const STATUS_NOTE_TOKEN =
	/\.(approved|declined|pending|callForAuth|expired|cancelled|error|review|claim|stoodBack|takenOver|posted|resolved)$/i;
// Outreach notes carry touch keys instead (`[out:recall:101:40:2]`, financing/outreach/keys.ts).
const OUTREACH_KEY = /\[\s*out\s*:/i;

/**
 * Whether a note is one the numbers read as an audit note: it carries a case's reference token,
 * or it speaks of CareCredit with no token at all (then it is listed as unclassified, never
 * tied to a case by guess). Status, review and outreach notes are not audit notes.
 */
export function isAuditNoteText(text: unknown): boolean {
	if (typeof text !== 'string' || OUTREACH_KEY.test(text)) return false;
	const tokens = findReferenceTokens(text);
	if (tokens.length) return tokens.some((t) => !STATUS_NOTE_TOKEN.test(t.id));
	return /carecredit/i.test(text);
}
