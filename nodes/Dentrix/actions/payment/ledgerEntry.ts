import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	centsToDollars,
	parseLocalDate,
	parseMoney,
	problem,
	todayIn,
	DENTRIX_LIMITS,
	type Problem,
} from '../../../../financing';
import { toLedgerEntry } from '../../shapes';
import { findOnAccount, idempotentWrite, wouldWrite } from '../write';

/** Limits of the contract for payments and adjustments (docs/dentrix-api.md). */
const REFERENCE_MAX = 64;

/** Checks a hand-set amount, date, reference and note; every problem at once. */
export function entryProblems(
	ctx: IExecuteFunctions,
	fields: { amount: unknown; date: string; reference: string; note: string },
): { amount: number; date: string; problems: Problem[] } {
	const problems: Problem[] = [];
	const amount = parseMoney(fields.amount, 'amount', { allowZero: false });
	if (!amount.ok) problems.push(...amount.problems);
	// The practice's local date, never the server's UTC date (domain.md §7).
	const date = fields.date || todayIn(ctx.getTimezone(), new Date());
	const parsed = parseLocalDate(date, 'date');
	if (!parsed.ok) problems.push(...parsed.problems);
	if (fields.reference === '')
		problems.push(problem('reference', 'required', 'enter the CareCredit transaction ID'));
	if (fields.reference.length > REFERENCE_MAX) {
		problems.push(
			problem(
				'reference',
				'tooLong',
				`is ${fields.reference.length} characters; at most ${REFERENCE_MAX} fit`,
			),
		);
	}
	if (fields.note.length > DENTRIX_LIMITS.paymentNote) {
		problems.push(
			problem(
				'note',
				'noteTooLong',
				`is ${fields.note.length} characters; at most ${DENTRIX_LIMITS.paymentNote} fit`,
			),
		);
	}
	return { amount: amount.ok ? centsToDollars(amount.value) : 0, date, problems };
}

/**
 * Posts a payment or an adjustment once: the CareCredit transaction id is its `reference`, looked
 * up on the account before posting (domain.md §7; docs/dentrix-api.md, payments).
 */
export async function postOnce(
	ctx: IExecuteFunctions,
	i: number,
	kind: 'payments' | 'adjustments',
	guarantorId: string,
	body: IDataObject,
	testMode: boolean,
) {
	const path = `/accounts/${encodeURIComponent(guarantorId)}/${kind}`;
	const typeField = kind === 'payments' ? 'paymentType' : 'type';
	const request = { method: 'POST' as const, path, body };
	const result = await idempotentWrite(ctx, i, {
		request,
		testMode,
		find: () =>
			findOnAccount(
				ctx,
				i,
				path,
				{ reference: body.reference },
				(e) => e.reference === body.reference && e[typeField] === body[typeField],
			),
	});
	const idField = kind === 'payments' ? 'paymentId' : 'adjustmentId';
	return {
		created: result.created,
		outcome: result.outcome,
		...(result.outcome === 'testMode'
			? { wouldWrite: wouldWrite(request) }
			: {
					[kind === 'payments' ? 'payment' : 'adjustment']: toLedgerEntry(
						result.record ?? {},
						idField,
					),
				}),
	};
}
