// A credentials helper that behaves like n8n's own (packages/cli/src/credentials-helper.ts) for
// what nodes can observe: the stored data stands for n8n's database row, `authenticate`
// is applied for real (function or generic with `={{$credentials.x}}` expressions), and
// `preAuthentication` runs when the credential's hidden `expirable` field is empty or the request
// came back 401, its result being persisted through `updateCredentials` so the next request (or
// the next execution in the same test) reuses the token, exactly as n8n does with its database.
import {
	ICredentials,
	ICredentialsHelper,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

/** Where a sandbox's three stand-ins answer (`Sandbox['urls']`). */
export interface SandboxUrls {
	careCredit: string;
	dentrix: string;
	openDental: string;
}

/**
 * Credential data pointing at a sandbox, every field the nodes need set: the credentials' own
 * defaults are a real practice's (production hosts, empty keys), never the sandbox, so a test
 * states the sandbox explicitly. Spread and override a field to test a wrong one.
 */
export function sandboxCredentials(urls: SandboxUrls) {
	return {
		careCreditApi: {
			environment: 'custom',
			baseUrl: urls.careCredit,
			merchantNumber: '5348120100000001',
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			partnerCode: 'N8N',
		},
		dentrixApi: { baseUrl: urls.dentrix, apiKey: 'sandbox-dentrix-key' },
		openDentalApi: {
			baseUrl: `${urls.openDental}/api/v1`,
			developerApiKey: 'sandbox-od-developer',
			customerApiKey: 'sandbox-od-customer',
			// The sandbox throttles only when a test turns that on.
			pacingMs: 0,
		},
	} satisfies Record<string, ICredentialDataDecryptedObject>;
}

export interface CredentialUpdate {
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A stored credential: n8n keeps it encrypted in its database; a JSON string stands in here. */
class StoredCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		return JSON.parse(this.data ?? '{}') as ICredentialDataDecryptedObject;
	}

	getDataToSave() {
		return { id: this.id, name: this.name, type: this.type, data: this.data ?? '' };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...(await this.getData()), ...toUpdate };
		for (const key of toDelete) delete data[key];
		await this.setData(data as ICredentialDataDecryptedObject);
	}
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, StoredCredentials>();

	/** Every `updateCredentials` call, in order (token exchanges persist through it). */
	readonly updates: CredentialUpdate[] = [];

	constructor(private readonly types: Map<string, ICredentialType>) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Credential type "${name}" is not loaded in the test harness`);
		return type;
	}

	/** Store the data a test gives, with the type's defaults filled in as the n8n editor does. */
	async set(typeName: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(typeName)) {
			if (property.default !== undefined && property.type !== 'notice') {
				withDefaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
			}
		}
		const credentials = new StoredCredentials({ id: typeName, name: typeName }, typeName);
		await credentials.setData({ ...withDefaults, ...data });
		this.stored.set(typeName, credentials);
	}

	/** The stored (decrypted) data now, including any token a pre-authentication saved. */
	async current(typeName: string): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.stored.get(typeName);
		if (!credentials) throw new Error(`No "${typeName}" credentials were set in this test`);
		return await credentials.getData();
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolve = (v: string) =>
						isExpression(v) && workflow && node
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										v,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: v;
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// n8n's credential test runs through a temporary noOp node whose `temp` parameter is ''.
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;

		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[type.name];
		if (nodeCredentials) {
			const stored = await this.current(type.name);
			await this.updateCredentials(nodeCredentials, type.name, {
				...stored,
				...(output as ICredentialDataDecryptedObject),
			});
			return Object.assign(credentials, output as ICredentialDataDecryptedObject);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.type(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<StoredCredentials> {
		const credentials = this.stored.get(type);
		if (!credentials) throw new Error(`No "${type}" credentials were set in this test`);
		return credentials;
	}

	private outage: { count: number; when: () => boolean } | null = null;

	/**
	 * n8n's database not answering (as pg-pool's "timeout exceeded when trying to connect" during a
	 * PostgreSQL restart): the next `count` reads of any credential, once `when` holds, fail.
	 */
	failReads(count: number, when: () => boolean = () => true): void {
		this.outage = { count, when };
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (this.outage && this.outage.count > 0 && this.outage.when()) {
			this.outage.count--;
			throw new Error('timeout exceeded when trying to connect');
		}
		// A fresh object on every call, as decrypting from the database gives.
		return await this.current(type);
	}

	async updateCredentials(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await (await this.getCredentials(_details, type)).setData(data);
		this.updates.push({ type, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(details, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.type(type);
		const inherited = (own.extends ?? []).flatMap((parent) =>
			this.getCredentialsProperties(parent),
		);
		const names = new Set(own.properties.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own.properties];
	}
}
