// What a person does in the practice console, and what the console shows, over the sandbox's
// HTTP API (docs/sandbox.md, docs/dentrix-api.md, docs/carecredit-api.md): the e2e tests, the
// sample case and the benchmark drive the practice with these.
import type { SandboxUrls } from '../../sandbox/core/types';
import { getJson, postJson } from './stack';

const DENTRIX_KEY = 'sandbox-dentrix-key';

export interface Notification {
	id: number;
	channel: string;
	text: string;
	at: string;
}

export interface Session {
	sessionId: string;
	referenceId: string;
	status: string;
	statusAt: string;
	transactionInfo: { invoiceNumber: string };
	application: { applicationId: string; appEntryDate: string } | null;
}

type Row = Record<string, unknown>;

export class Practice {
	constructor(readonly urls: SandboxUrls) {}

	private async dentrix<T>(path: string, init?: RequestInit): Promise<T> {
		const response = await fetch(`${this.urls.dentrix}/v1${path}`, {
			...init,
			headers: { authorization: `Bearer ${DENTRIX_KEY}`, 'content-type': 'application/json' },
		});
		if (!response.ok) throw new Error(`Dentrix ${path} answered ${response.status}`);
		return (await response.json()) as T;
	}

	/** The console's "Accept with CareCredit" button. */
	async acceptWithCareCredit(planId: string): Promise<void> {
		await this.dentrix(`/treatment-plans/${planId}/accept`, {
			method: 'POST',
			body: JSON.stringify({ fundingMethod: 'CareCredit' }),
		});
	}

	async notifications(channel?: string): Promise<Notification[]> {
		const query = channel ? `?channel=${channel}` : '';
		return (
			await getJson<{ notifications: Notification[] }>(
				`${this.urls.console}/api/notifications${query}`,
			)
		).notifications;
	}

	/** Messages of a channel whose text contains every one of `parts`. */
	async messages(channel: string, ...parts: string[]): Promise<Notification[]> {
		return (await this.notifications(channel)).filter((n) =>
			parts.every((p) => n.text.includes(p)),
		);
	}

	async agreements(guarantorId: string): Promise<Row[]> {
		return (
			await this.dentrix<{ items: Row[] }>(`/accounts/${guarantorId}/payment-agreements?limit=200`)
		).items;
	}

	async ledgerNotes(guarantorId: string): Promise<Row[]> {
		return (await this.dentrix<{ items: Row[] }>(`/accounts/${guarantorId}/ledger-notes?limit=200`))
			.items;
	}

	async payments(guarantorId: string): Promise<Row[]> {
		return (await this.dentrix<{ items: Row[] }>(`/accounts/${guarantorId}/payments?limit=200`))
			.items;
	}

	async sessions(): Promise<Session[]> {
		return (await getJson<{ sessions: Session[] }>(`${this.urls.careCredit}/__sandbox/state`))
			.sessions;
	}

	/** The CareCredit session prefilled for a treatment plan (its invoiceNumber starts with the plan id). */
	async sessionOf(planId: string): Promise<Session | undefined> {
		return (await this.sessions()).find(
			(s) => s.transactionInfo.invoiceNumber.split('~')[0] === planId,
		);
	}

	/** Acts as the patient in the portal (docs/carecredit-api.md, sandbox admin). */
	async decide(sessionId: string, body: Row): Promise<void> {
		await postJson(
			`${this.urls.careCredit}/__sandbox/careCredit/sessions/${sessionId}/decide`,
			body,
		);
	}

	/** The feed delivers a session's latest decision once more. */
	async repeatInFeed(sessionId: string): Promise<void> {
		await postJson(`${this.urls.careCredit}/__sandbox/careCredit/feed/repeat`, { sessionId });
	}

	async addFault(service: 'careCredit' | 'dentrix' | 'console', rule: Row): Promise<void> {
		await postJson(`${this.urls.console}/__sandbox/faults`, { service, ...rule });
	}

	/** The fault rules a service still holds (a rule with a count leaves once it is used up). */
	async faults(service: 'careCredit' | 'dentrix' | 'console'): Promise<Row[]> {
		const answer = await getJson<{ faults: Record<string, Row[] | undefined> }>(
			`${this.urls.console}/__sandbox/faults`,
		);
		return answer.faults[service] ?? [];
	}

	async clearFaults(): Promise<void> {
		const response = await fetch(`${this.urls.console}/__sandbox/faults?service=all`, {
			method: 'DELETE',
		});
		if (!response.ok) throw new Error(`clearing faults answered ${response.status}`);
	}

	async advanceClock(seconds: number): Promise<void> {
		await postJson(`${this.urls.console}/__sandbox/clock`, { advanceSeconds: seconds });
	}

	/** Every write (non-GET) that reached a service, e.g. to count POSTs. */
	async writes(service: 'dentrix' | 'careCredit' | 'console' = 'dentrix'): Promise<Row[]> {
		const answer = await getJson<{ writes: Row[] } | Row[]>(
			`${this.urls.console}/__sandbox/writes?service=${service}`,
		);
		return Array.isArray(answer) ? answer : answer.writes;
	}

	/** The practice numbers the console shows (`/api/numbers`). */
	async numbers(): Promise<Row> {
		return getJson<Row>(`${this.urls.console}/api/numbers`);
	}
}

/** `[cc:ID]` reference token of a note or agreement, as docs/financing-domain.md §7 writes it. */
export const tokenOf = (id: string) => `[cc:${id}]`;

/** The chair-side link from the coordinator's application message. */
export function chairSideLink(message: string): string {
	const match = /(https?:\/\/\S+\/webhook\/carecredit-chairside\?session=[0-9a-f-]+)/.exec(message);
	if (!match) throw new Error(`no chair-side link in: ${message}`);
	return match[1];
}

/** Today's date in the practice's time zone (the templates' default, America/Chicago). */
export function practiceToday(timeZone = 'America/Chicago', at = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(at);
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
