// What every group of handlers shares: the services, the shell's ports, and the few lookups
// that turn records into what the renderer may see.
import type { Channel } from '../../../../preload/contract';
import { AppError } from '../../errors';
import type { HandlerTable } from '../../ipc/dispatch';
import type { Appointment } from '../../store/records';
import type { KiviCareService } from '../kivicare';
import type { Services } from '../services';
import { appointmentView } from '../views';

export interface HandlerPorts {
  appName: string;
  version: string;
  platform: string;
  openOutside(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  /** The shell asks where to write a diagnostics folder and writes it; null folder = cancelled. */
  exportDiagnostics?(): Promise<{ folder: string | null; problems: number }>;
}

/** The handlers of the channels whose names start with `prefix:`. */
export type HandlersOf<P extends string> = Pick<HandlerTable, Extract<Channel, `${P}:${string}`>>;

export const ok = { ok: true as const };

export function handlerContext(s: Services, ports: HandlerPorts, kivicare: KiviCareService) {
  const zone = () => s.settings.get().clinicTimeZone;

  const actor = () => {
    const p = s.profiles.current();
    return p.role === 'doctor' ? (`doctor:${p.doctorId}` as const) : ('front-desk' as const);
  };

  const queuedProblem = (appointmentId: string): string | null => {
    const open = s.repos.outbox
      .forAppointment(appointmentId)
      .filter((i) => i.state !== 'done' && i.state !== 'superseded');
    return open.at(-1)?.lastError ?? null;
  };

  const view = (a: Appointment, overlaps = false) =>
    appointmentView(
      a,
      {
        doctor: (id) => s.repos.doctors.get(id),
        patient: (id) => s.repos.patients.get(id),
        mapping: (id) => s.repos.mappings.get(id),
        queuedProblem,
      },
      overlaps,
    );

  const liveAppointment = (id: string) => {
    const a = s.repos.appointments.get(id);
    if (!a || a.deletedAt) throw new AppError('not-found', 'That appointment no longer exists.');
    return a;
  };

  const knownDoctor = (doctorId: string) => {
    if (!s.repos.doctors.get(doctorId))
      throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
  };

  return { s, ports, kivicare, zone, actor, view, liveAppointment, knownDoctor };
}
export type HandlerContext = ReturnType<typeof handlerContext>;
