// What every console page reads the state through: the practice's clock and time zone, and
// names in place of the stand-ins' ids (patients, treatment plans, locations).
import { formatInstantIn } from '../../financing/dates';
import type { CareCreditState, Session } from '../careCredit';
import type { SandboxState, ServiceContext } from '../core/types';
import type { DentrixState } from '../dentrix';
import type { OpenDentalState } from '../openDental';

/** The CareCredit stand-in's context seen from the console (same process, same state). */
export const careCreditCtx = (
	ctx: ServiceContext<SandboxState>,
): ServiceContext<CareCreditState> => ({
	...ctx,
	state: ctx.all.careCredit,
});

export class ConsoleView {
	readonly careCredit: CareCreditState;
	readonly dentrix: Partial<DentrixState>;
	readonly openDental: Partial<OpenDentalState>;
	readonly timeZone: string;
	readonly n8nEditorUrl: string | null;
	readonly now: Date;

	constructor(
		readonly all: SandboxState,
		ctx: Pick<ServiceContext<unknown>, 'now' | 'options'>,
	) {
		this.careCredit = all.careCredit;
		this.dentrix = all.dentrix as Partial<DentrixState>;
		this.openDental = all.openDental as Partial<OpenDentalState>;
		this.timeZone = ctx.options.practiceTimeZone;
		this.n8nEditorUrl = ctx.options.n8nEditorUrl;
		this.now = ctx.now();
	}

	/** An instant in the practice's zone, as the ledger notes write it: "2026-02-28 23:30 CST". */
	when(iso: string | null | undefined): string {
		if (!iso) return '';
		const instant = new Date(iso);
		return Number.isNaN(instant.getTime()) ? iso : formatInstantIn(this.timeZone, instant);
	}

	get practiceName(): string {
		return this.dentrix.practice?.name ?? 'The practice';
	}

	/** A Dentrix patient id or an Open Dental PatNum as "First Last" (the id if unknown). */
	patientName(id: string | number | null | undefined): string {
		if (id === null || id === undefined || id === '') return '';
		const d = this.dentrix.patients?.find((p) => p.id === String(id));
		if (d) return `${d.firstName} ${d.lastName}`;
		const od = this.openDental.patients?.find((p) => String(p.PatNum) === String(id));
		return od ? `${od.FName} ${od.LName}` : String(id);
	}

	/** A treatment plan by the id CareCredit carries in `invoiceNumber` (`plan[~location]`). */
	plan(invoice: string): { name: string; patient: string; guarantorId: string | null } | null {
		const id = invoice.split('~')[0];
		if (!id) return null;
		const d = this.dentrix.treatmentPlans?.find((t) => t.id === id);
		if (d) {
			const guarantorId = this.dentrix.patients?.find((p) => p.id === d.patientId)?.guarantorId;
			return {
				name: d.caseName,
				patient: this.patientName(d.patientId),
				guarantorId: guarantorId ?? null,
			};
		}
		const od = this.openDental.treatPlans?.find((t) => String(t.TreatPlanNum) === id);
		if (od) return { name: od.Heading, patient: this.patientName(od.PatNum), guarantorId: null };
		return null;
	}

	locationName(id: string | null | undefined): string {
		return this.dentrix.practice?.locations.find((l) => l.id === id)?.name ?? id ?? '';
	}

	/** The applicant's name, else the patient the prefill named. */
	sessionPatient(s: Session): string {
		const a = s.applicants[0];
		if (a && (a.firstName || a.lastName)) return `${a.firstName} ${a.lastName}`.trim();
		return this.patientName(s.recordId.split('~')[0]);
	}

	/** "Implant crown #30" for the plan a session was prefilled for ('' if none is named). */
	sessionPlan(s: Session): string {
		return this.plan(s.transactionInfo.invoiceNumber)?.name ?? '';
	}

	merchantName(merchantNumber: string): string {
		return (
			this.careCredit.merchants.find((m) => m.merchantNumber === merchantNumber)?.name ??
			`merchant ${merchantNumber}`
		);
	}
}
