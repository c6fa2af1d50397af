// Rows by id, with the 404s and membership checks every resource shares.
import { Fields } from './fields';
import { error, HttpError, notFound } from './http';
import type { DentrixPatient, DentrixState } from './types';

export function patient(state: DentrixState, id: string): DentrixPatient {
	const found = state.patients.find((p) => p.id === id);
	if (!found) throw new HttpError(notFound('patient', id));
	return found;
}

/** The account of a guarantor; a non-guarantor's id is answered with the right guarantor. */
export function account(state: DentrixState, guarantorId: string): DentrixPatient {
	const found = state.patients.find((p) => p.id === guarantorId);
	if (!found)
		throw new HttpError(
			error(404, 'accountNotFound', `No account for ${guarantorId}: no such patient.`),
		);
	if (found.guarantorId !== found.id) {
		const g = patient(state, found.guarantorId);
		throw new HttpError(
			error(
				404,
				'accountNotFound',
				`${found.firstName} ${found.lastName} is not a guarantor: their account is ${g.firstName} ${g.lastName}'s (${g.id}).`,
			),
		);
	}
	return found;
}

export function member(
	f: Fields,
	state: DentrixState,
	guarantor: DentrixPatient,
	value: unknown,
): string {
	if (value === undefined || value === null || value === '') return guarantor.id;
	const p = state.patients.find((x) => x.id === value);
	if (!p || p.guarantorId !== guarantor.id) {
		f.fail(
			'patientId',
			'notAllowed',
			`Patient ${String(value)} is not a member of ${guarantor.firstName} ${guarantor.lastName}'s account.`,
		);
	}
	return String(value);
}
