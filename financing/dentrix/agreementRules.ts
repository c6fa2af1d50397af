import {
	checkWindow,
	ledgerWindow,
	screenFields,
	WINDOWS,
	type Rule,
	type WriteContext,
} from '../contract';
import { addDays } from '../dates';
import { hasReferenceToken } from '../decision';
import { formatMoney } from '../money';
import { buildSchedule } from '../schedule';
import type {
	DentrixPaymentAgreementInput,
	dentrixPaymentAgreementShape,
} from './paymentAgreement';

export type Shape = typeof dentrixPaymentAgreementShape;

/** The rules of a Dentrix payment agreement (windows, cross-field, schedule, token, screen). */
export function agreementRules(context: WriteContext): Array<Rule<Shape>> {
	const [from, to] = ledgerWindow(context.today, WINDOWS.agreementAheadDays);
	return [
		{
			reads: ['agreementDate'],
			check: (a, report) =>
				checkWindow(
					report,
					'agreementDate',
					a.agreementDate,
					from,
					to,
					'the agreement date',
					context.today,
				),
		},
		{
			reads: ['agreementDate', 'firstPaymentDue'],
			check: (a, report) =>
				checkWindow(
					report,
					'firstPaymentDue',
					a.firstPaymentDue,
					a.agreementDate,
					addDays(a.agreementDate, WINDOWS.firstPaymentWithinDays),
					'the first payment (from the agreement date to a year after it)',
					context.today,
				),
		},
		{
			reads: ['downPaymentCents', 'totalAgreedAmountCents'],
			check: (a, report) => {
				if (a.downPaymentCents >= a.totalAgreedAmountCents)
					report(
						'downPaymentCents',
						'downPaymentNotBelowTotal',
						`the down payment ${formatMoney(a.downPaymentCents)} must be less than the total agreed amount (totalAgreedAmountCents, ${formatMoney(a.totalAgreedAmountCents)}); lower the down payment or raise the total`,
					);
			},
		},
		{
			reads: [
				'role',
				'annualFinanceChargeBasisPoints',
				'annualLateChargeBasisPoints',
				'minimumLateChargeCents',
				'sendStatements',
			],
			check: (a, report) => {
				if (a.role !== 'financingRecord') return;
				// The patient owes CareCredit, not the practice (docs/financing-domain.md §7).
				const charges =
					a.annualFinanceChargeBasisPoints +
					a.annualLateChargeBasisPoints +
					a.minimumLateChargeCents;
				if (charges !== 0)
					report(
						'annualFinanceChargeBasisPoints',
						'chargesOnFinancedCase',
						'finance and late charges (and the minimum late charge) must be 0 on a case CareCredit pays',
					);
				if (a.sendStatements)
					report(
						'sendStatements',
						'statementsOnFinancedCase',
						'a case CareCredit pays must not be billed on statements',
					);
			},
		},
		{
			reads: ['role', 'paymentAprBasisPoints', 'annualFinanceChargeBasisPoints'],
			check: (a, report) => {
				if (
					a.role === 'shortfallPlan' &&
					a.paymentAprBasisPoints !== a.annualFinanceChargeBasisPoints
				)
					report(
						'paymentAprBasisPoints',
						'aprMismatch',
						'an in-house plan is paid at its own finance charge: make it equal annualFinanceChargeBasisPoints',
					);
			},
		},
		{
			reads: [
				'totalAgreedAmountCents',
				'downPaymentCents',
				'paymentAmountCents',
				'numberOfPayments',
				'interval',
				'firstPaymentDue',
				'paymentAprBasisPoints',
			],
			check: (a, report) => scheduleRule(a, report),
		},
		{
			reads: ['note', 'referenceToken'],
			check: (a, report) => {
				if (!hasReferenceToken(a.note, a.referenceToken))
					report(
						'note',
						'referenceTokenMissing',
						`must carry the case reference ${a.referenceToken}, so the case is never written twice`,
					);
			},
		},
		{
			reads: [],
			check: (a, report) =>
				screenFields(report, context.today, {
					note: a.note,
					statementNote: a.statementNote,
					billingType: a.billingType,
				}),
		},
	];
}

/** The terms equal the schedule they build: N payments of P (last one smaller) pay off the total. */
function scheduleRule(
	a: DentrixPaymentAgreementInput,
	report: (f: string, c: string, m: string) => void,
) {
	const financed = a.totalAgreedAmountCents - a.downPaymentCents;
	if (financed <= 0) return;
	if (a.paymentAprBasisPoints === 0 && a.paymentAmountCents * a.numberOfPayments < financed) {
		report(
			'paymentAmountCents',
			'inconsistent',
			`${a.numberOfPayments} payments of ${formatMoney(a.paymentAmountCents)} do not cover ${formatMoney(financed)}`,
		);
		return;
	}
	const built = buildSchedule({
		principalCents: financed,
		aprBasisPoints: a.paymentAprBasisPoints,
		interval: a.interval,
		firstPaymentDate: a.firstPaymentDue,
		term: { paymentAmountCents: a.paymentAmountCents, maxNumberOfPayments: 600 },
		field: 'paymentAmountCents',
	});
	if (!built.ok) {
		for (const p of built.problems)
			report('paymentAmountCents', p.code, p.message.replace(/^[^:]*: /, ''));
	} else if (built.value.numberOfPayments !== a.numberOfPayments) {
		report(
			'schedule',
			'scheduleMismatch',
			`payments of ${formatMoney(a.paymentAmountCents)} pay off ${formatMoney(financed)} in ${built.value.numberOfPayments} payments (the last ${formatMoney(built.value.lastPaymentCents)}), not ${a.numberOfPayments}; change the number of payments or the payment`,
		);
	}
}
