// The scenario seed is dated from the sandbox clock and deterministic for a given day; the large
// practice is deterministic and consistent across the three stand-ins; the locations' setup is
// served for templates and the console.
import axios from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';
import { seed as seedDentrix } from '../../sandbox/dentrix';
import { seed as seedOpenDental } from '../../sandbox/openDental';
import { LOCATION_SETUP, SCENARIO_PEOPLE } from '../../sandbox/seed';

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const ports = { console: 0, careCredit: 0, dentrix: 0, openDental: 0 };

describe('scenario seed', () => {
	it('is deterministic for a day and moves its dates with the day', () => {
		expect(JSON.stringify(seedOpenDental(at('2026-12-02')))).toBe(
			JSON.stringify(seedOpenDental(at('2026-12-02'))),
		);
		expect(JSON.stringify(seedDentrix(at('2026-12-02')))).toBe(
			JSON.stringify(seedDentrix(at('2026-12-02'))),
		);
		const wed = seedOpenDental(at('2026-12-02')).appointments.find((a) => a.AptNum === 701)!;
		const fri = seedOpenDental(at('2026-12-04')).appointments.find((a) => a.AptNum === 701)!;
		expect(wed.AptDateTime).toBe('2026-12-03 08:00:00');
		// The next business day after a Friday is Monday.
		expect(fri.AptDateTime).toBe('2026-12-07 08:00:00');
	});

	it('gives every scenario patient unique, fake identifiers and fictional contacts', () => {
		const all = SCENARIO_PEOPLE;
		expect(new Set(all.map((p) => p.taxId)).size).toBe(all.length);
		expect(all.every((p) => /^9\d{2}-\d{2}-\d{4}$/.test(p.taxId))).toBe(true);
		expect(all.every((p) => !p.email || /@example(\.com)?$/.test(p.email))).toBe(true);
		const od = seedOpenDental(at('2026-12-02'));
		expect(new Set(od.patients.map((p) => p.PatNum)).size).toBe(od.patients.length);
		expect(new Set(od.procedures.map((p) => p.ProcNum)).size).toBe(od.procedures.length);
		expect(new Set(od.commlogs.map((p) => p.CommlogNum)).size).toBe(od.commlogs.length);
		// Seeded ids stay below the API's own sequences, so created rows never collide with them.
		expect(Math.max(...od.commlogs.map((c) => c.CommlogNum))).toBeLessThan(1001);
		expect(Math.max(...od.appointments.map((a) => a.AptNum))).toBeLessThan(1001);
	});

	it('starts on the day given, and a reset can move it', async () => {
		const sandbox = await startSandbox({ dataDir: null, ports, today: '2026-12-02' });
		try {
			const clock = () =>
				new Date(Date.now() + sandbox.store.state.clockOffsetMs).toISOString().slice(0, 10);
			expect(clock()).toBe('2026-12-02');
			const res = await axios.post(`${sandbox.urls.console}/__sandbox/reset`, {
				today: '2027-03-15',
			});
			expect(res.data).toMatchObject({ reset: true });
			expect(clock()).toBe('2027-03-15');
			expect(
				sandbox.store.state.openDental.appointments.find((a) => a.AptNum === 701)!.AptDateTime,
			).toBe('2027-03-16 08:00:00');
			const bad = await axios.post(
				`${sandbox.urls.console}/__sandbox/reset`,
				{ today: '15/03/2027' },
				{ validateStatus: () => true },
			);
			expect(bad.status).toBe(400);
		} finally {
			await sandbox.stop();
		}
	});

	it('serves the two locations’ setup: merchant numbers, coordinators, one policy override', async () => {
		const sandbox = await startSandbox({ dataDir: null, ports });
		try {
			const { locations } = (await axios.get(`${sandbox.urls.openDental}/__sandbox/locations`))
				.data;
			expect(locations).toEqual(LOCATION_SETUP);
			expect(new Set(locations.map((l: { merchantNumber: string }) => l.merchantNumber)).size).toBe(
				2,
			);
			expect(
				locations.filter((l: { policyOverride: object }) => Object.keys(l.policyOverride).length),
			).toHaveLength(1);
			const merchants = sandbox.store.state.careCredit.merchants.map((m) => m.merchantNumber);
			for (const l of locations) expect(merchants).toContain(l.merchantNumber);
			expect(sandbox.store.state.dentrix.practice.billingTypes).toContain(
				LOCATION_SETUP[1].policyOverride.billingType,
			);
		} finally {
			await sandbox.stop();
		}
	});
});

describe('large practice', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataDir: null, ports, today: '2026-12-02' });
	});
	afterAll(() => sandbox.stop());

	it('is deterministic, fast and consistent across CareCredit, Dentrix and Open Dental', async () => {
		const url = `${sandbox.urls.console}/__sandbox/seed/large`;
		const first = (await axios.post(url, { today: '2026-12-02' })).data;
		const snapshot = JSON.stringify({ ...sandbox.store.state, clockOffsetMs: 0 });
		const second = (await axios.post(url, { today: '2026-12-02' })).data;
		expect({ ...second, milliseconds: 0 }).toEqual({ ...first, milliseconds: 0 });
		expect(JSON.stringify({ ...sandbox.store.state, clockOffsetMs: 0 })).toBe(snapshot);
		expect(first.patients).toBe(10_000);
		expect(first.cases).toBe(720);
		expect(first.approved).toBeLessThan(first.cases);
		expect(first.corrected).toBeGreaterThan(0);
		expect(first.unclassified).toBeGreaterThan(0);

		const { careCredit, dentrix, openDental } = sandbox.store.state;
		expect(openDental.patients.length).toBe(54 + 10_000);
		expect(dentrix.patients.length).toBe(54 + 10_000);
		expect(careCredit.sessions).toHaveLength(first.cases);
		const tokens = (texts: string[]) =>
			new Set(texts.flatMap((t) => [...t.matchAll(/\[cc:(APP-\d+)\]/g)].map((m) => m[1])));
		const approvedIds = careCredit.sessions
			.filter((s) => s.status === 'Completed')
			.map((s) => s.application!.applicationId);
		const odTokens = tokens(openDental.commlogs.map((c) => c.Note));
		const dxTokens = tokens(dentrix.ledgerNotes.map((n) => n.text));
		expect(odTokens.size).toBe(first.arranged + 3);
		expect([...dxTokens].sort()).toEqual([...odTokens].sort());
		expect(
			[...odTokens]
				.filter((t) => !['APP-520614', 'APP-530919', 'APP-540202'].includes(t))
				.every((t) => approvedIds.includes(t)),
		).toBe(true);
		const corrected = dentrix.paymentAgreements.filter(
			(a) => a.createdBy === 'api' && a.edits.some((e) => e.source === 'console'),
		);
		expect(corrected).toHaveLength(first.corrected);
		// Large ids never reach the scenario or API ranges of the small seed.
		expect(new Set(openDental.patients.map((p) => p.PatNum)).size).toBe(openDental.patients.length);
		expect(new Set(dentrix.patients.map((p) => p.id)).size).toBe(dentrix.patients.length);
		// Reads page over it as usual.
		const page = await axios.get(`${sandbox.urls.openDental}/api/v1/patients/Simple?Offset=10000`, {
			headers: { authorization: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z' },
		});
		expect(page.data).toHaveLength(54);
		expect((await axios.post(url, { patients: -1 }, { validateStatus: () => true })).status).toBe(
			400,
		);
		// Seeded twice and copied three times: a few seconds on a busy shared machine.
	}, 30_000);
});
