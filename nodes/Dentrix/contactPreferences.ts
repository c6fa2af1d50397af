import type { IDataObject } from 'n8n-workflow';

/**
 * The modeled Dentrix patient's status and contact preferences (docs/dentrix-api.md, "Patient
 * status and contact preferences") in the shape the Patient Outreach node reads, with Open
 * Dental's words (financing/README.md, "Outreach"): one policy for both systems. Dentrix has one
 * preferred method: it stands for the recall method too. Do not contact and deceased win.
 */
const METHODS: Record<string, string> = {
	none: 'None',
	homePhone: 'HmPhone',
	workPhone: 'WkPhone',
	mobilePhone: 'WirelessPh',
	email: 'Email',
	textMessage: 'TextMessage',
	mail: 'Mail',
};
const STATUSES: Record<string, string> = {
	patient: 'Patient',
	nonPatient: 'NonPatient',
	inactive: 'Inactive',
	archived: 'Archived',
};
const TEXTS: Record<string, string> = { optedIn: 'Yes', optedOut: 'No', unknown: 'Unknown' };

export function toContactPreferences(p: IDataObject): IDataObject {
	const prefs = (p.contactPreferences ?? {}) as IDataObject;
	const phones = (p.phones ?? {}) as IDataObject;
	const doNotContact = prefs.doNotContact === true;
	const raw =
		typeof prefs.preferredContactMethod === 'string' ? prefs.preferredContactMethod : 'none';
	const method = doNotContact ? 'DoNotCall' : (METHODS[raw] ?? raw);
	const status =
		p.deceased === true ? 'Deceased' : (STATUSES[String(p.status)] ?? String(p.status ?? ''));
	return {
		patientId: p.id ?? p.patientId,
		status,
		textOk: TEXTS[String(prefs.textMessages)] ?? 'Unknown',
		preferredContactMethod: method,
		preferredRecallMethod: method,
		wirelessPhone: typeof phones.cell === 'string' ? phones.cell : '',
		email: typeof p.email === 'string' ? p.email : '',
		doNotContact: {
			contact: doNotContact,
			recall: doNotContact,
			text: prefs.textMessages === 'optedOut',
		},
	};
}
