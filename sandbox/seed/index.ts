// The seeded group practice and the ids each stand-in gives it, for other services and tests.
export * from './types';
export {
	PRACTICE,
	PEOPLE,
	PLANS,
	AGREEMENTS,
	LOCATIONS,
	PROVIDERS,
	CDT,
	planTotals,
} from './practice';
export * from './ids';
export * from './scenarios';
export * from './locations';
