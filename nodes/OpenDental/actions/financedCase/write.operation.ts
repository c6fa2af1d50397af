import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	ok,
	problem,
	typedText,
	validateForOpenDental,
	type WireRequest,
} from '../../../../financing';
import { caseKey, touchesCase } from '../../../shared/claim';
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
import { paced } from '../../pacing';
import { openDentalRequest, writeOnce } from '../../transport';
import { openDentalClaim } from '../claim';
import { arrangementFor, findOnPatient, planFacts } from '../facts';
import { testModeField } from '../fields';
import type { Built } from '../paymentPlan/limit';
import { openDentalSettingsField, readSettings } from '../settings';
import { writeShortfallPlan } from './shortfallPlan';
import type { OpenDentalOperation } from '../types';

const NOT_WRITTEN = 'The financed case was not written';
const LABELS = {
	paymentPlan: 'the payment plan (limited to the shortfall)',
	careCreditPayment: 'the CareCredit payment',
	resolvedNote: 'the review-resolved commlog',
	auditNote: 'the audit commlog',
};
type Req = WireRequest<IDataObject>;
const asReq = (r: unknown) => r as Req;
const held = async (): Promise<'go'> => 'go';

/**
 * Open Dental "Financed Case: Write": the whole approved case under one claim (docs/writers.md):
 * the facts read (guarantor, the signed plan's procedures through /proctps) and every request
 * checked first; then the shortfall plan (POST, its links read, one link PUT), the CareCredit
 * payment (keyed by the transaction id in CheckNum), a "resolved" commlog when the case had been
 * held for review, and last the claim rewritten into the audit commlog. On a claim of a case
 * nothing of which existed before, nothing is looked up first: it cannot exist yet.
 */
export const writeFinancedCase: OpenDentalOperation = {
	resource: 'financedCase',
	value: 'write',
	name: 'Write',
	action: 'Write a financed case',
	description:
		'Write an approved case whole, once, under one claim: shortfall plan, CareCredit payment, audit commlog',
	properties: [
		arrangementField,
		transactionIdField,
		openDentalSettingsField([
			'planCategory',
			'dynamicPayPlanTPOption',
			'commType',
			'careCreditPayType',
			'clinicNum',
		]),
		messagesField,
		claimLeaseField,
		testModeField,
	],
	atOnce: async (ctx) => ((await paced(ctx)) ? 1 : CASES_AT_ONCE),
	async execute(ctx: IExecuteFunctions, i: number) {
		const settings = readSettings(ctx, i);
		const context = writeContext(ctx);
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const txn = typedText(ctx.getNodeParameter('transactionId', i, '')) as string;
		const view = arrangementFor(arrangement, context, settings, txn === '' ? undefined : txn);
		if (!view.ok) throw problemsError(ctx, i, NOT_WRITTEN, view.problems);
		const addresses = messageAddresses(ctx, i);
		if (!addresses.ok) throw problemsError(ctx, i, NOT_WRITTEN, addresses.problems);
		const w = view.value;
		const token = w.referenceToken;
		const key = caseKey(token) ?? token;
		const patNum = w.treatmentPlan.patientId;
		const treatPlanNum = ((arrangement.treatmentPlan ?? {}) as IDataObject).treatmentPlanId;
		if (typeof treatPlanNum !== 'string' || !/^[1-9]\d*$/.test(treatPlanNum))
			throw problemsError(ctx, i, NOT_WRITTEN, [
				problem(
					'treatmentPlan.treatmentPlanId',
					'required',
					"is needed (the TreatPlanNum) to read the plan's procedures",
				),
			]);
		const facts = await planFacts(ctx, i, w, treatPlanNum);
		if (!facts.ok) throw problemsError(ctx, i, NOT_WRITTEN, facts.problems);
		const checked = validateForOpenDental(
			arrangement,
			context,
			settings,
			facts.value,
			txn === '' ? {} : { transactionId: txn },
		);
		if (!checked.ok) throw problemsError(ctx, i, NOT_WRITTEN, checked.problems);
		const { payPlan, commlog } = checked.value;
		const payment = txn === '' ? null : checked.value.payment;

		const records: Record<string, CaseRecord> = {
			paymentPlan: payPlan ? NOT_STARTED : NOTHING,
			careCreditPayment: payment ? NOT_STARTED : NOTHING,
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
				more: { patientId: patNum, transactionId: txn, ...more },
			});
		if (ctx.getNodeParameter('testMode', i, false) as boolean)
			return out('testMode', false, false, {
				wouldWrite: {
					paymentPlan: payPlan ? wouldWrite(payPlan.create) : null,
					careCreditPayment: payment ? wouldWrite(payment) : null,
					auditNote: wouldWrite(commlog),
				},
			});

		const commType = settings.commType ?? 'Financial';
		const claim = openDentalClaim(ctx, i, patNum, commType, key, claimLease(ctx, i));
		try {
			const took = await claim.take({ trustFresh: true, done: doneIn(key) });
			if (took === 'done') {
				markAll(records, 'alreadyWritten');
				return out('alreadyWritten', false, false);
			}
			if (took === false) {
				markAll(records, 'anotherRunIsWriting');
				return out('anotherRunIsWriting', false, false, { heldByRun: claim.heldBy });
			}
			const session = typedText((arrangement.decision as IDataObject | undefined)?.sessionId);
			const hadReview = reviewIn(
				claim.seen,
				typeof session === 'string' && session ? [key, session] : [key],
			);
			// Nothing of the case (nor of its transaction) existed when this run claimed it.
			const fresh =
				took === 'go' &&
				!claim.held!.already &&
				!hadReview &&
				!(txn && claim.seen.some((n) => touchesCase(n.text, txn)));
			const deadlineAt = claim.held!.deadlineAt;

			if (payPlan) {
				const built: Built = {
					plan: payPlan,
					facts: facts.value,
					token,
					commType,
					timeZone: ctx.getTimezone(),
					today: context.today,
				};
				records.paymentPlan = await writeShortfallPlan(ctx, i, built, {
					fresh,
					deadlineAt,
					notWritten: NOT_WRITTEN,
				});
			}
			if (payment && !stopped(records.paymentPlan)) {
				const paid = await write<Req, IDataObject>(ctx, i, {
					notWritten: NOT_WRITTEN,
					check: () => ok(asReq(payment)),
					// CheckNum holds the CareCredit transaction: never the same one twice on the account.
					find: lookupAfterFirst(
						fresh,
						async (r: Req) =>
							await findOnPatient(
								ctx,
								i,
								{ notWritten: NOT_WRITTEN, field: 'patNum' },
								'/payments',
								{ PatNum: r.body!.PatNum },
								(p) => p.CheckNum === r.body!.CheckNum && Number(p.PayType) === r.body!.PayType,
							),
					),
					claim: held,
					testMode: false,
					send: (r, find) => writeOnce(ctx, r, find, { itemIndex: i }),
				});
				records.careCreditPayment = recordOf(paid, (r) => r.PayNum);
			}
			const resolve = hadReview && !resolvedIn(claim.seen, key);
			if (hadReview && !resolve) records.resolvedNote = { outcome: 'alreadyWritten', id: null };
			if (resolve && !Object.values(records).some(stopped)) {
				const body = { ...asReq(commlog).body, Note: resolvedNoteText(key) };
				const note = await write<Req, IDataObject>(ctx, i, {
					notWritten: NOT_WRITTEN,
					check: () => ok({ method: 'POST', path: '/commlogs', body }),
					find: async () => null,
					claim: held,
					testMode: false,
					send: (r) =>
						writeOnce(
							ctx,
							r,
							async () => {
								const found = (await claim.store.notes()).find((n) => resolvedIn([n], key));
								return found ? { CommlogNum: found.id } : null;
							},
							{ itemIndex: i },
						),
				});
				records.resolvedNote = recordOf(note, (r) => r.CommlogNum);
			}
			if (Object.values(records).some(stopped))
				return out('unfinished', false, false, { whatExists: whatExists(records, LABELS) });
			// The messages go out while this run holds the case, before its audit note (shared/tell.ts).
			const told = await tellCase(ctx, addresses.value, {
				message: w.coordinatorMessage ?? '',
				patientName: (arrangement.treatmentPlan as IDataObject | undefined)?.patientName,
				resolved: hadReview,
				deadlineAt: claim.held!.deadlineAt,
			});
			// Last: the claim becomes the audit commlog; the case is done.
			const audit = await write<Req, IDataObject>(ctx, i, {
				notWritten: NOT_WRITTEN,
				check: () => ok(asReq(commlog)),
				find: async () => null,
				claim: held,
				testMode: false,
				send: async (r) => ({
					record: await whileHeld(
						ctx,
						async () =>
							await openDentalRequest<IDataObject>(
								ctx,
								{
									method: 'PUT',
									path: `/commlogs/${claim.held!.noteId}`,
									body: { Note: r.body!.Note, CommDateTime: r.body!.CommDateTime },
								},
								{ itemIndex: i },
							),
					),
					created: true,
				}),
			});
			records.auditNote = recordOf(audit, (r) => r.CommlogNum);
			if (stopped(records.auditNote))
				return out('unfinished', false, false, { whatExists: whatExists(records, LABELS) });
			// The run that writes the audit commlog sends the messages: the resolved one too.
			return out('created', true, hadReview, told);
		} catch (error) {
			// What this run wrote before the error goes with it to the review (`whatExists`).
			throw withWhatExists(ctx, i, error, records, LABELS);
		} finally {
			claim.end();
		}
	},
};
