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
    if (p.role === 'doctor') return `doctor:${p.doctorId}` as const;
    return p.role === 'admin' ? ('admin' as const) : ('front-desk' as const);
  };

  const queuedProblem = (appointmentId: string): string | null => {
    const open = s.repos.outbox
      .forAppointment(appointmentId)
      .filter((i) => i.state !== 'done' && i.state !== 'superseded');
    return open.at(-1)?.lastError ?? null;
  };

  /** A view builder for one answer: doctors and patients are read once each, however many rows. */
  /** Views rows; given the rows up front, their meeting mappings are read in one query. */
  const viewer = (rows?: Appointment[]) => {
    const mappings = rows ? s.repos.mappings.forAppointments(rows.map((a) => a.id)) : null;
    const doctors = new Map<string, ReturnType<typeof s.repos.doctors.get>>();
    const patients = new Map<string, ReturnType<typeof s.repos.patients.get>>();
    const once = <T>(cache: Map<string, T>, id: string, read: (id: string) => T): T => {
      if (!cache.has(id)) cache.set(id, read(id));
      return cache.get(id) as T;
    };
    const nowMs = s.now().getTime();
    return (a: Appointment, overlaps = false) =>
      appointmentView(
        a,
        {
          doctor: (id) => once(doctors, id, s.repos.doctors.get),
          patient: (id) => once(patients, id, s.repos.patients.get),
          mapping: (id) => (mappings ? mappings.get(id) : s.repos.mappings.get(id)),
          queuedProblem,
          nowMs,
          live: (meetingId) => s.engine.live.get(meetingId),
        },
        overlaps,
      );
  };
  const view = (a: Appointment, overlaps = false) => viewer()(a, overlaps);

  const liveAppointment = (id: string) => {
    const a = s.repos.appointments.get(id);
    if (!a || a.deletedAt) throw new AppError('not-found', 'That appointment no longer exists.');
    return a;
  };

  const knownDoctor = (doctorId: string) => {
    const d = s.repos.doctors.get(doctorId);
    if (!d || d.removedAt) throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
  };

  return { s, ports, kivicare, zone, actor, view, viewer, liveAppointment, knownDoctor };
}
export type HandlerContext = ReturnType<typeof handlerContext>;
