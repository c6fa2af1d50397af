// Invariants of the seeded group practice, on the seed itself and as each stand-in serves it.
import axios from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';
import { seed as seedDentrix } from '../../sandbox/dentrix';
import { seed as seedOpenDental } from '../../sandbox/openDental';
import {
	AGREEMENTS,
	LOCATION_IDS,
	PEOPLE,
	PLANS,
	planTotals,
	SCENARIO_PEOPLE,
	SCENARIO_PLANS,
} from '../../sandbox/seed';

const TODAY = '2026-11-27';
const age = (dob: string) =>
	Number(TODAY.slice(0, 4)) - Number(dob.slice(0, 4)) - (TODAY.slice(5) < dob.slice(5) ? 1 : 0);

describe('seeded practice', () => {
	it('has 30 people in families, each with an adult guarantor who is their own guarantor', () => {
		expect(PEOPLE).toHaveLength(30);
		expect(new Set(PEOPLE.map((p) => p.key)).size).toBe(30);
		for (const p of PEOPLE) {
			const g = PEOPLE.find((x) => x.key === p.guarantorKey)!;
			expect(g.guarantorKey).toBe(g.key);
			expect(age(g.dateOfBirth)).toBeGreaterThanOrEqual(18);
		}
		const minors = PEOPLE.filter((p) => age(p.dateOfBirth) < 18);
		expect(minors.length).toBeGreaterThanOrEqual(5);
		for (const m of minors) expect(m.guarantorKey).not.toBe(m.key);
		expect(PEOPLE.some((p) => p.relationship === 'spouse')).toBe(true);
	});

	it('uses only fake 9xx tax ids, unique, and fictional contact data', () => {
		expect(PEOPLE.every((p) => /^9\d{2}-\d{2}-\d{4}$/.test(p.taxId))).toBe(true);
		expect(new Set(PEOPLE.map((p) => p.taxId)).size).toBe(30);
		expect(PEOPLE.every((p) => !p.email || p.email.endsWith('@example.com'))).toBe(true);
		expect(
			PEOPLE.every((p) =>
				[p.homePhone, p.cellPhone, p.workPhone].every(
					(x) => !x || /^\(217\) 555-01\d\d$|^\(217\) 555-02\d\d$/.test(x),
				),
			),
		).toBe(true);
	});

	it('has 20 plans with real CDT codes whose totals add up', () => {
		expect(PLANS).toHaveLength(20);
		for (const plan of PLANS) {
			for (const p of plan.procedures) {
				expect(p.code).toMatch(/^D\d{4}$/);
				expect(p.insuranceEstimateCents).toBeGreaterThanOrEqual(0);
				expect(p.insuranceEstimateCents).toBeLessThanOrEqual(p.feeCents);
			}
			const t = planTotals(plan.procedures);
			expect(t.totalFeeCents).toBe(plan.procedures.reduce((s, p) => s + p.feeCents, 0));
			expect(t.patientPortionCents).toBe(t.totalFeeCents - t.insuranceEstimateCents);
		}
		const codes = new Set(PLANS.flatMap((p) => p.procedures.map((x) => x.code)));
		for (const c of [
			'D2740',
			'D6010',
			'D6057',
			'D6058',
			'D4341',
			'D4342',
			'D3310',
			'D3320',
			'D3330',
			'D2950',
			'D7140',
			'D7210',
			'D0150',
			'D0330',
		]) {
			expect(codes).toContain(c);
		}
		expect(
			PLANS.filter((p) => p.status === 'accepted' && p.fundingMethod === 'CareCredit').length,
		).toBeGreaterThanOrEqual(5);
	});

	it('lines patient portions up with the CareCredit test applicants (fee cents .01-.07)', () => {
		const cents = (key: number) =>
			planTotals(PLANS.find((p) => p.key === key)!.procedures).patientPortionCents % 100;
		expect([1, 6, 4, 10, 17, 16, 20, 14].map(cents)).toEqual([1, 1, 3, 2, 4, 5, 6, 7]);
		expect(cents(13)).toBe(0);
	});

	it('spans two locations and has accounts with an active agreement', () => {
		expect(new Set(PEOPLE.map((p) => p.locationKey))).toEqual(new Set(['downtown', 'lakeside']));
		expect(LOCATION_IDS.downtown.dentrix).toBe('loc_downtown');
		expect(AGREEMENTS.length).toBeGreaterThanOrEqual(3);
	});

	it('is deterministic', () => {
		expect(JSON.stringify(seedDentrix())).toBe(JSON.stringify(seedDentrix()));
		expect(JSON.stringify(seedOpenDental())).toBe(JSON.stringify(seedOpenDental()));
	});
});

describe('both stand-ins serve the same people', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			dataDir: null,
			ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
		});
	});
	afterAll(() => sandbox.stop());

	it('Dentrix and Open Dental list the same 54 patients (30 + 24 scenario patients) with the same guarantor structure', async () => {
		const dx = await axios.get(`${sandbox.urls.dentrix}/v1/patients?limit=200`, {
			headers: { authorization: 'Bearer sandbox-dentrix-key' },
		});
		const od = await axios.get(`${sandbox.urls.openDental}/api/v1/patients/Simple`, {
			headers: { authorization: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z' },
		});
		expect(dx.data.total).toBe(30 + SCENARIO_PEOPLE.length);
		expect(od.data).toHaveLength(30 + SCENARIO_PEOPLE.length);
		const dxNames = dx.data.items
			.map(
				(p: {
					firstName: string;
					lastName: string;
					guarantor: { lastName: string; firstName: string };
				}) => `${p.firstName} ${p.lastName} < ${p.guarantor.firstName}`,
			)
			.sort();
		const byNum = new Map(
			od.data.map((p: { PatNum: number; FName: string }) => [p.PatNum, p.FName]),
		);
		const odNames = od.data
			.map(
				(p: { FName: string; LName: string; Guarantor: number }) =>
					`${p.FName} ${p.LName} < ${byNum.get(p.Guarantor)}`,
			)
			.sort();
		expect(odNames).toEqual(dxNames);
	});

	it('serves plan totals as the sums of the procedures in both systems', async () => {
		const dx = await axios.get(`${sandbox.urls.dentrix}/v1/treatment-plans?limit=200`, {
			headers: { authorization: 'Bearer sandbox-dentrix-key' },
		});
		expect(dx.data.total).toBe(20 + SCENARIO_PLANS.length);
		for (const plan of dx.data.items) {
			const sum = (k: string) =>
				Math.round(
					plan.procedures.reduce((s: number, p: Record<string, number>) => s + p[k] * 100, 0),
				);
			expect(Math.round(plan.totals.totalFee * 100)).toBe(sum('fee'));
			expect(Math.round(plan.totals.patientPortion * 100)).toBe(
				Math.round((plan.totals.totalFee - plan.totals.insuranceEstimate) * 100),
			);
		}
		// Plan 3 (Maria Alvarez, accepted): its signed Saved copy in Open Dental is TreatPlanNum 403.
		const od = await axios.get(`${sandbox.urls.openDental}/api/v1/proctps?TreatPlanNum=403`, {
			headers: { authorization: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z' },
		});
		const dx3 = dx.data.items.find((p: { id: string }) => p.id === 'tp_2003');
		const odSum = (k: string) =>
			Math.round(od.data.reduce((s: number, p: Record<string, number>) => s + p[k] * 100, 0)) / 100;
		expect(odSum('FeeAmt')).toBe(2995);
		expect(odSum('FeeAmt')).toBe(dx3.totals.totalFee);
		expect(odSum('PatAmt')).toBe(dx3.totals.patientPortion);
	});
});
