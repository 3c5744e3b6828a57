// When the clinic's server is away (a clinic of desktops on PostgreSQL), the desk keeps working on
// what it last read, and changes wait for the server:
//
// - The day list answers the day as this desktop last read it, with the time it read it (`asOf`);
//   a day never read before is a clear error. The attention queue answers its last list. A join
//   link on a day last read is still copied.
// - Nothing is booked, moved, cancelled or imported while the server is away (decided: see
//   docs/IT.md, "When the clinic server is away"). Checking a visit for overlaps and making its
//   meeting exactly once both need the shared schedule: a visit kept on one desktop and sent later
//   could double-book a doctor that another desktop booked meanwhile. Each change is refused at once
//   with words that say nothing was saved; the page keeps what was typed.
// - When the server is back, the link (clinic/link.ts) tells everything to read again.
import type { Channel } from '../../../preload/contract';
import { AppError, isAppError } from '../errors';
import type { Caller, HandlerTable } from '../ipc/dispatch';
import { isServerAway } from '../store/postgres';
import type { Services } from './services';

const AWAY = 'The clinic server cannot be reached';
const AGAIN = 'when the banner clears';

/** What each change says when refused while the server is away. Every other change: GENERIC. */
export const REFUSED_WHILE_AWAY: Partial<Record<Channel, string>> = {
  'appointments:create': `${AWAY}, so the visit was not booked. Nothing was saved; book again ${AGAIN}.`,
  'appointments:update': `${AWAY}, so the change was not saved. Nothing was changed; save again ${AGAIN}.`,
  'appointments:cancel': `${AWAY}, so the visit was not cancelled. Nothing was changed; cancel again ${AGAIN}.`,
  'appointments:delete': `${AWAY}, so the visit was not removed. Nothing was changed; remove it again ${AGAIN}.`,
  'import:commit': `${AWAY}, so nothing was imported. Import the file again ${AGAIN}.`,
  'patients:create': `${AWAY}, so the patient was not added. Nothing was saved; add them again ${AGAIN}.`,
  'meetings:retry': `${AWAY}, so the meeting was not tried again. Try again ${AGAIN}.`,
  'connections:connect': `${AWAY}, so Zoom cannot be connected now. Connect again ${AGAIN}.`,
};
const GENERIC = `${AWAY}, so nothing was changed. Try again ${AGAIN}.`;
/** The server went away while committing: the change may be saved or not. */
const UNKNOWN = `The clinic server stopped answering while this was being saved, so it may or may not have been saved. ${
  AGAIN[0]!.toUpperCase() + AGAIN.slice(1)
}, look at the day before trying again.`;

/** Every channel that writes to the shared database (reads and this desktop's own actions are not here). */
const CHANGES: readonly Channel[] = [
  'appointments:create',
  'appointments:update',
  'appointments:cancel',
  'appointments:delete',
  'import:commit',
  'patients:create',
  'meetings:retry',
  'connections:connect',
  'connections:disconnect',
  'connections:confirmAccount',
  'connections:rejectAccount',
  'doctors:create',
  'doctors:update',
  'doctors:remove',
  'profiles:setPin',
  'profiles:setAdminSecret',
  'settings:update',
  'clinicZoom:set',
  'clinicZoom:clear',
  'kivicare:connect',
  'kivicare:disconnect',
  'kivicare:configure',
  'kivicare:syncNow',
];

/** Days kept as last read, most recent first (a day's list is small; a few weeks of browsing). */
const DAYS_KEPT = 31;

const serverAway = (e: unknown) =>
  (isAppError(e) && e.kind === 'database-unavailable') || (!isAppError(e) && isServerAway(e));

type Handler = (request: unknown, caller: Caller) => Promise<unknown>;
/** What a day list holds of a visit, as far as the join link goes. */
type ShownVisit = { id: string; status: number; meeting: { joinUrl: string | null } };

/** The handler table as it behaves while the clinic server is away (unchanged on a single desktop). */
export function whileServerAway(
  s: Services,
  handlers: HandlerTable,
  ports: { writeClipboard(text: string): Promise<void> },
): HandlerTable {
  const clinic = s.clinic;
  if (!clinic) return handlers;
  const table = handlers as unknown as Record<Channel, Handler>;
  const connected = () => clinic.status().connected;

  /**
   * Reads through; while the server is away answers the last answer (read once more first when the
   * link says the server is there: a pooled connection broken by a restart fails only once).
   */
  const lastKnown = async <T>(
    read: () => Promise<T>,
    kept: { value: T; at: string } | undefined,
    keep: (value: T, at: string) => void,
  ): Promise<{ value: T; at: string | null } | undefined> => {
    if (kept && !connected()) return kept;
    for (let attempt = 1; ; attempt++) {
      const at = s.now().toISOString();
      try {
        const value = await read();
        keep(value, at);
        return { value, at: null };
      } catch (e) {
        if (!serverAway(e)) throw e;
        if (attempt < 2 && connected()) continue;
        return kept;
      }
    }
  };

  const days = new Map<string, { value: unknown; at: string }>();
  const listDay = table['appointments:listDay'];
  table['appointments:listDay'] = async (request, caller) => {
    const { date, doctorId } = request as { date: string; doctorId?: string };
    const key = `${date}|${doctorId ?? ''}`;
    const r = await lastKnown(
      () => listDay(request, caller),
      days.get(key),
      (value, at) => {
        days.delete(key);
        days.set(key, { value, at });
        for (const k of days.keys()) if (days.size > DAYS_KEPT) days.delete(k);
      },
    );
    if (!r) {
      throw new AppError(
        'database-unavailable',
        `${AWAY}, and this desktop had not read ${date} before it went away. The day shows ${AGAIN}.`,
      );
    }
    return { ...(r.value as object), asOf: r.at };
  };

  // The join link of a visit on a day last read: still copied (the patient joins through Zoom,
  // which does not need the clinic server). The invitation needs the passcode, which the page's
  // lists never hold: it waits for the server.
  const copyJoinLink = table['meetings:copyJoinLink'];
  table['meetings:copyJoinLink'] = async (request, caller) => {
    try {
      return await copyJoinLink(request, caller);
    } catch (e) {
      if (!serverAway(e)) throw e;
      const { appointmentId } = request as { appointmentId: string };
      const known = [...days.values()]
        .reverse()
        .flatMap((d) => (d.value as { appointments: ShownVisit[] }).appointments)
        .find((a) => a.id === appointmentId);
      if (!known?.meeting.joinUrl || known.status === 0) throw e;
      await ports.writeClipboard(known.meeting.joinUrl);
      return { ok: true };
    }
  };

  let attention: { value: unknown; at: string } | undefined;
  const attentionList = table['attention:list'];
  table['attention:list'] = async (request, caller) => {
    const r = await lastKnown(
      () => attentionList(request, caller),
      attention,
      (value, at) => {
        attention = { value, at };
      },
    );
    return r ? r.value : [];
  };

  for (const channel of CHANGES) {
    const handle = table[channel];
    const refused = REFUSED_WHILE_AWAY[channel] ?? GENERIC;
    table[channel] = async (request, caller) => {
      if (!connected()) throw new AppError('database-unavailable', refused);
      try {
        return await handle(request, caller);
      } catch (e) {
        if (!serverAway(e)) throw e;
        const unknown = isAppError(e) && e.details.outcome === 'unknown';
        throw new AppError('database-unavailable', unknown ? UNKNOWN : refused);
      }
    };
  }
  return handlers;
}
