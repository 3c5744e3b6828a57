// The appointment book as the renderer uses it: times typed in the clinic's zone, versions for
// concurrent edits, and the import preview kept in main so the page cannot alter its rows.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { conflictsWith, nextFreeSlot } from '../../appointments/free-slot';
import { AppError } from '../../errors';
import { commitImport, type ImportPreview, previewImport } from '../../import';
import { importColumns, importTemplateCsv } from '../../import/template';
import { importPreviewView } from '../../import/view';
import { dayRangeUtc } from '../../time/day-range';
import { localToUtc } from '../../time/utc';
import { overlappingIds } from '../views';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function appointmentHandlers({
  s,
  zone,
  actor,
  view,
  viewer,
  liveAppointment,
}: HandlerContext): HandlersOf<'appointments' | 'import'> {
  const previews = new Map<string, { preview: ImportPreview; at: number }>();

  const toUtc = (date: string, time: string) => {
    const r = localToUtc(`${date}T${time}:00`, zone());
    if (!r.ok) {
      throw new AppError(
        'invalid-request',
        r.reason === 'nonexistent'
          ? 'That time does not exist on the clinic’s clocks (the clocks change that night). Pick another time.'
          : 'That is not a valid date and time.',
      );
    }
    return r.utc;
  };

  const SEARCH_LIMIT = 200;
  const fold = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const hhmm = (utc: string) => DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone()).toFormat('HH:mm');
  const todayInClinic = () => DateTime.fromJSDate(s.now(), { zone: zone() }).toISODate()!;
  /** The doctor's visits from a day before `fromUtc` (the longest visit) to `toUtc`. */
  const doctorVisits = async (doctorId: string, fromUtc: string, toUtc: string) =>
    (
      await s.book.listByDoctor(doctorId, {
        fromUtc: new Date(Date.parse(fromUtc) - 480 * 60_000).toISOString(),
        toUtc,
      })
    ).filter((a) => !a.deletedAt);

  return {
    'appointments:listDay': async ({ date, doctorId }) => {
      const list = (await s.book.listDay(date, { timeZone: zone(), doctorId })).filter((a) => !a.deletedAt);
      const overlaps = overlappingIds(list);
      const rowView = await viewer(list);
      return {
        date,
        timeZone: zone(),
        appointments: list.map((a) => rowView(a, overlaps.has(a.id))),
        // Read now; while the clinic server is away the last read is answered (server-away.ts).
        asOf: null,
      };
    },

    'appointments:create': async (input) => {
      const { appointment } = await s.book.create(
        {
          doctorId: input.doctorId,
          patientId: input.patientId,
          startUtc: toUtc(input.date, input.time),
          timeZone: zone(),
          durationMin: input.durationMin,
          visitType: input.visitType,
          notes: input.notes ?? null,
        },
        { actor: actor() },
      );
      return view(appointment);
    },

    'appointments:check': async ({ doctorId, date, time, durationMin, id }) => {
      const startUtc = toUtc(date, time);
      const startMs = Date.parse(startUtc);
      const endMs = startMs + durationMin * 60_000;
      const found = conflictsWith(
        await doctorVisits(doctorId, startUtc, new Date(endMs).toISOString()),
        { startMs, endMs },
        id,
      );
      const rowView = await viewer(found);
      return {
        conflicts: found.map((a) => {
          const v = rowView(a);
          const end = new Date(Date.parse(a.startUtc) + a.durationMin * 60_000).toISOString();
          return `${v.doctorName} already has ${v.patientName} at ${hhmm(a.startUtc)}–${hhmm(end)} (${zone()}).`;
        }),
      };
    },

    'appointments:nextFree': async ({ doctorId, date, durationMin }) => {
      const from = date && date > todayInClinic() ? date : todayInClinic();
      const range = dayRangeUtc(from, zone());
      if (!range) throw new AppError('invalid-request', 'The day must be a date like 2030-01-31.');
      const to = new Date(Date.parse(range.fromUtc) + 22 * 24 * 3_600_000).toISOString();
      return nextFreeSlot(await doctorVisits(doctorId, range.fromUtc, to), {
        date: from,
        zone: zone(),
        durationMin,
        nowMs: s.now().getTime(),
      });
    },

    'appointments:search': async ({ query, days = 42 }) => {
      const fromDate = todayInClinic();
      const toDate = DateTime.fromISO(fromDate, { zone: zone() })
        .plus({ days: days - 1 })
        .toISODate()!;
      const from = dayRangeUtc(fromDate, zone());
      const to = dayRangeUtc(toDate, zone());
      if (!from || !to) throw new AppError('invalid-request', 'The clinic time zone is not valid.');
      const want = fold(query);
      const live = (await s.repos.appointments.listRange(from.fromUtc, to.toUtc)).filter((a) => !a.deletedAt);
      // Each patient's name is read and matched once, however many visits they have.
      const patientIds = [...new Set(live.map((a) => a.patientId))];
      const found = await Promise.all(patientIds.map((id) => s.repos.patients.get(id)));
      const names = new Map(
        patientIds.map((id, i) => [id, fold(found[i]?.displayName ?? '').includes(want)]),
      );
      const matches = live.filter((a) => names.get(a.patientId)!);
      matches.sort((x, y) => Date.parse(x.startUtc) - Date.parse(y.startUtc));
      const shown = matches.slice(0, SEARCH_LIMIT);
      const rowView = await viewer(shown);
      return {
        fromDate,
        toDate,
        timeZone: zone(),
        appointments: shown.map((a) => rowView(a)),
        more: matches.length > shown.length,
      };
    },

    'appointments:update': async ({ id, version, ...input }) => {
      const before = await liveAppointment(id);
      const local = DateTime.fromISO(before.startUtc, { zone: 'utc' }).setZone(before.timeZone);
      const moved = input.date !== undefined || input.time !== undefined;
      const { appointment } = await s.book.edit(
        id,
        version,
        {
          doctorId: input.doctorId,
          patientId: input.patientId,
          durationMin: input.durationMin,
          visitType: input.visitType,
          notes: input.notes,
          ...(moved
            ? {
                startUtc: toUtc(input.date ?? local.toISODate()!, input.time ?? local.toFormat('HH:mm')),
                timeZone: zone(),
              }
            : {}),
        },
        { actor: actor() },
      );
      return view(appointment);
    },

    'appointments:cancel': async ({ id, version }) =>
      view((await s.book.cancel(id, version, { actor: actor() })).appointment),

    'appointments:delete': async ({ id, version }) => {
      await s.book.delete(id, version, { actor: actor() });
      return ok;
    },

    'import:preview': async ({ kind, content }) => {
      const id = randomUUID();
      let preview: ImportPreview;
      try {
        preview = await previewImport(content, kind, { repos: s.repos, clinicTimeZone: zone() });
      } catch (e) {
        if (e instanceof AppError)
          return { previewId: id, fileError: e.message, rows: [], valid: 0, invalid: 0 };
        throw e;
      }
      // Kept in main: the renderer only names the preview it confirms, it cannot alter its rows.
      previews.set(id, { preview, at: Date.now() });
      for (const [k, v] of previews) if (Date.now() - v.at > 30 * 60_000) previews.delete(k);
      return importPreviewView(id, preview);
    },

    'import:template': async () => {
      const doctor = (await s.repos.doctors.list())[0]?.displayName ?? 'Dr. Lee';
      const tomorrow = DateTime.fromJSDate(s.now(), { zone: zone() }).plus({ days: 1 }).toISODate()!;
      const columns = importColumns({ doctor, date: tomorrow, zone: zone() });
      return { fileName: 'appointments-template.csv', csv: importTemplateCsv(columns), columns };
    },

    'import:commit': async ({ previewId, onlyValidRows }) => {
      const entry = previews.get(previewId);
      if (!entry) throw new AppError('not-found', 'That import preview has expired. Choose the file again.');
      const r = await commitImport(entry.preview, {
        book: s.book,
        mode: onlyValidRows ? 'valid-only' : 'all',
      });
      previews.delete(previewId);
      return { imported: r.imported };
    },
  };
}
