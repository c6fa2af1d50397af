import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkDentrixLedgerNote,
	checkDentrixPayment,
	checkDentrixPaymentAgreement,
	dentrixLedgerNoteFromArrangement,
	dentrixPaymentAgreementFromArrangement,
	dentrixPaymentFromArrangement,
	hasReferenceToken,
	type ArrangementView,
	type Problem,
	type WriteContext,
} from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { listOnAccount } from '../../transport';
import { accountFacts } from '../facts';

export const NOT_WRITTEN = 'The financed case was not written';

/**
 * Everything Financed Case: Write checks before its first write, with the facts it reads once
 * (the patient's account and guarantor, the account's agreements: ours, or another active one):
 * the agreement, the CareCredit payment with its merchant fee, and the audit note. Any problem
 * ends the case here with one error naming every field; nothing is written.
 */
export async function checkFinancedCase(
	ctx: IExecuteFunctions,
	i: number,
	w: ArrangementView,
	txn: string,
	context: WriteContext,
) {
	const token = w.referenceToken;
	const facts = await accountFacts(ctx, i, w.treatmentPlan.patientId);
	const problems: Problem[] = facts
		? []
		: [
				{
					field: 'treatmentPlan.patientId',
					code: 'patientNotFound',
					message: 'treatmentPlan.patientId: Dentrix has no patient with this id',
				},
			];
	const agreementsPath = `/accounts/${encodeURIComponent(w.treatmentPlan.guarantorId)}/payment-agreements`;
	const onAccount = facts ? await listOnAccount(ctx, i, agreementsPath, {}) : [];
	/** The account's agreement that carries this case's reference token. */
	const ours = (list: IDataObject[]) => list.find((a) => hasReferenceToken(a.note, token)) ?? null;
	const other = onAccount.find((a) => a.status === 'active' && a !== ours(onAccount));
	const checkOf = <T>(
		r: { ok: true; value: { request: T } } | { ok: false; problems: Problem[] },
	) => (r.ok ? r.value.request : (problems.push(...r.problems), null));
	const agreementIn = dentrixPaymentAgreementFromArrangement(w);
	const paymentIn = txn === '' ? null : dentrixPaymentFromArrangement(w, txn);
	const known = facts ?? undefined;
	const agreement = agreementIn
		? checkOf(
				checkDentrixPaymentAgreement(
					agreementIn,
					context,
					known && { ...known, activeAgreementId: other ? String(other.id) : null },
					'dentrixPaymentAgreement',
				),
			)
		: null;
	const note = checkOf(
		checkDentrixLedgerNote(dentrixLedgerNoteFromArrangement(w), context, known, 'ledgerNote'),
	);
	const payment = paymentIn
		? checkOf(checkDentrixPayment(paymentIn, context, known, 'careCreditPayment'))
		: null;
	if (problems.length > 0 || !note) throw problemsError(ctx, i, NOT_WRITTEN, problems);
	return { agreement, payment, note, ours };
}
