import { safeEcho, type Rule } from '../contract';
import type { z } from 'zod/v3';

/**
 * Limits of the Dentrix contract (docs/dentrix-api.md; 82 and 0..30 are Dentrix's own,
 * docs/financing-domain.md §3; the others are the modeled contract's).
 */
export const DENTRIX_LIMITS = {
	statementNote: 82,
	paymentAgreementNote: 2000,
	ledgerNote: 2000,
	paymentNote: 255,
	reference: 64,
	typeName: 64,
	gracePeriodDays: 30,
	numberOfPayments: 360,
} as const;

/** Read by every Dentrix writer before its first write: `GET /patients/{patientId}`. */
export interface DentrixAccountFacts {
	/** The guarantor of the patient's account, as Dentrix answers it (`guarantor.id`). */
	accountGuarantorId: string;
}

/** The guarantor written to is the patient's account guarantor, compared exactly. */
export function guarantorRule<S extends Record<string, z.ZodTypeAny>>(
	facts: DentrixAccountFacts,
): Rule<S> {
	return {
		reads: ['guarantorId', 'patientId'],
		check: (v, report) => {
			const { guarantorId, patientId } = v as { guarantorId: string; patientId: string };
			if (typeof facts.accountGuarantorId !== 'string' || facts.accountGuarantorId === '')
				report(
					'guarantorId',
					'guarantorUnknown',
					`Dentrix gave no guarantor for patient ${safeEcho(patientId)}; check the patient in Dentrix`,
				);
			else if (guarantorId !== facts.accountGuarantorId)
				report(
					'guarantorId',
					'guarantorMismatch',
					`${safeEcho(guarantorId)} is not the guarantor of patient ${safeEcho(patientId)}; Dentrix says the guarantor is ${safeEcho(facts.accountGuarantorId)}`,
				);
		},
	};
}

export const accountPath = (guarantorId: string, what: string) =>
	`/accounts/${encodeURIComponent(guarantorId)}/${what}`;
