// Insurance coverage and eligibility, continuing care, appointments and contact preferences:
// the modeled contract of docs/dentrix-api.md ("Insurance, continuing care, appointments and
// contact preferences"). Field names follow Dentrix's screens where its help shows them.
import type { Route } from '../core/types';
import { Fields } from './fields';
import {
	bodyOf,
	dollars,
	error,
	invalid,
	notFound,
	page,
	queryDate,
	route,
	sourceOf,
	today,
} from './http';
import { patient } from './lookups';
import type {
	DentrixAppointment,
	DentrixAppointmentStatus,
	DentrixContactMethod,
	DentrixContinuingCare,
	DentrixCoverage,
	DentrixState,
} from './types';

const CONTACT_METHODS: DentrixContactMethod[] = [
	'none',
	'homePhone',
	'workPhone',
	'mobilePhone',
	'email',
	'textMessage',
	'mail',
];
const APPOINTMENT_STATUSES: DentrixAppointmentStatus[] = [
	'scheduled',
	'completed',
	'broken',
	'unscheduled',
	'planned',
];
const cents = (v: number | null) => (v === null ? null : dollars(v));

function coverageOut(state: DentrixState, c: DentrixCoverage) {
	const subscriber = state.patients.find((p) => p.id === c.subscriberPatientId);
	return {
		id: c.id,
		patientId: c.patientId,
		coverageOrder: c.coverageOrder,
		carrier: c.carrier,
		groupPlanName: c.groupPlanName,
		groupNumber: c.groupNumber,
		subscriber: subscriber
			? { id: subscriber.id, firstName: subscriber.firstName, lastName: subscriber.lastName }
			: null,
		subscriberId: c.subscriberId,
		relationToSubscriber: c.relationToSubscriber,
		effectiveDate: c.effectiveDate,
		terminationDate: c.terminationDate,
		benefitRenewalMonth: c.benefitRenewalMonth,
		eligibilityStatus: c.eligibilityStatus,
		eligibilityVerifiedOn: c.eligibilityVerifiedOn,
		benefitsVerifiedOn: c.benefitsVerifiedOn,
		benefits: {
			annualMaximum: cents(c.annualMaximumCents),
			benefitsUsed: dollars(c.benefitsUsedCents),
			remainingBenefits:
				c.annualMaximumCents === null ? null : dollars(c.annualMaximumCents - c.benefitsUsedCents),
			individualDeductible: cents(c.individualDeductibleCents),
			deductibleMet: dollars(c.deductibleMetCents),
			coverage: c.coveragePercents,
			frequencies: c.frequencies,
		},
		verificationHistory: c.verificationHistory,
	};
}

function careOut(state: DentrixState, c: DentrixContinuingCare) {
	const p = state.patients.find((x) => x.id === c.patientId)!;
	const last = c.contacts[c.contacts.length - 1];
	return {
		id: c.id,
		patientId: c.patientId,
		patient: { id: p.id, firstName: p.firstName, lastName: p.lastName },
		locationId: p.locationId,
		type: c.type,
		dueDate: c.dueDate,
		priorVisit: c.priorVisit,
		intervalMonths: c.intervalMonths,
		status: c.status,
		timesContacted: c.contacts.length,
		lastContactedOn: last ? last.at.slice(0, 10) : null,
		contacts: c.contacts,
		patientStatus: p.status,
		deceased: p.deceased,
		contactPreferences: p.contactPreferences,
	};
}

export const careRoutes: Array<Route<DentrixState>> = [
	// ----- contact preferences -----
	route('PATCH', '/v1/patients/:patientId/contact-preferences', (req, ctx) => {
		const p = patient(ctx.state, req.params.patientId);
		const body = bodyOf(req);
		const f = new Fields(body);
		const method = f.oneOf(
			'preferredContactMethod',
			'Preferred contact method',
			CONTACT_METHODS,
			{},
		);
		const texts = f.oneOf(
			'textMessages',
			'Text messages',
			['optedIn', 'optedOut', 'unknown'] as const,
			{},
		);
		const dnc = f.has('doNotContact') ? f.boolean('doNotContact', 'Do not contact') : undefined;
		if (f.errors.length) return invalid('contact preferences', f.errors);
		Object.assign(p.contactPreferences, {
			...(method !== undefined ? { preferredContactMethod: method } : {}),
			...(texts !== undefined ? { textMessages: texts } : {}),
			...(dnc !== undefined ? { doNotContact: dnc } : {}),
		});
		return { status: 200, body: { patientId: p.id, contactPreferences: p.contactPreferences } };
	}),

	// ----- insurance coverage and eligibility -----
	route('GET', '/v1/patients/:patientId/insurance', (req, { state }) => {
		const p = patient(state, req.params.patientId);
		const rows = state.coverages
			.filter((c) => c.patientId === p.id)
			.sort((a, b) => a.coverageOrder.localeCompare(b.coverageOrder));
		return page(req, rows, (c) => coverageOut(state, c));
	}),
	route('POST', '/v1/patients/:patientId/insurance/:coverageId/eligibility', (req, ctx) => {
		const { state } = ctx;
		const p = patient(state, req.params.patientId);
		const c = state.coverages.find((x) => x.id === req.params.coverageId && x.patientId === p.id);
		if (!c) return notFound('insurance coverage', req.params.coverageId);
		const f = new Fields(bodyOf(req));
		const status = f.oneOf(
			'eligibilityStatus',
			'Eligibility status',
			['eligible', 'notEligible', 'pending'] as const,
			{ fallback: 'eligible' },
		);
		const verifiedOn = f.date('verifiedOn', 'Verified on', { fallback: today(ctx) });
		const note = f.text('note', 'Note', 255, { fallback: '' });
		if (verifiedOn && verifiedOn > today(ctx))
			f.fail('verifiedOn', 'outOfRange', 'Verified on cannot be a future date.');
		if (f.errors.length) return invalid('eligibility verification', f.errors);
		// The same stamp again (same status, same day) changes nothing: a retry writes once.
		if (c.eligibilityStatus !== status || c.eligibilityVerifiedOn !== verifiedOn) {
			c.verificationHistory.push({
				at: ctx.now().toISOString(),
				eligibilityStatus: c.eligibilityStatus,
				eligibilityVerifiedOn: c.eligibilityVerifiedOn,
				note: note!,
				source: sourceOf(req),
			});
			c.eligibilityStatus = status!;
			c.eligibilityVerifiedOn = verifiedOn!;
		}
		return { status: 200, body: coverageOut(state, c) };
	}),

	// ----- continuing care -----
	route('GET', '/v1/continuing-care', (req, { state }) => {
		const from = queryDate(req, 'dueFrom');
		const to = queryDate(req, 'dueTo');
		const q = req.query;
		if (q.includeContacted !== undefined && !['true', 'false'].includes(q.includeContacted))
			return error(400, 'badRequest', 'includeContacted must be true or false.');
		const rows = state.continuingCare.filter((c) => {
			const p = state.patients.find((x) => x.id === c.patientId)!;
			return (
				(!q.type || c.type === q.type) &&
				(!q.locationId || p.locationId === q.locationId) &&
				// A continuing care never completed has no due date and is always listed.
				(c.dueDate === null || ((!from || c.dueDate >= from) && (!to || c.dueDate <= to))) &&
				(q.includeContacted === 'true' || c.contacts.length === 0)
			);
		});
		return page(req, rows, (c) => careOut(state, c));
	}),
	route('GET', '/v1/patients/:patientId/continuing-care', (req, { state }) => {
		const p = patient(state, req.params.patientId);
		return page(
			req,
			state.continuingCare.filter((c) => c.patientId === p.id),
			(c) => careOut(state, c),
		);
	}),
	// Recording a contact also writes its Office Journal entry: callers must not add a second note.
	route('POST', '/v1/continuing-care/:careId/contacts', (req, ctx) => {
		const { state } = ctx;
		const c = state.continuingCare.find((x) => x.id === req.params.careId);
		if (!c) return notFound('continuing care', req.params.careId);
		const f = new Fields(bodyOf(req));
		const method = f.oneOf(
			'method',
			'Method',
			['phone', 'email', 'textMessage', 'mail', 'inPerson'] as const,
			{
				required: true,
			},
		);
		const status = f.text('status', 'Status', 40, { fallback: c.status });
		const note = f.text('note', 'Note', 255, { fallback: '' });
		if (f.errors.length) return invalid('continuing care contact', f.errors);
		const at = ctx.now().toISOString();
		c.contacts.push({ at, method: method!, note: note!, source: sourceOf(req) });
		c.status = status!;
		const p = state.patients.find((x) => x.id === c.patientId)!;
		state.ledgerNotes.push({
			id: `note_${ctx.nextId('dentrix.ledgerNote', 4101)}`,
			guarantorId: p.guarantorId,
			patientId: p.id,
			date: today(ctx),
			kind: 'officeJournal',
			text: `Continuing care ${c.type} contact by ${method}${note ? `: ${note}` : ''}`,
			createdAt: at,
			createdBy: sourceOf(req),
		});
		return { status: 201, body: careOut(state, c) };
	}),

	// ----- appointments -----
	route('GET', '/v1/appointments', (req, { state }) => {
		const from = queryDate(req, 'dateFrom');
		const to = queryDate(req, 'dateTo');
		const q = req.query;
		if (q.status && !APPOINTMENT_STATUSES.includes(q.status as DentrixAppointmentStatus))
			return error(400, 'badRequest', `status must be one of: ${APPOINTMENT_STATUSES.join(', ')}.`);
		const rows = state.appointments.filter(
			(a) =>
				(!q.status || a.status === q.status) &&
				(!q.patientId || a.patientId === q.patientId) &&
				(!q.locationId || a.locationId === q.locationId) &&
				(q.asap === undefined || String(a.asap) === q.asap) &&
				(!from || (a.date !== null && a.date >= from)) &&
				(!to || (a.date !== null && a.date <= to)),
		);
		return page(req, rows, (a) => a);
	}),
	route('POST', '/v1/appointments', (req, ctx) => {
		const { state } = ctx;
		const body = bodyOf(req);
		const f = new Fields(body);
		const patientId = f.text('patientId', 'Patient', 64, { required: true });
		const date = f.date('date', 'Date', { required: true });
		const time = f.text('time', 'Time', 5, { required: true });
		if (time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
			f.fail('time', 'invalid', 'Time must be written HH:mm, such as 09:30.');
		const length = f.integer('lengthMinutes', 'Length', 5, 540, { fallback: 60 });
		const reason = f.text('reason', 'Reason', 255, { fallback: '' });
		const p = patientId ? state.patients.find((x) => x.id === patientId) : undefined;
		if (patientId && !p) f.fail('patientId', 'notAllowed', `No patient with id ${patientId}.`);
		const procedureIds = Array.isArray(body.procedureIds) ? body.procedureIds.map(String) : [];
		const own = state.treatmentPlans
			.filter((t) => t.patientId === patientId)
			.flatMap((t) => t.procedures.map((x) => x.id));
		const foreign = procedureIds.filter((id) => !own.includes(id));
		if (foreign.length)
			f.fail(
				'procedureIds',
				'notAllowed',
				`Not procedures of this patient: ${foreign.join(', ')}.`,
			);
		if (f.errors.length || !p) return invalid('appointment', f.errors);
		const appointment: DentrixAppointment = {
			id: `apt_${ctx.nextId('dentrix.appointment', 9101)}`,
			patientId: p.id,
			locationId: p.locationId,
			providerId: typeof body.providerId === 'string' ? body.providerId : p.primaryProviderId,
			status: 'scheduled',
			date: date!,
			time: time!,
			lengthMinutes: length!,
			asap: body.asap === true,
			reason: reason!,
			procedureIds,
			createdAt: ctx.now().toISOString(),
			createdBy: sourceOf(req),
		};
		state.appointments.push(appointment);
		return {
			status: 201,
			body: appointment,
			headers: { location: `/v1/appointments/${appointment.id}` },
		};
	}),
];
