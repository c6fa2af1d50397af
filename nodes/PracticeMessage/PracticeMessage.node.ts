import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { postEach } from './post';

/**
 * Posts a message to one of the practice's channels: a Slack-style incoming webhook
 * (`POST {"text": ...}`), or the practice's patient-messaging service (`{text, to}`). Each item is
 * posted once, in turn, and only a failed post is tried again (post.ts). The templates leave n8n's
 * Retry On Fail off: it would run the node again for all its items, and only the memory of what
 * this execution posted keeps those from going out twice.
 */
export class PracticeMessage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Practice Message',
		name: 'practiceMessage',
		icon: { light: 'file:practiceMessage.svg', dark: 'file:practiceMessage.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: 'Post to a practice channel',
		description:
			'Post a message to a practice channel (coordinator, front desk, review, ops): each item once, retried by itself',
		defaults: { name: 'Practice Message' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. https://hooks.slack.com/services/...',
				description:
					'The channel\'s incoming webhook: it receives {"text": ...} (a Slack incoming-webhook URL works as is)',
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				required: true,
				description:
					'The message. A tax ID, or a date next to "DOB" or "born", is replaced by "(hidden)".',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Seconds Between Tries',
						name: 'secondsBetweenTries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 60 },
						default: 2,
						description: 'How long to wait before trying a failed post again',
					},
					{
						displayName: 'To Cell Phone',
						name: 'toCellPhone',
						type: 'string',
						default: '',
						description: 'For a patient-messaging service: sent as to.cellPhone beside the text',
					},
					{
						displayName: 'To Email',
						name: 'toEmail',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						description: 'For a patient-messaging service: sent as to.email beside the text',
					},
					{
						displayName: 'Tries',
						name: 'tries',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10 },
						default: 5,
						description: 'How many times a message is tried before the node fails',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await postEach(this);
	}
}
