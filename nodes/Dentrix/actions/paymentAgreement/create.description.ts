import type { INodeProperties } from 'n8n-workflow';

import { BY_HAND, sourceFields } from '../../../shared/parameters';
import { caseReferenceField, guarantorIdField, patientIdField, testModeField } from '../fields';

/**
 * The parameters of Payment Agreement: Create. From the Payment Arrangement node's item, or typed
 * by hand (Source "Define Below"); the execute is in create.operation.ts.
 */
export const createPaymentAgreementProperties: INodeProperties[] = [
	...sourceFields(
		'The item the Payment Arrangement node built',
		'Fields set by hand',
		'The arrangement the Payment Arrangement node built (Build or Validate output)',
	),
	{ ...guarantorIdField, displayOptions: BY_HAND },
	{
		...patientIdField,
		description:
			'The patient treated; checked to belong to the guarantor. Empty means the guarantor.',
		displayOptions: BY_HAND,
	},
	{
		...caseReferenceField,
		description:
			'The CareCredit reference this agreement carries in its note, so it is never written twice',
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Agreement Kind',
		name: 'agreementKind',
		type: 'options',
		default: 'shortfallPlan',
		displayOptions: BY_HAND,
		options: [
			{
				name: 'In-House Plan',
				value: 'shortfallPlan',
				description: 'The patient pays the practice: billed on statements',
			},
			{
				name: 'Financing Record',
				value: 'financingRecord',
				description: 'CareCredit pays: no finance or late charges, no statements',
			},
		],
	},
	{
		displayName: 'Billing Type',
		name: 'billingType',
		type: 'string',
		default: 'Payment Agreement',
		required: true,
		description: "One of the practice's billing types in Dentrix",
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Agreement Date',
		name: 'agreementDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-11-20',
		description: "The practice's local date, yyyy-MM-dd",
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		default: 'monthly',
		displayOptions: BY_HAND,
		options: [
			{ name: 'Monthly', value: 'monthly' },
			{ name: 'Semi-Monthly', value: 'semiMonthly' },
			{ name: 'Bi-Weekly', value: 'biWeekly' },
			{ name: 'Weekly', value: 'weekly' },
		],
	},
	{
		displayName: 'Total Agreed Amount',
		name: 'totalAgreedAmount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1,200.00',
		description: 'In dollars, including the down payment',
		displayOptions: BY_HAND,
	},
	{
		displayName: 'First Payment Due',
		name: 'firstPaymentDue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-12-20',
		description: 'Date as yyyy-MM-dd, not before the agreement date',
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Payment Amount',
		name: 'paymentAmount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 100.00',
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Number of Payments',
		name: 'numberOfPayments',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		displayOptions: BY_HAND,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: BY_HAND,
		options: [
			{
				displayName: 'Annual Finance Charge %',
				name: 'annualFinanceChargePercent',
				type: 'number',
				default: 0,
				typeOptions: { numberPrecision: 2 },
			},
			{
				displayName: 'Annual Late Charge %',
				name: 'annualLateChargePercent',
				type: 'number',
				default: 0,
				typeOptions: { numberPrecision: 2 },
			},
			{
				displayName: 'Down Payment',
				name: 'downPayment',
				type: 'string',
				default: '',
				placeholder: 'e.g. 200.00',
			},
			{
				displayName: 'Grace Period (Days)',
				name: 'gracePeriodDays',
				type: 'number',
				default: 0,
				description: 'From 0 to 30 days',
			},
			{
				displayName: 'Minimum Balance to Charge',
				name: 'minimumBalanceToCharge',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0.00',
			},
			{
				displayName: 'Minimum Late Charge',
				name: 'minimumLateCharge',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0.00',
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				typeOptions: { rows: 3 },
				description: 'Payment agreement note; the reference token is added when missing',
			},
			{
				displayName: 'Statement Note',
				name: 'statementNote',
				type: 'string',
				default: '',
				description: 'At most 82 characters (Dentrix)',
			},
		],
	},
	testModeField,
];
