/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/; it reads the codex files with fs */
// What the n8n editor shows of every node and credential: each class's resolved `description`
// (credentials: their fields, test request and authentication) and each node's codex file. A
// change to any of it shows up in review as a change to the committed snapshot.
import { readFileSync } from 'fs';
import { join } from 'path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { CareCreditApi } from '../../credentials/CareCreditApi.credentials';
import { DentrixApi } from '../../credentials/DentrixApi.credentials';
import { OpenDentalApi } from '../../credentials/OpenDentalApi.credentials';
import { CareCredit } from '../../nodes/CareCredit/CareCredit.node';
import { CareCreditDecisionTrigger } from '../../nodes/CareCredit/CareCreditDecisionTrigger.node';
import { Dentrix } from '../../nodes/Dentrix/Dentrix.node';
import { DentrixTreatmentPlanTrigger } from '../../nodes/Dentrix/DentrixTreatmentPlanTrigger.node';
import { OpenDental } from '../../nodes/OpenDental/OpenDental.node';
import { PatientOutreach } from '../../nodes/PatientOutreach/PatientOutreach.node';
import { PaymentArrangement } from '../../nodes/PaymentArrangement/PaymentArrangement.node';
import { PracticeMessage } from '../../nodes/PracticeMessage/PracticeMessage.node';

const REPO = join(__dirname, '..', '..');

/** Every node the package ships, with the folder its codex file sits in. */
const NODES: Array<[INodeType, string]> = [
	[new CareCredit(), 'CareCredit'],
	[new CareCreditDecisionTrigger(), 'CareCredit'],
	[new Dentrix(), 'Dentrix'],
	[new DentrixTreatmentPlanTrigger(), 'Dentrix'],
	[new OpenDental(), 'OpenDental'],
	[new PaymentArrangement(), 'PaymentArrangement'],
	[new PatientOutreach(), 'PatientOutreach'],
	[new PracticeMessage(), 'PracticeMessage'],
];

const CREDENTIALS: ICredentialType[] = [new CareCreditApi(), new DentrixApi(), new OpenDentalApi()];

const className = (o: object) => o.constructor.name;

describe.each(NODES.map(([node, folder]) => [className(node), node, folder] as const))(
	'%s',
	(_, node, folder) => {
		test('description', () => {
			expect(node.description).toMatchSnapshot();
		});

		test('codex', () => {
			const file = join(REPO, 'nodes', folder, `${className(node)}.node.json`);
			expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchSnapshot();
		});

		test('list searches', () => {
			expect(Object.keys(node.methods?.listSearch ?? {}).sort()).toMatchSnapshot();
		});
	},
);

describe.each(CREDENTIALS.map((c) => [className(c), c] as const))('%s', (_, credential) => {
	test('description', async () => {
		const { name, displayName, icon, documentationUrl, properties, authenticate, test } =
			credential;
		// A function: what it adds to a request of credentials whose every field is named by itself.
		const fields = Object.fromEntries(properties.map((p) => [p.name, `<${p.name}>`]));
		expect({
			name,
			displayName,
			icon,
			documentationUrl,
			properties,
			authenticate:
				typeof authenticate === 'function'
					? await authenticate(fields, { url: '/' })
					: authenticate,
			test,
			preAuthentication: typeof credential.preAuthentication,
		}).toMatchSnapshot();
	});
});

test('package.json lists every node and credential, in this order', () => {
	const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	expect(manifest.n8n).toMatchSnapshot();
});

test("the editor's nodes panel shows each node's own description: no trigger is merged into an action node", () => {
	// n8n's editor (2.41.1, packages/frontend/editor-ui/src/features/shared/nodeCreator/composables/
	// useActionsGeneration.ts) merges a trigger into the action node whose type name is the
	// trigger's without "Trigger", and gives the merged entry the trigger's description.
	const names = new Set(NODES.map(([node]) => node.description.name));
	for (const [node] of NODES) {
		if (!node.description.group.includes('trigger')) continue;
		expect(names.has(node.description.name.replace('Trigger', ''))).toBe(false);
	}
	const descriptions = NODES.map(([node]) => node.description.description);
	expect(new Set(descriptions).size).toBe(descriptions.length);
});
