// Synchrony's error body (docs/financing-domain.md §2, from its public plugins) and the request tracking id
// every answer echoes.
import { randomUUID } from 'node:crypto';

import type { SandboxRequest, SandboxResponse } from '../core/types';

export interface FieldError {
	field: string;
	location: 'body' | 'path' | 'query' | 'header';
	reason: string;
}

const NAMES: Record<number, string> = {
	400: 'Invalid input',
	401: 'Invalid access token',
	404: 'Request not found',
	409: 'Conflict',
	422: 'Training suspended',
	499: 'Merchant closed',
	500: 'Internal error',
};

export const trackingId = (req: SandboxRequest): string =>
	req.headers['x-syf-request-trackingid'] ?? randomUUID();

export function syfError(
	req: SandboxRequest,
	status: number,
	message = NAMES[status] ?? 'Error',
	errors: FieldError[] = [],
): SandboxResponse {
	return {
		status,
		body: {
			code: String(status),
			message,
			trackingId: trackingId(req),
			transient: status >= 500,
			errors,
			userMessage: errors.length ? 'Some fields are invalid.' : message,
			documentationUrl: 'docs/carecredit-api.md',
			remediationInfo: '',
			transientType: '',
			debugInfo: '',
		},
	};
}

export const invalid = (req: SandboxRequest, errors: FieldError[]): SandboxResponse =>
	syfError(req, 400, 'Invalid input', errors);

export const field = (name: string, reason: string): FieldError => ({
	field: name,
	location: 'body',
	reason,
});
