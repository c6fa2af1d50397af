// Lookups shared by the resources: rows by key (404 when missing), definitions, abbreviations.
import type { OdPatient, OdPayPlan, OpenDentalState } from './types';
import { notFound } from './wire';

export function patient(state: OpenDentalState, patNum: unknown, what = 'Patient'): OdPatient {
	const p = state.patients.find((x) => x.PatNum === Number(patNum));
	if (!p) throw notFound(`${what} not found.`);
	return p;
}
export const def = (state: OpenDentalState, num: number) =>
	state.definitions.find((d) => d.DefNum === num);
export const provAbbr = (state: OpenDentalState, n: number) =>
	state.providers.find((p) => p.ProvNum === n)?.Abbr ?? '';
export const clinicAbbr = (state: OpenDentalState, n: number) =>
	state.clinics.find((c) => c.ClinicNum === n)?.Abbr ?? '';

export function payPlan(state: OpenDentalState, num: string): OdPayPlan {
	const plan = state.payPlans.find((p) => p.PayPlanNum === Number(num));
	if (!plan) throw notFound('PayPlan not found.');
	return plan;
}

export const openLink = (state: OpenDentalState, type: 'Procedure' | 'Adjustment', fKey: number) =>
	state.payPlanLinks.some(
		(l) =>
			l.LinkType === type &&
			l.FKey === fKey &&
			!state.payPlans.find((p) => p.PayPlanNum === l.PayPlanNum)?.IsClosed,
	);
