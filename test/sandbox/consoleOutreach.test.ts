// The console's Outreach section over real HTTP: a recall reminder recorded on the recall (Open
// Dental's Recalls PUT Status with the touch key), the text sent through the Twilio stand-in, a
// STOP reply, and the opt-out, shown per patient with why.
import axios from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox';

let sandbox: Sandbox;
const OD = { authorization: 'ODFHIR sandbox-od-developer/sandbox-od-customer' };
const TWILIO = {
	username: 'AC00000000000000000000000000000001',
	password: 'sandbox-twilio-token',
};

beforeAll(async () => {
	sandbox = await startSandbox({
		dataDir: null,
		ports: { console: 0, careCredit: 0, dentrix: 0, openDental: 0 },
	});
});
afterAll(async () => {
	await sandbox.stop();
});

test('per patient: what was sent, when and why, and the opt-out', async () => {
	await axios.put(
		`${sandbox.urls.openDental}/api/v1/recalls/Status`,
		{
			PatNum: 239,
			recallType: 'Prophy',
			RecallStatus: 132,
			commlogMode: 'Text',
			commlogNote: 'Recall reminder 1 of 3 sent by text. [out:recall:239:Prophy.2026-12-09:1]',
		},
		{ headers: OD },
	);
	await axios.post(
		`${sandbox.urls.twilio}/2010-04-01/Accounts/${TWILIO.username}/Messages.json`,
		new URLSearchParams({
			To: '+12175550309',
			MessagingServiceSid: 'MG00000000000000000000000000000001',
			Body: 'Hi Lena, time for your checkup. Reply STOP to opt out.',
		}).toString(),
		{ auth: TWILIO, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
	);
	await axios.post(`${sandbox.urls.twilio}/__sandbox/twilio/inbound`, {
		from: '+12175550309',
		body: 'STOP',
	});
	const page = (await axios.get<string>(`${sandbox.urls.console}/`)).data;
	const section = page.slice(page.indexOf('<section id="outreach"'));
	expect(section).toContain('<h2>Outreach</h2>');
	expect(section).toContain('Lena Marsh');
	expect(section).toContain('Hi Lena, time for your checkup. Reply STOP to opt out.');
	expect(section).toContain('Recall, touch 1 (Prophy.2026-12-09)');
	expect(section).toContain('Text reply');
	const optOuts = section.slice(section.indexOf('<h3>Opt-outs</h3>'));
	expect(optOuts).toContain('Lena Marsh');
	expect(optOuts).toContain('STOP');
	expect(optOuts).toContain('opted out');
});
