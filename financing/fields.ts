import { parseMoney } from './money';
import { safeEcho } from './patientData';
import { fail, ok, problem, type Problem, type Result } from './result';

/**
 * Converters for fields a person types in a node's "Define Below" form, before the contract's
 * check: dollars to cents, percents to basis points, text trimmed. Each converter reports the
 * typed field's own name; whatever it does not convert is passed on for the check to judge.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trimmed text; anything that is not text is passed on unchanged (the check names it). */
export function typedText(value: unknown): unknown {
	return typeof value === 'string' ? value.trim() : value;
}

/** Dollars typed by a person to cents; empty is `fallback` when one is given. */
export function typedCents(
	value: unknown,
	field: string,
	problems: Problem[],
	options: { fallback?: number | null; allowZero?: boolean; allowNegative?: boolean } = {},
): number | null {
	const empty =
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	if (empty && options.fallback !== undefined) return options.fallback;
	const parsed = parseMoney(value, field, {
		allowZero: options.allowZero ?? true,
		allowNegative: options.allowNegative ?? false,
	});
	if (parsed.ok) return parsed.value;
	problems.push(...parsed.problems);
	return null;
}

/** A percent (14.9, "14.90") to basis points exactly; at most two decimals, 0 to 100. */
export function percentToBasisPoints(value: unknown, field: string): Result<number> {
	if (value === undefined || value === null || value === '') return ok(0);
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	const match = typeof text === 'string' ? /^(\d{1,3})(?:\.(\d+))?$/.exec(text.trim()) : null;
	const fraction = match?.[2] ?? '';
	if (!match || /[1-9]/.test(fraction.slice(2))) {
		return fail(
			problem(
				field,
				'invalidPercent',
				`${safeEcho(value)} is not a percent from 0 to 100 with at most 2 decimals (e.g. 14.90)`,
			),
		);
	}
	const bp = Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
	if (bp > 10_000) return fail(problem(field, 'invalidPercent', 'must be at most 100%'));
	return ok(bp);
}

/** A whole number typed in a number field or as text ("12"); anything else is passed on. */
export function typedWhole(value: unknown): unknown {
	if (typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value)) return Number(value);
	return value;
}
