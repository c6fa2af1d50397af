/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- script code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// `npm run demo:case`: one whole financed case against a running `npm run demo`, no clicks:
// accept a plan with CareCredit, act as the patient (approve with a 12-month plan and the
// purchase), press the chair-side link, and wait for the agreement, the audit note and the
// coordinator message; prints time-to-arrangement.
import { DEFAULT_PORTS } from '../sandbox';
import { chairSideLink, Practice, tokenOf } from './e2e/practice';
import { dentrixTriggerHasPolled, getJson, DEMO_N8N_PORT, waitFor } from './e2e/stack';

const urls = {
	console: `http://127.0.0.1:${DEFAULT_PORTS.console}`,
	careCredit: `http://127.0.0.1:${DEFAULT_PORTS.careCredit}`,
	dentrix: `http://127.0.0.1:${DEFAULT_PORTS.dentrix}`,
	openDental: `http://127.0.0.1:${DEFAULT_PORTS.openDental}`,
};

interface Plan {
	id: string;
	status: string;
	guarantorId: string;
	patient: { firstName: string; lastName: string };
	totals: { patientPortion: number };
}

const seconds = (from: string | number, to: string | number) =>
	((new Date(to).getTime() - new Date(from).getTime()) / 1000).toFixed(1);

async function main() {
	const practice = new Practice(urls);
	await getJson(`${urls.console}/api/numbers`).catch(() => {
		throw new Error('The practice sandbox is not running: start `npm run demo` first.');
	});
	// `npm run demo` may still be starting n8n: a plan accepted before its first poll is missed.
	await waitFor(
		'n8n to start',
		async () =>
			(await fetch(`http://127.0.0.1:${DEMO_N8N_PORT}/healthz/readiness`).catch(() => null))?.ok ||
			undefined,
		5 * 60_000,
	);
	await dentrixTriggerHasPolled(urls.dentrix);
	const headers = { authorization: 'Bearer sandbox-dentrix-key' };
	const plans = (
		(await (await fetch(`${urls.dentrix}/v1/treatment-plans?limit=200`, { headers })).json()) as {
			items: Plan[];
		}
	).items;
	// A proposed plan whose account has no active agreement (one per account: docs/financing-domain.md §7).
	let plan: Plan | undefined;
	// Claire Moreau's plan first: she waits for a person to act as the patient. Plans whose
	// portion's cents pick a test applicant that is not approved (.04 to .08, docs/carecredit-api.md)
	// are left out: this sample case ends with an arrangement.
	const notApproved = (p: Plan) =>
		[4, 5, 6, 7, 8].includes(Math.round(p.totals.patientPortion * 100) % 100);
	const candidates = plans
		.filter((p) => p.status === 'proposed' && !notApproved(p))
		.sort((a, b) => Number(b.id === 'tp_2013') - Number(a.id === 'tp_2013'));
	for (const candidate of candidates) {
		const active = (await practice.agreements(candidate.guarantorId)).some(
			(a) => a.status === 'active',
		);
		if (!active) {
			plan = candidate;
			break;
		}
	}
	if (!plan) throw new Error('Every seeded plan is used: restart with `npm run demo -- --fresh`.');
	const who = `${plan.patient.firstName} ${plan.patient.lastName}`;
	const t0 = Date.now();
	console.log(
		`1. Accepting ${who}'s "${(plan as { caseName?: string }).caseName ?? 'treatment plan'}" with CareCredit, as the console button does.`,
	);
	await practice.acceptWithCareCredit(plan.id);

	console.log(
		'2. Waiting for n8n to prefill the application (the Dentrix trigger polls once a minute)...',
	);
	const ready = await waitFor(
		'the application message',
		async () => (await practice.messages('coordinator', `ready for ${who}`))[0],
		3 * 60_000,
	);
	const session = (await practice.sessionOf(plan.id))!;
	console.log(`   application ready after ${seconds(t0, ready.at)} s`);

	if (['Created', 'Pending'].includes(session.status)) {
		console.log('3. Acting as the patient: approved, 12 months no interest (DI12), purchase made.');
		await practice.decide(session.sessionId, {
			outcome: 'approved',
			creditLine: 10000,
			promoCode: 'DI12',
			purchaseAmount: plan.totals.patientPortion,
		});
	} else {
		console.log(`3. CareCredit's test applicant decided at once: ${session.status}.`);
	}
	const decided = (await practice.sessionOf(plan.id))!;
	const decidedAt = decided.application?.appEntryDate ?? decided.statusAt;

	const link = chairSideLink(ready.text);
	console.log(`4. Pressing the chair-side link: ${link}`);
	// A program asks for JSON; a browser gets the page the coordinator reads.
	const answer = await (await fetch(link, { headers: { accept: 'application/json' } })).json();
	console.log(`   n8n answered: ${JSON.stringify(answer)}`);

	const id = decided.application?.applicationId ?? decided.referenceId;
	const token = tokenOf(id);
	const message = await waitFor(
		'the coordinator message',
		async () =>
			// Messages name the case by CareCredit's application number, not by ids or tokens.
			(await practice.messages('coordinator', id))[0] ?? (await practice.messages('review', id))[0],
		3 * 60_000,
	);
	const agreement = (await practice.agreements(plan.guarantorId)).find((a) =>
		String(a.note).includes(token),
	);
	const note = (await practice.ledgerNotes(plan.guarantorId)).find((n) =>
		String(n.text).includes(token),
	);
	// The note is the case's claim, created before the first write and rewritten into the audit
	// note last: its time is the rewrite's (the sandbox's write log), not the claim's creation.
	const final = note
		? (await practice.writes('dentrix'))
				.filter((w) => w.method === 'PUT' && String(w.path).endsWith(`/ledger-notes/${note.id}`))
				.at(-1)
		: undefined;
	console.log(`
5. Done (${token}):
   payment agreement  ${agreement ? `${agreement.id}, written ${seconds(decidedAt, String(agreement.createdAt))} s after the decision` : 'none'}
   audit note         ${note ? `${note.id}, final ${final ? `${seconds(decidedAt, String(final.at))} s after the decision` : '(no rewrite seen)'} (claimed at ${seconds(decidedAt, String(note.createdAt))} s)` : 'none'}
   ${message.channel} message ${seconds(decidedAt, message.at)} s after the decision:
     ${message.text.replace(/\n/g, '\n     ')}

time-to-arrangement (decision to note and message): ${seconds(decidedAt, message.at)} s
See it in the practice console: ${urls.console}/`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
