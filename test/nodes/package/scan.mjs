// Runs n8n's community-package scanner (@n8n/scan-community-package, ES module only, so in a
// process of its own) on one folder and prints its verdict as JSON:
//   node scan.mjs <folder> source    the shippable sources, as the scanner lints a package's
//                                     provenance-attested repository (package.json, nodes/, credentials/)
//   node scan.mjs <folder>           every .js, .ts and .json file: its default, used on the tarball
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const [folder, kind] = process.argv.slice(2);
const result = await analyzePackage(folder, kind === 'source' ? SOURCE_FILE_PATTERNS : undefined);
process.stdout.write(
	JSON.stringify({ passed: result.passed, message: result.message, details: result.details }),
);
