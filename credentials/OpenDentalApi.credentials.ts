import type {
	Icon,
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Open Dental's public REST API (docs/opendental-api-notes.md §1): a developer key and the office's customer
 * key, sent as `Authorization: ODFHIR {DeveloperKey}/{CustomerKey}` on every call (§1.2).
 */
export class OpenDentalApi implements ICredentialType {
	name = 'openDentalApi';

	displayName = 'Open Dental API';

	icon: Icon = {
		light: 'file:../nodes/OpenDental/openDental.svg',
		dark: 'file:../nodes/OpenDental/openDental.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-dental-financing/n8n-nodes-dental-financing/blob/main/docs/opendental.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.opendental.com/api/v1',
			placeholder: 'e.g. http://192.168.1.20:30223/api/v1',
			description:
				"Open Dental's remote API (default); or the API Service on the office network, http://{server IP}:30223/api/v1 (Open Dental recommends trying it first), or the local API, http://localhost:30222/api/v1",
			required: true,
		},
		{
			displayName: 'Developer Key',
			name: 'developerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The developer API key Open Dental issued to whoever set this integration up',
		},
		{
			displayName: 'Customer Key',
			name: 'customerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The office's customer API key, generated in Open Dental (Setup, Advanced Setup, API)",
		},
		{
			displayName: 'Minimum Time Between Requests (Ms)',
			name: 'pacingMs',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 0 },
			description:
				"Open Dental's remote API allows one request per second per customer key (one per 5 seconds with Read All only: use 5000). The local API and the API Service are not throttled: 0.",
		},
	];

	// A function rather than n8n's declarative form: n8n runs that form's expression for every
	// request, which in n8n 2.x costs more than the request itself (README, "Benchmark").
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `ODFHIR ${String(credentials.developerApiKey ?? '')}/${String(credentials.customerApiKey ?? '')}`,
		},
	});

	// One cheap read every permission level allows (Read All, docs/opendental-api-notes.md §1.10).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/definitions',
			method: 'GET',
			qs: { Category: 10, Limit: 1 },
		},
	};
}
