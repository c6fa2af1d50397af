import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { openDentalRequest, PAGE_SIZE } from '../transport';

/**
 * Patients for a Patient locator: Patients GET Simple by "Last, First", a page of 100 at a time
 * (docs/opendental-api-notes.md §2.11), each with their guarantor.
 */
export async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { Offset: offset };
	const [last, first] = (filter ?? '').split(',').map((s) => s.trim());
	if (last) qs.LName = last;
	if (first) qs.FName = first;
	const rows = await openDentalRequest<IDataObject[]>(this, {
		method: 'GET',
		path: '/patients/Simple',
		qs,
	});
	return {
		results: (rows ?? []).map((p) => ({
			name: `${String(p.LName)}, ${String(p.FName)} (${p.Guarantor === p.PatNum ? 'own guarantor' : `guarantor ${String(p.Guarantor)}`})`,
			value: String(p.PatNum),
		})),
		paginationToken: (rows ?? []).length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
	};
}
