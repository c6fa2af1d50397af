import { z } from 'zod/v3';

import type { FinancingDecision } from '../decision';
import { fail, ok, problem, zodProblems, type Result } from '../result';

/**
 * One place for each location (docs/templates.md, "One place for each location"): the entry of
 * the Practice settings' `locations` list a case belongs to, and the group's single policy with
 * that entry's override laid over it. A case that matches no entry is never guessed.
 */
const text = z.string().trim().optional().default('');
export const practiceLocationSchema = z.object({
	name: text,
	merchantNumber: text,
	pmsLocationId: z.union([z.string(), z.number()]).transform(String).optional().default(''),
	timeZone: text,
	coordinatorWebhookUrl: text,
	policyOverride: z.record(z.unknown()).optional().default({}),
});
export type PracticeLocation = z.output<typeof practiceLocationSchema>;

/**
 * The case's location: the entry whose `pmsLocationId` is the decision's practice-system
 * location, else the one whose `merchantNumber` the decision was made under; a list of one
 * entry without either id is the whole practice. `null` when the list is empty (the practice
 * does not use locations). No match is a problem naming what the case carried.
 */
export function locationFor(
	locations: unknown,
	decision: Pick<FinancingDecision, 'pms'> & { merchantNumber?: string | null },
): Result<PracticeLocation | null> {
	const list = z.array(practiceLocationSchema).safeParse(locations ?? []);
	if (!list.success) return fail(...zodProblems(list.error, 'locations'));
	const entries = list.data;
	if (entries.length === 0) return ok(null);
	const locationId = decision.pms?.locationId ? String(decision.pms.locationId) : '';
	const merchant = decision.merchantNumber ?? '';
	const found =
		(locationId && entries.find((e) => e.pmsLocationId === locationId)) ||
		(merchant && entries.find((e) => e.merchantNumber === merchant)) ||
		(entries.length === 1 && !entries[0]!.pmsLocationId && !entries[0]!.merchantNumber
			? entries[0]
			: undefined);
	if (found) return ok(found);
	const carried = [
		locationId ? `location id ${locationId}` : 'no location id',
		merchant ? `merchant number ending ${merchant.slice(-4)}` : 'no merchant number',
	].join(' and ');
	return fail(
		problem(
			'locations',
			'noMatchingLocation',
			`the case (${carried}) matches none of the ${entries.length} locations in the Practice settings; add the location (its pmsLocationId or merchantNumber) or correct the case`,
		),
	);
}

/** What travels with a case about its location: its name, ids and coordinator's channel. */
export function locationSummary(location: PracticeLocation) {
	return {
		name: location.name,
		merchantNumber: location.merchantNumber,
		pmsLocationId: location.pmsLocationId,
		timeZone: location.timeZone,
		coordinatorWebhookUrl: location.coordinatorWebhookUrl,
	};
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The group's policy with a location's override laid over it, section by section (lists replace). */
export function mergePolicy(
	group: Record<string, unknown>,
	override: Record<string, unknown>,
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...group };
	for (const [key, value] of Object.entries(override)) {
		const base = merged[key];
		merged[key] = isPlainObject(base) && isPlainObject(value) ? mergePolicy(base, value) : value;
	}
	return merged;
}
