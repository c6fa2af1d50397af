import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	buildSchedule,
	checkDentrixPaymentAgreement,
	findReferenceToken,
	hasReferenceToken,
	parseLocalDate,
	parseMoney,
	problem,
	todayIn,
	validateForDentrix,
	DENTRIX_LIMITS,
	PAYMENT_INTERVALS,
	type DentrixPaymentAgreement,
	type DentrixPaymentAgreementBody,
	type PaymentInterval,
	type Problem,
} from '../../../../financing';
import { toAgreement } from '../../shapes';
import { contractError, dentrixRead } from '../../transport';
import type { DentrixOperation } from '../types';
import { createPaymentAgreementProperties } from './create.description';
import { idempotentWrite, wouldWrite } from '../write';
import { objectParameter, problemsError } from '../../../shared/parameters';

interface PreparedAgreement {
	guarantorId: string;
	patientId: string;
	referenceToken: string;
	agreement: DentrixPaymentAgreement;
	body: DentrixPaymentAgreementBody;
	arrangement: IDataObject | null;
}

/** From the Payment Arrangement node: the domain's Dentrix rules decide (financing/dentrix, validateForDentrix). */
function fromArrangement(ctx: IExecuteFunctions, i: number): PreparedAgreement | null {
	const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
	const checked = validateForDentrix(arrangement, {
		today: todayIn(ctx.getTimezone(), new Date()),
	});
	if (!checked.ok)
		throw problemsError(ctx, i, 'The payment agreement was not written', checked.problems);
	const agreement =
		arrangement.dentrixPaymentAgreement as unknown as DentrixPaymentAgreement | null;
	const body = checked.value.paymentAgreement?.body;
	if (!agreement || !body) return null;
	const plan = arrangement.treatmentPlan as IDataObject;
	return {
		guarantorId: checked.value.guarantorId,
		patientId: String(plan.patientId),
		referenceToken: String(arrangement.referenceToken),
		agreement,
		body,
		arrangement,
	};
}

/** Fields set by hand: parsed and checked by the same domain rules as a built arrangement. */
function fromFields(ctx: IExecuteFunctions, i: number): PreparedAgreement {
	const get = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, i, fallback);
	const more = get('additionalFields', {}) as IDataObject;
	const problems: Problem[] = [];
	const money = (value: unknown, field: string, allowZero = true) => {
		const parsed = parseMoney(value === undefined ? 0 : value, field, { allowZero });
		if (!parsed.ok) problems.push(...parsed.problems);
		return parsed.ok ? parsed.value : 0;
	};
	const date = (field: string) => {
		const value = String(get(field)).trim();
		const parsed = parseLocalDate(value, field);
		if (!parsed.ok) problems.push(...parsed.problems);
		return value;
	};
	const percent = (field: string) => {
		const value = Number(more[field] ?? 0);
		if (
			!Number.isFinite(value) ||
			value < 0 ||
			value > 100 ||
			Math.round(value * 100) !== value * 100
		) {
			problems.push(
				problem(field, 'invalid', 'must be a percentage from 0 to 100 with at most 2 decimals'),
			);
			return 0;
		}
		return Math.round(value * 100);
	};
	const guarantorId = String(get('guarantorId')).trim();
	const patientId = String(get('patientId')).trim() || guarantorId;
	const token = String(get('caseReference')).trim();
	if (findReferenceToken(token)?.token !== token) {
		problems.push(
			problem(
				'caseReference',
				'invalid',
				'must look like [cc:APP-123456] (the CareCredit application or reference id)',
			),
		);
	}
	const interval = String(get('interval')) as PaymentInterval;
	if (!PAYMENT_INTERVALS.includes(interval)) {
		problems.push(
			problem(
				'interval',
				'required',
				`choose how often the patient pays: ${PAYMENT_INTERVALS.join(', ')}`,
			),
		);
	}
	const role =
		get('agreementKind', 'shortfallPlan') === 'financingRecord'
			? 'financingRecord'
			: 'shortfallPlan';
	const total = money(get('totalAgreedAmount'), 'totalAgreedAmount', false);
	const down = money(more.downPayment, 'downPayment');
	const payment = money(get('paymentAmount'), 'paymentAmount', false);
	const agreementDate = date('agreementDate');
	const firstPaymentDue = date('firstPaymentDue');
	const financeCharge = percent('annualFinanceChargePercent');
	const noteText = String(more.note ?? '');
	const fields = {
		role,
		guarantorId,
		billingType: String(get('billingType')).trim(),
		agreementDate,
		interval,
		annualFinanceChargeBasisPoints: financeCharge,
		annualLateChargeBasisPoints: percent('annualLateChargePercent'),
		gracePeriodDays: Number(more.gracePeriodDays ?? 0),
		minimumLateChargeCents: money(more.minimumLateCharge, 'minimumLateCharge'),
		minimumBalanceToChargeCents: money(more.minimumBalanceToCharge, 'minimumBalanceToCharge'),
		totalAgreedAmountCents: total,
		downPaymentCents: down,
		firstPaymentDue,
		paymentAmountCents: payment,
		numberOfPayments: Number(get('numberOfPayments')),
		// The token must be in the note: it is how a second run finds this agreement (§7).
		note: hasReferenceToken(noteText, token) ? noteText : `${noteText} ${token}`.trim(),
		statementNote: String(more.statementNote ?? ''),
		sendStatements: role === 'shortfallPlan',
	};
	if (fields.note.length > DENTRIX_LIMITS.paymentAgreementNote) {
		problems.push(
			problem(
				'note',
				'noteTooLong',
				`is ${fields.note.length} characters with the reference; at most ${DENTRIX_LIMITS.paymentAgreementNote} fit`,
			),
		);
	}
	if (problems.length > 0)
		throw problemsError(ctx, i, 'The payment agreement was not written', problems);
	// The schedule the typed payment implies, so the domain can check the amounts add up.
	const schedule = buildSchedule({
		principalCents: Math.max(0, total - down),
		aprBasisPoints: financeCharge,
		interval,
		firstPaymentDate: firstPaymentDue,
		term: { paymentAmountCents: payment },
		field: 'paymentAmount',
	});
	if (!schedule.ok)
		throw problemsError(ctx, i, 'The payment agreement was not written', schedule.problems);
	const agreement = { ...fields, schedule: schedule.value } as DentrixPaymentAgreement;
	const checked = checkDentrixPaymentAgreement(
		{ ...fields, patientId, referenceToken: token, paymentAprBasisPoints: financeCharge },
		{ today: todayIn(ctx.getTimezone(), new Date()) },
		undefined,
		'agreement',
	);
	if (!checked.ok)
		throw problemsError(ctx, i, 'The payment agreement was not written', checked.problems);
	const body = checked.value.request.body!;
	return { guarantorId, patientId, referenceToken: token, agreement, body, arrangement: null };
}

/** "A guarantor that is not the patient's guarantor" is never written (issue 5, bad input). */
async function checkGuarantor(ctx: IExecuteFunctions, i: number, prepared: PreparedAgreement) {
	const patient = (await dentrixRead(
		ctx,
		{
			method: 'GET',
			path: `/patients/${encodeURIComponent(prepared.patientId)}`,
		},
		{ itemIndex: i },
	)) as IDataObject;
	const actual = String((patient.guarantor as IDataObject | undefined)?.id ?? '');
	if (actual !== prepared.guarantorId) {
		throw problemsError(ctx, i, 'The payment agreement was not written', [
			problem(
				'guarantorId',
				'guarantorMismatch',
				`${prepared.guarantorId} is not the guarantor of patient ${prepared.patientId}; Dentrix says the guarantor is ${actual}`,
			),
		]);
	}
}

function activeAgreementError(
	ctx: IExecuteFunctions,
	i: number,
	guarantorId: string,
	existingId: string,
) {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Account ${guarantorId} already has an active payment agreement (${existingId}); nothing was written`,
		{
			itemIndex: i,
			description:
				'Dentrix keeps one payment agreement per account and this package never overwrites one. Review the case: close or change the existing agreement in Dentrix, then run again.',
		},
	);
	error.context.problems = [
		{
			field: 'guarantorId',
			code: 'activeAgreementExists',
			message: `guarantorId: account ${guarantorId} already has active agreement ${existingId}`,
		},
	];
	// Shown with the error item (shared/execute.ts errorItem), so the review can open that agreement.
	error.context.details = { existingAgreementId: existingId };
	return error;
}

export const createPaymentAgreement: DentrixOperation = {
	resource: 'paymentAgreement',
	value: 'create',
	name: 'Create',
	action: 'Create a payment agreement',
	description:
		'Write the payment agreement of a financed case, once: validated again, never over an existing one',
	properties: createPaymentAgreementProperties,
	async execute(ctx: IExecuteFunctions, i: number) {
		const source = ctx.getNodeParameter('source', i) as string;
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		const prepared = source === 'fields' ? fromFields(ctx, i) : fromArrangement(ctx, i);
		if (!prepared) {
			// The policy asked for no financing record and there is no in-house balance.
			return {
				created: false,
				outcome: 'nothingToWrite',
				agreement: null,
				arrangement: objectParameter(ctx, i, 'arrangement', 'Arrangement'),
			};
		}
		await checkGuarantor(ctx, i, prepared);
		const { guarantorId, referenceToken } = prepared;
		const accountPath = `/accounts/${encodeURIComponent(guarantorId)}/payment-agreements`;
		const request = {
			method: 'POST' as const,
			path: accountPath,
			body: prepared.body as unknown as IDataObject,
		};
		let active: IDataObject | null = null;
		const result = await idempotentWrite(ctx, i, {
			request,
			testMode,
			find: async () => {
				const page = (await dentrixRead(
					ctx,
					{ method: 'GET', path: accountPath, qs: { limit: 200 } },
					{ itemIndex: i },
				)) as { items?: IDataObject[] };
				const items = page.items ?? [];
				active = items.find((a) => a.status === 'active') ?? null;
				return items.find((a) => hasReferenceToken(a.note, referenceToken)) ?? null;
			},
			guard: () => {
				if (active) throw activeAgreementError(ctx, i, guarantorId, String(active.id));
			},
			onConflict: (body) =>
				activeAgreementError(
					ctx,
					i,
					guarantorId,
					contractError(body).existingAgreementId ?? 'unknown',
				),
		});
		const base = {
			created: result.created,
			outcome: result.outcome,
			referenceToken,
			guarantorId,
			patientId: prepared.patientId,
		};
		const existing = active as IDataObject | null;
		if (result.outcome === 'testMode') {
			// Test mode runs against cases staff already entered: show theirs beside ours.
			return {
				...base,
				wouldWrite: wouldWrite(request),
				agreement: prepared.agreement as unknown as IDataObject,
				existingAgreement: existing ? toAgreement(existing) : null,
				arrangement: prepared.arrangement,
			};
		}
		return {
			...base,
			agreement: toAgreement(result.record ?? {}),
			arrangement: prepared.arrangement,
		};
	},
};
