import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openDentalRequest } from '../../transport';

/** The guarantors of these patients that are not among them, read once each. */
export async function guarantorsOf(
	ctx: IExecuteFunctions,
	i: number,
	patients: IDataObject[],
): Promise<Map<string, IDataObject>> {
	const known = new Map(patients.map((p) => [String(p.PatNum), p]));
	for (const p of patients) {
		const g = String(p.Guarantor ?? p.PatNum);
		if (known.has(g)) continue;
		known.set(
			g,
			(await openDentalRequest(
				ctx,
				{ method: 'GET', path: `/patients/${encodeURIComponent(g)}` },
				{ itemIndex: i },
			)) as IDataObject,
		);
	}
	return known;
}
