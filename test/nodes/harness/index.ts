/**
 * Node-test harness: runs workflow JSON through n8n-core's real `WorkflowExecute`, in process,
 * as n8n's own packages/core/nodes-testing/node-test-harness.ts does, but against real HTTP
 * (the sandbox on loopback) instead of nock. Every context a node sees (`IExecuteFunctions`,
 * `IPollFunctions`, helpers, `httpRequestWithAuthentication`) is n8n-core's own.
 *
 * Writing a node test:
 *
 *   import { NodeTestHarness, nodeWorkflow } from './harness';
 *   const harness = new NodeTestHarness({
 *     nodes: [new Dentrix(), new DentrixTreatmentPlanTrigger()],          // our node classes, from the .ts sources
 *     credentials: [new DentrixApi()],
 *   });
 *   // The credentials' defaults are a real practice's: tests point them at the sandbox explicitly.
 *   await harness.setCredentials('dentrixApi', sandboxCredentials(sandbox.urls).dentrixApi);
 *
 *   // One node fed by a test-only start node emitting `items`; `onError` as in the editor
 *   // ('stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput').
 *   const wf = nodeWorkflow(harness.type('dentrix'), { resource: 'patient', operation: 'get', ... },
 *     { credentials: ['dentrixApi'], onError: 'continueErrorOutput' });
 *   const run = await harness.run(wf, { items: [{ patientId: 'P1' }, { patientId: 'bad' }] });
 *   run.error;                         // the run's resultData.error (a node that threw), if any
 *   run.json('Node');                  // json of main output 0 of the node named 'Node'
 *   run.output('Node', 1);             // full items of output 1 (the error output), pairedItem kept
 *   run.nodeError('Node');             // the node's own error for its first run
 *
 *   // Any workflow JSON (n8n export shape): `harness.run(json, { items, mode })`; `pinData` in the
 *   // JSON is honoured like n8n does. `n8n-nodes-base.manualTrigger` maps to the test start node.
 *
 *   // Polling triggers, through n8n-core's PollContext, static data kept between polls of the same
 *   // workflow (saved only when changed, and not in 'manual' mode, as n8n does):
 *   const wf = triggerWorkflow(harness.type('dentrixTreatmentPlanTrigger'), { ... }, { credentials: ['dentrixApi'] });
 *   const first = await harness.poll(wf);           // INodeExecutionData[][] | null
 *   harness.staticData(wf);                          // what n8n would have saved
 *   await harness.poll(wf, { mode: 'manual' });
 *
 *   // The sandbox: `const sandbox = await startTestSandbox()` (free loopback ports, state in memory);
 *   // `const dx = sandboxAdmin(sandbox.urls.dentrix)` then `dx.writes('/payplans')` (non-GET calls
 *   // that reached it), `dx.fault({ kind: 'status', status: 503, count: 2 })`, `dx.faults('dentrix')`,
 *   // `dx.advanceClock(1801)`, `dx.reset()`.
 *
 *   // Resource locators: `await harness.listSearch(wf, 'searchPatients', 'whit')` runs a list search
 *   // through n8n-core's LoadOptionsContext, as the editor does.
 *
 *   // Credentials: `await harness.credentials.current('dentrixApi')` is the stored data (with any token
 *   // a preAuthentication saved); `harness.testCredential('dentrixApi')` runs the credential's
 *   // `test` request the way n8n's credentials tester does.
 */
import './env';

import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	TriggersAndPollers,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	type IConnections,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials';
export { sandboxAdmin, startTestSandbox } from './sandbox';
import { TEST_START_TYPE, TestStartNode } from './startNode';

export { HarnessCredentialsHelper, sandboxCredentials } from './credentials';
export { TEST_START_TYPE } from './startNode';

/** The package name n8n prefixes our node types with once installed (package.json `name`). */
export const PACKAGE = 'n8n-nodes-dental-financing';

/** A workflow in n8n's export shape; only what the engine needs is required. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
}

export type Items = Array<IDataObject | INodeExecutionData>;

export interface RunOptions {
	/** Items the start node emits (plain objects become `{ json }`). Default one empty item. */
	items?: Items;
	/** 'manual' (the editor's "Execute workflow", default) or 'trigger' (a production run). */
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** The run's `resultData.error`: set when a node failed and stopped the workflow. */
	error: ExecutionError | undefined;
	/** Node names in the order they finished. */
	executed: string[];
	/** Items of one output of one run of a node ([] when that output got nothing). */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** `json` of each item of `output(...)`. */
	json(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
	/** The error a node's run ended with, if any. */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
}

export interface PollOptions {
	/** 'trigger' (an active workflow's scheduled poll, default) or 'manual' (the editor's test step). */
	mode?: 'trigger' | 'manual';
	/** Which node to poll; default the workflow's only poll node. */
	nodeName?: string;
}

const toItems = (items: Items | undefined): INodeExecutionData[] =>
	(items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);

/**
 * A mock of `IWorkflowExecuteAdditionalData` shaped like n8n's harness makes it with
 * jest-mock-extended: the members we set are real, any other member is a function returning
 * undefined. Members n8n-core tests for presence stay undefined.
 */
function additionalDataMock(
	real: Partial<IWorkflowExecuteAdditionalData>,
): IWorkflowExecuteAdditionalData {
	const absent = new Set<PropertyKey>([
		'then',
		'evalLlmMockHandler',
		'encryptedRunnerIdentity',
		'executionContext',
		'currentNodeParameters',
		'ssrfBridge',
		'parentCallbackManager',
		'evaluationRunId',
		'userId',
		'projectId',
	]);
	const stubs = new Map<PropertyKey, () => undefined>();
	return new Proxy(real as IWorkflowExecuteAdditionalData, {
		get(target, key, receiver) {
			if (key in target || absent.has(key) || typeof key === 'symbol') {
				return Reflect.get(target, key, receiver);
			}
			if (!stubs.has(key)) stubs.set(key, () => undefined);
			return stubs.get(key);
		},
	});
}

export class NodeTestHarness {
	readonly credentials: HarnessCredentialsHelper;

	private readonly nodeTypes: INodeTypes;

	private readonly byType = new Map<string, INodeType>();

	private readonly credentialTypes = new Map<string, ICredentialType>();

	private readonly savedStaticData = new Map<string, IDataObject>();

	private executionCount = 0;

	constructor(options: {
		nodes: INodeType[];
		credentials?: ICredentialType[];
		packageName?: string;
	}) {
		const packageName = options.packageName ?? PACKAGE;
		for (const node of options.nodes)
			this.byType.set(`${packageName}.${node.description.name}`, node);
		const start = new TestStartNode();
		this.byType.set(TEST_START_TYPE, start);
		this.byType.set('n8n-nodes-base.manualTrigger', start);
		for (const credential of options.credentials ?? [])
			this.credentialTypes.set(credential.name, credential);
		this.credentials = new HarnessCredentialsHelper(this.credentialTypes);

		const lookup = (name: string): INodeType => {
			const type = this.byType.get(name);
			if (!type) throw new Error(`Node type "${name}" is not loaded in the test harness`);
			return type;
		};
		this.nodeTypes = {
			getByName: lookup,
			getByNameAndVersion: (name) => lookup(name),
			getKnownTypes: () => ({}),
		};
	}

	/** The full node type name of one of our nodes, e.g. `type('careCredit')`. */
	type(nodeName: string): string {
		return `${PACKAGE}.${nodeName}`;
	}

	async setCredentials(type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		await this.credentials.set(type, data);
	}

	/** The static data n8n would have saved for this workflow so far. */
	staticData(workflow: WorkflowJson): IDataObject {
		return structuredClone(this.savedStaticData.get(this.workflowId(workflow)) ?? {});
	}

	/** Forget the saved static data (or set it), as if the workflow was re-created. */
	resetStaticData(workflow: WorkflowJson, data: IDataObject = {}): void {
		this.savedStaticData.set(this.workflowId(workflow), structuredClone(data));
	}

	private workflowId(workflow: WorkflowJson): string {
		return workflow.id ?? workflow.name ?? 'test-workflow';
	}

	private instance(json: WorkflowJson): Workflow {
		return new Workflow({
			id: this.workflowId(json),
			name: json.name ?? 'test workflow',
			nodes: structuredClone(json.nodes),
			connections: json.connections,
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1', ...json.settings },
			staticData: structuredClone(
				this.savedStaticData.get(this.workflowId(json)) ?? json.staticData ?? {},
			),
			active: false,
		});
	}

	/** n8n saves a workflow's static data only when a node changed it (`__dataChanged`). */
	private saveStaticData(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged !== true) return;
		this.savedStaticData.set(
			workflow.id,
			JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		);
	}

	private additionalData(hooks: ExecutionLifecycleHooks, executionId: string) {
		return additionalDataMock({
			executionId,
			hooks,
			credentialsHelper: this.credentials,
			webhookWaitingBaseUrl: 'http://localhost/waiting-webhook',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost/',
			variables: {},
		});
	}

	/** Run a workflow to the end through `WorkflowExecute`, like n8n's own harness. */
	async run(json: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
		const mode = options.mode ?? 'manual';
		const items = toItems(options.items);
		const nodes = json.nodes.map((node) =>
			this.byType.get(node.type) instanceof TestStartNode
				? { ...node, parameters: { ...node.parameters, items: JSON.stringify(items) } }
				: node,
		);
		const workflow = this.instance({ ...json, nodes });
		const executionId = String(++this.executionCount);
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes,
			connections: json.connections,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const executed: string[] = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			executed.push(nodeName);
		});
		let resolveRun: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));

		const startNode = workflow.getStartNode();
		if (!startNode) throw new Error('The workflow has no start node');
		const runExecutionData = createRunExecutionData({
			resultData: { runData: {}, pinData: json.pinData },
			executionData: {
				nodeExecutionStack: [{ node: startNode, data: { main: [items] }, source: null }],
			},
		});
		await new WorkflowExecute(
			this.additionalData(hooks, executionId),
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const run = await finished;
		if (mode !== 'manual') this.saveStaticData(workflow);

		const runData = run.data.resultData.runData;
		const output = (nodeName: string, outputIndex = 0, runIndex = 0) =>
			runData[nodeName]?.[runIndex]?.data?.[NodeConnectionTypes.Main]?.[outputIndex] ?? [];
		return {
			run,
			error: run.data.resultData.error,
			executed,
			output,
			json: (nodeName, outputIndex, runIndex) =>
				output(nodeName, outputIndex, runIndex).map((i) => i.json),
			nodeError: (nodeName, runIndex = 0) => runData[nodeName]?.[runIndex]?.error,
		};
	}

	/**
	 * One poll of a polling trigger through n8n-core's `PollContext` and `TriggersAndPollers`, as
	 * an active workflow's schedule runs it ('trigger') or as the editor's test step ('manual').
	 */
	async poll(
		json: WorkflowJson,
		options: PollOptions = {},
	): Promise<INodeExecutionData[][] | null> {
		const mode = options.mode ?? 'trigger';
		const workflow = this.instance(json);
		const node = options.nodeName ? workflow.getNode(options.nodeName) : workflow.getPollNodes()[0];
		if (!node) throw new Error('No poll node to run in this workflow');
		const hooks = new ExecutionLifecycleHooks(mode, 'poll', {} as never);
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(hooks, 'poll'),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const result = await new TriggersAndPollers().runPollFunction(workflow, node, context);
		// n8n saves a trigger's static data before it starts the run the poll's items feed.
		if (mode !== 'manual') this.saveStaticData(workflow);
		return result;
	}

	/**
	 * A resource locator's list search (`methods.listSearch`) as the editor calls it: through
	 * n8n-core's `LoadOptionsContext` for the node named `nodeName` (default 'Node').
	 */
	async listSearch(
		json: WorkflowJson,
		method: string,
		filter?: string,
		options: { nodeName?: string; paginationToken?: string } = {},
	): Promise<INodeListSearchResult> {
		const workflow = this.instance(json);
		const node = workflow.getNode(options.nodeName ?? 'Node');
		if (!node) throw new Error(`No node named ${options.nodeName ?? 'Node'} in this workflow`);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new Error(`${node.type} has no list search ${method}`);
		const hooks = new ExecutionLifecycleHooks('manual', 'load-options', {} as never);
		// The editor sends the node's current parameters with every load-options call.
		const additionalData = this.additionalData(hooks, 'load-options');
		additionalData.currentNodeParameters = node.parameters;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		return await search.call(context, filter, options.paginationToken);
	}

	/**
	 * Test a credential as n8n's credentials tester does for a `test` request: a temporary
	 * noOp node whose one parameter routes that request, run by n8n-core's RoutingNode; a failing
	 * answer is named by the test's `responseCode` rules, as n8n's tester does.
	 */
	async testCredential(type: string): Promise<INodeCredentialTestResult> {
		const credentialType = this.credentialTypes.get(type);
		const request = credentialType?.test?.request;
		if (!request)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		const nodeType: INodeType = {
			description: {
				displayName: 'No Operation',
				name: 'n8n-nodes-base.noOp',
				group: ['transform'],
				version: 1,
				description: 'Credential test node',
				defaults: { name: 'Temp-Node' },
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				credentials: [{ name: type, required: true }],
				properties: [
					{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
				],
			},
		};
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: { temp: '' },
			credentials: { [type]: { id: type, name: type } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
		});
		const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {} as never);
		const context = new ExecuteContext(
			workflow,
			node,
			this.additionalData(hooks, 'credential-test'),
			'internal',
			createRunExecutionData({ resultData: { runData: {} } }),
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		const data = await this.credentials.current(type);
		try {
			await new RoutingNode(context, nodeType, { id: type, name: type, type, data }).runNode();
		} catch (error) {
			const cause = (
				error as { cause?: { response?: { status?: number; statusText?: string }; code?: string } }
			).cause;
			if (cause?.response?.status) {
				// As n8n's credentials tester: a `responseCode` rule of the test request names the failure.
				const rule = credentialType?.test?.rules?.find(
					(r) => r.type === 'responseCode' && r.properties.value === cause.response?.status,
				);
				if (rule) return { status: 'Error', message: rule.properties.message };
				return {
					status: 'Error',
					message:
						cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
				};
			}
			return { status: 'Error', message: cause?.code ?? (error as Error).message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}
}

/** Options of the one-node workflows tests build most often. */
export interface NodeWorkflowOptions {
	/** Credential types the node uses (each stored under its own name). */
	credentials?: string[];
	/** 'stopWorkflow' (default), 'continueRegularOutput' (Continue On Fail) or 'continueErrorOutput'. */
	onError?: INode['onError'];
	name?: string;
	id?: string;
	typeVersion?: number;
}

const credentialRefs = (types: string[] | undefined) =>
	types && Object.fromEntries(types.map((t) => [t, { id: t, name: t }]));

/** Test start node → the node under test (named 'Node' unless told). */
export function nodeWorkflow(
	type: string,
	parameters: INode['parameters'],
	options: NodeWorkflowOptions = {},
): WorkflowJson {
	const name = options.name ?? 'Node';
	return {
		id: options.id,
		name: `${name} test`,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: TEST_START_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'node',
				name,
				type,
				typeVersion: options.typeVersion ?? 1,
				position: [200, 0],
				parameters,
				credentials: credentialRefs(options.credentials),
				onError: options.onError,
			},
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

/** One step of `chainWorkflow`: a node of this package, with the credential types it uses. */
export interface ChainStep {
	name: string;
	/** The node's name in this package, e.g. `dentrix`, `paymentArrangement`. */
	type: string;
	parameters: INode['parameters'];
	onError?: INode['onError'];
	credentials?: string[];
}

/** Test start node → each step in a line, for tests that run several of our nodes together. */
export function chainWorkflow(steps: ChainStep[], id = 'chain'): WorkflowJson {
	const names = ['Start', ...steps.map((s) => s.name)];
	return {
		id,
		name: id,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: TEST_START_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...steps.map((s, i) => ({
				id: `n${i}`,
				name: s.name,
				type: `${PACKAGE}.${s.type}`,
				typeVersion: 1,
				position: [200 * (i + 1), 0] as [number, number],
				parameters: s.parameters,
				onError: s.onError,
				credentials: credentialRefs(s.credentials),
			})),
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((n, i) => [n, { main: [[{ node: names[i + 1]!, type: 'main' as const, index: 0 }]] }]),
		),
	};
}

/** A workflow holding only a trigger node (named 'Trigger' unless told), for `poll()`. */
export function triggerWorkflow(
	type: string,
	parameters: INode['parameters'],
	options: NodeWorkflowOptions = {},
): WorkflowJson {
	const name = options.name ?? 'Trigger';
	return {
		id: options.id ?? `${name}-${Math.random().toString(36).slice(2)}`,
		name: `${name} test`,
		nodes: [
			{
				id: 'trigger',
				name,
				type,
				typeVersion: options.typeVersion ?? 1,
				position: [0, 0],
				parameters,
				credentials: credentialRefs(options.credentials),
			},
		],
		connections: {},
	};
}
