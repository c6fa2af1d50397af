// Prints jest's totals as one plain line ("jest: N passed, N failed"), the closing line CI reads.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const tail = skipped ? `, ${skipped} skipped` : '';
		process.stdout.write(
			`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`,
		);
	}
}

module.exports = SummaryReporter;
