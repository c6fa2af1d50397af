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
import type { openDentalPayPlanShape } from './payPlan';
import { intervalOf, simulateOpenDentalNote } from './shared';

type Shape = typeof openDentalPayPlanShape;

/** The rules of an Open Dental payment plan (windows, cross-field, schedule, token, screen). */
export function planRules(context: WriteContext): Array<Rule<Shape>> {
	const [from, to] = ledgerWindow(context.today);
	return [
		{
			reads: ['payPlanDate'],
			check: (p, report) =>
				checkWindow(
					report,
					'payPlanDate',
					p.payPlanDate,
					from,
					to,
					'the agreement date',
					context.today,
				),
		},
		{
			reads: ['payPlanDate', 'firstPaymentDate'],
			check: (p, report) =>
				checkWindow(
					report,
					'firstPaymentDate',
					p.firstPaymentDate,
					p.payPlanDate,
					addDays(p.payPlanDate, WINDOWS.firstPaymentWithinDays),
					'the first payment (from the agreement date to a year after it)',
					context.today,
				),
		},
		{
			reads: ['downPaymentCents', 'totalCents'],
			check: (p, report) => {
				if (p.downPaymentCents >= p.totalCents)
					report(
						'downPaymentCents',
						'downPaymentNotBelowTotal',
						`the down payment ${formatMoney(p.downPaymentCents)} must be less than the plan total (totalCents, ${formatMoney(p.totalCents)})`,
					);
			},
		},
		{
			reads: ['aprBasisPoints', 'isLocked'],
			check: (p, report) => {
				if (p.aprBasisPoints > 0 && !p.isLocked)
					report(
						'isLocked',
						'lockRequiredWithApr',
						'must be true when the plan has an APR above 0 (Open Dental rule)',
					);
			},
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
				if (p.downPaymentCents >= p.totalCents) return;
				const built = buildSchedule({
					principalCents: p.totalCents - p.downPaymentCents,
					aprBasisPoints: p.aprBasisPoints,
					interval,
					firstPaymentDate: p.firstPaymentDate,
					term: { paymentAmountCents: p.paymentAmountCents, maxNumberOfPayments: 600 },
					field: 'paymentAmountCents',
				});
				if (!built.ok) {
					for (const x of built.problems)
						report('paymentAmountCents', x.code, x.message.replace(/^[^:]*: /, ''));
				} else if (built.value.numberOfPayments !== p.numberOfPayments) {
					report(
						'schedule',
						'scheduleMismatch',
						`payments of ${formatMoney(p.paymentAmountCents)} pay off the plan in ${built.value.numberOfPayments} payments, not ${p.numberOfPayments}`,
					);
				}
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
