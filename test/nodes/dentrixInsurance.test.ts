/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: item JSON is read loosely */
// Dentrix Insurance (the modeled contract, docs/dentrix-api.md) through n8n-core's real
// WorkflowExecute against the Dentrix stand-in: coverage with benefits and eligibility per
// patient, bad data named per field, and the eligibility stamp written once a day.
import { addDays } from '../../financing';
import { DENTRIX, one, setup, type Env } from './insuranceFixtures';

let env: Env;
beforeAll(async () => {
	env = await setup();
});
afterAll(async () => {
	await env.sandbox.stop();
});

const dx = (parameters: Record<string, unknown>, onError?: 'continueRegularOutput') =>
	one(parameters, { type: DENTRIX, onError });
const patient = (id: string) => ({ __rl: true, mode: 'id', value: id });
const coverage = async (id: string) => {
	const run = await env.harness.run(
		dx({ resource: 'insurance', operation: 'getMany', patient: patient(id) }),
	);
	expect(run.error).toBeUndefined();
	return run.json('Node') as any[];
};

describe('Insurance: Get Many', () => {
	test('coverage, eligibility and the benefits a front desk checks, in cents', async () => {
		const [rosa] = await coverage('pat_1031');
		expect(rosa).toMatchObject({
			patientId: 'pat_1031',
			ordinal: 1,
			carrier: { name: 'Midwest Dental Mutual', payorId: '60054' },
			eligibilityStatus: 'eligible',
			eligibilityVerifiedOn: addDays(env.today, -5),
			coverageStatus: 'active',
			active: true,
			benefits: {
				annualMaximumCents: 150000,
				usedCents: 28300,
				annualMaximumRemainingCents: 121700,
				deductibleCents: 5000,
				deductibleRemainingCents: 0,
			},
			problems: [],
		});
		expect(rosa.benefits.percentByCategory.Crowns).toBe(50);
	});

	test('primary and secondary; ended; pending; none', async () => {
		expect((await coverage('pat_1033')).map((c) => c.coverageOrder)).toEqual([
			'primary',
			'secondary',
		]);
		expect((await coverage('pat_1034'))[0]).toMatchObject({
			coverageStatus: 'ended',
			active: false,
		});
		expect((await coverage('pat_1035'))[0]).toMatchObject({
			coverageStatus: 'pending',
			active: false,
		});
		expect(await coverage('pat_1038')).toEqual([]);
	});

	test('no carrier and empty amounts are problems naming the field', async () => {
		const [orphan] = await coverage('pat_1036');
		expect(orphan.problems.map((p: any) => p.code)).toEqual(['noCarrier']);
		const [empty] = await coverage('pat_1037');
		expect(empty.problems.map((p: any) => [p.field.replace(/cov_\d+/, 'cov'), p.code])).toEqual([
			['coverage.cov.benefits.annualMaximum', 'emptyAmount'],
			['coverage.cov.benefits.individualDeductible', 'emptyAmount'],
		]);
	});
});

describe('Insurance: Stamp Eligibility', () => {
	test('the same status on the same day is written once', async () => {
		const wf = dx({
			resource: 'insurance',
			operation: 'stampEligibility',
			patient: patient('pat_1032'),
			note: 'Portal checked',
		});
		const first = (await env.harness.run(wf)).json('Node')[0] as any;
		expect(first).toMatchObject({
			outcome: 'created',
			verifiedOn: env.today,
			eligibilityStatus: 'eligible',
		});
		const second = (await env.harness.run(wf)).json('Node')[0] as any;
		expect(second).toMatchObject({ outcome: 'alreadyWritten', stamped: [] });
		const posts = (await env.dx.writes('/eligibility')).filter((w) => w.path.includes('pat_1032'));
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({
			eligibilityStatus: 'eligible',
			verifiedOn: env.today,
			note: 'Portal checked',
		});
		const [after] = await coverage('pat_1032');
		expect(after.eligibilityVerifiedOn).toBe(env.today);
	});

	test.each([
		[{ verifiedOn: '2099-01-04' }, 'verifiedOn', 'inTheFuture'],
		[{ note: 'DOB 04/12/1980 confirmed' }, 'note', 'dateOfBirthInText'],
		[{ coverageId: 'cov_nope' }, 'coverageId', 'unknownCoverage'],
	])('bad input %j: named, nothing written', async (params, field, code) => {
		const before = (await env.dx.writes('/eligibility')).length;
		const run = await env.harness.run(
			dx(
				{
					resource: 'insurance',
					operation: 'stampEligibility',
					patient: patient('pat_1034'),
					...params,
				},
				'continueRegularOutput',
			),
		);
		const out = run.json('Node')[0] as any;
		expect(out.details.problems).toEqual([expect.objectContaining({ field, code })]);
		expect(JSON.stringify(out)).not.toContain('1980');
		expect(await env.dx.writes('/eligibility')).toHaveLength(before);
	});

	test('test mode returns the request and writes nothing', async () => {
		const before = (await env.dx.writes('/eligibility')).length;
		const run = await env.harness.run(
			dx({
				resource: 'insurance',
				operation: 'stampEligibility',
				patient: patient('pat_1034'),
				eligibilityStatus: 'notEligible',
				testMode: true,
			}),
		);
		expect(run.json('Node')[0]).toMatchObject({
			outcome: 'testMode',
			wouldWrite: [{ method: 'POST', body: { eligibilityStatus: 'notEligible' } }],
		});
		expect(await env.dx.writes('/eligibility')).toHaveLength(before);
	});
});
