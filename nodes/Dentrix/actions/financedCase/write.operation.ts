import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ok, typedText, type WireRequest } from '../../../../financing';
import { caseKey, type CaseClaim } from '../../../shared/claim';
import {
	arrangementField,
	CASES_AT_ONCE,
	caseOutput,
	doneIn,
	lookupAfterFirst,
	markAll,
	NOT_STARTED,
	NOTHING,
	recordOf,
	resolvedIn,
	resolvedNoteText,
	reviewIn,
	stopped,
	transactionIdField,
	whatExists,
	withWhatExists,
	type CaseRecord,
} from '../../../shared/financedCase';
import {
	claimLease,
	claimLeaseField,
	objectParameter,
	problemsError,
} from '../../../shared/parameters';
import { whileHeld } from '../../../shared/deadline';
import { messageAddresses, messagesField, tellCase } from '../../../shared/tell';
import { wouldWrite, write, writeContext } from '../../../shared/write';
import { dentrixRead, findOnAccount, listOnAccount, sentPath, writeOnce } from '../../transport';
import { dentrixClaim } from '../claim';
import { arrangementFor } from '../facts';
import { testModeField } from '../fields';
import type { DentrixOperation } from '../types';
import { checkFinancedCase, NOT_WRITTEN } from './check';

const LABELS = {
	agreement: 'the payment agreement',
	careCreditPayment: 'the CareCredit payment',
	merchantFee: 'the merchant fee adjustment',
	resolvedNote: 'the review-resolved note',
	auditNote: 'the audit note',
};

type Req = WireRequest<IDataObject>;
const asReq = (r: unknown) => r as Req;

/**
 * Dentrix "Financed Case: Write": the whole approved case under one claim (docs/writers.md):
 * everything checked first, then the payment agreement (financing record or in-house plan), the
 * CareCredit payment and its merchant fee adjustment (keyed by the transaction id), a "resolved"
 * note when the case had been held for review, and last the claim rewritten into the audit note.
 */
export const writeFinancedCase: DentrixOperation = {
	resource: 'financedCase',
	value: 'write',
	name: 'Write',
	action: 'Write a financed case',
	description:
		'Write an approved case whole, once, under one claim: agreement, CareCredit payment, merchant fee, audit note',
	properties: [arrangementField, transactionIdField, messagesField, claimLeaseField, testModeField],
	atOnce: async () => CASES_AT_ONCE,
	async execute(ctx: IExecuteFunctions, i: number) {
		const context = writeContext(ctx);
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const txn = typedText(ctx.getNodeParameter('transactionId', i, '')) as string;
		const view = arrangementFor(arrangement, context, txn === '' ? undefined : txn);
		if (!view.ok) throw problemsError(ctx, i, NOT_WRITTEN, view.problems);
		const addresses = messageAddresses(ctx, i);
		if (!addresses.ok) throw problemsError(ctx, i, NOT_WRITTEN, addresses.problems);
		const w = view.value;
		const token = w.referenceToken;
		const key = caseKey(token) ?? token;
		const guarantorId = w.treatmentPlan.guarantorId;
		const patientId = w.treatmentPlan.patientId;

		const { agreement, payment, note, ours } = await checkFinancedCase(ctx, i, w, txn, context);

		const records: Record<string, CaseRecord> = {
			agreement: agreement ? NOT_STARTED : NOTHING,
			careCreditPayment: payment ? NOT_STARTED : NOTHING,
			merchantFee: payment?.merchantFeeAdjustment ? NOT_STARTED : NOTHING,
			resolvedNote: NOTHING,
			auditNote: NOT_STARTED,
		};
		const out = (
			outcome: string,
			created: boolean,
			resolvedReview: boolean,
			more: IDataObject = {},
		) =>
			caseOutput({
				outcome,
				created,
				resolvedReview,
				referenceToken: token,
				records,
				message: w.coordinatorMessage ?? '',
				patientName: (arrangement.treatmentPlan as IDataObject | undefined)?.patientName,
				more: { guarantorId, patientId, transactionId: txn, ...more },
			});
		if (ctx.getNodeParameter('testMode', i, false) as boolean) {
			const sent = (r: Req | null | undefined) =>
				r ? wouldWrite({ ...r, path: sentPath(r.path) }) : null;
			return out('testMode', false, false, {
				wouldWrite: {
					agreement: sent(asReq(agreement)),
					careCreditPayment: sent(asReq(payment?.payment)),
					merchantFee: sent(asReq(payment?.merchantFeeAdjustment)),
					auditNote: sent(asReq(note)),
				},
			});
		}

		const noteBody = note.body as unknown as {
			patientId: string;
			date: string;
			kind: string;
			text: string;
		};
		const claim: CaseClaim = dentrixClaim(
			ctx,
			i,
			{ guarantorId, patientId: noteBody.patientId, date: noteBody.date },
			key,
			claimLease(ctx, i),
		);
		try {
			const took = await claim.take({ trustFresh: true, done: doneIn(key) });
			const sessionKey = typedText((arrangement.decision as IDataObject | undefined)?.sessionId);
			const reviewKeys = [
				key,
				...(typeof sessionKey === 'string' && sessionKey && sessionKey !== key ? [sessionKey] : []),
			];
			// A review keyed by the CareCredit session is not among the case's notes: one more read.
			const reviewNotes =
				reviewKeys.length > 1 && took !== false && took !== 'done'
					? await listOnAccount(
							ctx,
							i,
							`/accounts/${encodeURIComponent(guarantorId)}/ledger-notes`,
							{
								contains: `[cc:${reviewKeys[1]}.review]`,
							},
						)
					: [];
			const hadReview = reviewIn(
				[
					...claim.seen,
					...reviewNotes.map((n) => ({ id: String(n.id), text: String(n.text ?? '') })),
				],
				reviewKeys,
			);
			if (took === 'done') {
				markAll(records, 'alreadyWritten');
				return out('alreadyWritten', false, false);
			}
			if (took === false) {
				markAll(records, 'anotherRunIsWriting');
				return out('anotherRunIsWriting', false, false, { heldByRun: claim.heldBy });
			}
			// Nothing of the case can exist when no note of it existed before this claim.
			// A review note (keyed by the session, written under an earlier claim of the case) means
			// an earlier run may have written records: they are looked up.
			const fresh = took === 'go' && !claim.held?.already && !hadReview;
			const held = async (): Promise<'go'> => 'go';
			const entry = async (request: Req, field: string) =>
				await write<Req, IDataObject>(ctx, i, {
					notWritten: NOT_WRITTEN,
					check: () => ok(request),
					find: (r) =>
						findOnAccount(
							ctx,
							i,
							r.path,
							{ reference: r.body!.reference },
							(e) => e.reference === r.body!.reference && e[field] === r.body![field],
						),
					claim: held,
					testMode: false,
					send: (r, find) => writeOnce(ctx, r, find, { itemIndex: i }),
				});
			if (agreement) {
				const a = await write<Req, IDataObject>(ctx, i, {
					notWritten: NOT_WRITTEN,
					check: () => ok(asReq(agreement)),
					find: lookupAfterFirst(fresh, async (r: Req) =>
						ours(await listOnAccount(ctx, i, r.path, {})),
					),
					claim: held,
					testMode: false,
					send: (r, find) => writeOnce(ctx, r, find, { itemIndex: i }),
				});
				records.agreement = recordOf(a, (r) => r.id);
			}
			if (payment && !stopped(records.agreement)) {
				records.careCreditPayment = recordOf(
					await entry(asReq(payment.payment), 'paymentType'),
					(r) => r.id,
				);
				if (payment.merchantFeeAdjustment && !stopped(records.careCreditPayment))
					records.merchantFee = recordOf(
						await entry(asReq(payment.merchantFeeAdjustment), 'type'),
						(r) => r.id,
					);
			}
			const resolve = hadReview && !resolvedIn(claim.seen, key);
			if (hadReview && !resolve) records.resolvedNote = { outcome: 'alreadyWritten', id: null };
			if (resolve && !Object.values(records).some(stopped)) {
				const n = await write<Req, IDataObject>(ctx, i, {
					notWritten: NOT_WRITTEN,
					check: () =>
						ok({
							method: 'POST',
							path: `/accounts/${encodeURIComponent(guarantorId)}/ledger-notes`,
							body: {
								patientId: noteBody.patientId,
								date: noteBody.date,
								kind: 'guarantorNote',
								text: resolvedNoteText(key),
							},
						}),
					find: async (r) =>
						await findOnAccount(ctx, i, r.path, { contains: `[cc:${key}.resolved]` }, () => true),
					claim: held,
					testMode: false,
					send: (r, find) => writeOnce(ctx, r, find, { itemIndex: i }),
				});
				records.resolvedNote = recordOf(n, (r) => r.id);
			}
			if (Object.values(records).some(stopped)) {
				records.auditNote = NOT_STARTED;
				return out('unfinished', false, false, { whatExists: whatExists(records, LABELS) });
			}
			// The messages go out while this run holds the case, before its audit note (shared/tell.ts).
			const told = await tellCase(ctx, addresses.value, {
				message: w.coordinatorMessage ?? '',
				patientName: (arrangement.treatmentPlan as IDataObject | undefined)?.patientName,
				resolved: hadReview,
				deadlineAt: claim.held!.deadlineAt,
			});
			// Last: the claim becomes the audit note; the case is done.
			const audit = await write<Req, IDataObject>(ctx, i, {
				notWritten: NOT_WRITTEN,
				check: () => ok(asReq(note)),
				find: async () => null,
				claim: held,
				testMode: false,
				send: async (r) => ({
					record: await whileHeld(
						ctx,
						async () =>
							await dentrixRead<IDataObject>(
								ctx,
								{
									method: 'PUT',
									path: `${r.path}/${encodeURIComponent(claim.held!.noteId)}`,
									body: { text: noteBody.text, kind: noteBody.kind, date: noteBody.date },
								},
								{ itemIndex: i },
							),
					),
					created: true,
				}),
			});
			records.auditNote = recordOf(audit, (r) => r.id);
			if (stopped(records.auditNote))
				return out('unfinished', false, false, { whatExists: whatExists(records, LABELS) });
			// The run that writes the audit note sends the messages: the resolved one too.
			return out('created', true, hadReview, told);
		} catch (error) {
			// What this run wrote before the error goes with it to the review (`whatExists`).
			throw withWhatExists(ctx, i, error, records, LABELS);
		} finally {
			claim.end();
		}
	},
};
