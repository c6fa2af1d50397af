// The contract every sandbox service is written against: plain request in, plain response out.
// The HTTP plumbing (parsing, faults, recording, persistence) lives in ./server.ts.

import type { CareCreditState } from '../careCredit/types';
import type { MailMessage, TwilioState } from '../channels/types';
import type { DentrixState } from '../dentrix/types';
import type { OpenDentalState } from '../openDental/types';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SandboxRequest {
	method: Method;
	/** Path without the query string, e.g. `/payplans/12/Dynamic`. */
	path: string;
	/** Path parameters captured by `:name` segments of the route. */
	params: Record<string, string>;
	/** Query string, last value wins. */
	query: Record<string, string>;
	/** Header names lower-cased. */
	headers: Record<string, string | undefined>;
	/** Parsed JSON body (objects), form fields (x-www-form-urlencoded) or undefined. */
	body: unknown;
	rawBody: string;
}

export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send `body` as-is (a string) with this content type instead of JSON. */
	contentType?: string;
}

export interface ServiceContext<S> {
	/** This service's slice of the persisted sandbox state; mutate it, the server saves it. */
	state: S;
	/** The whole persisted state, for services that read another's data (the console). */
	all: SandboxState;
	/** The sandbox clock: real time plus any offset a test set with `POST /__sandbox/clock`. */
	now(): Date;
	/** Next id of a named, persisted sequence (`dentrix.agreement`, `openDental.PayPlanNum` ...). */
	nextId(sequence: string, start?: number): number;
	/** Addresses of every service of this sandbox (for portal links and the like). */
	urls: SandboxUrls;
	options: SandboxOptions;
}

export type Handler<S> = (
	req: SandboxRequest,
	ctx: ServiceContext<S>,
) => SandboxResponse | Promise<SandboxResponse>;

export interface Route<S> {
	method: Method;
	/** `/payplans/:PayPlanNum/Dynamic`; matched case-sensitively, trailing slash ignored. */
	path: string;
	handler: Handler<S>;
}

export interface ServiceDefinition<S> {
	name: ServiceName;
	routes: Route<S>[];
}

export type ServiceName = 'careCredit' | 'dentrix' | 'openDental' | 'console' | 'twilio';

export interface SandboxUrls {
	console: string;
	careCredit: string;
	dentrix: string;
	openDental: string;
	/** The Twilio Messages API stand-in (base of `/2010-04-01/...`); always set by startSandbox. */
	twilio?: string;
	/** The loopback SMTP server, `smtp://127.0.0.1:<port>`; always set by startSandbox. */
	smtp?: string;
}

export interface SandboxOptions {
	/** Lifetime of a CareCredit access token, seconds. */
	tokenLifetimeSeconds: number;
	/** Pace Open Dental calls to its documented throttle (one per second per customer key). */
	openDentalThrottle: boolean;
	/** IANA zone the practice console shows every time in (the practice's own, as in ledger notes). */
	practiceTimeZone: string;
	/** Address of the practice's n8n editor, linked from the console; null shows no link. */
	n8nEditorUrl: string | null;
}

/** A write (any non-GET request) that reached a service, as the service saw it. */
export interface RecordedWrite {
	seq: number;
	service: ServiceName;
	method: Method;
	path: string;
	query: Record<string, string>;
	body: unknown;
	status: number;
	/** Whether the service's answer was replaced by an injected fault after it committed. */
	faulted: 'before' | 'after' | null;
	at: string;
}

export type FaultKind = 'latency' | 'status' | 'timeout' | 'reset';

export interface FaultRule {
	id: number;
	kind: FaultKind;
	/** Status to answer for `status` faults (500, 503, 429 ...). */
	status?: number;
	/** Retry-After seconds sent with a 429 or 503. */
	retryAfterSeconds?: number;
	/** Added delay for `latency`; how long a `timeout` holds the socket before dropping it. */
	delayMs?: number;
	/** `before`: the request never reaches the service. `after`: it commits, the caller never sees the answer. */
	phase: 'before' | 'after';
	/** Strike the next N matching calls, then the rule is spent. */
	count?: number;
	/** Or strike each matching call with this probability (0..1). */
	rate?: number;
	/** Only calls with this method. */
	method?: Method;
	/** Only calls whose path matches this regular expression. */
	pathPattern?: string;
}

/** Everything the sandbox persists; each service owns its slice and seeds it. */
export interface SandboxState {
	version: number;
	careCredit: CareCreditState;
	dentrix: DentrixState;
	openDental: OpenDentalState;
	twilio: TwilioState;
	/** Every message the SMTP server received. */
	mail: MailMessage[];
	/** Slack-style incoming webhook posts the console received. */
	notifications: Array<{ id: number; channel: string; text: string; body: unknown; at: string }>;
	writes: RecordedWrite[];
	faults: Record<ServiceName, FaultRule[]>;
	nextIds: Record<string, number>;
	/** Added to real time by `ctx.now()`, so tests can expire tokens and sessions without waiting. */
	clockOffsetMs: number;
}
