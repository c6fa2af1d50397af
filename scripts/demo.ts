/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run demo`: builds, installs n8n if needed, starts the practice sandbox on its default
// ports and real n8n (port 5678) with this package installed, the credentials pointed at the
// sandbox, the shipped templates imported, their Practice settings filled with the sandbox's
// addresses and published; prints where to go. Ctrl-C stops everything. Tests run on free
// ports, so `npm test` works while the demo is up. State lives in .demo/ (delete it, or pass
// --fresh, to start over from the seed).
import { promises as fs } from 'fs';
import { join } from 'path';
import { REPO, startStack, TEMPLATES, type Stack } from './e2e/stack';

async function main() {
	const work = join(REPO, '.demo');
	if (process.argv.includes('--fresh')) await fs.rm(work, { recursive: true, force: true });
	console.log(
		'Starting the dental financing demo (the first run installs n8n and Node 24, about 3 GB: several minutes, with progress below)...',
	);
	const running: { stack?: Stack } = {};
	const stop = async () => {
		console.log('\nStopping n8n and the sandbox...');
		await running.stack?.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	const stack = await startStack({
		work,
		persistSandbox: true,
		fixedPorts: true,
		build: !process.argv.includes('--no-build'),
		packageDir: process.env.DEMO_PACKAGE_DIR,
		log: (line) => console.log(`  ${line}`),
		// Every other template too, unpublished, so the editor shows all a practice gets.
		extraTemplates: (await fs.readdir(join(REPO, 'workflows'))).filter(
			(f) => f.endsWith('.json') && !(Object.values(TEMPLATES) as string[]).includes(f),
		),
	});
	running.stack = stack;
	const { n8n, sandbox } = stack;
	console.log(`
Ready.

  n8n editor        ${n8n.url}/
    login           ${n8n.owner.email} / ${n8n.owner.password}
  practice console  ${sandbox.urls.console}/

In the console:
  1. Under Dentrix ledger, press "Accept with CareCredit" on a treatment plan, e.g.
     Claire Moreau's "Root canal and crown #3" (waits for you to act as the patient) or
     Daniel Whitaker's "Implant #19" (a test applicant: approved at once).
  2. Within a minute n8n prefills the CareCredit application; the coordinator inbox shows
     the application link and the "patient finished" link.
  3. Open the application link and act as the patient (approve, decline, leave pending).
  4. Press the "patient finished" link: the payment agreement, the audit note and the
     coordinator message appear in the console, and the practice numbers update.
     (Without it, n8n's CareCredit trigger picks the decision up within a minute.)

The other templates (the Open Dental pair, the weekly numbers, insurance and outreach) are
imported unpublished with their settings filled: open them in the editor, or publish one.

A whole case with no clicks: npm run demo:case (in another terminal).
Ctrl-C stops everything; state is kept in .demo/ (npm run demo -- --fresh starts over).
`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
