// Four suites, fast to real: `npm run test:fast` runs the first three.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const project = (displayName, extra = {}) => ({
	displayName,
	testEnvironment: 'node',
	transform,
	moduleFileExtensions: ['ts', 'js', 'json'],
	testMatch: [`<rootDir>/test/${displayName}/**/*.test.ts`],
	...extra,
});

module.exports = {
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	projects: [
		project('unit'),
		project('sandbox'),
		project('nodes'),
		project('e2e'),
	],
};
