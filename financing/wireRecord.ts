import { findReferenceToken } from './decision';
import { centsFromWire, type Cents } from './money';
import { safeEcho } from './patientData';
import { fail, ok, problem, type Problem, type Result } from './result';

/**
 * Reading a service's answer back into the domain: amounts to cents through `centsFromWire`,
 * ids to strings, the reference token found in the note. A malformed answer gives problems
 * (prefixed `response.`), never a crash and never a guessed amount.
 */
export class WireReader {
	readonly problems: Problem[] = [];
	private readonly body: Record<string, unknown>;

	constructor(body: unknown) {
		this.body =
			typeof body === 'object' && body !== null && !Array.isArray(body)
				? (body as Record<string, unknown>)
				: {};
		if (this.body !== body)
			this.problems.push(
				problem('response', 'notAnObject', `is not an object (got ${safeEcho(body)})`),
			);
	}

	/** An id (string or number) as a string; null when absent or 0. */
	id(key: string): string | null {
		const v = this.body[key];
		if (v === undefined || v === null || v === '' || v === 0) return null;
		if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)))
			return String(v);
		this.problems.push(
			problem(`response.${key}`, 'invalidId', `is not an id (got ${safeEcho(v)})`),
		);
		return null;
	}

	cents(key: string, required = true): Cents | null {
		const v = this.body[key];
		if (!required && (v === undefined || v === null || v === '')) return null;
		const parsed = centsFromWire(v, `response.${key}`);
		if (parsed.ok) return parsed.value;
		this.problems.push(...parsed.problems);
		return null;
	}

	text(key: string): string | null {
		const v = this.body[key];
		return typeof v === 'string' ? v : null;
	}

	number(key: string): number | null {
		const v = this.body[key];
		if (typeof v === 'number' && Number.isFinite(v)) return v;
		if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
		return null;
	}

	/** Open Dental's booleans travel as "true"/"false" (some examples use real booleans). */
	flag(key: string): boolean | null {
		const v = this.body[key];
		if (v === true || v === 'true') return true;
		if (v === false || v === 'false') return false;
		return null;
	}

	token(key: string): string | null {
		return findReferenceToken(this.body[key])?.token ?? null;
	}

	result<T>(value: T): Result<T> {
		return this.problems.length > 0 ? fail(...this.problems) : ok(value);
	}
}
