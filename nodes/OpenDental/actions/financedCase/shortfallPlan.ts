import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { hasReferenceToken, ok, problem } from '../../../../financing';
import { lookupAfterFirst, recordOf, type CaseRecord } from '../../../shared/financedCase';
import { problemsError } from '../../../shared/parameters';
import { againWhile, setDeadline } from '../../../shared/deadline';
import { write } from '../../../shared/write';
import { OPEN_DENTAL_RETRY, openDentalList, writeOnce } from '../../transport';
import { closeAndRecord, limitToShortfall, type Built } from '../paymentPlan/limit';

/**
 * The case's shortfall plan, one unit (docs/writers.md): its POST, its links read, the one link
 * PUT that limits it to the shortfall. Started only with time left for all three requests before
 * the claim's deadline (else `unfinished`). A plan found (a run stopped between its POST and its
 * link) is limited now too: the links' requests are only what differs. A fault is tried again
 * while a whole unit's time is left; a refusal, or faults until then, close the plan (it bills
 * nothing) and hold the case (`closeAndRecord` throws the case's error).
 */
export async function writeShortfallPlan(
	ctx: IExecuteFunctions,
	i: number,
	built: Built,
	o: { fresh: boolean; deadlineAt: number; notWritten: string },
): Promise<CaseRecord> {
	const unit = 3 * (OPEN_DENTAL_RETRY.timeoutMs + 1000);
	if (Date.now() + unit > o.deadlineAt) return { outcome: 'unfinished', id: null };
	const payPlan = built.plan;
	const plan = await write<typeof payPlan, IDataObject>(ctx, i, {
		notWritten: o.notWritten,
		check: () => ok(payPlan),
		find: lookupAfterFirst(
			o.fresh,
			async (p: typeof payPlan) =>
				(
					await openDentalList(
						ctx,
						'/payplans',
						{ PatNum: p.create.body!.PatNum },
						{ itemIndex: i },
					)
				).find((x) => hasReferenceToken(x.Note, built.token)) ?? null,
		),
		claim: async (): Promise<'go'> => 'go',
		testMode: false,
		send: (p, find) => writeOnce(ctx, p.create, find, { itemIndex: i }),
	});
	const record = plan.record;
	if (record && (record.IsClosed === 'true' || record.IsClosed === true))
		throw problemsError(ctx, i, o.notWritten, [
			problem(
				'paymentPlan',
				'planClosed',
				`payment plan ${String(record.PayPlanNum)} of this case is closed in Open Dental; nothing is written again`,
			),
		]);
	if (record) {
		setDeadline(ctx, undefined);
		try {
			await againWhile(
				() => Date.now() + unit < o.deadlineAt,
				async () => await limitToShortfall(ctx, i, record, built, false),
			);
		} catch (failure) {
			return await closeAndRecord(ctx, i, record, built, failure);
		} finally {
			setDeadline(ctx, o.deadlineAt);
		}
	}
	return recordOf(plan, (r) => r.PayPlanNum);
}
