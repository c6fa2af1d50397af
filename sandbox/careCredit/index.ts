// The CareCredit stand-in (domain.md §2; contract in docs/carecredit-api.md). Every API call
// first applies what the sandbox clock made due, then checks the bearer token; every answer
// echoes the caller's X-SYF-Request-TrackingId.
import type {
	Handler,
	Route,
	SandboxRequest,
	SandboxResponse,
	ServiceDefinition,
} from '../core/types';
import { decide, getSettings, updateSettings } from './admin';
import { checkBearer, issueToken } from './auth';
import { trackingId } from './errors';
import { decisions, repeat } from './feed';
import { lookup } from './lookup';
import { prefill, quickScreen } from './prefill';
import { pullback, tick } from './sessions';
import { getTransaction, listTransactions, purchase, refund } from './transactions';
import type { CareCreditState, Ctx } from './types';

export type { CareCreditState, FeedEntry, Session, SessionStatus, Transaction } from './types';
export { decideSession, PATIENT_OUTCOMES } from './admin';
export { pullbackBody, portalUrl, tick } from './sessions';
export { TEST_APPLICANTS, TEST_CARDHOLDER_ACCOUNT } from './applicants';
export { seed } from './seed';

type Guard = 'bearer' | 'open';

const wrap =
	(
		guard: Guard,
		handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
	): Handler<CareCreditState> =>
	(req, ctx) => {
		const id = trackingId(req);
		const tracked: SandboxRequest = {
			...req,
			headers: { ...req.headers, 'x-syf-request-trackingid': id },
		};
		tick(ctx);
		const response = (guard === 'bearer' && checkBearer(tracked, ctx)) || handler(tracked, ctx);
		return { ...response, headers: { ...response.headers, 'X-SYF-Request-TrackingId': id } };
	};

const api = (
	method: Route<CareCreditState>['method'],
	path: string,
	handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
): Route<CareCreditState> => ({
	method,
	path,
	handler: wrap('bearer', handler),
});

const admin = (
	method: Route<CareCreditState>['method'],
	path: string,
	handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
): Route<CareCreditState> => ({
	method,
	path: `/__sandbox/careCredit${path}`,
	handler: wrap('open', handler),
});

export const service: ServiceDefinition<CareCreditState> = {
	name: 'careCredit',
	routes: [
		{ method: 'POST', path: '/oauth2/v1/token', handler: wrap('open', issueToken) },
		api('POST', '/v1/carecredit/prefill', prefill),
		api('GET', '/v1/carecredit/sessions/:sessionId', pullback),
		api('POST', '/v1/carecredit/lookup', lookup),
		api('POST', '/v1/carecredit/quickscreen', quickScreen),
		api('POST', '/v1/carecredit/transactions/purchase', purchase),
		api('POST', '/v1/carecredit/transactions/refund', refund),
		api('GET', '/v1/carecredit/transactions', listTransactions),
		api('GET', '/v1/carecredit/transactions/:transactionID', getTransaction),
		api('GET', '/v1/carecredit/merchants/:merchantNumber/decisions', decisions),
		admin('POST', '/sessions/:sessionId/decide', decide),
		admin('POST', '/feed/repeat', repeat),
		admin('GET', '/settings', getSettings),
		admin('POST', '/settings', updateSettings),
	],
};
