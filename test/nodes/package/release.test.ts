/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; it reads the workflow file */
// The release workflow cannot run here (it runs on GitHub when a version tag is pushed): this
// reads it as GitHub would and checks it does what n8n's verification asks, publishing with npm
// provenance after a clean install, build and lint.
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

const FILE = join(__dirname, '..', '..', '..', '.github', 'workflows', 'release.yml');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Workflow {
	on: { push?: { tags?: string[]; branches?: string[] } };
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const workflow = parse(readFileSync(FILE, 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const runs = jobs.flatMap((job) => job.steps.map((step) => step.run?.trim()).filter(Boolean));

test('runs on a version tag only', () => {
	expect(workflow.on.push?.tags).toEqual(['*.*.*']);
	expect(workflow.on.push?.branches).toBeUndefined();
	expect(Object.keys(workflow.on)).toEqual(['push']);
});

test('installs from the lockfile, builds and lints, then publishes with provenance, in that order', () => {
	expect(runs).toEqual([
		'npm ci',
		'npm run build',
		'npm run lint',
		'npm publish --provenance --access public',
	]);
});

test('the publishing job may mint the identity token provenance is signed with', () => {
	expect(jobs).toHaveLength(1);
	expect(jobs[0].permissions).toMatchObject({ 'id-token': 'write', contents: 'read' });
	const uses = jobs[0].steps.map((step) => step.uses).filter(Boolean);
	expect(uses).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);
	// Trusted publishing needs npm 11.5 or later: Node 24's.
	expect(jobs[0].steps[1].with?.['node-version']).toBe(24);
});
