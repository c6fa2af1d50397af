// The practice's three numbers on the console, computed by the one pure function the nodes call
// (financing/numbers, `practiceNumbers`) from what the sandbox holds: CareCredit's decision feed
// (as the CareCredit node reads it), and Dentrix's and Open Dental's records in their own wire
// shapes, read through the same mappers as Practice Numbers: Get. The same data gives the same
// figures as the node. Weeks are this week so far and the three before it, in the practice's zone.
import {
	dentrixPracticeRecords,
	localClockIn,
	mondayOf,
	openDentalPracticeRecords,
	practiceNumbers as compute,
	type PracticeNumbersReport,
	type PracticeRecords,
} from '../../financing';
import { decisionFromPullback, type Pullback } from '../../nodes/CareCredit/decision';
import type { SandboxState } from '../core/types';
import { agreementOut, planOut, type DentrixState } from '../dentrix';
import { principalOf, type OpenDentalState } from '../openDental';
import { LOCATION_SETUP } from '../seed/locations';

/** The decisions in the feed, each as the CareCredit node outputs it (repeats left out). */
function decisions(all: SandboxState, now: Date) {
	return all.careCredit.feed
		.filter((e) => !e.repeatOf)
		.map((e) => ({
			...decisionFromPullback((e.pullback ?? { sessionStatus: e.sessionStatus }) as Pullback, {
				sessionId: e.sessionId,
				referenceId: e.referenceId,
				decidedAt: e.decidedAt,
				now,
			}),
			merchantNumber: e.merchantNumber,
		}));
}

function dentrixRecords(dx: Partial<DentrixState> | undefined, decided: unknown[]) {
	if (!dx?.treatmentPlans) return {};
	return dentrixPracticeRecords(
		{
			treatmentPlans: dx.treatmentPlans.map((t) => planOut(dx as DentrixState, t)),
			ledgerNotes: dx.ledgerNotes,
			paymentAgreements: (dx.paymentAgreements ?? []).map(agreementOut),
			appointments: dx.appointments,
			financingBillingType: 'Third-Party Financing - No Statements',
		},
		decided,
	);
}

/** Open Dental rows in the API's field names; amounts in dollars as the API sends them. */
function openDentalRecords(
	od: Partial<OpenDentalState> | undefined,
	decided: Array<{ pms: { patientId: string; treatmentPlanId: string | null } }>,
) {
	if (!od?.procTPs) return {};
	const plans = new Set(decided.map((d) => `${d.pms.patientId}:${d.pms.treatmentPlanId}`));
	const patients = new Set(decided.map((d) => d.pms.patientId));
	const dollars = (cents: number) => cents / 100;
	return openDentalPracticeRecords({
		procTPs: od.procTPs.filter((p) => plans.has(`${p.PatNum}:${p.TreatPlanNum}`)),
		commlogs: od.commlogs,
		payPlans: (od.payPlans ?? [])
			.filter((p) => patients.has(String(p.PatNum)))
			.map((p) => ({
				...p,
				IsClosed: String(p.IsClosed),
				PayAmt: dollars(p.PayAmtCents),
				DownPayment: dollars(p.DownPaymentCents),
				NumberOfPayments: 0,
				principalAmount: dollars(principalOf(od as OpenDentalState, p.PayPlanNum)),
			})),
		appointments: od.appointments,
		procedures: (od.procedures ?? []).filter((p) => patients.has(String(p.PatNum))),
		proceduresOf: [...patients],
	});
}

/** The location names the console shows, by Dentrix location id and Open Dental ClinicNum. */
export const LOCATION_NAMES: Record<string, string> = Object.fromEntries(
	LOCATION_SETUP.flatMap((l) => {
		const name = l.name.replace(/^.* - /, '');
		return [
			[l.dentrixLocationId, name],
			[String(l.openDentalClinicNum), name],
		];
	}),
);

/** The plain records of everything the sandbox holds, both practice systems together. */
export function practiceRecords(all: SandboxState, now: Date): PracticeRecords {
	const decided = decisions(all, now);
	const dx = dentrixRecords(all.dentrix as Partial<DentrixState>, decided);
	const od = openDentalRecords(all.openDental as Partial<OpenDentalState>, decided);
	return {
		presentations: [...(dx.presentations ?? []), ...(od.presentations ?? [])],
		decisions: decided,
		auditNotes: [...(dx.auditNotes ?? []), ...(od.auditNotes ?? [])],
		arrangements: [...(dx.arrangements ?? []), ...(od.arrangements ?? [])],
		appointments: [...(dx.appointments ?? []), ...(od.appointments ?? [])],
	};
}

export function practiceNumbers(
	all: SandboxState,
	timeZone: string,
	now: Date,
): PracticeNumbersReport {
	const today = localClockIn(timeZone, now).date;
	const report = compute(
		practiceRecords(all, now),
		{ timeZone, period: { from: mondayOf(today), to: today } },
		now,
	);
	// The options are the console's own (a valid zone, a week): a failure here is a bug.
	if (!report.ok) throw new Error(report.problems.map((p) => p.message).join('; '));
	return report.value;
}
