// OAuth2 client credentials (docs/financing-domain.md §2: Synchrony's public plugins); tokens expire on the
// sandbox clock so tests can age them with `POST /__sandbox/clock`.
import { randomBytes } from 'node:crypto';

import type { SandboxRequest, SandboxResponse } from '../core/types';
import { field, invalid, syfError } from './errors';
import type { Ctx } from './types';

export function issueToken(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const body = (req.body ?? {}) as Record<string, unknown>;
	if (body.grant_type !== 'client_credentials') {
		return invalid(req, [field('grant_type', 'must be client_credentials')]);
	}
	const client = ctx.state.clients.find(
		(c) => c.clientId === body.client_id && c.clientSecret === body.client_secret,
	);
	if (!client) return syfError(req, 401, 'Invalid client credentials');
	const now = ctx.now().getTime();
	const lifetime = ctx.options.tokenLifetimeSeconds;
	const token = `sbx_${randomBytes(24).toString('hex')}`;
	// Tokens a day past expiry are dropped so the persisted list stays short; younger ones
	// still answer "expired" rather than "invalid".
	ctx.state.tokens = ctx.state.tokens.filter((t) => t.expiresAt > now - 86_400_000);
	ctx.state.tokens.push({ token, clientId: client.clientId, expiresAt: now + lifetime * 1000 });
	return {
		status: 200,
		body: {
			access_token: token,
			token_type: 'Bearer',
			expires_in: lifetime,
			issued_at: now,
			client_id: client.clientId,
			application_name: client.applicationName,
		},
	};
}

/** A 401 answer when the bearer token is missing, unknown or expired; null when it is good. */
export function checkBearer(req: SandboxRequest, ctx: Ctx): SandboxResponse | null {
	const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	if (!match) return syfError(req, 401, 'Missing bearer token');
	const token = ctx.state.tokens.find((t) => t.token === match[1]);
	if (!token) return syfError(req, 401, 'Invalid access token');
	if (token.expiresAt <= ctx.now().getTime()) return syfError(req, 401, 'Access token expired');
	return null;
}
