import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { hidePatientData, problem, type Problem } from '../../financing';
import { asNodeError, runPerItem } from '../shared/execute';
import { problemsError } from '../shared/parameters';
import { GAP_MS, isWebAddress, post, TRIES } from '../shared/tell';

interface Message {
	url: string;
	body: IDataObject;
	tries: number;
	gapMs: number;
}

/**
 * What each input item has posted in this node's run, by the item itself: n8n's Retry On Fail runs
 * the node again with the same items (n8n-core workflow-execute, the tryIndex loop), and the
 * messages already taken are not posted twice. A new execution (n8n's Retry of a failed run) has
 * new items.
 */
const postedBy = new WeakMap<object, Set<string>>();

/** The item's message, checked whole before anything of the run is posted. */
function messageOf(ctx: IExecuteFunctions, i: number): Message {
	const url = String(ctx.getNodeParameter('webhookUrl', i, '') ?? '').trim();
	const text = String(ctx.getNodeParameter('text', i, '') ?? '');
	const options = ctx.getNodeParameter('options', i, {}) as {
		toEmail?: string;
		toCellPhone?: string;
		tries?: number;
		secondsBetweenTries?: number;
	};
	const problems: Problem[] = [];
	if (url === '')
		problems.push(
			problem(
				'webhookUrl',
				'required',
				"is empty: give the channel's webhook address (in the templates, the Practice settings)",
			),
		);
	else if (!isWebAddress(url))
		problems.push(
			problem('webhookUrl', 'invalidUrl', 'is not a web address: give the full http(s) URL'),
		);
	if (text.trim() === '')
		problems.push(problem('text', 'required', 'is empty: there is nothing to post'));
	if (problems.length) throw problemsError(ctx, i, 'The message cannot be posted', problems);
	const body: IDataObject = { text: hidePatientData(text, undefined, { datesNamedOnly: true }) };
	const email = options.toEmail?.trim();
	const cellPhone = options.toCellPhone?.trim();
	// A patient-messaging service gets `to` whenever a recipient field is set up, empty ones as null.
	if ('toEmail' in options || 'toCellPhone' in options)
		body.to = { email: email || null, cellPhone: cellPhone || null };
	return {
		url,
		body,
		tries: Math.max(1, Math.min(10, Math.round(options.tries ?? TRIES))),
		gapMs: Math.max(0, Math.min(60, options.secondsBetweenTries ?? GAP_MS / 1000)) * 1000,
	};
}

/**
 * Every item's message, checked before the first is posted; then each posted in turn (a chat keeps
 * their order). A failed post stops the node: none after it is sent.
 */
export async function postEach(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const messages = items.map((_item, i) => {
		try {
			return messageOf(ctx, i);
		} catch (error) {
			const failed = asNodeError(ctx, error, i);
			if (!ctx.continueOnFail()) throw failed;
			return failed;
		}
	});
	return await runPerItem(ctx, [[]], async (i) => {
		const message = messages[i]!;
		if (!('url' in message)) throw message;
		const key = `${message.url}\n${JSON.stringify(message.body)}`;
		const item = items[i]!.json;
		let posted = postedBy.get(item);
		if (posted?.has(key)) return { json: { posted: true, tries: 0, alreadyPosted: true } };
		const result = await post(ctx, message.url, message.body, message);
		if (!result.posted) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The webhook did not take message ${i + 1} of ${items.length} after ${result.tries} tries (${result.lastError ?? 'no answer'})`,
				{
					itemIndex: i,
					description: `${i === 0 ? 'No message of this run was posted before it' : `Messages 1 to ${i} of this run were posted`}. Check the webhook address and the channel. A retry of this execution posts the earlier messages again.`,
				},
			);
		}
		if (!posted) postedBy.set(item, (posted = new Set()));
		posted.add(key);
		return { json: { posted: true, tries: result.tries } };
	});
}
