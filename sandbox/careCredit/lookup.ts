// Account lookup (docs/financing-domain.md §2): account fields travel with a `cipher.` prefix; the sandbox
// reads them as plain text and answers no more than the last four of an account number.
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { TEST_APPLICANTS } from './applicants';
import { field, invalid, syfError } from './errors';
import { checkMerchant } from './merchants';
import { obj, toDollars } from './wire';
import { available } from './transactions';
import type { Ctx } from './types';

export function lookup(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const body = obj(req.body);
	const merchant = checkMerchant(req, ctx, obj(body.merchantInfo).merchantNumber);
	if (merchant.response) return merchant.response;
	if (merchant.errors.length) return invalid(req, merchant.errors);
	const info = obj(body.accountInfo);
	const text = (key: string) => (typeof info[key] === 'string' ? (info[key] as string).trim() : '');
	const number = text('cipher.accountNumber');
	const lastName = text('cipher.lastName').toLowerCase();
	const ssnLast4 = text('cipher.ssn').replace(/-/g, '').slice(-4);
	if (!number && !lastName) {
		return invalid(req, [
			field('accountInfo', 'cipher.accountNumber, or cipher.lastName with cipher.ssn, is required'),
		]);
	}
	const testNames = TEST_APPLICANTS.map((t) => t.lastName.toLowerCase());
	const account = ctx.state.accounts.find((a) =>
		number
			? a.accountNumber === number
			: a.lastName.toLowerCase() === lastName &&
				(a.ssnLast4 === ssnLast4 || (!ssnLast4 && testNames.includes(lastName))),
	);
	if (!account) return syfError(req, 404, 'No account found');
	return {
		status: 200,
		body: {
			accountInfo: { 'cipher.accountNumber': `XXXXXXXXXXXX${account.accountNumber.slice(-4)}` },
			creditInfo: {
				creditLine: toDollars(account.creditLineCents),
				balance: toDollars(account.balanceCents),
				availableCredit: toDollars(available(account)),
			},
			customerInfo: {
				firstName: account.firstName,
				lastName: account.lastName,
				zipCode: account.zipCode,
			},
		},
	};
}
