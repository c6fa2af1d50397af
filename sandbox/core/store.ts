/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The sandbox's state on disk: one JSON file, written atomically after every change, so a
// restarted sandbox picks up where it stopped and a killed one loses at most the request
// that was in flight.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { SandboxState, ServiceName } from './types';

export const STATE_VERSION = 2;

/** Each service's seed; `now` is the sandbox clock, the anchor of the seed's relative dates. */
export interface Seeds {
	careCredit: (now: Date) => SandboxState['careCredit'];
	dentrix: (now: Date) => SandboxState['dentrix'];
	openDental: (now: Date) => SandboxState['openDental'];
	twilio: (now: Date) => SandboxState['twilio'];
}

/** Clock offset that makes the sandbox clock read `today` (yyyy-MM-dd) at the current time of day. */
export function offsetForDay(today: string | undefined, realNow = Date.now()): number {
	if (!today) return 0;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
		throw new Error(`today must be a date written yyyy-MM-dd, not "${today}"`);
	const real = new Date(realNow);
	const target =
		Date.parse(`${today}T00:00:00Z`) +
		(realNow - Date.parse(`${real.toISOString().slice(0, 10)}T00:00:00Z`));
	return target - realNow;
}

export function seedState(seeds: Seeds, clockOffsetMs = 0): SandboxState {
	const now = new Date(Date.now() + clockOffsetMs);
	const empty: Record<ServiceName, []> = {
		careCredit: [],
		dentrix: [],
		openDental: [],
		console: [],
		twilio: [],
	};
	return {
		version: STATE_VERSION,
		careCredit: seeds.careCredit(now),
		dentrix: seeds.dentrix(now),
		openDental: seeds.openDental(now),
		twilio: seeds.twilio(now),
		mail: [],
		notifications: [],
		writes: [],
		faults: empty,
		nextIds: {},
		clockOffsetMs,
	};
}

export class StateStore {
	state: SandboxState;
	private readonly file: string | null;

	/** `dataDir` null keeps the state in memory only. */
	constructor(
		dataDir: string | null,
		private readonly seeds: Seeds,
		today?: string,
	) {
		this.file = dataDir ? path.join(dataDir, 'state.json') : null;
		this.state = this.load() ?? seedState(seeds, offsetForDay(today));
		this.save();
	}

	private load(): SandboxState | null {
		if (!this.file || !fs.existsSync(this.file)) return null;
		const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as SandboxState;
		return parsed.version === STATE_VERSION ? parsed : null;
	}

	save(): void {
		if (!this.file) return;
		fs.mkdirSync(path.dirname(this.file), { recursive: true });
		const tmp = `${this.file}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify(this.state));
		fs.renameSync(tmp, this.file);
	}

	/** Back to the seed; `today` (yyyy-MM-dd) also sets the sandbox clock to that day first. */
	reset(today?: string): void {
		this.state = seedState(this.seeds, offsetForDay(today));
		this.save();
	}

	/** Next id of a named sequence (`dentrix.agreement`, `openDental.PayPlanNum` ...), persisted. */
	nextId(sequence: string, start = 1): number {
		const next = this.state.nextIds[sequence] ?? start;
		this.state.nextIds[sequence] = next + 1;
		return next;
	}
}
