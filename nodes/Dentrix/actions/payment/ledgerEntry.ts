import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	typedCents,
	typedText,
	type Problem,
	type WireRequest,
	type WriteContext,
} from '../../../../financing';
import { wouldWrite, write, type Write } from '../../../shared/write';
import { toLedgerEntry } from '../../shapes';
import { findOnAccount, sentPath, writeOnce } from '../../transport';

/**
 * Payments and adjustments: the CareCredit transaction id is the entry's `reference`, looked up on
 * the account before posting (docs/financing-domain.md §7; docs/dentrix-api.md, payments).
 */
export type EntryRequest = WireRequest<{ reference: string; paymentType?: string; type?: string }>;

export interface TypedEntry {
	guarantorId: unknown;
	patientId: unknown;
	amountCents: unknown;
	date: unknown;
	transactionId: unknown;
	note: unknown;
}

/** The fields typed by hand that payments and adjustments share, as the contract's input. */
export function typedEntry(
	ctx: IExecuteFunctions,
	i: number,
	context: WriteContext,
	fields: { amount: unknown; date: unknown; note: unknown; transactionId: unknown },
	problems: Problem[],
): TypedEntry {
	const guarantorId = typedText(ctx.getNodeParameter('guarantorId', i, ''));
	const patientId = typedText(ctx.getNodeParameter('patientId', i, ''));
	const date = typedText(fields.date ?? '');
	return {
		guarantorId,
		patientId: patientId === '' ? guarantorId : patientId,
		amountCents: typedCents(fields.amount, 'amount', problems, { allowZero: false }),
		date: date === '' ? context.today : date,
		transactionId: typedText(fields.transactionId),
		note: typedText(fields.note ?? ''),
	};
}

const typeField = (request: EntryRequest) =>
	request.path.endsWith('/payments') ? 'paymentType' : 'type';

/** Memoizes a check, so two writes of one request (a payment and its fee) run it once. */
export function once<T>(check: () => Promise<T>): () => Promise<T> {
	let done: Promise<T> | undefined;
	return () => (done ??= check());
}

/** Posts one payment or adjustment or adjustment once (find by reference and type, then write once). */
export async function postEntry(
	ctx: IExecuteFunctions,
	i: number,
	entry: {
		/** The contract's check (with the account's facts) of the complete request. */
		check: Write<EntryRequest, IDataObject>['check'];
		notWritten: string;
		testMode: boolean;
		claim?: Write<EntryRequest, IDataObject>['claim'];
	},
): Promise<IDataObject> {
	const result = await write<EntryRequest, IDataObject>(ctx, i, {
		notWritten: entry.notWritten,
		check: entry.check,
		find: (request) =>
			findOnAccount(
				ctx,
				i,
				request.path,
				{ reference: request.body!.reference },
				(e) =>
					e.reference === request.body!.reference &&
					e[typeField(request)] === request.body![typeField(request)],
			),
		claim: entry.claim,
		testMode: entry.testMode,
		send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
	});
	const kind = typeField(result.request) === 'paymentType' ? 'payment' : 'adjustment';
	return {
		created: result.created,
		outcome: result.outcome,
		...(result.outcome === 'testMode'
			? { wouldWrite: wouldWrite({ ...result.request, path: sentPath(result.request.path) }) }
			: {
					[kind]: result.record
						? toLedgerEntry(result.record, kind === 'payment' ? 'paymentId' : 'adjustmentId')
						: null,
				}),
	};
}
