import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { localDateTimeIn } from '../../../financing';
import { CaseClaim, SETTLE_MS, type CaseNote } from '../../shared/claim';
import { setDeadline } from '../../shared/deadline';
import { openDentalList, openDentalRequest, writeOnce } from '../transport';

/**
 * The case claim on Open Dental (shared/claim.ts): commlogs of the patient. Rewritten with
 * `PUT /commlogs/{CommlogNum}` (Open Dental 25.2.21+, docs/opendental.md). The check read comes
 * after the credential's pacing, or SETTLE_MS where requests are not paced.
 */
export function openDentalClaim(
	ctx: IExecuteFunctions,
	i: number,
	patNum: string,
	commType: string,
	key: string,
	leaseSeconds: number,
): CaseClaim {
	const asNote = (c: IDataObject): CaseNote => ({
		id: String(c.CommlogNum ?? ''),
		text: String(c.Note ?? ''),
	});
	// Commlogs GET needs PatNum before 25.1.13 (docs/opendental-api-notes.md §2.8): always sent.
	const rows = async () =>
		await openDentalList(ctx, '/commlogs', { PatNum: patNum }, { itemIndex: i });
	const notes = async () => (await rows()).map(asNote);
	return new CaseClaim(
		ctx,
		{
			notes,
			create: async (text) => {
				const body = {
					PatNum: Number(patNum),
					Note: text,
					CommDateTime: localDateTimeIn(ctx.getTimezone(), new Date()),
					commType,
					Mode_: 'None',
					SentOrReceived: 'Neither',
				};
				const mine = async () => (await rows()).find((c) => asNote(c).text === text) ?? null;
				const sent = await writeOnce<IDataObject>(
					ctx,
					{ method: 'POST', path: '/commlogs', body },
					mine,
					{ itemIndex: i },
				);
				return asNote(sent.record);
			},
			rewrite: async (id, text) =>
				asNote(
					await openDentalRequest<IDataObject>(
						ctx,
						{ method: 'PUT', path: `/commlogs/${encodeURIComponent(id)}`, body: { Note: text } },
						{ itemIndex: i },
					),
				),
			settle: async () => {
				// A credential n8n cannot read now: the whole settle (the safe side).
				const credentials = await ctx
					.getCredentials<{ pacingMs?: number }>('openDentalApi')
					.catch(() => ({ pacingMs: 0 }));
				const paced = Number(credentials.pacingMs ?? 1000);
				if (!(paced >= SETTLE_MS)) await sleep(SETTLE_MS - (paced > 0 ? paced : 0));
			},
		},
		key,
		leaseSeconds,
		(deadlineAt) => setDeadline(ctx, deadlineAt),
	);
}
