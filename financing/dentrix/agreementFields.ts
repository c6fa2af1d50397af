import { hasReferenceToken } from '../decision';
import { isRecord, percentToBasisPoints, typedCents, typedText, typedWhole } from '../fields';
import { fail, ok, type Problem, type Result } from '../result';
import type { DentrixPaymentAgreementInput } from './paymentAgreement';

/**
 * The Dentrix node's hand-entered payment agreement ("Fields set by hand") as the contract's
 * input: dollars to cents, percents to basis points, the case reference added to the note when
 * missing. The result goes to `checkDentrixPaymentAgreement`, the same check as a built
 * arrangement. Never throws.
 */
export interface DentrixAgreementFields {
	guarantorId?: unknown;
	/** Empty means the guarantor. */
	patientId?: unknown;
	caseReference?: unknown;
	agreementKind?: unknown;
	billingType?: unknown;
	agreementDate?: unknown;
	interval?: unknown;
	totalAgreedAmount?: unknown;
	firstPaymentDue?: unknown;
	paymentAmount?: unknown;
	numberOfPayments?: unknown;
	additionalFields?: unknown;
}

export type DentrixAgreementDraft = { [K in keyof DentrixPaymentAgreementInput]: unknown };

export function dentrixPaymentAgreementFromFields(
	fields: DentrixAgreementFields,
): Result<DentrixAgreementDraft> {
	const more = isRecord(fields.additionalFields) ? fields.additionalFields : {};
	const problems: Problem[] = [];
	const percent = (name: string) => {
		const parsed = percentToBasisPoints(more[name], name);
		if (parsed.ok) return parsed.value;
		problems.push(...parsed.problems);
		return null;
	};
	const guarantorId = typedText(fields.guarantorId);
	const patient = typedText(fields.patientId);
	const token = typedText(fields.caseReference);
	// Empty is the form's default; anything but the two kinds is the contract's to refuse.
	const role =
		fields.agreementKind === undefined || fields.agreementKind === ''
			? 'shortfallPlan'
			: fields.agreementKind;
	const financeCharge = percent('annualFinanceChargePercent');
	const paymentApr =
		more.paymentAprPercent === undefined ? financeCharge : percent('paymentAprPercent');
	const note = typeof more.note === 'string' ? more.note.trim() : (more.note ?? '');
	const draft: DentrixAgreementDraft = {
		role,
		patientId: patient === '' || patient === undefined ? guarantorId : patient,
		guarantorId,
		referenceToken: token,
		billingType: typedText(fields.billingType),
		agreementDate: typedText(fields.agreementDate),
		interval: fields.interval,
		annualFinanceChargeBasisPoints: financeCharge,
		annualLateChargeBasisPoints: percent('annualLateChargePercent'),
		gracePeriodDays: typedWhole(more.gracePeriodDays ?? 0),
		minimumLateChargeCents: typedCents(more.minimumLateCharge, 'minimumLateCharge', problems, {
			fallback: 0,
		}),
		minimumBalanceToChargeCents: typedCents(
			more.minimumBalanceToCharge,
			'minimumBalanceToCharge',
			problems,
			{
				fallback: 0,
			},
		),
		totalAgreedAmountCents: typedCents(fields.totalAgreedAmount, 'totalAgreedAmount', problems, {
			allowZero: false,
		}),
		downPaymentCents: typedCents(more.downPayment, 'downPayment', problems, { fallback: 0 }),
		firstPaymentDue: typedText(fields.firstPaymentDue),
		paymentAmountCents: typedCents(fields.paymentAmount, 'paymentAmount', problems, {
			allowZero: false,
		}),
		numberOfPayments: typedWhole(fields.numberOfPayments),
		paymentAprBasisPoints: paymentApr,
		// The reference must be in the note: it is how a second run finds this agreement.
		note:
			typeof note === 'string' && typeof token === 'string' && !hasReferenceToken(note, token)
				? `${note} ${token}`.trim()
				: note,
		statementNote: typedText(more.statementNote ?? ''),
		sendStatements: role === 'shortfallPlan',
	};
	return problems.length > 0 ? fail(...problems) : ok(draft);
}
