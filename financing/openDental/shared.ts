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
	/** The procedure's fee (its production), in cents: a link may carry at most this. */
	feeCents: number;
}

/**
 * Read by the payment plan writer before its first write: the patient's guarantor
 * (`GET /patients/{PatNum}`, `Guarantor`), the plan's procedures (`GET /proctps` or
 * `/treatplanattaches` + `/procedurelogs`) and the family's PatNums (`GET /patients/Simple?Guarantor=`).
 */
export interface OpenDentalPlanFacts {
	accountGuarantorId: string;
	planProcedures: OpenDentalPlanProcedure[];
	familyPatNums: string[];
}

/** Each linked procedure is on the treatment plan, in the patient's family, within its fee. */
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
			if (link.amountCents > onPlan.feeCents)
				report(
					`${field}.${i}.amountCents`,
					'linkAboveProduction',
					`is more than the procedure's fee; a link cannot exceed its production`,
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
