import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { CaseClaim, SETTLE_MS, type CaseNote } from '../../shared/claim';
import { setDeadline } from '../../shared/deadline';
import { dentrixRead, writeOnce } from '../transport';

/**
 * The case claim on Dentrix (shared/claim.ts): ledger notes on the guarantor's account. The
 * claim's check read comes SETTLE_MS after the claim's creation (docs/writers.md).
 */
export function dentrixClaim(
	ctx: IExecuteFunctions,
	i: number,
	at: { guarantorId: string; patientId: string; date: string },
	key: string,
	leaseSeconds: number,
): CaseClaim {
	const notesPath = `/accounts/${encodeURIComponent(at.guarantorId)}/ledger-notes`;
	const asNote = (n: IDataObject): CaseNote => ({
		id: String(n.id ?? ''),
		text: String(n.text ?? ''),
	});
	const notes = async () => {
		const page = await dentrixRead<{ items?: IDataObject[] }>(
			ctx,
			// Every note of the case: `[cc:KEY]`, `[cc:KEY.claim]`, `[cc:KEY.review]`…
			{ method: 'GET', path: notesPath, qs: { contains: `[cc:${key}`, limit: 200 } },
			{ itemIndex: i },
		);
		return (page.items ?? []).map(asNote);
	};
	return new CaseClaim(
		ctx,
		{
			notes,
			create: async (text) => {
				const mine = async () => (await notes()).find((n) => n.text === text) ?? null;
				const body = { patientId: at.patientId, date: at.date, kind: 'guarantorNote', text };
				const sent = await writeOnce<CaseNote | IDataObject>(
					ctx,
					{ method: 'POST', path: notesPath, body },
					mine,
					{ itemIndex: i },
				);
				return asNote(sent.record as IDataObject);
			},
			rewrite: async (id, text) =>
				asNote(
					await dentrixRead<IDataObject>(
						ctx,
						{ method: 'PUT', path: `${notesPath}/${encodeURIComponent(id)}`, body: { text } },
						{ itemIndex: i },
					),
				),
			settle: async () => await sleep(SETTLE_MS),
		},
		key,
		leaseSeconds,
		(deadlineAt) => setDeadline(ctx, deadlineAt),
	);
}
