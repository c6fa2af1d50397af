import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addDays, dentrixPracticeRecords, instantAtLocal } from '../../../../financing';
import {
	getPracticeNumbers,
	pagesOf,
	practiceNumbersProperties,
	type NumbersRequest,
} from '../../../shared/practiceNumbers';
import { dentrixList } from '../../transport';
import type { DentrixOperation } from '../types';

const PAGE = 200;

/**
 * Reads Dentrix in bulk (the modeled contract, docs/dentrix-api.md), every list from the run's
 * look-back day on: plans accepted with CareCredit (from 30 days earlier still, so a case decided
 * then has its plan), the CareCredit ledger notes of every account, the payment agreements of
 * every account, and the appointments (of each location asked for). Calls: one per 200 rows
 * of each list, so four for a location's week in a practice of any size up to 200 of each.
 */
async function read(ctx: IExecuteFunctions, req: NumbersRequest) {
	const { readFrom } = req.window;
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const all = { returnAll: true, limit: 0, itemIndex: 0 };
	const plansSince = instantAtLocal(req.timeZone, addDays(readFrom, -30), 0).toISOString();
	const treatmentPlans = await dentrixList(
		ctx,
		'/treatment-plans',
		{ fundingMethod: 'CareCredit', acceptedSince: plansSince },
		all,
	);
	const ledgerNotes = await dentrixList(
		ctx,
		'/ledger-notes',
		{ from: readFrom, contains: 'CareCredit' },
		all,
	);
	const paymentAgreements = await dentrixList(
		ctx,
		'/payment-agreements',
		{ agreementDateFrom: readFrom },
		all,
	);
	const appointments: IDataObject[] = [];
	let appointmentCalls = 0;
	for (const locationId of req.locations.ids ?? [null]) {
		const rows = await dentrixList(
			ctx,
			'/appointments',
			{ dateFrom: readFrom, ...(locationId ? { locationId } : {}) },
			all,
		);
		appointments.push(...rows);
		appointmentCalls += pagesOf(rows.length, PAGE, false);
	}
	const financingBillingType =
		typeof o.financingBillingType === 'string' && o.financingBillingType.trim()
			? o.financingBillingType.trim()
			: 'Third-Party Financing - No Statements';
	return {
		records: dentrixPracticeRecords(
			{ treatmentPlans, ledgerNotes, paymentAgreements, appointments, financingBillingType },
			req.decisions,
		),
		calls: {
			treatmentPlans: pagesOf(treatmentPlans.length, PAGE, false),
			ledgerNotes: pagesOf(ledgerNotes.length, PAGE, false),
			paymentAgreements: pagesOf(paymentAgreements.length, PAGE, false),
			appointments: appointmentCalls,
		},
	};
}

export const getPracticeNumbersOperation: DentrixOperation = {
	resource: 'practiceNumbers',
	value: 'get',
	name: 'Get',
	action: 'Get the practice numbers',
	description:
		"Time-to-arrangement, financed case acceptance and ledger corrections per location, from Dentrix and the input items' CareCredit decisions",
	properties: practiceNumbersProperties('loc_downtown', [
		{
			displayName: 'Financing Billing Type',
			name: 'financingBillingType',
			type: 'string',
			default: 'Third-Party Financing - No Statements',
			description:
				'The billing type of the CareCredit financing record, so its agreements are compared with what the audit note says was financed',
		},
	]),
	execute: async (ctx, i) => await getPracticeNumbers(ctx, i, async (req) => await read(ctx, req)),
};
