import fc from 'fast-check';

import {
	findTouchKeys,
	isSendTime,
	optOutNote,
	outreachNote,
	outreachPolicySchema,
	planTouch,
	renderOutreachMessage,
	touchKey,
	type TouchPlan,
	type TouchRequest,
} from '../../financing';

const POLICY = { timeZone: 'America/New_York' }; // 09:00–20:00 Mon–Sat, 3 touches, 3 days apart
const policy = outreachPolicySchema.parse(POLICY);
const MONDAY_2PM = new Date('2026-03-02T19:00:00Z');

const patient = {
	patientId: 101,
	status: 'Patient',
	textOk: 'Yes',
	preferredRecallMethod: 'TextMessage',
	wirelessPhone: '(536) 587-4822',
	email: 'jane@example.com',
};
const recall: TouchRequest = {
	purpose: 'recall',
	patient,
	subjectId: 40,
	recall: { dueDate: '2026-03-15', recallTypeId: 1 },
	recallTypeIds: [1, 2],
};

function plan(request: TouchRequest, now = MONDAY_2PM, policyInput: unknown = POLICY): TouchPlan {
	const result = planTouch(request, policyInput, now);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('the next touch', () => {
	test('first touch: the preferred channel, now, with its touch key', () => {
		expect(plan(recall)).toEqual({
			action: 'send',
			touchNumber: 1,
			touchKey: '[out:recall:101:40:1]',
			channel: 'text',
			to: '+15365874822',
			sendAt: '2026-03-02T19:00:00.000Z',
			deferred: false,
			bySequence: false,
		});
	});

	test('planned in quiet hours: waits for the next allowed time', () => {
		const late = plan(recall, new Date('2026-03-03T02:30:00Z')); // Monday 21:30 EST
		expect(late).toMatchObject({
			action: 'send',
			sendAt: '2026-03-03T14:00:00.000Z',
			deferred: true,
		});
	});

	test('a re-run the same day sends nothing twice (the commlog carries the key)', () => {
		const first = plan(recall);
		if (first.action !== 'send') throw new Error('expected a send');
		const note = outreachNote(
			{
				purpose: 'recall',
				channel: first.channel,
				touchNumber: 1,
				touchKey: first.touchKey,
				to: first.to,
				sentAt: MONDAY_2PM,
				message: 'Hi',
			},
			policy,
		);
		const again = plan(
			{ ...recall, history: { notes: [{ text: note.note, at: note.commDateTime }] } },
			new Date('2026-03-02T23:00:00Z'),
		);
		expect(again).toMatchObject({
			action: 'wait',
			touchNumber: 2,
			reason: 'minimumGap',
			until: '2026-03-05T14:00:00.000Z',
		});
	});

	test("Open Dental's recall list (NumRemind, LastRemind) counts too: touch 2 by the sequence", () => {
		const second = plan({ ...recall, history: { touchesSent: 1, lastTouchAt: '2026-02-26' } });
		expect(second).toMatchObject({
			action: 'send',
			touchNumber: 2,
			channel: 'email',
			to: 'jane@example.com',
			bySequence: true,
			touchKey: '[out:recall:101:40:2]',
		});
	});

	test('the gap counts practice-local days', () => {
		// Last touch Friday 2026-02-27 22:30 EST (already Saturday in UTC): 3 days later is Monday.
		const result = plan({
			...recall,
			history: { touchesSent: 1, lastTouchAt: '2026-02-28T03:30:00Z' },
		});
		expect(result).toMatchObject({ action: 'send', touchNumber: 2 });
	});

	test('at most K touches', () => {
		expect(
			plan({ ...recall, history: { touchesSent: 3, lastTouchAt: '2026-02-01' } }),
		).toMatchObject({ action: 'stop', reason: 'maxTouchesReached' });
		expect(
			plan({ ...recall, history: { touchesSent: 1 } }, MONDAY_2PM, { ...POLICY, maxTouches: 1 }),
		).toMatchObject({ action: 'stop', reason: 'maxTouchesReached' });
	});

	test('a STOP reply ends outreach and says what was seen; a later START resumes it', () => {
		const stopped = plan({
			...recall,
			history: { replies: [{ text: 'STOP', receivedAt: '2026-03-01T15:00:00Z', channel: 'text' }] },
		});
		expect(stopped).toEqual({
			action: 'stop',
			reason: 'optedOut',
			text: 'The patient replied STOP; outreach ended.',
			optOut: {
				kind: 'optOut',
				keyword: 'STOP',
				exact: true,
				receivedAt: '2026-03-01T15:00:00.000Z',
				channel: 'text',
			},
		});
		const resumed = plan({
			...recall,
			history: {
				replies: [
					{ text: 'START', receivedAt: '2026-03-01T16:00:00Z' },
					{ text: 'STOP', receivedAt: '2026-03-01T15:00:00Z' },
				],
			},
		});
		expect(resumed.action).toBe('send');
	});

	test('an opt-out word inside a longer reply stops too, and asks a person to read it', () => {
		const result = plan({
			...recall,
			history: { replies: [{ text: 'please stop texting me', receivedAt: '2026-03-01 10:00:00' }] },
		});
		expect(result).toMatchObject({ action: 'stop', reason: 'optedOut', optOut: { exact: false } });
		expect(result.action === 'stop' && result.text).toMatch(/a person should read it/);
	});

	test('who may not be contacted is skipped; a call preference becomes a staff task with its key', () => {
		expect(plan({ ...recall, patient: { ...patient, status: 'Deceased' } })).toMatchObject({
			action: 'skip',
			reason: 'deceased',
		});
		expect(
			plan({ ...recall, patient: { ...patient, preferredRecallMethod: 'HmPhone' } }),
		).toMatchObject({
			action: 'staffTask',
			reason: 'prefersCall',
			touchKey: '[out:recall:101:40:1]',
		});
	});

	test.each([
		[
			'a recall with no due date',
			{ recall: { dueDate: '0001-01-01', recallTypeId: 1 } },
			'touch.recall.dueDate',
			'noDueDate',
		],
		[
			'an unknown recall type',
			{ recall: { dueDate: '2026-03-15', recallTypeId: 9 } },
			'touch.recall.recallTypeId',
			'unknownRecallType',
		],
		[
			'a malformed phone',
			{ patient: { ...patient, wirelessPhone: '555-0100' } },
			'touch.patient.wirelessPhone',
			'malformedPhone',
		],
		[
			'no reachable channel',
			{ patient: { ...patient, wirelessPhone: '', email: null } },
			'touch.patient',
			'noReachableChannel',
		],
		[
			'a reply without a readable time',
			{ history: { replies: [{ text: 'STOP', receivedAt: 'yesterday' }] } },
			'touch.history.replies.0.receivedAt',
			'invalidDateTime',
		],
	])('bad input: %s', (_name, change, field, code) => {
		const result = planTouch({ ...recall, ...change }, POLICY, MONDAY_2PM);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.problems.map((p) => [p.field, p.code])).toContainEqual([field, code]);
	});

	test('a bad policy is a problem naming its field', () => {
		const result = planTouch(
			recall,
			{ timeZone: 'America/New_York', sendWindow: { start: '20:00', end: '09:00' } },
			MONDAY_2PM,
		);
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'outreachPolicy.sendWindow.end' }],
		});
	});

	test('keys of other subjects, purposes or patients do not count', () => {
		const notes = [
			{ text: 'x [out:recall:101:41:2]', at: '2026-03-02 08:00:00' },
			{ text: 'x [out:react:101:40:2]', at: '2026-03-02 08:00:00' },
			{ text: 'x [out:recall:102:40:2]', at: '2026-03-02 08:00:00' },
		];
		expect(plan({ ...recall, history: { notes } })).toMatchObject({
			action: 'send',
			touchNumber: 1,
		});
	});
});

describe('properties of the touch plan', () => {
	const arb = fc.record({
		now: fc.date({
			min: new Date('2026-01-01T00:00:00Z'),
			max: new Date('2026-12-31T00:00:00Z'),
			noInvalidDate: true,
		}),
		sent: fc.integer({ min: 0, max: 4 }),
		daysAgo: fc.integer({ min: 0, max: 10 }),
		zone: fc.constantFrom(
			'America/New_York',
			'America/Chicago',
			'America/Los_Angeles',
			'Pacific/Honolulu',
		),
	});

	test('a send is never inside quiet hours; planning twice gives the same plan; once written, that touch is never planned again the same day', () => {
		fc.assert(
			fc.property(arb, ({ now, sent, daysAgo, zone }) => {
				const policyInput = { timeZone: zone };
				const p = outreachPolicySchema.parse(policyInput);
				const history = sent
					? {
							touchesSent: sent,
							lastTouchAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
						}
					: {};
				const request = { ...recall, history };
				const first = planTouch(request, policyInput, now);
				const twice = planTouch(request, policyInput, now);
				expect(twice).toEqual(first);
				if (!first.ok || first.value.action !== 'send') return;
				const send = first.value;
				const sentAt = new Date(send.sendAt);
				expect(isSendTime(p, sentAt)).toBe(true);
				const note = outreachNote(
					{
						purpose: 'recall',
						channel: send.channel,
						touchNumber: send.touchNumber,
						touchKey: send.touchKey,
						to: send.to,
						sentAt,
						message: 'Hello',
					},
					p,
				);
				const rerun = planTouch(
					{
						...request,
						history: { ...history, notes: [{ text: note.note, at: sentAt.toISOString() }] },
					},
					policyInput,
					new Date(sentAt.getTime() + 60_000),
				);
				expect(rerun.ok).toBe(true);
				if (rerun.ok) {
					expect(rerun.value.action).not.toBe('send');
					if ('touchKey' in rerun.value) expect(rerun.value.touchKey).not.toBe(send.touchKey);
				}
			}),
			{ numRuns: 200 },
		);
	});

	test('touch keys are deterministic and read back from any note', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('recall' as const, 'reactivation' as const, 'financedNotBooked' as const),
				fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
				fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
				fc.integer({ min: 1, max: 99 }),
				fc.string(),
				(purpose, patientId, subjectId, n, around) => {
					const key = touchKey(purpose, patientId, subjectId, n);
					expect(key).toEqual(touchKey(purpose, patientId, subjectId, n));
					if (!key.ok) return;
					// Open Dental turns line breaks into spaces; the key survives.
					const found = findTouchKeys(
						`${around.replace(/\[/g, '(')} \n ${key.value.replace(':', ' : ')} ${around.replace(/\[/g, '(')}`,
					);
					expect(found).toEqual([{ key: key.value, purpose, patientId, subjectId, touch: n }]);
				},
			),
		);
	});
});

describe('messages and their notes', () => {
	const template =
		"Hi {{firstName}}, it's time for your cleaning at {{practiceName}}. Book: {{bookingLink}}";
	const values = {
		firstName: 'Jane',
		practiceName: 'Main Street Dental',
		bookingLink: 'https://book.example/x',
	};

	test('a text gets the STOP hint; an e-mail does not', () => {
		expect(renderOutreachMessage({ template, values, channel: 'text' }, policy)).toEqual({
			ok: true,
			value: {
				text: "Hi Jane, it's time for your cleaning at Main Street Dental. Book: https://book.example/x Reply STOP to opt out.",
			},
		});
		expect(renderOutreachMessage({ template, values, channel: 'email' }, policy)).toMatchObject({
			ok: true,
			value: { text: expect.not.stringMatching(/STOP/) },
		});
	});

	test.each([
		[
			'a placeholder outside the list (no clinical details)',
			{ template: 'Your {{procedure}} is due', values },
			'template',
			'unknownPlaceholder',
		],
		[
			'a missing value',
			{ template, values: { ...values, firstName: ' ' } },
			'values.firstName',
			'required',
		],
		[
			'a tax id in a value',
			{ template, values: { ...values, firstName: 'Jane 123-45-6789' } },
			'message',
			'taxIdInText',
		],
		[
			'the patient’s birth date in any form',
			{
				template,
				values: { ...values, firstName: 'Jane (5/24/1976)' },
				facts: { birthdate: '1976-05-24' },
			},
			'message',
			'dateOfBirthInText',
		],
		[
			'a date of birth in the template',
			{ template: 'Hi {{firstName}}, confirm your DOB', values },
			'message',
			'dateOfBirthInText',
		],
	])('screened: %s', (_name, request, field, code) => {
		const result = renderOutreachMessage({ channel: 'text', ...request }, policy);
		expect(result).toMatchObject({ ok: false, problems: [{ field, code }] });
		if (!result.ok) expect(result.problems[0]!.message).not.toMatch(/6789|1976/);
	});

	test('one commlog per message: masked address, local time, the key kept even when cut', () => {
		const note = outreachNote(
			{
				purpose: 'recall',
				channel: 'text',
				touchNumber: 2,
				touchKey: '[out:recall:101:40:2]',
				to: '+15365874822',
				sentAt: MONDAY_2PM,
				message: 'x'.repeat(3000),
			},
			policy,
		);
		expect(
			note.note.startsWith(
				'Recall reminder 2 of 3 sent by text to (***) ***-4822 at 2026-03-02 14:00 EST. Written by automation. Message: "',
			),
		).toBe(true);
		expect(note.note.endsWith('... [out:recall:101:40:2]')).toBe(true);
		expect(note.note.length).toBe(2000);
		expect(note).toMatchObject({
			mode: 'Text',
			sentOrReceived: 'Sent',
			commDateTime: '2026-03-02 14:00:00',
		});
	});

	test('an opt-out is recorded with the keyword only', () => {
		const note = optOutNote(
			{ kind: 'optOut', keyword: 'STOP', exact: false, receivedAt: MONDAY_2PM, channel: 'text' },
			policy,
		);
		expect(note).toEqual({
			note: 'The patient replied STOP by text at 2026-03-02 14:00 EST: outreach ended and no more messages will be sent. The reply said more than the keyword: please read it in the messaging system. Written by automation.',
			mode: 'Text',
			sentOrReceived: 'Received',
			commDateTime: '2026-03-02 14:00:00',
		});
	});
});
