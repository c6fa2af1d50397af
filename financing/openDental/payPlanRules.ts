import {
	checkAgreementDate,
	checkDownPayment,
	checkFirstPayment,
	checkSchedule,
} from '../termRules';
import { screenFields, type Rule, type WriteContext } from '../contract';
import { hasReferenceToken } from '../decision';
import { formatMoney } from '../money';
import type { openDentalPayPlanShape } from './payPlan';
import { intervalOf, simulateOpenDentalNote } from './shared';

type Shape = typeof openDentalPayPlanShape;

/** The rules of an Open Dental payment plan (windows, cross-field, schedule, token, screen). */
export function planRules(context: WriteContext): Array<Rule<Shape>> {
	const names = {
		agreementDate: 'payPlanDate',
		firstPaymentDate: 'firstPaymentDate',
		total: 'totalCents',
		totalLabel: 'plan total',
	};
	return [
		{
			reads: ['payPlanDate'],
			check: (p, report) => checkAgreementDate(report, names, p.payPlanDate, context, 0),
		},
		{
			reads: ['payPlanDate', 'firstPaymentDate'],
			check: (p, report) =>
				checkFirstPayment(
					report,
					names,
					{ agreementDate: p.payPlanDate, firstPaymentDate: p.firstPaymentDate },
					context,
				),
		},
		{
			reads: ['downPaymentCents', 'totalCents'],
			check: (p, report) => checkDownPayment(report, names, p),
		},
		{
			reads: ['dynamicPayPlanTPOption', 'downPaymentCents'],
			check: (p, report) => {
				// Treated as complete, the down payment is charged at once, before the links are set.
				if (p.dynamicPayPlanTPOption === 'TreatAsComplete' && p.downPaymentCents > 0)
					report(
						'dynamicPayPlanTPOption',
						'downPaymentBeforeOverride',
						'with TreatAsComplete the down payment is charged before the plan can be limited to the shortfall; use AwaitComplete or collect the down payment at the visit',
					);
			},
		},
		{
			reads: ['procNums', 'totalCents'],
			check: (p, report) => {
				const nums = p.procNums.map((l) => l.procNum);
				if (new Set(nums).size !== nums.length)
					report('procNums', 'duplicateProcedure', 'lists a procedure twice');
				const sum = p.procNums.reduce((s, l) => s + l.amountCents, 0);
				if (sum !== p.totalCents)
					report(
						'procNums',
						'linksDoNotSumToTotal',
						`the procedures' parts add up to ${formatMoney(sum)}, not the plan total ${formatMoney(p.totalCents)}`,
					);
			},
		},
		{
			reads: [
				'totalCents',
				'downPaymentCents',
				'aprBasisPoints',
				'chargeFrequency',
				'firstPaymentDate',
				'paymentAmountCents',
				'numberOfPayments',
				'payPlanDate',
			],
			check: (p, report) => {
				const interval = intervalOf(p.chargeFrequency);
				if (!interval) {
					report(
						'chargeFrequency',
						'frequencyNotBuilt',
						'this package builds Monthly, EveryOtherWeek or Weekly plans',
					);
					return;
				}
				checkSchedule(report, {
					agreementDate: p.payPlanDate,
					firstPaymentDate: p.firstPaymentDate,
					totalCents: p.totalCents,
					downPaymentCents: p.downPaymentCents,
					paymentAmountCents: p.paymentAmountCents,
					numberOfPayments: p.numberOfPayments,
					aprBasisPoints: p.aprBasisPoints,
					interval,
				});
			},
		},
		{
			reads: ['note', 'referenceToken', 'payPlanDate', 'totalCents', 'aprBasisPoints'],
			check: (p, report) => {
				const stored = simulateOpenDentalNote(
					p.note,
					p.payPlanDate,
					p.totalCents / 100,
					p.aprBasisPoints / 100,
				);
				if (!hasReferenceToken(stored, p.referenceToken))
					report(
						'note',
						'referenceTokenMissing',
						`must carry the reference ${p.referenceToken} in a form that survives Open Dental's note changes`,
					);
			},
		},
		{ reads: [], check: (p, report) => screenFields(report, context.today, { note: p.note }) },
	];
}
