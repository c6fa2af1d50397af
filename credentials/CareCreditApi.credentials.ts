import { randomUUID } from 'crypto';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { merchantNumberProblem } from '../nodes/CareCredit/merchantNumber';

/** Synchrony's hosts (domain.md §2, "Conventions"); any other address goes in Base URL. */
export const CARECREDIT_HOSTS: Record<string, string> = {
	staging: 'https://api-stg.syf.com',
	uat: 'https://api-uat.syf.com',
	production: 'https://api.syf.com',
};

/** Modeled token path (docs/carecredit-api.md, "Authentication"); a partner repoints it here. */
export const CARECREDIT_GRANT_PATH = '/oauth2/v1/token';

/** The environment's host, or the Base URL of a custom one; production when none is chosen. */
export function careCreditBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const url = CARECREDIT_HOSTS[environment] ?? String(credentials.baseUrl ?? '');
	return url.replace(/\/+$/, '');
}

export class CareCreditApi implements ICredentialType {
	name = 'careCreditApi';

	displayName = 'CareCredit API';

	icon: Icon = {
		light: 'file:../nodes/CareCredit/careCredit.svg',
		dark: 'file:../nodes/CareCredit/careCredit.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-dental-financing/n8n-nodes-dental-financing/blob/main/docs/carecredit-api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Custom Base URL',
					value: 'custom',
					description:
						"Another address, e.g. a partner's gateway or the practice sandbox of the demo",
				},
				{ name: 'Production', value: 'production' },
				{ name: 'Staging', value: 'staging' },
				{ name: 'UAT', value: 'uat' },
			],
			default: 'production',
			description: 'Which CareCredit (Synchrony) environment to call',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://carecredit-gateway.example-partner.com',
			description: 'Address of the CareCredit API, without a trailing slash',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Default Merchant Number',
			name: 'merchantNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5348120100000001',
			hint: 'Exactly 16 digits. Each CareCredit operation can override it per item for a location or provider.',
			description: 'The CareCredit merchant number of the practice (exactly 16 digits)',
		},
		// Hidden like the secret: the pair is what Synchrony issues to a partner, and a client id
		// on screen is half of what a shoulder-surfer needs.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Partner Code',
			name: 'partnerCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. N8N',
			description:
				'The partner code Synchrony assigned to this integration, sent with every request',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when the access token is empty, and once more when a request answers 401;
	// the token it returns is saved in the credential and reused until CareCredit refuses it.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// A misconfigured merchant number is refused before any secret is sent.
		const problem = merchantNumberProblem(credentials.merchantNumber);
		if (problem)
			throw new Error(`${problem}. Fix the Default Merchant Number in the CareCredit credential.`);
		const body = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		});
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${careCreditBaseUrl(credentials)}${CARECREDIT_GRANT_PATH}`,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'X-SYF-Request-TrackingId': randomUUID(),
			},
			body: body.toString(),
			json: true,
			// A client timeout like every other CareCredit request: a token request that hangs
			// would otherwise leave a write-once call without a stated worst case.
			timeout: 30_000,
		})) as { access_token?: string };
		if (!response?.access_token)
			throw new Error('CareCredit answered the token request without an access token');
		return { accessToken: response.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	// Reads one entry of the merchant's decision feed: proves the keys and the merchant number.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "production" ? "https://api.syf.com" : $credentials.environment === "staging" ? "https://api-stg.syf.com" : $credentials.environment === "uat" ? "https://api-uat.syf.com" : $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '=/v1/carecredit/merchants/{{ $credentials.merchantNumber }}/decisions',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'CareCredit refused the merchant number: it must be exactly 16 digits and belong to these keys',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'CareCredit refused the client ID or secret' },
			},
			{
				type: 'responseCode',
				properties: { value: 499, message: 'CareCredit says this merchant is closed' },
			},
		],
	};
}
