import { z } from 'zod';

import type { DentrixPaymentAgreement, FinancingWrites } from './arrangement';
import { compareLocalDates, isLocalDate, isValidTimeZone, localDateTimeIn } from './dates';
import { hasReferenceToken } from './decision';
import { allocateProportionally, centsToDollars, formatMoney } from './money';
import { problem, zodProblems, fail, ok, type Problem, type Result } from './result';
import { PAYMENT_INTERVALS, type PaymentInterval } from './schedule';

/**
 * Per-PMS validation before anything is written (domain.md §1 step 4). Every function returns
 * all problems at once, each naming the field in plain language, and never throws on bad data.
 */

// Limits of the Dentrix contract (docs/dentrix-api.md; 82 is Dentrix's own, domain.md §3).
export const DENTRIX_LIMITS = {
	statementNote: 82,
	paymentAgreementNote: 2000,
	ledgerNote: 2000,
	paymentNote: 255,
	gracePeriodDays: 30,
	numberOfPayments: 360,
} as const;

const date = z.string().refine(isLocalDate, { message: 'must be a real date written yyyy-MM-dd' });

// zod still runs cross-field checks when a date failed its own check, so compare safely.
function isBefore(a: string, b: string): boolean {
	return isLocalDate(a) && isLocalDate(b) && compareLocalDates(a, b) < 0;
}
const cents = z.number().int('must be a whole number of cents');

const scheduleSchema = z.object({
	principalCents: cents,
	totalPaidCents: cents,
	payments: z.array(z.object({ dueDate: date, amountCents: cents, interestCents: cents })),
});

const dentrixAgreementFields = z.object({
	role: z.enum(['financingRecord', 'shortfallPlan']),
	guarantorId: z.string().min(1),
	billingType: z.string().min(1),
	agreementDate: date,
	interval: z.enum(PAYMENT_INTERVALS),
	annualFinanceChargeBasisPoints: z.number().int().min(0).max(10_000),
	annualLateChargeBasisPoints: z.number().int().min(0).max(10_000),
	gracePeriodDays: z
		.number()
		.int()
		.min(0, 'must be 0 to 30 days (Dentrix)')
		.max(DENTRIX_LIMITS.gracePeriodDays, 'must be 0 to 30 days (Dentrix)'),
	minimumLateChargeCents: cents.min(0),
	minimumBalanceToChargeCents: cents.min(0),
	totalAgreedAmountCents: cents.min(1, 'must be more than $0.00'),
	downPaymentCents: cents.min(0),
	firstPaymentDue: date,
	paymentAmountCents: cents.min(1, 'must be more than $0.00'),
	numberOfPayments: z.number().int().min(1).max(DENTRIX_LIMITS.numberOfPayments),
	note: z.string().max(DENTRIX_LIMITS.paymentAgreementNote),
	statementNote: z
		.string()
		.max(DENTRIX_LIMITS.statementNote, 'holds at most 82 characters in Dentrix'),
	sendStatements: z.boolean(),
	schedule: scheduleSchema,
});

type AgreementFields = z.infer<typeof dentrixAgreementFields>;
type AgreementKey = keyof AgreementFields;
type Report = (path: string, code: string, message: string) => void;

/**
 * Cross-field rules, each with the fields it reads: a rule runs whenever those fields are valid,
 * so a malformed date elsewhere does not hide charges on a financed case ("every problem at once").
 */
const agreementRules: Array<{
	reads: AgreementKey[];
	check: (a: AgreementFields, issue: Report) => void;
}> = [
	{
		reads: ['firstPaymentDue', 'agreementDate'],
		check: (a, issue) => {
			if (isBefore(a.firstPaymentDue, a.agreementDate)) {
				issue(
					'firstPaymentDue',
					'firstPaymentBeforeAgreement',
					`the first payment (${a.firstPaymentDue}) is before the agreement date (${a.agreementDate})`,
				);
			}
		},
	},
	{
		reads: [
			'role',
			'annualFinanceChargeBasisPoints',
			'annualLateChargeBasisPoints',
			'minimumLateChargeCents',
			'sendStatements',
		],
		check: (a, issue) => {
			if (a.role !== 'financingRecord') return;
			// The patient owes CareCredit, not the practice: no charges, no statements (domain.md §7).
			const charges =
				a.annualFinanceChargeBasisPoints + a.annualLateChargeBasisPoints + a.minimumLateChargeCents;
			if (charges !== 0)
				issue(
					'annualFinanceChargeBasisPoints',
					'chargesOnFinancedCase',
					'finance and late charges must be 0 on a case CareCredit pays',
				);
			if (a.sendStatements)
				issue(
					'sendStatements',
					'statementsOnFinancedCase',
					'a case CareCredit pays must not be billed on statements',
				);
		},
	},
	{
		reads: ['downPaymentCents', 'totalAgreedAmountCents', 'paymentAmountCents', 'numberOfPayments'],
		check: (a, issue) => {
			if (a.downPaymentCents > a.totalAgreedAmountCents) {
				issue(
					'downPaymentCents',
					'downPaymentAboveTotal',
					`the down payment ${formatMoney(a.downPaymentCents)} is more than the total ${formatMoney(a.totalAgreedAmountCents)}`,
				);
			}
			const financed = a.totalAgreedAmountCents - a.downPaymentCents;
			if (a.paymentAmountCents * a.numberOfPayments < financed) {
				issue(
					'paymentAmountCents',
					'inconsistent',
					`${a.numberOfPayments} payments of ${formatMoney(a.paymentAmountCents)} do not cover ${formatMoney(financed)}`,
				);
			}
		},
	},
	{
		reads: [
			'schedule',
			'numberOfPayments',
			'totalAgreedAmountCents',
			'downPaymentCents',
			'paymentAmountCents',
			'firstPaymentDue',
		],
		check: (a, issue) => {
			const financed = a.totalAgreedAmountCents - a.downPaymentCents;
			// Exact check through the schedule: the payments are what the totals say, to the cent.
			const s = a.schedule;
			const amounts = s.payments.map((p) => p.amountCents);
			const total = amounts.reduce((x, y) => x + y, 0);
			const interest = s.payments.reduce((x, p) => x + p.interestCents, 0);
			const scheduleProblems: string[] = [];
			if (s.payments.length !== a.numberOfPayments)
				scheduleProblems.push(`it has ${s.payments.length} payments, not ${a.numberOfPayments}`);
			if (s.principalCents !== financed)
				scheduleProblems.push(
					`it schedules ${formatMoney(s.principalCents)}, not ${formatMoney(financed)}`,
				);
			if (total !== s.principalCents + interest || total !== s.totalPaidCents)
				scheduleProblems.push(
					`its payments add up to ${formatMoney(total)}, not ${formatMoney(s.principalCents + interest)}`,
				);
			if (amounts.some((x) => x <= 0)) scheduleProblems.push('it has a payment of $0.00 or less');
			if (amounts.slice(0, -1).some((x) => x !== a.paymentAmountCents))
				scheduleProblems.push(
					`not every payment but the last is ${formatMoney(a.paymentAmountCents)}`,
				);
			if (s.payments[0] && s.payments[0].dueDate !== a.firstPaymentDue)
				scheduleProblems.push(
					`its first due date is ${s.payments[0].dueDate}, not ${a.firstPaymentDue}`,
				);
			if (s.payments.some((p, i) => i > 0 && !isBefore(s.payments[i - 1]!.dueDate, p.dueDate)))
				scheduleProblems.push('its due dates are not in order');
			if (scheduleProblems.length > 0)
				issue(
					'schedule',
					'scheduleMismatch',
					`the payment schedule does not match the agreement: ${scheduleProblems.join('; ')}`,
				);
		},
	},
];

const dentrixAgreementSchema = dentrixAgreementFields.superRefine((a, ctx) => {
	const issue: Report = (path, code, message) =>
		ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
	for (const rule of agreementRules) rule.check(a, issue);
});

/** The body of `POST /v1/accounts/{guarantorId}/payment-agreements` (docs/dentrix-api.md). */
export interface DentrixPaymentAgreementBody {
	billingType: string;
	agreementDate: string;
	interval: PaymentInterval;
	annualFinanceChargePercent: number;
	annualLateChargePercent: number;
	gracePeriodDays: number;
	minimumLateCharge: number;
	minimumBalanceToCharge: number;
	totalAgreedAmount: number;
	downPayment: number;
	firstPaymentDue: string;
	paymentAmount: number;
	numberOfPayments: number;
	note: string;
	statementNote: string;
}

export function toDentrixPaymentAgreementBody(
	a: DentrixPaymentAgreement,
): DentrixPaymentAgreementBody {
	return {
		billingType: a.billingType,
		agreementDate: a.agreementDate,
		interval: a.interval,
		annualFinanceChargePercent: a.annualFinanceChargeBasisPoints / 100,
		annualLateChargePercent: a.annualLateChargeBasisPoints / 100,
		gracePeriodDays: a.gracePeriodDays,
		minimumLateCharge: centsToDollars(a.minimumLateChargeCents),
		minimumBalanceToCharge: centsToDollars(a.minimumBalanceToChargeCents),
		totalAgreedAmount: centsToDollars(a.totalAgreedAmountCents),
		downPayment: centsToDollars(a.downPaymentCents),
		firstPaymentDue: a.firstPaymentDue,
		paymentAmount: centsToDollars(a.paymentAmountCents),
		numberOfPayments: a.numberOfPayments,
		note: a.note,
		statementNote: a.statementNote,
	};
}

/** Validates one Dentrix payment agreement (e.g. after a coordinator edited it). */
export function validateDentrixPaymentAgreement(
	agreement: unknown,
	field = 'dentrixPaymentAgreement',
): Problem[] {
	const parsed = dentrixAgreementSchema.safeParse(agreement);
	if (parsed.success) return [];
	const problems = zodProblems(parsed.error, field);
	if (parsed.error.issues.some((i) => i.code === 'custom')) return problems;
	// Some fields did not parse, so the cross-field rules were skipped: run those whose fields did.
	for (const rule of agreementRules) {
		const picked = dentrixAgreementFields
			.pick(Object.fromEntries(rule.reads.map((k) => [k, true])) as { [K in AgreementKey]?: true })
			.safeParse(agreement);
		if (!picked.success) continue;
		rule.check(picked.data as AgreementFields, (path, code, message) =>
			problems.push(problem(`${field}.${path}`, code, message)),
		);
	}
	return problems;
}

// Only the parts every target needs; a malformed writes object gets problems, not a crash.
const writesShape = z.object({
	referenceToken: z
		.string()
		.regex(/^\[cc:[A-Za-z0-9][A-Za-z0-9._-]*\]$/, 'must look like [cc:APP-123456]'),
	builtAt: z.string().refine((s) => Number.isFinite(Date.parse(s)), {
		message: 'must be an ISO 8601 date and time',
	}),
	timeZone: z
		.string()
		.refine(isValidTimeZone, { message: 'must be an IANA time zone such as America/New_York' }),
	agreementDate: date,
	auditNote: z.string().min(1),
	decision: z.object({
		status: z.literal('approved', {
			errorMap: () => ({ message: 'only an approved decision is written' }),
		}),
	}),
	treatmentPlan: z.object({
		patientId: z.string().min(1),
		guarantorId: z.string().min(1),
		procedures: z.array(z.object({ procedureId: z.string() })),
	}),
	careCreditPayment: z
		.object({
			amountCents: cents.min(1, 'must be more than $0.00'),
			feeAdjustmentCents: cents.min(0).nullable(),
			paymentType: z.string().min(1),
			feeAdjustmentType: z.string().min(1),
			paymentDate: date,
			note: z.string(),
		})
		.nullable(),
	shortfallPlan: z
		.object({ aprBasisPoints: z.number().int().min(0) })
		.passthrough()
		.nullable(),
	dentrixPaymentAgreement: z.object({ role: z.string() }).passthrough().nullable(),
});

// A tax id written into a note would breach domain.md §7 ("Patient data in n8n").
const TAX_ID_PATTERN = /\b\d{3}-?\d{2}-?\d{4}\b/;

function commonProblems(w: FinancingWrites, ledgerNoteMax: number): Problem[] {
	const problems: Problem[] = [];
	if (w.auditNote.length > ledgerNoteMax) {
		problems.push(
			problem(
				'auditNote',
				'noteTooLong',
				`is ${w.auditNote.length} characters; at most ${ledgerNoteMax} fit`,
			),
		);
	}
	if (!hasReferenceToken(w.auditNote, w.referenceToken)) {
		problems.push(
			problem(
				'auditNote',
				'referenceTokenMissing',
				`must carry the reference ${w.referenceToken} so the case is never written twice`,
			),
		);
	}
	if (TAX_ID_PATTERN.test(w.auditNote)) {
		problems.push(
			problem(
				'auditNote',
				'patientDataInNote',
				'looks like it contains a tax id; notes must never carry one',
			),
		);
	}
	return problems;
}

export interface DentrixWrites {
	guarantorId: string;
	/** At most one: Dentrix keeps one payment agreement per account (domain.md §3, §7). */
	paymentAgreement: DentrixPaymentAgreementBody | null;
	ledgerNote: { patientId: string; date: string; text: string; kind: 'guarantorNote' };
	careCreditPayment: {
		patientId: string;
		paymentType: string;
		amount: number;
		date: string;
		note: string;
	} | null;
	merchantFeeAdjustment: {
		patientId: string;
		type: string;
		amount: number;
		date: string;
		note: string;
	} | null;
}

/** Dentrix rules (domain.md §3 and docs/dentrix-api.md) and the request bodies to send. */
export function validateForDentrix(writes: unknown): Result<DentrixWrites> {
	const shape = writesShape.safeParse(writes);
	if (!shape.success) return fail(...zodProblems(shape.error, 'writes'));
	const w = writes as FinancingWrites;
	const problems = commonProblems(w, DENTRIX_LIMITS.ledgerNote);
	const a = w.dentrixPaymentAgreement;
	if (a) {
		problems.push(...validateDentrixPaymentAgreement(a));
		if (!hasReferenceToken(a.note, w.referenceToken)) {
			problems.push(
				problem(
					'dentrixPaymentAgreement.note',
					'referenceTokenMissing',
					`must carry the reference ${w.referenceToken}`,
				),
			);
		}
		if (a.guarantorId !== w.treatmentPlan.guarantorId) {
			problems.push(
				problem(
					'dentrixPaymentAgreement.guarantorId',
					'guarantorMismatch',
					`the agreement is for ${a.guarantorId} but the patient's guarantor is ${w.treatmentPlan.guarantorId}`,
				),
			);
		}
	}
	if (w.shortfallPlan && a?.role !== 'shortfallPlan') {
		problems.push(
			problem(
				'dentrixPaymentAgreement.role',
				'oneAgreementPerAccount',
				'Dentrix keeps one payment agreement per account: with an in-house balance, the in-house plan must be the agreement',
			),
		);
	}
	const cp = w.careCreditPayment;
	if (cp && cp.note.length > DENTRIX_LIMITS.paymentNote) {
		problems.push(
			problem(
				'careCreditPayment.note',
				'noteTooLong',
				`is ${cp.note.length} characters; at most ${DENTRIX_LIMITS.paymentNote} fit`,
			),
		);
	}
	if (problems.length > 0) return fail(...problems);
	const patientId = w.treatmentPlan.patientId;
	return ok({
		guarantorId: w.treatmentPlan.guarantorId,
		paymentAgreement: a ? toDentrixPaymentAgreementBody(a) : null,
		ledgerNote: { patientId, date: w.agreementDate, text: w.auditNote, kind: 'guarantorNote' },
		careCreditPayment: cp
			? {
					patientId,
					paymentType: cp.paymentType,
					amount: centsToDollars(cp.amountCents),
					date: cp.paymentDate,
					note: cp.note,
				}
			: null,
		merchantFeeAdjustment:
			cp && cp.feeAdjustmentCents !== null && cp.feeAdjustmentCents > 0
				? {
						patientId,
						type: cp.feeAdjustmentType,
						amount: centsToDollars(cp.feeAdjustmentCents),
						date: cp.paymentDate,
						note: cp.note,
					}
				: null,
	});
}

/** Open Dental's ChargeFrequency values (opendental-api.md §2.1). */
export const OPEN_DENTAL_CHARGE_FREQUENCIES = [
	'Weekly',
	'EveryOtherWeek',
	'Monthly',
	'Quarterly',
	'OrdinalWeekday',
] as const;
export type OpenDentalChargeFrequency = (typeof OPEN_DENTAL_CHARGE_FREQUENCIES)[number];

/** Our interval → Open Dental ChargeFrequency; semi-monthly has no equivalent (null). */
export function toOpenDentalChargeFrequency(
	interval: PaymentInterval,
): OpenDentalChargeFrequency | null {
	switch (interval) {
		case 'monthly':
			return 'Monthly';
		case 'biWeekly':
			return 'EveryOtherWeek';
		case 'weekly':
			return 'Weekly';
		case 'semiMonthly':
			return null;
	}
}

/** The body of `POST /payplans/Dynamic` (opendental-api.md §2.1). */
export interface OpenDentalDynamicPayPlanBody {
	PatNum: number;
	Guarantor: number;
	PayPlanDate: string;
	APR: number;
	DownPayment: number;
	Note: string;
	PlanCategory: number;
	ChargeFrequency: OpenDentalChargeFrequency | null;
	DatePayPlanStart: string;
	IsLocked: 'true' | 'false';
	procNums: number[];
	PayAmt?: number;
	NumberOfPayments?: number;
	DynamicPayPlanTPOption: 'AwaitComplete' | 'TreatAsComplete';
}

const odNum = z
	.number()
	.int('must be an Open Dental number (e.g. PatNum 123)')
	.positive('must be an Open Dental number (e.g. PatNum 123)');

const openDentalPayPlanSchema = z
	.object({
		PatNum: odNum,
		Guarantor: odNum,
		PayPlanDate: date,
		APR: z.number().min(0).max(100),
		DownPayment: z.number().min(0),
		Note: z.string(),
		PlanCategory: z.number().int().min(0),
		ChargeFrequency: z.enum(OPEN_DENTAL_CHARGE_FREQUENCIES, {
			errorMap: () => ({
				message:
					'Open Dental has no twice-a-month frequency (Weekly, EveryOtherWeek, Monthly, Quarterly or OrdinalWeekday); change the interval in the policy or enter this plan by hand',
			}),
		}),
		DatePayPlanStart: date,
		IsLocked: z.enum(['true', 'false']),
		procNums: z.array(odNum).min(1, 'needs at least one procedure to attach the plan to'),
		PayAmt: z.number().positive().optional(),
		NumberOfPayments: z.number().int().positive().optional(),
		DynamicPayPlanTPOption: z.enum(['AwaitComplete', 'TreatAsComplete']),
	})
	.superRefine((b, ctx) => {
		const issue = (path: string, code: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
		if (b.APR > 0 && b.IsLocked !== 'true') {
			issue(
				'IsLocked',
				'lockRequiredWithApr',
				'must be "true" when the plan has an APR above 0 (Open Dental rule)',
			);
		}
		if ((b.PayAmt === undefined) === (b.NumberOfPayments === undefined)) {
			issue(
				'PayAmt',
				'payAmtOrNumberOfPayments',
				'send exactly one of PayAmt or NumberOfPayments (Open Dental rule)',
			);
		}
		if (isBefore(b.DatePayPlanStart, b.PayPlanDate)) {
			issue(
				'DatePayPlanStart',
				'firstPaymentBeforeAgreement',
				`the first payment (${b.DatePayPlanStart}) is before the agreement date (${b.PayPlanDate})`,
			);
		}
	});

/**
 * What Open Dental does to a Note (opendental-api.md §2.1 and §1.5): it prepends the terms and
 * outputs line breaks as spaces. Used to prove the reference token survives.
 */
export function simulateOpenDentalNote(
	note: string,
	agreementDate: string,
	totalDollars: number,
	apr: number,
): string {
	const [y, m, d] = agreementDate.split('-');
	const us = `${m}/${d}/${y}`;
	const terms = `${us} - Date of Agreement: ${us}, Total Amount: ${totalDollars.toFixed(2)}, APR: ${apr}, Total Cost of Loan: ${totalDollars.toFixed(2)}, `;
	return `${terms}${note}`.replace(/\r\n|\r|\n/g, ' ');
}

/** Validates a pay plan body (e.g. one a person edited); every problem at once. */
export function validateOpenDentalPayPlan(
	body: unknown,
	token?: string,
	field = 'openDental.payPlan',
): Problem[] {
	const parsed = openDentalPayPlanSchema.safeParse(body);
	const problems = parsed.success ? [] : zodProblems(parsed.error, field);
	if (parsed.success && token) {
		const b = parsed.data;
		const stored = simulateOpenDentalNote(b.Note, b.PayPlanDate, b.PayAmt ?? 0, b.APR);
		if (!hasReferenceToken(stored, token)) {
			problems.push(
				problem(
					`${field}.Note`,
					'referenceTokenMissing',
					`must carry the reference ${token} in a form that survives Open Dental's note changes`,
				),
			);
		}
	}
	return problems;
}

/**
 * What each attached procedure carries of the plan: Open Dental's plan amount is always the
 * attached production (opendental-api.md §2.1; forum t=8181), so a shortfall plan for part of the
 * patient portion sets each link's AmountOverride (payplanlinks, Open Dental 25.3.29 and later).
 */
export interface OpenDentalPayPlanLink {
	ProcNum: number;
	/** Dollars: this procedure's share of the plan total, in proportion to its patient portion. */
	AmountOverride: number;
}

export interface OpenDentalWrites {
	payPlan: OpenDentalDynamicPayPlanBody | null;
	/** One per procedure in `payPlan.procNums`; together they add up to the plan total. */
	payPlanLinks: OpenDentalPayPlanLink[];
	/** POST /commlogs: the audit note is Open Dental's financing record (domain.md §7). */
	commlog: {
		PatNum: number;
		Note: string;
		CommDateTime: string;
		commType: string;
		Mode_: 'None';
		SentOrReceived: 'Neither';
	};
	payment: {
		PatNum: number;
		PayAmt: number;
		PayDate: string;
		PayType: number | null;
		PayNote: string;
		ClinicNum?: number;
	} | null;
}

function openDentalNumber(value: string, field: string, problems: Problem[]): number {
	if (/^\d+$/.test(value) && Number(value) > 0) return Number(value);
	problems.push(
		problem(
			field,
			'notAnOpenDentalId',
			`"${value}" is not an Open Dental number (PatNum, ProcNum)`,
		),
	);
	return 0;
}

export interface OpenDentalSettings {
	sendTermAs?: 'payAmt' | 'numberOfPayments';
	planCategory?: number;
	commType?: string;
	careCreditPayType?: number | null;
	/**
	 * AwaitComplete (Open Dental's own default, and ours): the plan charges only completed
	 * treatment, so a plan signed at the chair does not bill before the work is done.
	 */
	dynamicPayPlanTPOption?: 'AwaitComplete' | 'TreatAsComplete';
	/** The clinic the CareCredit payment is posted to; Open Dental defaults to the patient's. */
	clinicNum?: number;
}

/** Open Dental rules (domain.md §4, opendental-api.md §2.1) and the request bodies to send. */
export function validateForOpenDental(
	writes: unknown,
	settings: OpenDentalSettings = {},
): Result<OpenDentalWrites> {
	const shape = writesShape.safeParse(writes);
	if (!shape.success) return fail(...zodProblems(shape.error, 'writes'));
	const w = writes as FinancingWrites;
	const problems = commonProblems(w, Number.MAX_SAFE_INTEGER);
	const patNum = openDentalNumber(w.treatmentPlan.patientId, 'treatmentPlan.patientId', problems);
	const guarantor = openDentalNumber(
		w.treatmentPlan.guarantorId,
		'treatmentPlan.guarantorId',
		problems,
	);
	let payPlan: OpenDentalDynamicPayPlanBody | null = null;
	const payPlanLinks: OpenDentalPayPlanLink[] = [];
	const sp = w.shortfallPlan;
	if (sp) {
		const tpOption = settings.dynamicPayPlanTPOption ?? 'AwaitComplete';
		// The plan total spread over the procedures it covers; a procedure with no share is not attached.
		const covered = w.treatmentPlan.procedures.filter((p) =>
			sp.procedureIds.includes(p.procedureId),
		);
		const shares = allocateProportionally(
			sp.totalCents,
			covered.map((p) => p.patientPortionCents),
		);
		if (shares.length === 0) {
			problems.push(
				problem(
					'shortfallPlan.procedureIds',
					'noProductionToAttach',
					'the procedures of the plan have no patient portion to attach an Open Dental payment plan to',
				),
			);
		}
		const procNums: number[] = [];
		covered.forEach((p, i) => {
			if (!shares[i]) return;
			const procNum = openDentalNumber(p.procedureId, `shortfallPlan.procedureIds.${i}`, problems);
			procNums.push(procNum);
			payPlanLinks.push({ ProcNum: procNum, AmountOverride: centsToDollars(shares[i]) });
		});
		if (tpOption === 'TreatAsComplete' && sp.downPaymentCents > 0) {
			// Treated as complete, the down payment is charged at once, and a plan with charges
			// no longer accepts the AmountOverride that limits it to the shortfall.
			problems.push(
				problem(
					'openDental.dynamicPayPlanTPOption',
					'downPaymentBeforeOverride',
					'with TreatAsComplete the down payment is charged before the plan can be limited to the shortfall; use AwaitComplete or collect the down payment at the visit',
				),
			);
		}
		const frequency = toOpenDentalChargeFrequency(sp.interval);
		if (frequency === null) {
			problems.push(
				problem(
					'shortfallPlan.interval',
					'noOpenDentalFrequency',
					'Open Dental has no twice-a-month plan; change the interval in the policy (monthly, bi-weekly or weekly) or enter this plan by hand',
				),
			);
		}
		const byCount = settings.sendTermAs === 'numberOfPayments';
		payPlan = {
			PatNum: patNum,
			Guarantor: guarantor,
			PayPlanDate: sp.agreementDate,
			APR: sp.aprBasisPoints / 100,
			DownPayment: centsToDollars(sp.downPaymentCents),
			Note: sp.note,
			PlanCategory: settings.planCategory ?? 0,
			ChargeFrequency: frequency,
			DatePayPlanStart: sp.firstPaymentDate,
			// Open Dental's default is "true" and it is required when APR > 0.
			IsLocked: 'true',
			procNums,
			...(byCount
				? { NumberOfPayments: sp.numberOfPayments }
				: { PayAmt: centsToDollars(sp.paymentAmountCents) }),
			DynamicPayPlanTPOption: tpOption,
		};
		if (frequency !== null && problems.every((p) => p.code !== 'notAnOpenDentalId')) {
			problems.push(...validateOpenDentalPayPlan(payPlan, w.referenceToken));
		}
	}
	const cp = w.careCreditPayment;
	if (problems.length > 0) return fail(...problems);
	return ok({
		payPlan,
		payPlanLinks,
		commlog: {
			PatNum: patNum,
			Note: w.auditNote,
			CommDateTime: localDateTimeIn(w.timeZone, new Date(w.builtAt)),
			commType: settings.commType ?? 'Financial',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		},
		payment: cp
			? {
					PatNum: patNum,
					PayAmt: centsToDollars(cp.amountCents),
					PayDate: cp.paymentDate,
					PayType: settings.careCreditPayType ?? null,
					PayNote: cp.note,
					...(settings.clinicNum ? { ClinicNum: settings.clinicNum } : {}),
				}
			: null,
	});
}
