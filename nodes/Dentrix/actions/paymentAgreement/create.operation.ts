import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	checkDentrixPaymentAgreement,
	dentrixPaymentAgreementFromArrangement,
	dentrixPaymentAgreementFromFields,
	hasReferenceToken,
	ok,
	safeEcho,
	type DentrixAgreementFields,
	type Result,
	type WireRequest,
	type WriteContext,
} from '../../../../financing';
import { wouldWrite, write, writeContext } from '../../../shared/write';
import { objectParameter } from '../../../shared/parameters';
import { toAgreement } from '../../shapes';
import { contractError, dentrixRead, sentPath, writeOnce } from '../../transport';
import { arrangementFor, checkWithAccount, guarantorOf } from '../facts';
import type { DentrixOperation } from '../types';
import { createPaymentAgreementProperties } from './create.description';

const NOT_WRITTEN = 'The payment agreement was not written';

interface Prepared {
	input: Result<Record<string, unknown>>;
	prefix: string;
	arrangement: IDataObject | null;
}

/** The agreement as the contract's input, from the arrangement or typed; null: none to write. */
function agreementInput(ctx: IExecuteFunctions, i: number, context: WriteContext): Prepared | null {
	if (ctx.getNodeParameter('source', i) === 'fields') {
		const get = (name: string) => ctx.getNodeParameter(name, i, '') as unknown;
		const fields: DentrixAgreementFields = {
			guarantorId: get('guarantorId'),
			patientId: get('patientId'),
			caseReference: get('caseReference'),
			agreementKind: get('agreementKind'),
			billingType: get('billingType'),
			agreementDate: get('agreementDate'),
			interval: get('interval'),
			totalAgreedAmount: get('totalAgreedAmount'),
			firstPaymentDue: get('firstPaymentDue'),
			paymentAmount: get('paymentAmount'),
			numberOfPayments: get('numberOfPayments'),
			additionalFields: ctx.getNodeParameter('additionalFields', i, {}),
		};
		return { input: dentrixPaymentAgreementFromFields(fields), prefix: '', arrangement: null };
	}
	const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
	const view = arrangementFor(arrangement, context);
	if (!view.ok) return { input: view, prefix: '', arrangement };
	const input = dentrixPaymentAgreementFromArrangement(view.value);
	return input
		? { input: { ok: true, value: input }, prefix: 'dentrixPaymentAgreement', arrangement }
		: null;
}

/** Dentrix keeps one payment agreement per account, and this package never overwrites one. */
function activeAgreementError(
	ctx: IExecuteFunctions,
	i: number,
	guarantorId: string,
	existingId: string,
) {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Account ${safeEcho(guarantorId)} already has an active payment agreement (${safeEcho(existingId)}); nothing was written`,
		{
			itemIndex: i,
			description:
				'Dentrix keeps one payment agreement per account and this package never overwrites one. Review the case: close or change the existing agreement in Dentrix, then run again.',
		},
	);
	error.context.problems = [
		{
			field: 'guarantorId',
			code: 'activeAgreementExists',
			message: `guarantorId: account ${safeEcho(guarantorId)} already has active agreement ${safeEcho(existingId)}`,
		},
	];
	// Shown with the error item (shared/execute.ts errorItem), so the review can open that agreement.
	error.context.details = { existingAgreementId: existingId };
	return error;
}

type Request = WireRequest<object> & { token: string; input: Record<string, unknown> };

export const createPaymentAgreement: DentrixOperation = {
	resource: 'paymentAgreement',
	value: 'create',
	name: 'Create',
	action: 'Create a payment agreement',
	description:
		'Write the payment agreement of a financed case, once: validated again, never over an existing one',
	properties: createPaymentAgreementProperties,
	async execute(ctx: IExecuteFunctions, i: number) {
		const context = writeContext(ctx);
		const prepared = agreementInput(ctx, i, context);
		if (!prepared) {
			// The policy asked for no financing record and there is no in-house balance.
			return {
				created: false,
				outcome: 'nothingToWrite',
				agreement: null,
				arrangement: objectParameter(ctx, i, 'arrangement', 'Arrangement'),
			};
		}
		const { input, prefix, arrangement } = prepared;
		// The account's agreements as `find` read them: the guard judges the active one.
		let onAccount: IDataObject[] = [];
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: async () => {
				if (!input.ok) return input;
				const checked = await checkWithAccount(ctx, i, input.value.patientId, prefix, (facts) =>
					// The account's other active agreement is the guard's: test mode shows it instead.
					checkDentrixPaymentAgreement(
						input.value,
						context,
						facts && { ...facts, activeAgreementId: null },
						prefix,
					),
				);
				if (!checked.ok) return checked;
				const token = String(input.value.referenceToken);
				return ok<Request>({ ...checked.value.request, token, input: input.value });
			},
			find: async (request) => {
				const page = await dentrixRead<{ items?: IDataObject[] }>(
					ctx,
					{ method: 'GET', path: request.path, qs: { limit: 200 } },
					{ itemIndex: i },
				);
				onAccount = page.items ?? [];
				return onAccount.find((a) => hasReferenceToken(a.note, request.token)) ?? null;
			},
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			guard: (request) => {
				const active = onAccount.find((a) => a.status === 'active');
				if (active)
					throw activeAgreementError(ctx, i, guarantorOf(request.path), String(active.id));
			},
			send: (request, find) =>
				writeOnce(ctx, request, find, {
					itemIndex: i,
					onConflict: (body) =>
						activeAgreementError(
							ctx,
							i,
							guarantorOf(request.path),
							contractError(body).existingAgreementId ?? 'unknown',
						),
				}),
		});
		const { request } = result;
		const base = {
			created: result.created,
			outcome: result.outcome,
			referenceToken: request.token,
			guarantorId: guarantorOf(request.path),
			patientId: String(request.input.patientId),
		};
		if (result.outcome === 'testMode') {
			// Test mode runs against cases staff already entered: show theirs beside ours.
			const existing = onAccount.find((a) => a.status === 'active');
			return {
				...base,
				wouldWrite: wouldWrite({ ...request, path: sentPath(request.path) }),
				agreement: request.input as IDataObject,
				existingAgreement: existing ? toAgreement(existing) : null,
				arrangement,
			};
		}
		return {
			...base,
			agreement: result.record ? toAgreement(result.record) : null,
			arrangement,
		};
	},
};
