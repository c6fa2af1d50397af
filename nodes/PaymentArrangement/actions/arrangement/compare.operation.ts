import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { objectParameter } from '../../../shared/parameters';
import type { ArrangementOperation } from '../types';

/** The payment agreement fields a person keys in (docs/financing-domain.md §3), by the domain's names. */
const AGREEMENT_FIELDS = [
	'billingType',
	'agreementDate',
	'interval',
	'annualFinanceChargeBasisPoints',
	'annualLateChargeBasisPoints',
	'gracePeriodDays',
	'minimumLateChargeCents',
	'minimumBalanceToChargeCents',
	'totalAgreedAmountCents',
	'downPaymentCents',
	'firstPaymentDue',
	'paymentAmountCents',
	'numberOfPayments',
].join(', ');

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const compare: ArrangementOperation = {
	value: 'compare',
	name: 'Compare',
	action: 'Compare two arrangements',
	description:
		'Compare an automated arrangement with one entered by hand, field by field (test mode)',
	properties: [
		{
			displayName: 'Automated',
			name: 'automated',
			type: 'json',
			default: '={{ $json.agreement }}',
			required: true,
			description:
				'What automation would write, e.g. the "agreement" of Payment Agreement: Create in test mode',
		},
		{
			displayName: 'Entered by Hand',
			name: 'handEntered',
			type: 'json',
			default: '={{ $json.existingAgreement }}',
			required: true,
			description:
				'What staff entered, e.g. the "existingAgreement" of Payment Agreement: Create in test mode, or a Get output',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: AGREEMENT_FIELDS,
			description: 'Comma-separated field names to compare',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const automated = objectParameter(ctx, i, 'automated', 'Automated', true);
		const handEntered = objectParameter(ctx, i, 'handEntered', 'Entered by Hand', true);
		const fields = String(ctx.getNodeParameter('fields', i))
			.split(',')
			.map((f) => f.trim())
			.filter((f) => f !== '');
		const matches: IDataObject[] = [];
		const discrepancies: IDataObject[] = [];
		for (const field of fields) {
			const a = automated?.[field];
			const b = handEntered?.[field];
			if (same(a, b)) matches.push({ field, value: a ?? null });
			else discrepancies.push({ field, automated: a ?? null, handEntered: b ?? null });
		}
		return {
			json: {
				allMatch: discrepancies.length === 0 && automated !== null && handEntered !== null,
				automatedFound: automated !== null,
				handEnteredFound: handEntered !== null,
				matchCount: matches.length,
				discrepancyCount: discrepancies.length,
				matches,
				discrepancies,
			},
			output: 0,
		};
	},
};
