// Copies what tsc does not: node icons, codex files and the workflow templates.
const { src, dest, parallel } = require('gulp');

function nodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

function workflowTemplates() {
	return src('workflows/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(nodeAssets, workflowTemplates);
