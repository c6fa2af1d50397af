import type {
	Icon,
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Dentrix's APIs are partner-gated (docs/financing-domain.md §3): this credential speaks the REST contract the
 * package models on Dentrix's own fields (docs/dentrix-api.md), bearer API key on every call.
 */
export class DentrixApi implements ICredentialType {
	name = 'dentrixApi';

	displayName = 'Dentrix API';

	icon: Icon = {
		light: 'file:../nodes/Dentrix/dentrix.svg',
		dark: 'file:../nodes/Dentrix/dentrix.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-dental-financing/n8n-nodes-dental-financing/blob/main/docs/dentrix-api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://dentrix-api.example-practice.com',
			description:
				"The address of the practice's Dentrix API (its partner's adapter), without /v1 or a trailing slash",
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	// A function rather than n8n's declarative form: n8n runs that form's expression for every
	// request, which in n8n 2.x costs more than the request itself (README, "Benchmark").
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/practice',
			method: 'GET',
		},
	};
}
