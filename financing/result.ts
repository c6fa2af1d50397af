import type { z } from 'zod/v3';

import { safeEcho } from './patientData';

/**
 * One error style for the whole domain: functions return a Result, bad data becomes a list of
 * problems (never an exception), and each problem names the field, a stable code and a
 * sentence a front-desk person can act on.
 */

export interface Problem {
	/** Dotted path of the offending input, e.g. `shortfallPlan.gracePeriodDays`. */
	field: string;
	/** Stable camelCase code for branching and tests, e.g. `minimumPurchaseNotMet`. */
	code: string;
	/** Plain-language explanation, prefixed with the field. */
	message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function ok<T>(value: T): Result<T> {
	return { ok: true, value };
}

export function fail<T = never>(...problems: Problem[]): Result<T> {
	return { ok: false, problems };
}

export function problem(field: string, code: string, message: string): Problem {
	return { field, code, message: `${field}: ${message}` };
}

/** Thrown only by the `...OrThrow` conveniences; carries the first problem and all of them. */
export class FinancingError extends Error {
	readonly field: string;
	readonly code: string;
	readonly problems: Problem[];

	constructor(problems: Problem[]) {
		const first = problems[0] ?? { field: '', code: 'unknown', message: 'unknown problem' };
		super(problems.map((p) => p.message).join('; '));
		this.name = 'FinancingError';
		this.field = first.field;
		this.code = first.code;
		this.problems = problems;
	}
}

/** Returns the value or throws a FinancingError with every problem. */
export function unwrap<T>(result: Result<T>): T {
	if (result.ok) return result.value;
	throw new FinancingError(result.problems);
}

/** Prefixes every problem's field (used when a sub-object is validated on its own). */
export function prefixProblems(prefix: string, problems: Problem[]): Problem[] {
	return problems.map((p) => {
		const field = p.field ? `${prefix}.${p.field}` : prefix;
		const message = p.message.startsWith(`${p.field}: `)
			? `${field}: ${p.message.slice(p.field.length + 2)}`
			: p.message;
		return { field, code: p.code, message };
	});
}

/** Turns zod issues into problems with plain-language messages (zod's own wording is for developers). */
export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
	return error.issues.map((issue) => {
		const path = [prefix, ...issue.path.map(String)].filter((s) => s !== '').join('.');
		const field = path === '' ? 'input' : path;
		return problem(field, zodCode(issue), zodMessage(issue));
	});
}

function zodCode(issue: z.ZodIssue): string {
	if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'required';
	if (issue.code === 'custom' && typeof issue.params?.code === 'string') return issue.params.code;
	return issue.code.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function zodMessage(issue: z.ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.received === 'undefined' || issue.received === 'null') return 'is required';
			if (!/^(Expected|Required)/.test(issue.message)) return issue.message;
			if (issue.expected === 'integer') return 'must be a whole number';
			return `must be a ${issue.expected}, not a ${issue.received}`;
		case 'invalid_enum_value':
			if (!issue.message.startsWith('Invalid enum value')) return issue.message;
			return `must be one of ${issue.options.join(', ')} (got ${safeEcho(issue.received)})`;
		case 'invalid_literal':
			return `must be ${safeEcho(issue.expected)}`;
		case 'too_small':
			if (issue.type === 'string' && !issue.message.startsWith('String must')) return issue.message;
			if (issue.type === 'string')
				return issue.minimum === 1
					? 'is required'
					: `is too short (at least ${issue.minimum} characters)`;
			if (issue.type === 'array')
				return `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
			return issue.message.startsWith('Number must be')
				? `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`
				: issue.message;
		case 'too_big':
			if (issue.type === 'string' && !issue.message.startsWith('String must')) return issue.message;
			if (issue.type === 'string') return `is too long (at most ${issue.maximum} characters)`;
			return issue.message.startsWith('Number must be')
				? `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
				: issue.message;
		case 'invalid_union_discriminator':
			return `must be one of ${issue.options.map(String).join(', ')}`;
		case 'unrecognized_keys':
			return `has fields this step does not know: ${issue.keys
				.slice(0, 5)
				.map((k) => safeEcho(k))
				.join(', ')}`;
		default:
			return issue.message;
	}
}
