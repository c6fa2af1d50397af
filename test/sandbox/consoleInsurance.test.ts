// The console's insurance verification work list over real HTTP: the week's scheduled Open
// Dental appointments, each with its field, its eligibility date and today's check as the
// automation's commlog records it, and the last work list sent to the front desk.
import axios from 'axios';

import { todayIn } from '../../financing/dates';
import { startSandbox, type Sandbox } from '../../sandbox';

const OD_AUTH = { authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer' };
let sandbox: Sandbox;
let today: string;

beforeAll(async () => {
	// The sandbox's clock is the real one; "today" is the practice's date on it (between 18:00 and
	// midnight in Chicago the UTC date is already the next day, which `today` would shift to).
	today = todayIn('America/Chicago', new Date());
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
});
afterAll(async () => {
	await sandbox.stop();
});

const section = async () => {
	const html = (await axios.get<string>(`${sandbox.urls.console}/`)).data;
	return /<section id="insurance"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
};
const rowOf = (html: string, name: string) =>
	new RegExp(`<tr>(?:(?!</tr>).)*${name}(?:(?!</tr>).)*</tr>`).exec(html)?.[0] ?? '';

test("the week's appointments with field, eligibility date and today's check", async () => {
	const before = await section();
	expect(before).toContain('<h2>Insurance verification</h2>');
	const rosa = rowOf(before, 'Rosa Delgado');
	expect(rosa).toContain('Yes');
	expect(rosa).toContain('not checked today');
	expect(rowOf(before, 'Gordon Pike')).toContain('no insurance on file');
	expect(rowOf(before, 'Hannah Becker')).toContain('primary never');
	expect(before).toContain('No work list sent yet');

	await axios.post(
		`${sandbox.urls.openDental}/api/v1/commlogs`,
		{
			PatNum: 232,
			commType: 'Misc',
			Note: `Insurance checked on ${today} before the visit on ${today} at 10:00 (appointment 702): needs a look: Primary plan (Great Lakes Dental Benefits): eligibility last verified 2026-05-13 (200 days ago, limit 30); verify again. Written by automation. [iv:232:${today}]`,
		},
		{ headers: OD_AUTH },
	);
	await axios.post(`${sandbox.urls.console}/hooks/frontdesk`, {
		text: 'Insurance to check before the visits (1 appointment):\n- 10:00 PatNum 232 (appointment 702): verify again.',
	});
	const after = await section();
	expect(rowOf(after, 'Victor Lindqvist')).toContain(
		'Needs a look: Primary plan (Great Lakes Dental Benefits): eligibility last verified',
	);
	expect(after).toContain('10:00 PatNum 232 (appointment 702)');
});
