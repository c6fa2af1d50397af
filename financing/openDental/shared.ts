import { safeEcho, type Report } from '../contract';
import type { PaymentInterval } from '../schedule';

/**
 * Open Dental's public REST API (https://www.opendental.com/site/apispecification.html):
 * keys are numbers ("PatNum 101"), booleans travel as "true"/"false", dates as yyyy-MM-dd.
 */

/** ChargeFrequency values (https://www.opendental.com/site/apipayplans.html, PayPlans POST Dynamic). */
export const OPEN_DENTAL_CHARGE_FREQUENCIES = [
	'Weekly',
	'EveryOtherWeek',
	'Monthly',
	'Quarterly',
	'OrdinalWeekday',
] as const;
export type OpenDentalChargeFrequency = (typeof OPEN_DENTAL_CHARGE_FREQUENCIES)[number];

/** Our interval → Open Dental ChargeFrequency; semi-monthly has no equivalent (null). */
export function toOpenDentalChargeFrequency(
	interval: PaymentInterval,
): OpenDentalChargeFrequency | null {
	switch (interval) {
		case 'monthly':
			return 'Monthly';
		case 'biWeekly':
			return 'EveryOtherWeek';
		case 'weekly':
			return 'Weekly';
		default:
			return null;
	}
}

/** The frequencies whose schedule this package can build, back to its interval. */
export function intervalOf(frequency: OpenDentalChargeFrequency): PaymentInterval | null {
	return frequency === 'Monthly'
		? 'monthly'
		: frequency === 'EveryOtherWeek'
			? 'biWeekly'
			: frequency === 'Weekly'
				? 'weekly'
				: null;
}

/** Open Dental numbers are never coerced: "101" is PatNum 101; "101.0", "1e2", " 101" are not. */
export const openDentalNumber = (id: string): number => Number(id);

/**
 * What Open Dental does to a plan's Note: it prepends the terms and outputs line breaks as spaces
 * (apipayplans.html, apiimplementation.html "Data Types"). Used to prove the token survives.
 */
export function simulateOpenDentalNote(
	note: string,
	agreementDate: string,
	totalDollars: number,
	apr: number,
): string {
	const [y, m, d] = agreementDate.split('-');
	const us = `${m}/${d}/${y}`;
	const terms = `${us} - Date of Agreement: ${us}, Total Amount: ${totalDollars.toFixed(2)}, APR: ${apr}, Total Cost of Loan: ${totalDollars.toFixed(2)}, `;
	return `${terms}${note}`.replace(/\r\n|\r|\n/g, ' ');
}

/** A procedure on the treatment plan, as the writer read it from Open Dental. */
export interface OpenDentalPlanProcedure {
	/** ProcNum, as text of digits. */
	procNum: string;
	/** The patient the procedure belongs to. */
	patNum: string;
	/**
	 * Its remaining production in cents: what a plan link carries with no AmountOverride, and the
	 * most an override may carry ("Cannot exceed amount remaining on the production",
	 * https://www.opendental.com/site/apipayplanlinks.html).
	 */
	productionCents: number;
}

/**
 * Read by the payment plan writer before its first write: the patient's guarantor
 * (`GET /patients/{PatNum}`, `Guarantor`), the plan's procedures with their remaining production
 * (`GET /proctps`: the patient amount of a signed plan; or `/treatplanattaches` + `/procedurelogs`:
 * the fee) and the family's PatNums (the patient and the guarantor: a treatment plan holds only
 * its patient's procedures).
 */
export interface OpenDentalPlanFacts {
	accountGuarantorId: string;
	planProcedures: OpenDentalPlanProcedure[];
	familyPatNums: string[];
}

/** One procedure's part of a plan; `override` when the part is less than its production. */
export interface PlanPart {
	procNum: string;
	amountCents: number;
	override: boolean;
}

/**
 * The fewest procedures whose remaining production covers `totalCents`, and each one's part: the
 * smallest single procedure that covers it, else the largest ones in turn; only the last part
 * can be less than its production (one AmountOverride at most). Null when all together fall short.
 */
export function choosePlanParts(
	totalCents: number,
	procedures: ReadonlyArray<{ procNum: string; productionCents: number }>,
): PlanPart[] | null {
	const usable = procedures.filter((p) => p.productionCents > 0);
	const single = usable
		.filter((p) => p.productionCents >= totalCents)
		.sort((a, b) => a.productionCents - b.productionCents)[0];
	if (single)
		return [
			{
				procNum: single.procNum,
				amountCents: totalCents,
				override: totalCents < single.productionCents,
			},
		];
	const parts: PlanPart[] = [];
	let left = totalCents;
	for (const p of [...usable].sort((a, b) => b.productionCents - a.productionCents)) {
		if (left <= 0) break;
		const amountCents = Math.min(left, p.productionCents);
		parts.push({ procNum: p.procNum, amountCents, override: amountCents < p.productionCents });
		left -= amountCents;
	}
	return left > 0 ? null : parts;
}

/** Each linked procedure is on the treatment plan, in the patient's family, within its production. */
export function checkProcedures(
	report: Report,
	field: string,
	links: ReadonlyArray<{ procNum: string; amountCents: number }>,
	facts: OpenDentalPlanFacts,
): void {
	const family = new Set(facts.familyPatNums);
	links.forEach((link, i) => {
		const onPlan = facts.planProcedures.find((p) => p.procNum === link.procNum);
		if (!onPlan) {
			report(
				`${field}.${i}.procNum`,
				'procedureNotOnPlan',
				`procedure ${safeEcho(link.procNum)} is not on the treatment plan`,
			);
		} else {
			if (!family.has(onPlan.patNum))
				report(
					`${field}.${i}.procNum`,
					'procedureOutsideFamily',
					`procedure ${safeEcho(link.procNum)} belongs to a patient outside the family`,
				);
			if (link.amountCents > onPlan.productionCents)
				report(
					`${field}.${i}.amountCents`,
					'linkAboveProduction',
					"is more than the procedure's remaining production; a link cannot exceed it",
				);
		}
	});
}

/** The guarantor written is the patient's guarantor in Open Dental, compared exactly. */
export function checkGuarantor(
	report: Report,
	field: string,
	guarantor: string,
	facts: { accountGuarantorId: string },
): void {
	if (guarantor !== facts.accountGuarantorId)
		report(
			field,
			'guarantorMismatch',
			`${safeEcho(guarantor)} is not the patient's guarantor; Open Dental says the guarantor is ${safeEcho(facts.accountGuarantorId)}`,
		);
}
