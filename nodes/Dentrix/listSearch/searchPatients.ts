import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dentrixRead } from '../transport';

/** How a list shows a person: "Last, First". */
export const listName = (p: IDataObject | undefined) =>
	`${p?.lastName ?? ''}, ${p?.firstName ?? ''}`;

/** Patients by name for a Patient locator, 50 at a time, each with their guarantor. */
export async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const page = await dentrixRead<{ items?: IDataObject[]; total?: number }>(this, {
		method: 'GET',
		path: '/patients',
		qs: { search: filter ?? '', limit: 50, offset },
	});
	const items = page.items ?? [];
	const next = offset + items.length;
	return {
		results: items.map((p) => {
			const guarantor = p.guarantor as IDataObject | undefined;
			const own = guarantor?.id === p.id;
			return {
				name: `${listName(p)} (${own ? 'own guarantor' : `guarantor ${listName(guarantor)}`})`,
				value: String(p.id),
			};
		}),
		paginationToken: next < (page.total ?? 0) ? String(next) : undefined,
	};
}
