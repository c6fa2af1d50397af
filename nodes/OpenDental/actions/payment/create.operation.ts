import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	centsToDollars,
	parseMoney,
	problem,
	todayIn,
	validateForOpenDental,
	type Problem,
} from '../../../../financing';
import { skippedWhenConcurrent } from '../../../shared/write';
import { toPayment } from '../../shapes';
import { dateParameter, numberParameter, skipConcurrentField, testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { findInList, idempotentWrite, wouldWrite } from '../write';
import {
	BY_HAND,
	dateField,
	objectParameter,
	problemsError,
	sourceFields,
} from '../../../shared/parameters';

/** The payment body, from the arrangement (gross or net per the policy) or typed by hand. */
function prepare(ctx: IExecuteFunctions, i: number, reference: string): IDataObject | null {
	const settings = readSettings(ctx, i);
	const problems: Problem[] = [];
	if (!reference)
		problems.push(
			problem('transactionId', 'required', "map the CareCredit purchase's transaction ID"),
		);
	if (!settings.careCreditPayType)
		problems.push(
			problem(
				'openDental.careCreditPayType',
				'required',
				"set the DefNum of the practice's CareCredit payment type (Setup, Definitions, Payment Types)",
			),
		);
	let body: IDataObject;
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const today = { today: todayIn(ctx.getTimezone(), new Date()) };
		const checked = validateForOpenDental(
			objectParameter(ctx, i, 'arrangement', 'Arrangement'),
			today,
			settings,
		);
		if (!checked.ok)
			throw problemsError(ctx, i, 'The CareCredit payment was not written', checked.problems);
		if (!checked.value.payment) return null;
		body = { ...checked.value.payment.body };
	} else {
		const amount = parseMoney(ctx.getNodeParameter('amount', i), 'amount', { allowZero: false });
		if (!amount.ok) problems.push(...amount.problems);
		body = {
			PatNum: numberParameter(ctx, 'patNum', i),
			PayAmt: amount.ok ? centsToDollars(amount.value) : 0,
			PayDate: dateParameter(ctx, 'date', i),
			PayType: settings.careCreditPayType ?? null,
			PayNote: String(ctx.getNodeParameter('note', i, '')),
			...(settings.clinicNum ? { ClinicNum: settings.clinicNum } : {}),
		};
	}
	if (problems.length > 0)
		throw problemsError(ctx, i, 'The CareCredit payment was not written', problems);
	// CheckNum holds the CareCredit transaction: how a second run finds this payment.
	return { ...body, CheckNum: reference };
}

export const createPayment: OpenDentalOperation = {
	resource: 'payment',
	value: 'create',
	name: 'Create',
	action: 'Create a CareCredit payment',
	description:
		"Post the CareCredit payment of a completed purchase (gross or net), with the practice's CareCredit pay type, once per transaction",
	properties: [
		...sourceFields(
			'The CareCredit payment the practice policy chose (gross or net)',
			'Amount set by hand',
			'The arrangement the Payment Arrangement node built, or the output of Commlog: Create',
		),
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. TXN-20261120-0001',
			description:
				"The CareCredit purchase's transaction ID, kept in the payment's CheckNum: the payment is posted once per transaction",
		},
		{
			displayName: 'PatNum',
			name: 'patNum',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 201',
			displayOptions: BY_HAND,
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3,450.00',
			description: 'In dollars: the purchase (gross) or the purchase less the merchant fee (net)',
			displayOptions: BY_HAND,
		},
		{ ...dateField, displayOptions: BY_HAND },
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			displayOptions: BY_HAND,
		},
		openDentalSettingsField(['careCreditPayType', 'clinicNum']),
		skipConcurrentField,
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const skipped = skippedWhenConcurrent(ctx, i);
		if (skipped) return skipped;
		const reference = String(ctx.getNodeParameter('transactionId', i, '')).trim();
		const body = prepare(ctx, i, reference);
		if (!body) {
			return {
				created: false,
				outcome: 'nothingToWrite',
				reason: 'The practice policy posts no CareCredit payment',
			};
		}
		const request = { method: 'POST' as const, path: '/payments', body };
		const result = await idempotentWrite(ctx, i, {
			request,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			find: () =>
				findInList(
					ctx,
					i,
					'/payments',
					{ PatNum: body.PatNum },
					(p) => p.CheckNum === reference && Number(p.PayType) === Number(body.PayType),
				),
		});
		const written =
			result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { payment: toPayment((result.record ?? {}) as IDataObject) };
		return {
			created: result.created,
			outcome: result.outcome,
			transactionId: reference,
			patientId: String(body.PatNum),
			...written,
		};
	},
};
