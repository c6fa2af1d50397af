// `npm run lint`: what `n8n-node lint` does in strict mode, with a verdict line at the end
// (n8n-node prints only its banner when all is well). In strict mode the ESLint configuration
// must be @n8n/node-cli's default, unchanged; then ESLint runs on the project with it.
//   node scripts/lint.mjs [--fix]
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const fix = process.argv.includes('--fix');
const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

if (manifest.n8n?.strict) {
	// The package exports only its ESLint config (dist/configs/); the template sits beside it.
	const configs = dirname(createRequire(import.meta.url).resolve('@n8n/node-cli/eslint'));
	const template = join(configs, '..', 'template/templates/shared/default/eslint.config.mjs');
	const squash = (text) => text.replace(/\s+/g, ' ').trim();
	const [expected, actual] = await Promise.all([
		readFile(template, 'utf8'),
		readFile(join(root, 'eslint.config.mjs'), 'utf8').catch(() => ''),
	]);
	if (squash(expected) !== squash(actual)) {
		console.error(
			`lint: strict mode: eslint.config.mjs must be @n8n/node-cli's default (${relative(root, template)}):\n${expected}`,
		);
		process.exit(1);
	}
}

const eslint = new ESLint({ cwd: root, fix });
const results = await eslint.lintFiles(['.']);
if (fix) await ESLint.outputFixes(results);
const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
const report = await (await eslint.loadFormatter('stylish')).format(results);
if (report) console.log(report);
const problems = errors + warnings;
console.log(
	`lint: ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${results.length} files`,
);
process.exitCode = errors > 0 ? 1 : 0;
