import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	choosePromotionalPlan,
	DEFAULT_PLAN_CATALOG,
	parseMoney,
	parsePlanCatalog,
	type Cents,
	type PromotionalPlan,
} from '../../../financing';
import { problemsError } from '../../shared/parameters';
import { merchantNumberProblem } from '../merchantNumber';

/** Parameters several CareCredit operations share, and how their values are read and checked. */

/** A bad-input error that names the item and the field and says what to do. */
export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	whatToDo: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${field} ${problem}`, {
		itemIndex,
		description: whatToDo,
	});
}

export function stringParam(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	fallback = '',
): string {
	const value = ctx.getNodeParameter(name, i, fallback) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A required text parameter; empty means the mapping from the incoming item found nothing. */
export function requiredParam(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
): string {
	const value = stringParam(ctx, name, i);
	if (!value) {
		throw inputError(
			ctx,
			i,
			`'${label}'`,
			'is empty',
			`Map '${label}' from the incoming item, e.g. {{ $json.${name} }}.`,
		);
	}
	return value;
}

/** An amount in dollars ("1,234.50" or 1234.5) as integer cents, through the financing domain. */
export function moneyParam(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	value?: unknown,
): Cents {
	const raw = value === undefined ? (ctx.getNodeParameter(name, i, '') as unknown) : value;
	const parsed = parseMoney(raw, label, { allowZero: false });
	if (!parsed.ok)
		throw problemsError(
			ctx,
			i,
			`Item ${i}`,
			parsed.problems,
			`Enter '${label}' in dollars and cents, e.g. 4800 or 4,800.00.`,
		);
	if (parsed.value <= 0) {
		throw inputError(
			ctx,
			i,
			`'${label}'`,
			'must be more than $0.00',
			`Enter '${label}' in dollars and cents, e.g. 4800.`,
		);
	}
	return parsed.value;
}

export const merchantNumberProperty: INodeProperties = {
	displayName: 'Merchant Number',
	name: 'merchantNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 5348120100000002',
	description:
		"This item's CareCredit merchant number (exactly 16 digits), e.g. the location's or provider's. Leave empty to use the credential's default merchant number.",
};

/** The item's merchant number, or the credential's default; exactly 16 digits either way. */
export function merchantNumberFor(
	ctx: IExecuteFunctions,
	i: number,
	credentials: ICredentialDataDecryptedObject,
): string {
	const override = stringParam(ctx, 'merchantNumber', i);
	const value = override || String(credentials.merchantNumber ?? '').trim();
	const problem = merchantNumberProblem(value);
	if (problem) {
		throw inputError(
			ctx,
			i,
			override ? "'Merchant Number'" : "the credential's 'Default Merchant Number'",
			`is not valid: ${problem}`,
			override
				? 'Map a 16-digit merchant number, or leave the field empty to use the credential default.'
				: 'Fix the Default Merchant Number in the CareCredit credential, or set Merchant Number on the node.',
		);
	}
	return value;
}

export const planCatalogProperty: INodeProperties = {
	displayName: 'Plan Catalog (JSON)',
	name: 'planCatalog',
	type: 'json',
	default: '',
	description:
		"The practice's own promotional plan catalog (a JSON array of plans with code, kind, months, aprBasisPoints, minimumPurchaseCents, label). Leave empty for the default catalog.",
};

/** The practice's catalog when given, else the financing domain's defaults (docs/financing-domain.md §2). */
export function planCatalogFor(ctx: IExecuteFunctions, i: number): readonly PromotionalPlan[] {
	const raw = ctx.getNodeParameter('planCatalog', i, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return DEFAULT_PLAN_CATALOG;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw inputError(
				ctx,
				i,
				"'Plan Catalog (JSON)'",
				'is not valid JSON',
				'Paste a JSON array of plans, or leave the field empty for the default catalog.',
			);
		}
	}
	const parsed = parsePlanCatalog(value);
	if (!parsed.ok)
		throw problemsError(
			ctx,
			i,
			`Item ${i}`,
			parsed.problems,
			'Fix the plan catalog, or leave the field empty for the default catalog.',
		);
	return parsed.value;
}

/** The promotional plan named by a code, checked against the catalog and the amount's minimum. */
export function planFor(
	ctx: IExecuteFunctions,
	i: number,
	code: string,
	amountCents: Cents,
	catalog: readonly PromotionalPlan[],
	field: string,
): PromotionalPlan {
	const chosen = choosePromotionalPlan(amountCents, catalog, { rule: 'none' }, code, field);
	if (!chosen.ok) {
		const known = catalog.map((p) => p.code).join(', ');
		throw problemsError(
			ctx,
			i,
			`Item ${i}`,
			chosen.problems,
			`Use a plan of the catalog (${known}) whose minimum the amount meets.`,
		);
	}
	return chosen.value.plan;
}
