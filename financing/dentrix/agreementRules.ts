import {
	checkAgreementDate,
	checkDownPayment,
	checkFirstPayment,
	checkSchedule,
} from '../termRules';
import { screenFields, WINDOWS, type Rule, type WriteContext } from '../contract';
import { hasReferenceToken } from '../decision';
import type { dentrixPaymentAgreementShape } from './paymentAgreement';

export type Shape = typeof dentrixPaymentAgreementShape;

/** The rules of a Dentrix payment agreement (windows, cross-field, schedule, token, screen). */
export function agreementRules(context: WriteContext): Array<Rule<Shape>> {
	const names = {
		agreementDate: 'agreementDate',
		firstPaymentDate: 'firstPaymentDue',
		total: 'totalAgreedAmountCents',
		totalLabel: 'total agreed amount',
	};
	return [
		{
			reads: ['agreementDate'],
			check: (a, report) =>
				checkAgreementDate(report, names, a.agreementDate, context, WINDOWS.agreementAheadDays),
		},
		{
			reads: ['agreementDate', 'firstPaymentDue'],
			check: (a, report) =>
				checkFirstPayment(
					report,
					names,
					{ agreementDate: a.agreementDate, firstPaymentDate: a.firstPaymentDue },
					context,
				),
		},
		{
			reads: ['downPaymentCents', 'totalAgreedAmountCents'],
			check: (a, report) =>
				checkDownPayment(report, names, {
					downPaymentCents: a.downPaymentCents,
					totalCents: a.totalAgreedAmountCents,
				}),
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
				'agreementDate',
			],
			check: (a, report) =>
				checkSchedule(report, {
					agreementDate: a.agreementDate,
					firstPaymentDate: a.firstPaymentDue,
					totalCents: a.totalAgreedAmountCents,
					downPaymentCents: a.downPaymentCents,
					paymentAmountCents: a.paymentAmountCents,
					numberOfPayments: a.numberOfPayments,
					aprBasisPoints: a.paymentAprBasisPoints,
					interval: a.interval,
				}),
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
