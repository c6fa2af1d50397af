// TEST ONLY: a stand-in for n8n's Manual Trigger (n8n-nodes-base is not installed here). Its
// trigger emits the items the harness put in its `items` parameter, so a run starts exactly as a
// "Execute workflow" click does: WorkflowExecute runs the trigger and waits for its emit.
import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

export const TEST_START_TYPE = 'n8n-nodes-test-harness.testStart';

export class TestStartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Start (test harness only)',
		name: 'testStart',
		group: ['trigger'],
		version: 1,
		description: 'Emits the items a node test gives; never shipped',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[{"json":{}}]' }],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const items = JSON.parse(
			this.getNodeParameter('items', '[{"json":{}}]') as string,
		) as INodeExecutionData[];
		return { manualTriggerFunction: async () => this.emit([items]) };
	}
}
