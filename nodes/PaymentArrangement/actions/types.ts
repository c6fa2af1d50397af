import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../shared/registry';

/** One operation, one file; `output` is the index of the output the item leaves by. */
export type ArrangementOperation = Operation<{ json: IDataObject; output: number }>;
