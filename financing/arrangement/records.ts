import { addDays, type LocalDate } from '../dates';
import { estimatePayment, type PaymentEstimate } from '../estimate';
import { percentOf } from '../exact';
import type { Cents } from '../money';
import { fitNote, truncate } from '../notes';
import { choosePromotionalPlan, type ChosenPlan } from '../plans';
import { ok, type Result } from '../result';
import { buildSchedule, type PaymentSchedule } from '../schedule';
import type { Inputs } from './inputs';
import { careCreditPaymentNote, financingRecordNote, statementNoteFor } from './texts';
import type {
	BuildWritesOverrides,
	CareCreditPaymentWrite,
	DentrixPaymentAgreement,
	FinancingRecord,
	ShortfallPlan,
} from './types';

/** Step 2 of buildWrites: the promotional plan, the estimate and CareCredit's schedule. */
export interface Financing {
	amountFinancedCents: Cents;
	chosen: ChosenPlan;
	estimate: PaymentEstimate;
	firstDueDate: LocalDate;
	schedule: PaymentSchedule;
}

export function financingFor(input: Inputs): Result<Financing> {
	const { plan, policy, decision, agreementDate } = input;
	const amountFinanced = Math.min(input.approvedCents, plan.patientPortionCents);
	const chosen = choosePromotionalPlan(
		amountFinanced,
		policy.planCatalog,
		policy.promotionalPlanRule,
		decision.promotionalPlan,
		'financingRecord.promotionalPlan',
	);
	if (!chosen.ok) return chosen;
	const promo = chosen.value.plan;
	const estimated = estimatePayment(promo, amountFinanced, 'financingRecord.amountFinancedCents');
	if (!estimated.ok) return estimated;
	const firstDueDate = addDays(agreementDate, policy.financingRecord.firstDueDays);
	const schedule = buildSchedule({
		principalCents: amountFinanced,
		aprBasisPoints: estimated.value.aprBasisPoints,
		interval: 'monthly',
		firstPaymentDate: firstDueDate,
		term: { numberOfPayments: promo.months },
		field: 'financingRecord',
		rounding: 'halfUp', // CareCredit's schedule follows its calculator (estimate.ts)
	});
	if (!schedule.ok) return schedule;
	return ok({
		amountFinancedCents: amountFinanced,
		chosen: chosen.value,
		estimate: estimated.value,
		firstDueDate,
		schedule: schedule.value,
	});
}

export function financingRecordFor(input: Inputs, f: Financing): FinancingRecord {
	const promo = f.chosen.plan;
	return {
		patientId: input.plan.patientId,
		guarantorId: input.plan.guarantorId,
		amountFinancedCents: f.amountFinancedCents,
		promotionalPlan: {
			code: promo.code,
			label: promo.label,
			kind: promo.kind,
			months: promo.months,
			aprBasisPoints: promo.aprBasisPoints,
			merchantFeeBasisPoints: promo.merchantFeeBasisPoints,
			chosenBy: f.chosen.chosenBy,
		},
		monthlyPaymentCents: f.estimate.monthlyPaymentCents,
		minimumPaymentCents: f.estimate.minimumPaymentCents,
		termMonths: promo.months,
		firstDueDate: f.firstDueDate,
		estimate: f.estimate,
		schedule: f.schedule,
	};
}

/** Dentrix keeps one payment agreement per account (§7): the in-house plan, else the record. */
export function dentrixAgreementFor(
	input: Inputs,
	f: Financing,
	shortfall: ShortfallPlan | null,
	record: FinancingRecord | null,
): DentrixPaymentAgreement | null {
	const { policy, agreementDate, token } = input;
	if (shortfall) {
		return {
			role: 'shortfallPlan',
			guarantorId: shortfall.guarantorId,
			billingType: shortfall.billingType,
			agreementDate,
			interval: shortfall.interval,
			annualFinanceChargeBasisPoints: shortfall.annualFinanceChargeBasisPoints,
			annualLateChargeBasisPoints: shortfall.annualLateChargeBasisPoints,
			gracePeriodDays: shortfall.gracePeriodDays,
			minimumLateChargeCents: shortfall.minimumLateChargeCents,
			minimumBalanceToChargeCents: shortfall.minimumBalanceToChargeCents,
			totalAgreedAmountCents: shortfall.totalCents,
			downPaymentCents: shortfall.downPaymentCents,
			firstPaymentDue: shortfall.firstPaymentDate,
			paymentAmountCents: shortfall.paymentAmountCents,
			numberOfPayments: shortfall.numberOfPayments,
			note: shortfall.note,
			statementNote: statementNoteFor(shortfall, policy.notes.statementNoteMaxChars),
			sendStatements: true,
			schedule: shortfall.schedule,
		};
	}
	if (!record) return null;
	return {
		role: 'financingRecord',
		guarantorId: record.guarantorId,
		billingType: policy.financingRecord.billingType,
		agreementDate,
		interval: 'monthly',
		// Finance and late charges are 0: the patient owes CareCredit, not the practice (§7).
		annualFinanceChargeBasisPoints: 0,
		annualLateChargeBasisPoints: 0,
		gracePeriodDays: 0,
		minimumLateChargeCents: 0,
		minimumBalanceToChargeCents: 0,
		totalAgreedAmountCents: f.amountFinancedCents,
		downPaymentCents: 0,
		firstPaymentDue: f.firstDueDate,
		paymentAmountCents: f.estimate.monthlyPaymentCents,
		numberOfPayments: f.chosen.plan.months,
		note: fitNote(financingRecordNote(f), token, policy.notes.paymentAgreementNoteMaxChars),
		statementNote: truncate('Financed by CareCredit', policy.notes.statementNoteMaxChars),
		sendStatements: false,
		schedule: f.schedule,
	};
}

/** The CareCredit payment: gross (the purchase) or net (less the merchant fee), §7 item 1. */
export function careCreditPaymentFor(
	input: Inputs,
	f: Financing,
	overrides: BuildWritesOverrides,
): CareCreditPaymentWrite | null {
	const { policy, agreementDate, token, decision } = input;
	const cp = policy.careCreditPayment;
	// Posted only once the purchase is done: CareCredit pays the practice for a purchase, and
	// the purchase's transaction id is what keys the payment (never a second one for it).
	const purchase = decision.purchase ?? null;
	if (!policy.writes.careCreditPayment || cp.post === 'never' || !purchase) return null;
	const amount = f.amountFinancedCents;
	const fee =
		overrides.actualMerchantFeeCents ?? percentOf(amount, f.chosen.plan.merchantFeeBasisPoints);
	return {
		transactionId: purchase.transactionId,
		amountCents: cp.posting === 'net' ? amount - fee : amount,
		purchaseAmountCents: amount,
		merchantFeeCents: fee,
		merchantFeeSource:
			overrides.actualMerchantFeeCents === undefined ? 'catalogEstimate' : 'transaction',
		posting: cp.posting,
		feeAdjustmentCents: cp.posting === 'gross' && cp.merchantFeeAdjustment ? fee : null,
		paymentType: cp.paymentType,
		feeAdjustmentType: cp.feeAdjustmentType,
		paymentDate: agreementDate,
		note: fitNote(careCreditPaymentNote(f, cp.posting), token, policy.notes.paymentNoteMaxChars),
	};
}
