// Reading a request body field by field, collecting every failure so the caller learns all of
// them at once, with messages a front-desk person can act on (docs/dentrix-api.md, Errors).

export interface FieldError {
	field: string;
	code: 'required' | 'invalid' | 'outOfRange' | 'tooLong' | 'notAllowed' | 'inconsistent';
	message: string;
}

export const isDate = (v: unknown): v is string => {
	if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const missing = (v: unknown) => v === undefined || v === null || v === '';

export class Fields {
	readonly errors: FieldError[] = [];

	constructor(private readonly body: Record<string, unknown>) {}

	fail(field: string, code: FieldError['code'], message: string): undefined {
		this.errors.push({ field, code, message });
		return undefined;
	}

	has(field: string): boolean {
		return !missing(this.body[field]);
	}

	/** Dollars on the wire, integer cents back. */
	amount(
		field: string,
		label: string,
		opts: { required?: boolean; positive?: boolean; fallback?: number },
	): number | undefined {
		const v = this.body[field];
		if (missing(v)) {
			if (opts.required) return this.fail(field, 'required', `${label} is required.`);
			return opts.fallback;
		}
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			return this.fail(field, 'invalid', `${label} must be a dollar amount such as 125.50.`);
		}
		const cents = Math.round(v * 100);
		if (Math.abs(v * 100 - cents) > 1e-6) {
			return this.fail(field, 'invalid', `${label} can have at most 2 decimals (cents).`);
		}
		if (cents < 0 || (opts.positive && cents === 0)) {
			return this.fail(
				field,
				'outOfRange',
				`${label} must be ${opts.positive ? 'more than' : 'at least'} $0.00.`,
			);
		}
		return cents;
	}

	integer(
		field: string,
		label: string,
		min: number,
		max: number,
		opts: { required?: boolean; fallback?: number },
	): number | undefined {
		const v = this.body[field];
		if (missing(v)) {
			if (opts.required) return this.fail(field, 'required', `${label} is required.`);
			return opts.fallback;
		}
		if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
			return this.fail(
				field,
				'outOfRange',
				`${label} must be a whole number from ${min} to ${max}.`,
			);
		}
		return v;
	}

	percent(field: string, label: string): number | undefined {
		const v = this.body[field];
		if (missing(v)) return 0;
		if (
			typeof v !== 'number' ||
			!Number.isFinite(v) ||
			v < 0 ||
			v > 100 ||
			Math.abs(v * 100 - Math.round(v * 100)) > 1e-6
		) {
			return this.fail(
				field,
				'outOfRange',
				`${label} must be a percentage from 0 to 100 with at most 2 decimals.`,
			);
		}
		return v;
	}

	date(
		field: string,
		label: string,
		opts: { required?: boolean; fallback?: string },
	): string | undefined {
		const v = this.body[field];
		if (missing(v)) {
			if (opts.required) return this.fail(field, 'required', `${label} is required.`);
			return opts.fallback;
		}
		if (!isDate(v))
			return this.fail(
				field,
				'invalid',
				`${label} must be a real date written yyyy-MM-dd, e.g. 2026-12-01.`,
			);
		return v;
	}

	text(
		field: string,
		label: string,
		max: number,
		opts: { required?: boolean; fallback?: string },
	): string | undefined {
		const v = this.body[field];
		if (missing(v)) {
			if (opts.required) return this.fail(field, 'required', `${label} is required.`);
			return opts.fallback;
		}
		if (typeof v !== 'string') return this.fail(field, 'invalid', `${label} must be text.`);
		if (v.length > max) {
			return this.fail(
				field,
				'tooLong',
				`${label} can hold at most ${max} characters; this one has ${v.length}.`,
			);
		}
		return v;
	}

	oneOf<T extends string>(
		field: string,
		label: string,
		allowed: readonly T[],
		opts: { required?: boolean; fallback?: T },
	): T | undefined {
		const v = this.body[field];
		if (missing(v)) {
			if (opts.required) return this.fail(field, 'required', `${label} is required.`);
			return opts.fallback;
		}
		if (!allowed.includes(v as T)) {
			return this.fail(field, 'notAllowed', `${label} must be one of: ${allowed.join(', ')}.`);
		}
		return v as T;
	}

	boolean(field: string, label: string): boolean | undefined {
		const v = this.body[field];
		if (missing(v)) return false;
		if (typeof v !== 'boolean')
			return this.fail(field, 'invalid', `${label} must be true or false.`);
		return v;
	}
}
