import type { z } from 'zod';

import { fail, ok, zodProblems, type Result } from './result';

/** Validates an input with a schema; problems carry `prefix` before each field. Never throws. */
export function parseWith<S extends z.ZodTypeAny>(
	schema: S,
	input: unknown,
	prefix: string,
): Result<z.output<S>> {
	const parsed = schema.safeParse(input);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, prefix));
}

/** Both values, or every problem of both (rules and input are checked together). */
export function both<A, B>(a: Result<A>, b: Result<B>): Result<[A, B]> {
	if (a.ok && b.ok) return ok([a.value, b.value]);
	return fail(...(a.ok ? [] : a.problems), ...(b.ok ? [] : b.problems));
}
