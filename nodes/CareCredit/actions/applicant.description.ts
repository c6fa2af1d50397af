import type { INodeProperties } from 'n8n-workflow';

/**
 * The applicant a person maps from the PMS item. Who applies (docs/financing-domain.md §7): the person who
 * will owe CareCredit, the patient when an adult who is their own guarantor, otherwise the
 * guarantor (a minor's parent), whose demographics then prefill the application.
 */
export function applicantProperties(withFee: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Applicant',
			name: 'applicantIs',
			type: 'options',
			options: [
				{
					name: 'Patient (Adult, Own Guarantor)',
					value: 'patient',
					description: 'The patient applies and will owe CareCredit',
				},
				{
					name: 'Guarantor (Minor or Dependent Patient)',
					value: 'guarantor',
					description:
						"The guarantor (e.g. a minor's parent) applies; map the guarantor's details below",
				},
			],
			default: 'patient',
			description: 'Who applies: the person who will owe CareCredit',
		},
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.patientId }}',
			description:
				"The PMS patient ID, carried in CareCredit's recordId so the decision can be matched back",
		},
		{
			displayName: 'Guarantor ID',
			name: 'guarantorId',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.guarantorId }}',
			description: 'The PMS guarantor ID. Leave empty when the patient is their own guarantor.',
		},
		{
			displayName: 'Treatment Plan ID',
			name: 'treatmentPlanId',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.treatmentPlanId }}',
			description: "The PMS treatment plan ID, carried in CareCredit's invoiceNumber",
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. downtown',
			description:
				'The practice location, carried with the treatment plan ID so the decision knows where it belongs',
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Maria',
			description: "The applicant's first name (the guarantor's when the guarantor applies)",
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Garcia',
			description: "The applicant's last name",
		},
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1980-04-12',
			description:
				"The applicant's date of birth as yyyy-MM-dd. Sent to prefill only; outputs show it masked.",
		},
		{
			displayName: 'Address Line 1',
			name: 'addressLine1',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12 Elm St',
		},
		{
			displayName: 'City',
			name: 'city',
			type: 'string',
			default: '',
			placeholder: 'e.g. Chicago',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			placeholder: 'e.g. IL',
			description: 'Two-letter state code',
		},
		{
			displayName: 'ZIP Code',
			name: 'zipCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 60601',
		},
		{
			displayName: 'Cell Phone',
			name: 'cellPhone',
			type: 'string',
			default: '',
			placeholder: 'e.g. 312-555-0100',
		},
		{
			displayName: 'Email',
			name: 'emailAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. name@email.com',
		},
		...(withFee
			? [
					{
						displayName: 'Estimated Fee',
						name: 'estimatedFee',
						type: 'string' as const,
						default: '',
						placeholder: 'e.g. 4800.00',
						description:
							"The patient portion of the treatment plan in dollars; leave empty if you don't know it yet",
					},
				]
			: []),
		{
			displayName: 'Prefill Tax ID',
			name: 'prefillTaxId',
			type: 'boolean',
			default: false,
			description:
				"Whether to send the applicant's tax ID (SSN). Off by default: the patient types it on CareCredit's own page, so it never passes through n8n.",
		},
		{
			displayName: 'Tax ID',
			name: 'taxId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. 123-45-6789',
			description:
				'Nine digits. Sent to CareCredit only; every output shows the last four at most.',
			displayOptions: { show: { prefillTaxId: [true] } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Address Line 2',
					name: 'addressLine2',
					type: 'string',
					default: '',
					placeholder: 'e.g. Apt 4',
				},
				{
					displayName: 'Home Phone',
					name: 'homePhone',
					type: 'string',
					default: '',
					placeholder: 'e.g. 312-555-0101',
				},
				{
					displayName: 'Middle Name',
					name: 'middleName',
					type: 'string',
					default: '',
					placeholder: 'e.g. Ann',
				},
				{
					displayName: 'Work Phone',
					name: 'workPhone',
					type: 'string',
					default: '',
					placeholder: 'e.g. 312-555-0102',
				},
			],
		},
	];
}
