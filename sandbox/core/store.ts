/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The sandbox's state on disk: one JSON file, written atomically after every change, so a
// restarted sandbox picks up where it stopped and a killed one loses at most the request
// that was in flight.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { SandboxState, ServiceName } from './types';

export const STATE_VERSION = 1;

export interface Seeds {
	careCredit: () => SandboxState['careCredit'];
	dentrix: () => SandboxState['dentrix'];
	openDental: () => SandboxState['openDental'];
}

export function seedState(seeds: Seeds): SandboxState {
	const empty: Record<ServiceName, []> = {
		careCredit: [],
		dentrix: [],
		openDental: [],
		console: [],
	};
	return {
		version: STATE_VERSION,
		careCredit: seeds.careCredit(),
		dentrix: seeds.dentrix(),
		openDental: seeds.openDental(),
		notifications: [],
		writes: [],
		faults: empty,
		nextIds: {},
		clockOffsetMs: 0,
	};
}

export class StateStore {
	state: SandboxState;
	private readonly file: string | null;

	/** `dataDir` null keeps the state in memory only. */
	constructor(
		dataDir: string | null,
		private readonly seeds: Seeds,
	) {
		this.file = dataDir ? path.join(dataDir, 'state.json') : null;
		this.state = this.load() ?? seedState(seeds);
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

	reset(): void {
		this.state = seedState(this.seeds);
		this.save();
	}

	/** Next id of a named sequence (`dentrix.agreement`, `openDental.PayPlanNum` ...), persisted. */
	nextId(sequence: string, start = 1): number {
		const next = this.state.nextIds[sequence] ?? start;
		this.state.nextIds[sequence] = next + 1;
		return next;
	}
}
