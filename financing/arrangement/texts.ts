import { formatInstantIn } from '../dates';
import { formatMoney } from '../money';
import {
	AUTOMATION_SIGNATURE,
	describeApr,
	describeCareCreditPayments,
	describePayments,
	fitNote,
	truncate,
} from '../notes';
import type { Inputs } from './inputs';
import type { Financing } from './records';
import type { Shortfall } from './shortfall';
import type { CareCreditPaymentWrite, ShortfallPlan } from './types';

/** Step 4 of buildWrites: the texts people read (notes and the coordinator message). */

function planName(f: Financing): string {
	const promo = f.chosen.plan;
	return `${promo.code} (${promo.label}${f.chosen.chosenBy === 'policy' ? ', chosen by practice policy' : ''})`;
}

export function financingTerms(f: Financing): string {
	return `CareCredit financed ${formatMoney(f.amountFinancedCents)} on ${planName(f)}; ${describeCareCreditPayments(f.estimate)}`;
}

export function shortfallTerms(sp: ShortfallPlan): string {
	return `In-house balance after CareCredit ${formatMoney(sp.totalCents)}: down payment ${formatMoney(sp.downPaymentCents)}, ${describePayments(sp.numberOfPayments, sp.paymentAmountCents, sp.lastPaymentCents, sp.interval, sp.firstPaymentDate)}, ${describeApr(sp.aprBasisPoints)}`;
}

export function financingRecordNote(f: Financing): string {
	return `${financingTerms(f)}, first due about ${f.firstDueDate}. Paid by CareCredit: do not bill.`;
}

export function careCreditPaymentNote(f: Financing, posting: 'gross' | 'net'): string {
	return `CareCredit ${f.chosen.plan.code} purchase ${formatMoney(f.amountFinancedCents)} (${posting})`;
}

export function statementNoteFor(sp: ShortfallPlan, max: number): string {
	return truncate(
		`Payment plan: ${describePayments(sp.numberOfPayments, sp.paymentAmountCents, sp.lastPaymentCents, sp.interval, sp.firstPaymentDate)}`,
		max,
	);
}

export function shortfallNote(input: Inputs, f: Financing, sp: ShortfallPlan): string {
	return fitNote(
		`${shortfallTerms(sp)}. ${financingTerms(f)}.`,
		input.token,
		input.policy.notes.paymentAgreementNoteMaxChars,
	);
}

/** The audit note: what was written, from which decision, by automation, with the token (§7). */
export function auditNoteFor(
	input: Inputs,
	now: Date,
	f: Financing,
	s: Shortfall,
	payment: CareCreditPaymentWrite | null,
): string {
	const { plan, decision, policy } = input;
	const promo = f.chosen.plan;
	const id =
		decision.accountKind === 'newApplication'
			? `application ${decision.applicationId}`
			: `cardholder reference ${decision.referenceId}`;
	const lines = [
		`${formatInstantIn(policy.timeZone, now)} CareCredit approved: ${id} for patient ${plan.patientId} (guarantor ${plan.guarantorId}), decided ${formatInstantIn(policy.timeZone, new Date(decision.decidedAt))}.`,
		`Promotional plan ${promo.code}: ${promo.label}${f.chosen.chosenBy === 'policy' ? ' (chosen by practice policy; CareCredit did not report one)' : ''}.`,
		`Approved ${formatMoney(input.approvedCents)}; patient portion ${formatMoney(plan.patientPortionCents)}; financed by CareCredit ${formatMoney(f.amountFinancedCents)}; ${describeCareCreditPayments(f.estimate)}, from about ${f.firstDueDate}.`,
		payment
			? `CareCredit payment ${formatMoney(payment.amountCents)} (${payment.posting}${payment.feeAdjustmentCents !== null ? `, merchant fee adjustment ${formatMoney(payment.feeAdjustmentCents)}` : ''}).`
			: 'No CareCredit payment posted by automation.',
		s.plan
			? `${shortfallTerms(s.plan)}.`
			: s.shortfallCents > 0
				? `Shortfall ${formatMoney(s.shortfallCents)} to collect at the visit; no in-house plan.`
				: 'No in-house balance.',
		`${AUTOMATION_SIGNATURE}.`,
	];
	return fitNote(lines.join(' '), input.token, policy.notes.ledgerNoteMaxChars);
}

export function coordinatorMessageFor(input: Inputs, f: Financing, s: Shortfall): string {
	const { plan, decision } = input;
	const promo = f.chosen.plan;
	// In the coordinator's words: the patient's name, and CareCredit's own number for the case
	// (what CareCredit asks for on the phone); no practice-system ids, no reference token.
	const person = plan.patientName ?? 'the patient';
	const careCreditNumber =
		decision.accountKind === 'newApplication'
			? `CareCredit application ${decision.applicationId}`
			: `CareCredit account reference ${decision.referenceId}`;
	const owes = s.plan
		? ` In-house: ${s.collectAtVisitCents > 0 ? `collect ${formatMoney(s.collectAtVisitCents)} down today, then ` : ''}${describePayments(s.plan.numberOfPayments, s.plan.paymentAmountCents, s.plan.lastPaymentCents, s.plan.interval, s.plan.firstPaymentDate)}.`
		: s.collectAtVisitCents > 0
			? ` Collect ${formatMoney(s.collectAtVisitCents)} at the visit.`
			: ' Nothing more to collect.';
	const e = f.estimate;
	const monthly =
		e.minimumPaymentCents > e.monthlyPaymentCents
			? `at least ${formatMoney(e.minimumPaymentCents)}/month to CareCredit (its minimum payment)`
			: `about ${formatMoney(e.monthlyPaymentCents)}/month to CareCredit`;
	return `CareCredit approved ${person}: ${formatMoney(f.amountFinancedCents)} financed on ${promo.code} (${promo.label}), ${monthly}.${owes} Please book the appointment. ${careCreditNumber}.`;
}
