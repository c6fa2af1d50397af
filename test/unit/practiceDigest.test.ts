// The weekly digest renderer (financing/numbers/digest.ts): the e-mail HTML mail clients render
// (tables, inline styles, bars in table cells, no image, no script, nothing loaded), the short
// message for the owner's channel, and the words it says numbers in.
import {
	minutesText,
	practiceNumbers,
	rangeLabel,
	renderDigest,
	type PracticeNumbersReport,
	type PracticeRecords,
} from '../../financing';
import { approvedDecision } from './fixtures';

const TZ = 'America/Chicago';
const NOW = new Date('2026-03-09T15:00:00Z'); // Monday: last week is Mar 2-8

/** Two locations, a case a day in the last two weeks, one of them corrected. */
function records(): PracticeRecords {
	const r: { [K in keyof PracticeRecords]-?: unknown[] } = {
		presentations: [],
		applications: [],
		decisions: [],
		auditNotes: [],
		arrangements: [],
		appointments: [],
	};
	for (let day = 0; day < 14; day++) {
		for (const [loc, minutes] of [
			['L1', 30 + day],
			['L2', 300 + 10 * day],
		] as const) {
			const n = `${loc}-${day}`;
			const yes = new Date(Date.UTC(2026, 1, 23 + day, 16));
			r.presentations.push({
				treatmentPlanId: `tp-${n}`,
				patientId: `p-${n}`,
				locationId: loc,
				presentedAt: yes.toISOString(),
				acceptedAt: yes.toISOString(),
				procedureIds: [`proc-${n}`],
			});
			r.decisions.push(
				approvedDecision({
					applicationId: `APP-${n}`,
					sessionId: `s-${n}`,
					decidedAt: new Date(yes.getTime() + 5 * 60_000).toISOString(),
					pms: {
						patientId: `p-${n}`,
						guarantorId: `p-${n}`,
						treatmentPlanId: `tp-${n}`,
						locationId: loc,
					},
				}),
			);
			const at = new Date(yes.getTime() + minutes * 60_000).toISOString();
			r.auditNotes.push({
				noteId: `note-${n}`,
				patientId: `p-${n}`,
				writtenAt: at,
				text: `In-house balance after CareCredit $800.00: down payment $0.00, 6 x $133.34 monthly from 2026-04-01 (last $133.30), APR 0.00%. Written by automation. [cc:APP-${n}]`,
			});
			r.arrangements.push({
				arrangementId: `pa-${n}`,
				patientId: `p-${n}`,
				createdAt: at,
				createdBy: 'automation',
				note: `[cc:APP-${n}]`,
				current:
					n === 'L2-10'
						? { totalCents: 80_000, paymentCents: 160_00, numberOfPayments: 5 }
						: { totalCents: 80_000, paymentCents: 133_34, numberOfPayments: 6 },
			});
			if (day % 2 === 0)
				r.appointments.push({
					appointmentId: `apt-${n}`,
					patientId: `p-${n}`,
					status: 'Scheduled',
					bookedAt: new Date(yes.getTime() + 24 * 3_600_000).toISOString(),
					procedureIds: [`proc-${n}`],
				});
		}
	}
	return r;
}

function report(input: PracticeRecords = records(), locationIds?: string[]): PracticeNumbersReport {
	const result = practiceNumbers(
		input,
		{ timeZone: TZ, ...(locationIds ? { locationIds } : {}) },
		NOW,
	);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

const names = { L1: 'Downtown', L2: 'Lakeside <West>' };
const digest = renderDigest(report(), {
	practiceName: 'Prairie Smiles & Co',
	locationNames: names,
});

describe('the e-mail', () => {
	test('is HTML mail clients render: tables and inline styles, nothing loaded, no script', () => {
		const { html } = digest;
		expect(html).toMatch(/^<!DOCTYPE html>/);
		expect(html).toContain('<table role="presentation"');
		expect(html).not.toMatch(/<script|<img|<link|<style|<svg|<iframe|url\(|javascript:/i);
		expect(html).not.toMatch(/(src|href)\s*=/i);
		expect(html).not.toMatch(/https?:\/\//);
		expect(html).not.toMatch(/\sclass=/);
	});

	test('names every location and the group, escaped', () => {
		expect(digest.html).toContain('>Downtown<');
		expect(digest.html).toContain('Lakeside &lt;West&gt;');
		expect(digest.html).toContain('>Group<');
		expect(digest.html).toContain('Prairie Smiles &amp; Co');
		expect(digest.html).not.toContain('<West>');
		expect(digest.subject).toBe('Prairie Smiles & Co: Financing numbers, Mar 2 – 8, 2026');
	});

	test('shows last week beside the week before, and the trend as bars of table cells', () => {
		// L1 took 37..43 minutes last week (median 40), 30..36 the week before (median 33).
		expect(digest.html).toContain('40 min');
		expect(digest.html).toMatch(/&#9650; 7 min on the week before/);
		// Two weeks with cases, three charts, three columns; corrections only in Lakeside's last
		// week (and so the group's): 6 + 6 + 2 filled bars, each a share of its chart's largest.
		const bars = digest.html.match(/<td width="\d+%" height="10" bgcolor="#(?!e8edf1)/g) ?? [];
		expect(bars).toHaveLength(14);
		for (const w of ['Feb 16', 'Feb 23', 'Mar 2']) expect(digest.html).toContain(w);
	});

	test('lists the cases that need a look, in words', () => {
		expect(digest.html).toContain('Slowest to arrange');
		expect(digest.html).toContain('[cc:APP-L2-13]');
		expect(digest.html).toContain('payment $133.34 → $160.00; number of payments 6 → 5');
		expect(digest.html).toContain('Approved but not booked');
		expect(digest.html).toContain('[cc:APP-L1-1]');
	});

	test('lists the records it could not read by reason', () => {
		const input = records();
		input.auditNotes = [
			...(input.auditNotes ?? []),
			{
				noteId: 'x1',
				patientId: 'p',
				writtenAt: '2026-03-04T15:00:00Z',
				text: 'CareCredit, paper file',
			},
		];
		const d = renderDigest(report(input), { locationNames: names });
		expect(d.html).toContain('Records the numbers could not read (1)');
		expect(d.html).toContain('note about CareCredit without a reference token');
		expect(d.text).toContain('1 record(s) could not be read');
	});
});

describe('the message', () => {
	test('one line per location and the group, with the week before', () => {
		const lines = digest.text.split('\n');
		expect(lines[0]).toBe(
			'Prairie Smiles & Co: Financing numbers, Mar 2 – 8, 2026 (America/Chicago)',
		);
		expect(lines[1]).toMatch(/^\*Downtown\* · time-to-arrangement 40 min median/);
		expect(lines[1]).toContain(
			'financed case acceptance 100% (7 arranged of 7 presented; 3 booked',
		);
		expect(lines[2]).toMatch(/^\*Lakeside <West>\*/);
		expect(lines[2]).toContain('ledger corrections 1 of 7 automated arrangement(s) (14.3%)');
		expect(lines[3]).toMatch(/^\*Group\*/);
		expect(lines[4]).toMatch(
			/^Needs a look: \d+ slowest, 1 corrected, \d+ approved but not booked\./,
		);
	});

	test('one location: its column only, no group', () => {
		const one = renderDigest(report(records(), ['L1']), { locationNames: names });
		expect(one.text.split('\n').filter((l) => l.startsWith('*'))).toEqual([
			expect.stringMatching(/^\*Downtown\*/),
		]);
		expect(one.html).not.toContain('>Group<');
		expect(one.subject).toMatch(/^Your practice: /);
	});

	test('an empty practice says so with dashes, never NaN', () => {
		const empty = renderDigest(report({}), {});
		expect(empty.html).toContain('—');
		expect(empty.html + empty.text).not.toMatch(/NaN|undefined|null/);
	});
});

describe('words', () => {
	test.each([
		[null, '—'],
		[0, '0 min'],
		[59, '59 min'],
		[60, '1 h'],
		[185, '3 h 5 min'],
		[24 * 60, '1 d'],
		[52 * 60 + 20, '2 d 4 h'],
	])('%s minutes: %s', (m, text) => expect(minutesText(m)).toBe(text));

	test.each([
		[{ from: '2026-03-02', to: '2026-03-08' }, 'Mar 2 – 8, 2026'],
		[{ from: '2026-02-23', to: '2026-03-01' }, 'Feb 23 – Mar 1, 2026'],
		[{ from: '2026-12-28', to: '2027-01-03' }, 'Dec 28 – Jan 3, 2027'],
		[{ from: '2026-03-02', to: '2026-03-02' }, 'Mar 2, 2026'],
	])('%j', (range, text) => expect(rangeLabel(range)).toBe(text));
});
