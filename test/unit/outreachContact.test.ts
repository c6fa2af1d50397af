import fc from 'fast-check';

import {
	channelForTouch,
	classifyReply,
	isSendTime,
	maskEmail,
	maskPhone,
	nextSendTime,
	normalizeEmail,
	normalizeUsPhone,
	outreachPolicySchema,
	reachFor,
	type OutreachPatientInput,
} from '../../financing';

describe('phone numbers to E.164', () => {
	test.each([
		['(536) 587-4822', '+15365874822'],
		['536.587.4822', '+15365874822'],
		['+1 536 587 4822', '+15365874822'],
		['1-536-587-4822', '+15365874822'],
		[5365874822, '+15365874822'],
	])('%s', (raw, e164) => {
		expect(normalizeUsPhone(raw, 'patient.wirelessPhone')).toEqual({ ok: true, value: e164 });
	});

	test.each([
		['587-4822', 'malformedPhone'],
		['123-456-7890', 'malformedPhone'],
		['536-187-4822', 'malformedPhone'],
		['211-555-1234', 'malformedPhone'],
		['+44 20 7946 0958', 'notUsPhone'],
		['536-587-4822 x12', 'malformedPhone'],
		['123-45-6789', 'malformedPhone'],
		['', 'required'],
		[null, 'required'],
	])('%s is a problem naming the field', (raw, code) => {
		const result = normalizeUsPhone(raw, 'patient.wirelessPhone');
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.wirelessPhone', code }],
		});
	});

	test('a number shaped like a tax id is never echoed back', () => {
		const result = normalizeUsPhone('123-45-6789', 'patient.wirelessPhone');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[0]!.message).not.toMatch(/6789|123/);
	});

	test('masked for notes', () => {
		expect(maskPhone('+15365874822')).toBe('(***) ***-4822');
	});
});

describe('e-mail addresses', () => {
	test('trimmed, domain in lower case', () => {
		expect(normalizeEmail(' Jane.Smith@Example.COM ', 'patient.email')).toEqual({
			ok: true,
			value: 'Jane.Smith@example.com',
		});
		expect(maskEmail('jane.smith@example.com')).toBe('j***@example.com');
	});

	test.each([
		'jane@',
		'@example.com',
		'jane@@example.com',
		'jane smith@example.com',
		'jane@example',
		'jane..smith@example.com',
		'jane@-example.com',
		'jane.@example.com',
	])('%s is malformed', (raw) => {
		expect(normalizeEmail(raw, 'patient.email')).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.email', code: 'malformedEmail' }],
		});
	});
});

describe('who may be contacted, and how', () => {
	const policy = { unknownTextConsent: 'doNotText' as const };
	const patient = (change: Partial<OutreachPatientInput> = {}): OutreachPatientInput => ({
		patientId: 101,
		status: 'Patient',
		textOk: 'Yes',
		preferredContactMethod: 'None',
		preferredRecallMethod: 'TextMessage',
		wirelessPhone: '(536) 587-4822',
		email: 'jane@example.com',
		...change,
	});

	test('reachable: every open channel with its normalized address', () => {
		expect(reachFor(patient(), 'recall', policy)).toEqual({
			ok: true,
			value: {
				kind: 'reachable',
				reach: {
					patientId: '101',
					addresses: { text: '+15365874822', email: 'jane@example.com' },
					preference: 'textMessage',
				},
			},
		});
	});

	test.each([
		['deceased', { status: 'Deceased' }, 'recall', { kind: 'doNotContact', reason: 'deceased' }],
		['inactive', { status: 'Inactive' }, 'recall', { kind: 'doNotContact', reason: 'notActive' }],
		[
			'archived',
			{ status: 'Archived' },
			'reactivation',
			{ kind: 'doNotContact', reason: 'notActive' },
		],
		[
			'recall method Do Not Call',
			{ preferredRecallMethod: 'DoNotCall' },
			'recall',
			{ kind: 'doNotContact', reason: 'doNotContact' },
		],
		[
			'contact method Do Not Call (financed case)',
			{ preferredContactMethod: 'DoNotCall' },
			'financedNotBooked',
			{ kind: 'doNotContact', reason: 'doNotContact' },
		],
		[
			'prefers a call at home',
			{ preferredRecallMethod: 'HmPhone' },
			'recall',
			{ kind: 'staff', reason: 'prefersCall' },
		],
		[
			'prefers mail',
			{ preferredRecallMethod: 'Mail' },
			'recall',
			{ kind: 'staff', reason: 'prefersMail' },
		],
		[
			'see notes',
			{ preferredRecallMethod: 'SeeNotes' },
			'recall',
			{ kind: 'staff', reason: 'seeNotes' },
		],
	])('%s', (_name, change, purpose, expected) => {
		const result = reachFor(patient(change), purpose as 'recall', policy);
		expect(result).toMatchObject({ ok: true, value: expected });
	});

	test('recall Do Not Call does not stop the financed-case follow-up (which follows the contact method)', () => {
		expect(
			reachFor(patient({ preferredRecallMethod: 'DoNotCall' }), 'financedNotBooked', policy),
		).toMatchObject({ ok: true, value: { kind: 'reachable' } });
	});

	test('Text OK "No" or "Unknown" leaves e-mail only (unless the practice texts on Unknown)', () => {
		const no = reachFor(patient({ textOk: 'No' }), 'recall', policy);
		expect(no.ok && no.value.kind === 'reachable' && no.value.reach.addresses).toEqual({
			email: 'jane@example.com',
		});
		const unknown = reachFor(patient({ textOk: 'Unknown' }), 'recall', policy);
		expect(
			unknown.ok && unknown.value.kind === 'reachable' && unknown.value.reach.addresses,
		).toEqual({ email: 'jane@example.com' });
		const allowed = reachFor(patient({ textOk: 'Unknown' }), 'recall', {
			unknownTextConsent: 'text',
		});
		expect(
			allowed.ok &&
				allowed.value.kind === 'reachable' &&
				Object.keys(allowed.value.reach.addresses),
		).toEqual(['text', 'email']);
	});

	test('no channel left is a problem naming the patient and why', () => {
		const result = reachFor(patient({ textOk: 'No', email: '' }), 'recall', policy);
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'patient', code: 'noReachableChannel' }],
		});
		if (!result.ok)
			expect(result.problems[0]!.message).toBe(
				'patient: has no channel outreach may use: texting not allowed (Text OK: no), no e-mail; add a way to reach the patient or contact them in person',
			);
	});

	test('a malformed phone is a problem even when e-mail works: nothing is sent to that patient', () => {
		expect(reachFor(patient({ wirelessPhone: '587-4822' }), 'recall', policy)).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.wirelessPhone', code: 'malformedPhone' }],
		});
		expect(reachFor(patient({ email: 'jane@' }), 'recall', policy)).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.email', code: 'malformedEmail' }],
		});
	});

	test('unknown preference values are problems', () => {
		expect(
			reachFor(patient({ preferredRecallMethod: 'Carrier pigeon' }), 'recall', policy),
		).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.preferredRecallMethod', code: 'unknownContactMethod' }],
		});
		expect(reachFor(patient({ status: 'Gone' }), 'recall', policy)).toMatchObject({
			ok: false,
			problems: [{ field: 'patient.status', code: 'unknownPatientStatus' }],
		});
	});

	test('channel per touch: the preference first, then the practice sequence (its last entry repeats)', () => {
		const reach = {
			patientId: '1',
			addresses: { text: '+15365874822', email: 'a@b.co' },
			preference: 'email' as const,
		};
		const sequence = ['text', 'email', 'text'] as const;
		expect([1, 2, 3, 4, 5].map((n) => channelForTouch(reach, n, sequence).channel)).toEqual([
			'email',
			'email',
			'text',
			'text',
			'text',
		]);
		expect(channelForTouch(reach, 1, sequence).bySequence).toBe(false);
		const noEmail = { ...reach, addresses: { text: '+15365874822' } };
		expect(channelForTouch(noEmail, 1, sequence)).toEqual({
			channel: 'text',
			to: '+15365874822',
			bySequence: true,
		});
	});
});

describe('replies', () => {
	test.each([
		['STOP', 'optOut', 'STOP', true],
		[' stop. ', 'optOut', 'STOP', true],
		['Stop all', 'optOut', 'STOP ALL', true],
		['unsubscribe', 'optOut', 'UNSUBSCRIBE', true],
		['Revoke', 'optOut', 'REVOKE', true],
		['OPT-OUT', 'optOut', 'OPT-OUT', true],
		['Please stop texting me', 'optOut', 'STOP', false],
		['can I opt out?', 'optOut', 'OPT OUT', false],
		['START', 'optIn', 'START', true],
		['yes', 'optIn', 'YES', true],
		['HELP', 'help', 'HELP', true],
		['See you Tuesday!', 'other', null, false],
	])('%j', (text, kind, keyword, exact) => {
		expect(classifyReply(text)).toEqual({ kind, keyword, exact });
	});
});

describe('quiet hours (the practice’s zone)', () => {
	const policy = outreachPolicySchema.parse({ timeZone: 'America/New_York' }); // 09:00–20:00, Mon–Sat

	test.each([
		['inside the window: now', '2026-03-02T19:00:00Z', '2026-03-02T19:00:00.000Z', false],
		['Monday 21:00 EST: Tuesday 09:00', '2026-03-03T02:00:00Z', '2026-03-03T14:00:00.000Z', true],
		[
			'Monday 08:59 EST: 09:00 the same day',
			'2026-03-02T13:59:00Z',
			'2026-03-02T14:00:00.000Z',
			true,
		],
		[
			'Saturday 20:30: Monday 09:00 (Sunday is off)',
			'2026-03-08T01:30:00Z',
			'2026-03-09T13:00:00.000Z',
			true,
		],
		[
			'Saturday night before the spring change: Monday 09:00 EDT',
			'2026-03-08T02:00:00Z',
			'2026-03-09T13:00:00.000Z',
			true,
		],
		['Sunday noon: Monday 09:00', '2026-03-01T17:00:00Z', '2026-03-02T14:00:00.000Z', true],
	])('%s', (_name, now, at, deferred) => {
		const result = nextSendTime(policy, new Date(now));
		expect({ at: result.at.toISOString(), deferred: result.deferred }).toEqual({ at, deferred });
	});

	test('property: never inside quiet hours, never early, and the earliest allowed minute', () => {
		const zones = [
			'America/New_York',
			'America/Los_Angeles',
			'America/Phoenix',
			'Pacific/Honolulu',
			'Europe/London',
			'Australia/Lord_Howe',
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({ min: 0, max: 22 * 60 }),
				fc.integer({ min: 30, max: 12 * 60 }),
				fc.subarray(
					['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const,
					{ minLength: 1 },
				),
				fc.date({
					min: new Date('2025-01-01T00:00:00Z'),
					max: new Date('2027-12-31T00:00:00Z'),
					noInvalidDate: true,
				}),
				(timeZone, start, length, sendDays, now) => {
					const end = Math.min(start + length, 23 * 60 + 59);
					const hhmm = (m: number) =>
						`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
					const p = outreachPolicySchema.parse({
						timeZone,
						sendWindow: { start: hhmm(start), end: hhmm(end) },
						sendDays,
					});
					const { at, deferred } = nextSendTime(p, now);
					expect(isSendTime(p, at)).toBe(true);
					expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
					expect(deferred).toBe(!isSendTime(p, now));
					if (deferred) {
						const minuteBefore = new Date(Math.floor(at.getTime() / 60_000) * 60_000 - 60_000);
						expect(minuteBefore.getTime() < now.getTime() || !isSendTime(p, minuteBefore)).toBe(
							true,
						);
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
