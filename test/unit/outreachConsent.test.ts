// Opt-outs and opt-ins recorded in the practice system (consent keys in notes) end and resume
// outreach in planTouch; the note that records a reply carries the key, never the reply's text.
import { consentKey, findConsentKeys, optOutNote, planTouch } from '../../financing';

const POLICY = {
	timeZone: 'America/Chicago',
	sendWindow: { start: '00:00', end: '23:59' },
	sendDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
};
const NOW = new Date('2026-12-02T16:00:00Z');
const patient = {
	patientId: '239',
	status: 'Patient',
	textOk: 'Yes',
	preferredRecallMethod: 'TextMessage',
	wirelessPhone: '(217) 555-0309',
	email: 'lena@example.com',
};
const plan = (notes: Array<{ text: string; at: string | null }>) =>
	planTouch(
		{ purpose: 'reactivation', patient, subjectId: '711', history: { notes } },
		POLICY,
		NOW,
	);

describe('consent keys', () => {
	test('built per patient and reply, read back normalized', () => {
		expect(consentKey('239', 'optOut')).toEqual({ ok: true, value: '[out:stop:239]' });
		expect(consentKey('239', 'optIn', 'SM01')).toEqual({ ok: true, value: '[out:start:239:SM01]' });
		expect(consentKey('2 39', 'optOut').ok).toBe(false);
		expect(consentKey('239', 'optOut', 'bad id!').ok).toBe(false);
		expect(findConsentKeys('x [ out : STOP : 239 : SM01 ] y [out:start:239]')).toEqual([
			{ key: '[out:stop:239:SM01]', kind: 'optOut', patientId: '239' },
			{ key: '[out:start:239]', kind: 'optIn', patientId: '239' },
		]);
		expect(findConsentKeys(42)).toEqual([]);
	});

	test('an opt-out note ends outreach whatever the channel; a later opt-in resumes it', () => {
		const stop = plan([{ text: 'replied STOP [out:stop:239:SM1]', at: '2026-11-30 10:00:00' }]);
		expect(stop).toMatchObject({ ok: true, value: { action: 'stop', reason: 'optedOut' } });
		const resumed = plan([
			{ text: '[out:stop:239:SM1]', at: '2026-11-30 10:00:00' },
			{ text: '[out:start:239:SM2]', at: '2026-12-01 10:00:00' },
		]);
		expect(resumed).toMatchObject({ ok: true, value: { action: 'send' } });
		const stoppedAgain = plan([
			{ text: '[out:stop:239:SM1]', at: '2026-11-29 10:00:00' },
			{ text: '[out:start:239:SM2]', at: '2026-11-30 10:00:00' },
			{ text: '[out:stop:239:SM3]', at: '2026-12-01 10:00:00' },
		]);
		expect(stoppedAgain).toMatchObject({ ok: true, value: { reason: 'optedOut' } });
	});

	test("another patient's opt-out does not count; a malformed note time is a problem", () => {
		expect(plan([{ text: '[out:stop:240]', at: '2026-11-30 10:00:00' }])).toMatchObject({
			ok: true,
			value: { action: 'send' },
		});
		const bad = plan([{ text: '[out:stop:239]', at: 'yesterday' }]);
		expect(bad.ok).toBe(false);
	});

	test('the note names the keyword only and carries the key', () => {
		const note = optOutNote(
			{
				kind: 'optOut',
				keyword: 'STOP',
				exact: false,
				receivedAt: new Date('2026-12-02T16:00:00Z'),
				channel: 'text',
			},
			{ timeZone: 'America/Chicago', noteMaxChars: 2000 },
			'[out:stop:239:SM1]',
		);
		expect(note.note).toMatch(
			/^The patient replied STOP by text at 2026-12-02 10:00 CST: outreach ended/,
		);
		expect(note.note.endsWith('[out:stop:239:SM1]')).toBe(true);
		expect(note.sentOrReceived).toBe('Received');
		const optIn = optOutNote(
			{ kind: 'optIn', keyword: 'START', exact: true, receivedAt: NOW, channel: 'text' },
			{ timeZone: 'America/Chicago', noteMaxChars: 2000 },
		);
		expect(optIn.note).toContain('outreach may resume');
	});
});
