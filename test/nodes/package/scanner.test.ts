/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; it builds and packs the package */
// n8n's own static analyser for community packages, as n8n runs it before it verifies a package:
// `analyzePackage` on the unpacked `npm pack` tarball and on the source tree. The tarball is
// built and packed from a copy of the repository, so `dist/` here is never touched.
import { execFileSync } from 'child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const REPO = join(__dirname, '..', '..', '..');
const SCAN = join(__dirname, 'scan.mjs');

/** What the build and `npm pack` read: the package's own files, nothing of the tests or tools. */
const PACKAGE_FILES = [
	'package.json',
	'.npmrc',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'README.md',
	'LICENSE.md',
	'credentials',
	'nodes',
	'financing',
	'workflows',
];

interface Verdict {
	passed: boolean;
	message?: string;
	details?: string;
}

/**
 * The scan in a process of its own, without jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base
 * reads that as its own test run and checks made-up file names instead of ours.
 */
function scan(folder: string, kind?: 'source'): Verdict {
	const env = { ...process.env };
	delete env.NODE_ENV;
	return JSON.parse(
		execFileSync(process.execPath, [SCAN, folder, ...(kind ? [kind] : [])], {
			cwd: REPO,
			encoding: 'utf8',
			env,
		}),
	) as Verdict;
}

const files = (folder: string, under = ''): string[] =>
	readdirSync(join(folder, under), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? files(folder, join(under, entry.name)) : [join(under, entry.name)],
	);

let work: string;
let unpacked: string;

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	const copy = join(work, 'package');
	mkdirSync(copy);
	for (const name of PACKAGE_FILES) {
		if (existsSync(join(REPO, name)))
			cpSync(join(REPO, name), join(copy, name), { recursive: true });
	}
	symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
	execFileSync('npm', ['run', 'build'], { cwd: copy, stdio: 'pipe' });
	const tarball = execFileSync('npm', ['pack', '--pack-destination', work], {
		cwd: copy,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop()!;
	unpacked = join(work, 'unpacked');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
}, 300_000);

afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

test('the packed tarball passes n8n scan-community-package', () => {
	const verdict = scan(unpacked);
	expect(verdict.details ?? '').toBe('');
	expect(verdict.passed).toBe(true);
}, 120_000);

test('the source tree passes it too', () => {
	const verdict = scan(REPO, 'source');
	expect(verdict.details ?? '').toBe('');
	expect(verdict.passed).toBe(true);
}, 120_000);

test('the tarball ships compiled nodes and credentials, the license, and no type declarations', () => {
	const shipped = files(unpacked);
	expect(shipped.filter((f) => f.endsWith('.d.ts'))).toEqual([]);
	expect(shipped).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE.md']));
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
		dependencies?: object;
	};
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		expect(shipped).toContain(file);
	// n8n's verification: no runtime dependencies.
	expect(manifest.dependencies).toBeUndefined();
});
