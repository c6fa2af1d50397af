import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	hasReferenceToken,
	problem,
	readArrangement,
	typedText,
	validateForDentrix,
	type ArrangementView,
	type DentrixAccountFacts,
	type Result,
	type WriteContext,
} from '../../../financing';
import { dentrixRead } from '../transport';

/** What every Dentrix writer reads and shares: the practice's today, the account's guarantor. */

/** The guarantor of the patient's account, as Dentrix answers it (`GET /patients/{patientId}`); null: no patient. */
export async function accountFacts(
	ctx: IExecuteFunctions,
	i: number,
	patientId: string,
): Promise<DentrixAccountFacts | null> {
	const patient = await dentrixRead<IDataObject | null>(
		ctx,
		{ method: 'GET', path: `/patients/${encodeURIComponent(patientId)}` },
		{ itemIndex: i, absent: true },
	);
	if (!patient) return null;
	const guarantor = (patient.guarantor ?? {}) as IDataObject;
	return { accountGuarantorId: typeof guarantor.id === 'string' ? guarantor.id : '' };
}

/**
 * A writer's check with the account's facts: first without them (nothing is read with a malformed
 * id), then with the guarantor Dentrix holds; a patient Dentrix does not know is a problem of
 * `patientId`.
 */
export async function checkWithAccount<R>(
	ctx: IExecuteFunctions,
	i: number,
	patientId: unknown,
	prefix: string,
	check: (facts?: DentrixAccountFacts) => Result<R>,
): Promise<Result<R>> {
	const bare = check();
	if (!bare.ok) return bare;
	const facts = await accountFacts(ctx, i, String(patientId));
	if (facts) return check(facts);
	return fail(
		problem(
			prefix ? `${prefix}.patientId` : 'patientId',
			'patientNotFound',
			'Dentrix has no patient with this id; map the patient id Dentrix shows',
		),
	);
}

/**
 * A built arrangement for a writer: the whole case passes `validateForDentrix` first (the verdict
 * Payment Arrangement: Validate gives), then the writer checks its own request with its facts.
 */
export function arrangementFor(
	arrangement: unknown,
	context: WriteContext,
	transactionId?: string,
): Result<ArrangementView> {
	const verdict = validateForDentrix(
		arrangement,
		context,
		undefined,
		transactionId === undefined ? {} : { transactionId },
	);
	return verdict.ok ? readArrangement(arrangement) : verdict;
}

/** Typed text with the case reference added when missing (how a second run finds the record). */
export function withReference(typed: unknown, token: unknown): unknown {
	const text = typedText(typed);
	if (typeof text !== 'string' || text === '' || typeof token !== 'string') return text;
	return hasReferenceToken(text, token) ? text : `${text} ${token}`;
}

/** The account of a request's path, `/accounts/{guarantorId}/...`. */
export const guarantorOf = (path: string) => decodeURIComponent(path.split('/')[2] ?? '');
