// What every group of handlers shares: the services, the shell's ports, and the few lookups
// that turn records into what the renderer may see.
import type { Channel } from '../../../../preload/contract';
import { needsMeeting } from '../../appointments/intent';
import type { ExpectedDesktop } from '../../clinic/presence';
import { type Waiting, waitingFor } from '../../clinic/waiting';
import { AppError } from '../../errors';
import type { HandlerTable } from '../../ipc/dispatch';
import type { Appointment } from '../../store/records';
import type { KiviCareService } from '../kivicare';
import type { Services } from '../services';
import { appointmentView, asksQueuedProblem } from '../views';

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

  const queuedProblem = async (appointmentId: string): Promise<string | null> => {
    const open = (await s.repos.outbox.forAppointment(appointmentId)).filter(
      (i) => i.state !== 'done' && i.state !== 'superseded',
    );
    return open.at(-1)?.lastError ?? null;
  };

  /**
   * Views rows: everything they show is read up front (their meeting mappings in one query, each
   * doctor and patient once however many rows, the outbox only for visits still waiting for their
   * first meeting), then each row is viewed without waiting.
   */
  const viewer = async (rows: readonly Appointment[], given?: { expected: Expected | undefined }) => {
    const nowMs = s.now().getTime();
    const mappings = await s.repos.mappings.forAppointments(rows.map((a) => a.id));
    const [doctors, patients, problems, expected] = await Promise.all([
      // One query each for the doctors and the patients of the day, however many.
      s.repos.doctors.getMany(rows.map((a) => a.doctorId)),
      s.repos.patients.getMany(rows.map((a) => a.patientId)),
      readEach(
        rows.filter((a) => asksQueuedProblem(a, mappings.get(a.id), nowMs)).map((a) => a.id),
        queuedProblem,
      ),
      given ? given.expected : expectedLookup(rows),
    ]);
    const words = new Map<string, Waiting | null>();
    const waiting = (doctorId: string) => {
      if (!expected) return null;
      if (!words.has(doctorId)) {
        const name = doctors.get(doctorId)?.displayName ?? 'The doctor';
        words.set(doctorId, waitingFor(name, expected(doctorId), zone(), nowMs));
      }
      return words.get(doctorId)!;
    };
    return (a: Appointment, overlaps = false) =>
      appointmentView(
        a,
        {
          doctor: (id) => doctors.get(id),
          patient: (id) => patients.get(id),
          mapping: (id) => mappings.get(id),
          queuedProblem: (id) => problems.get(id) ?? null,
          nowMs,
          live: (meetingId) => s.engine.live.get(meetingId),
          waiting,
        },
        overlaps,
      );
  };
  const view = async (a: Appointment, overlaps = false) => (await viewer([a]))(a, overlaps);

  /**
   * "Waiting for Room 2": on a clinic of desktops, the desktops expected to make the meetings this
   * one cannot, read once per list (one query for every doctor), only when a row may need it.
   */
  const expectedLookup = async (rows: readonly Appointment[]): Promise<Expected | undefined> => {
    if (!s.clinic || !rows.some((a) => needsMeeting(a))) return undefined;
    return s.clinic.presence.expectedFor();
  };

  const liveAppointment = async (id: string) => {
    const a = await s.repos.appointments.get(id);
    if (!a || a.deletedAt) throw new AppError('not-found', 'That appointment no longer exists.');
    return a;
  };

  /** The doctor, if still in the clinic's list (reading it refreshes the services' names). */
  const knownDoctor = async (doctorId: string) => {
    const d = await s.doctor(doctorId);
    if (!d || d.removedAt) throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
    return d;
  };

  return { s, ports, kivicare, zone, actor, view, viewer, expectedLookup, liveAppointment, knownDoctor };
}
export type HandlerContext = ReturnType<typeof handlerContext>;
/** The other desktops expected to make a doctor's meetings (empty when this desktop makes them). */
export type Expected = (doctorId: string) => ExpectedDesktop[];

/** Reads each distinct id once (reads only, so side by side), as a map of what was found. */
async function readEach<T>(
  ids: readonly string[],
  read: (id: string) => Promise<T>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const values = await Promise.all(unique.map(read));
  return new Map(unique.map((id, i) => [id, values[i]!]));
}
