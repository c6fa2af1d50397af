/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
import {
	NodeOperationError,
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import { NodeTestHarness, nodeWorkflow, triggerWorkflow } from '.';

class Echo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo',
		name: 'echo',
		usableAsTool: true,
		group: ['transform'],
		version: 1,
		description: 'x',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Add', name: 'add', type: 'number' as const, default: 0 }],
	};
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (const [i, item] of this.getInputData().entries()) {
			try {
				if (item.json.fail)
					throw new NodeOperationError(this.getNode(), 'failed', { itemIndex: i });
				out.push({
					json: { v: (item.json.v as number) + (this.getNodeParameter('add', i) as number) },
					pairedItem: { item: i },
				});
			} catch (e) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (e as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), e as Error, { itemIndex: i });
			}
		}
		return [out];
	}
}
class Poller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Poller',
		name: 'poller',
		group: ['trigger'],
		version: 1,
		description: 'x',
		defaults: { name: 'Poller' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const data = this.getWorkflowStaticData('node');
		data.n = ((data.n as number) ?? 0) + 1;
		return this.getMode() === 'manual'
			? [[{ json: { sample: true } }]]
			: [[{ json: { n: data.n } }]];
	}
}

const harness = new NodeTestHarness({ nodes: [new Echo(), new Poller()] });
test('runs', async () => {
	const wf = nodeWorkflow(
		harness.type('echo'),
		{ add: '={{ 2 + 3 }}' },
		{ onError: 'continueErrorOutput' },
	);
	const r = await harness.run(wf, { items: [{ v: 1 }, { fail: true }] });
	expect(r.error).toBeUndefined();
	expect(r.json('Node', 0)).toEqual([{ v: 6 }]);
	expect(r.json('Node', 1)).toEqual([{ fail: true, error: 'failed' }]);
	expect(r.output('Node', 1)[0].pairedItem).toEqual({ item: 1 });
	const r2 = await harness.run(nodeWorkflow(harness.type('echo'), { add: 1 }), {
		items: [{ fail: true }],
	});
	expect(r2.error?.message).toBe('failed');
});
test('polls', async () => {
	const wf = triggerWorkflow(harness.type('poller'), {});
	expect(await harness.poll(wf)).toEqual([[{ json: { n: 1 } }]]);
	expect(await harness.poll(wf)).toEqual([[{ json: { n: 2 } }]]);
	expect(await harness.poll(wf, { mode: 'manual' })).toEqual([[{ json: { sample: true } }]]);
	expect(harness.staticData(wf)).toEqual({ 'node:Trigger': { n: 2 } });
});

test('pinned data replaces a node output, as in the editor', async () => {
	const wf = {
		...nodeWorkflow(harness.type('echo'), { add: 1 }),
		pinData: { Node: [{ json: { pinned: true } }] },
	};
	const r = await harness.run(wf, { items: [{ v: 1 }] });
	expect(r.json('Node')).toEqual([{ pinned: true }]);
});
