// Merchant numbers are exactly 16 digits; a closed merchant answers 499 and a training-suspended
// one 422 (docs/financing-domain.md §2, the bridge's response codes).
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { field, type FieldError, syfError } from './errors';
import type { Ctx, Merchant } from './types';

export type MerchantCheck =
	| { merchant: Merchant; errors: []; response: null }
	| { merchant: null; errors: FieldError[]; response: SandboxResponse | null };

/** Field errors for a bad number, or a 499/422 answer for a merchant that may not transact. */
export function checkMerchant(
	req: SandboxRequest,
	ctx: Ctx,
	merchantNumber: unknown,
	name = 'merchantInfo.merchantNumber',
): MerchantCheck {
	const fail = (reason: string): MerchantCheck => ({
		merchant: null,
		errors: [field(name, reason)],
		response: null,
	});
	if (merchantNumber === undefined || merchantNumber === null || merchantNumber === '') {
		return fail('is required');
	}
	if (typeof merchantNumber !== 'string' || !/^\d{16}$/.test(merchantNumber)) {
		return fail('must be exactly 16 digits');
	}
	const merchant = ctx.state.merchants.find((m) => m.merchantNumber === merchantNumber);
	if (!merchant) return fail('unknown merchant number');
	if (merchant.standing === 'closed') {
		return { merchant: null, errors: [], response: syfError(req, 499, 'Merchant closed') };
	}
	if (merchant.standing === 'trainingSuspended') {
		return { merchant: null, errors: [], response: syfError(req, 422, 'Training suspended') };
	}
	return { merchant, errors: [], response: null };
}
