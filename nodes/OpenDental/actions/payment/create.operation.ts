import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkOpenDentalPayment,
	ok,
	openDentalPaymentFromArrangement,
	problem,
	typedCents,
	typedText,
	type Problem,
	type Result,
	type WireRequest,
} from '../../../../financing';
import {
	claimFromIncoming,
	typedThenChecked,
	wouldWrite,
	write,
	writeContext,
} from '../../../shared/write';
import { toPayment } from '../../shapes';
import { writeOnce } from '../../transport';
import { arrangementFor, findOnPatient } from '../facts';
import { skipConcurrentField, testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { BY_HAND, dateField, objectParameter, sourceFields } from '../../../shared/parameters';

type Request = WireRequest<{ PatNum: number; PayType?: number; CheckNum: string }>;

const NOT_WRITTEN = 'The CareCredit payment was not written';

/** The payment as the contract's input (gross or net per the policy, or typed); null: none. */
function paymentInput(
	ctx: IExecuteFunctions,
	i: number,
	transactionId: string,
): {
	input: Result<Record<string, unknown>>;
	typed?: Problem[];
	config: Problem[];
	prefix: string;
} | null {
	const settings = readSettings(ctx, i);
	const context = writeContext(ctx);
	const problems: Problem[] = [];
	// The payment is found again by its CareCredit transaction and its pay type: both are needed.
	if (!settings.careCreditPayType)
		problems.push(
			problem(
				'openDental.careCreditPayType',
				'required',
				"set the DefNum of the practice's CareCredit payment type (Setup, Definitions, Payment Types)",
			),
		);
	if (ctx.getNodeParameter('source', i) === 'arrangement') {
		const view = arrangementFor(
			objectParameter(ctx, i, 'arrangement', 'Arrangement'),
			context,
			settings,
			transactionId,
		);
		if (!view.ok) return { input: view, config: problems, prefix: '' };
		const input = openDentalPaymentFromArrangement(view.value, settings, transactionId);
		return input ? { input: ok(input), config: problems, prefix: 'openDental.payment' } : null;
	}
	const date = typedText(ctx.getNodeParameter('date', i, ''));
	const typed: Problem[] = [];
	const amountCents = typedCents(ctx.getNodeParameter('amount', i, ''), 'amount', typed, {
		allowZero: false,
	});
	return {
		input: ok({
			patNum: typedText(ctx.getNodeParameter('patNum', i, '')),
			amountCents,
			payDate: date === '' ? context.today : date,
			payType: settings.careCreditPayType ? String(settings.careCreditPayType) : null,
			transactionId,
			note: typedText(ctx.getNodeParameter('note', i, '')),
			clinicNum: settings.clinicNum ? String(settings.clinicNum) : null,
		}),
		typed,
		config: problems,
		prefix: '',
	};
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
		// As the item gives it: anything but text is the contract's to refuse.
		const transactionId = typedText(ctx.getNodeParameter('transactionId', i, '')) as string;
		const prepared = paymentInput(ctx, i, transactionId);
		if (!prepared) {
			return {
				created: false,
				outcome: 'nothingToWrite',
				reason: 'The practice policy posts no CareCredit payment',
			};
		}
		const { input, prefix, typed = [], config } = prepared;
		const held = claimFromIncoming(ctx, i);
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: () => {
				const checked = input.ok
					? typedThenChecked(typed, checkOpenDentalPayment(input.value, writeContext(ctx), prefix))
					: input;
				// The pay type is a setting of the node: named after the request's own problems.
				if (config.length > 0)
					return { ok: false, problems: [...(checked.ok ? [] : checked.problems), ...config] };
				return checked.ok ? ok(checked.value.request as Request) : checked;
			},
			// CheckNum holds the CareCredit transaction: how a second run finds this payment.
			find: (request) =>
				findOnPatient(
					ctx,
					i,
					{ notWritten: NOT_WRITTEN, field: prefix ? `${prefix}.patNum` : 'patNum' },
					'/payments',
					{ PatNum: request.body!.PatNum },
					(p) =>
						p.CheckNum === request.body!.CheckNum && Number(p.PayType) === request.body!.PayType,
				),
			claim: held.claim,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		return {
			created: result.created,
			outcome: result.outcome,
			...held.mark,
			transactionId,
			patientId: String(result.request.body!.PatNum),
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(result.request) }
				: { payment: result.record ? toPayment(result.record) : null }),
		};
	},
};
