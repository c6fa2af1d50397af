import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { centsFromWireOrNull, mapCareCreditStatus } from '../../../../financing';
import { applicantProperties } from '../applicant.description';
import { readApplicant } from '../applicant';
import { compact, encodePmsIds } from '../../shapes';
import { merchantNumberFor, merchantNumberProperty } from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';

interface QuickScreenResponse {
	referenceId?: string;
	sessionStatus?: string;
	quickScreenTransactionDetails?: Array<{
		preApproved?: boolean;
		preApprovalAmount?: number;
		accepted?: boolean;
		authNumber?: string;
		pUrl?: string;
	}>;
}

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('careCreditApi');
	const merchantNumber = merchantNumberFor(ctx, i, credentials);
	const applicant = readApplicant(ctx, i, false);
	const response = (await careCreditRequest(ctx, {
		method: 'POST',
		path: CARECREDIT_PATHS.quickScreen,
		body: {
			merchantInfo: compact({
				merchantNumber,
				partnerCode: String(credentials.partnerCode ?? ''),
				recordId: encodePmsIds(applicant.pms).recordId,
			}),
			applicants: [applicant.wire],
		},
		itemIndex: i,
	})) as QuickScreenResponse;
	const detail = response.quickScreenTransactionDetails?.[0] ?? {};
	return {
		referenceId: response.referenceId ?? null,
		rawStatus: response.sessionStatus ?? null,
		status: mapCareCreditStatus(response.sessionStatus),
		preApproved: detail.preApproved === true,
		preApprovalAmountCents: centsFromWireOrNull(detail.preApprovalAmount),
		accepted: detail.accepted === true,
		authNumber: detail.authNumber ?? null,
		portalUrl: detail.pUrl ?? null,
		merchantNumber,
		pms: { ...applicant.pms },
		applicant: applicant.masked,
	};
}

export const preScreen: CareCreditOperation = {
	resource: 'quickScreen',
	value: 'preScreen',
	name: 'Pre-Screen',
	action: 'Pre-screen an applicant',
	description:
		'Check whether the applicant is pre-approved before a full application (no effect on credit)',
	usesApi: true,
	properties: [merchantNumberProperty, ...applicantProperties(false)],
	execute,
};
