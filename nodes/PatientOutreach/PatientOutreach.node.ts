import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runPerItem } from '../shared/execute';
import { OPERATIONS, outreachProperties } from './actions';
import { PLAN_OUTPUTS } from './actions/plan/route';
import { REPLY_OUTPUTS } from './actions/reply/readReply.operation';
import { isListOperation } from './actions/types';

const outputs = (names: string[]) =>
	JSON.stringify(names.map((displayName) => ({ type: 'main', displayName })));

/**
 * The practice's outreach rules as a node (financing/README.md, "Outreach"), with no HTTP: who
 * may be contacted, by which channel and when, the message and the note it leaves, the
 * reactivation work list, replies, and the front desk's summary. The templates send with n8n's
 * own Send Email and HTTP Request nodes and write with the Open Dental or Dentrix node.
 */
export class PatientOutreach implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Patient Outreach',
		name: 'patientOutreach',
		icon: { light: 'file:patientOutreach.svg', dark: 'file:patientOutreach.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Recall, reactivation and financed-but-not-booked outreach by the practice's rules: consent, channel, quiet hours, touch limits, opt-outs",
		defaults: { name: 'Patient Outreach' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ ["planMessage", "planFinancedFollowUp"].includes($parameter["operation"]) ? ${outputs(PLAN_OUTPUTS)} : $parameter["operation"] === "readReply" ? ${outputs(REPLY_OUTPUTS)} : $parameter["operation"] === "buildReactivationList" ? ${outputs(['Work List', 'Problems'])} : [{ "type": "main" }] }}`,
		properties: outreachProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('operation', 0) as string;
		const operation = OPERATIONS.find((o) => o.value === name);
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${name}" is not known`);
		}
		if (isListOperation(operation)) return await operation.executeAll(this);
		const count = name === 'readReply' ? REPLY_OUTPUTS.length : PLAN_OUTPUTS.length;
		return await runPerItem(
			this,
			Array.from({ length: count }, () => []),
			async (i) => await operation.execute(this, i),
			// A failing item (bad parameters) leaves by Staff with Continue On Fail: never by a send output.
			name === 'readReply' ? 1 : 2,
		);
	}
}
