// The appointment book as the renderer uses it: times typed in the clinic's zone, versions for
// concurrent edits, and the import preview kept in main so the page cannot alter its rows.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { ImportPreview as ImportPreviewSchema } from '../../../../preload/contract';
import { AppError } from '../../errors';
import { commitImport, type ImportPreview, previewImport } from '../../import';
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

  const previewView = (id: string, p: ImportPreview): z.output<typeof ImportPreviewSchema> => ({
    previewId: id,
    fileError: null,
    valid: p.summary.valid,
    invalid: p.summary.invalid,
    rows: p.rows.map((r) => ({
      rowNumber: r.rowNumber,
      ok: r.ok,
      errors: [...r.errors, ...r.warnings],
      duplicate: r.duplicate,
      summary: r.appointment
        ? `${DateTime.fromISO(r.appointment.startUtc, { zone: r.appointment.timeZone }).toFormat('ccc d LLL yyyy HH:mm')} · ${r.appointment.doctorName} · ${'existingId' in r.appointment.patient ? r.appointment.patient.displayName : r.appointment.patient.new.displayName} · ${r.appointment.visitType === 'telemed' ? 'video visit' : 'in person'}`
        : 'Not readable',
    })),
  });

  return {
    'appointments:listDay': async ({ date, doctorId }) => {
      const list = s.book.listDay(date, { timeZone: zone(), doctorId }).filter((a) => !a.deletedAt);
      const overlaps = overlappingIds(list);
      const rowView = viewer(list);
      return { date, timeZone: zone(), appointments: list.map((a) => rowView(a, overlaps.has(a.id))) };
    },

    'appointments:create': async (input) => {
      const { appointment } = s.book.create(
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

    'appointments:update': async ({ id, version, ...input }) => {
      const before = liveAppointment(id);
      const local = DateTime.fromISO(before.startUtc, { zone: 'utc' }).setZone(before.timeZone);
      const moved = input.date !== undefined || input.time !== undefined;
      const { appointment } = s.book.edit(
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
      view(s.book.cancel(id, version, { actor: actor() }).appointment),

    'appointments:delete': async ({ id, version }) => {
      s.book.delete(id, version, { actor: actor() });
      return ok;
    },

    'import:preview': async ({ kind, content }) => {
      const id = randomUUID();
      let preview: ImportPreview;
      try {
        preview = previewImport(content, kind, { repos: s.repos, clinicTimeZone: zone() });
      } catch (e) {
        if (e instanceof AppError)
          return { previewId: id, fileError: e.message, rows: [], valid: 0, invalid: 0 };
        throw e;
      }
      // Kept in main: the renderer only names the preview it confirms, it cannot alter its rows.
      previews.set(id, { preview, at: Date.now() });
      for (const [k, v] of previews) if (Date.now() - v.at > 30 * 60_000) previews.delete(k);
      return previewView(id, preview);
    },

    'import:commit': async ({ previewId, onlyValidRows }) => {
      const entry = previews.get(previewId);
      if (!entry) throw new AppError('not-found', 'That import preview has expired. Choose the file again.');
      const r = commitImport(entry.preview, { book: s.book, mode: onlyValidRows ? 'valid-only' : 'all' });
      previews.delete(previewId);
      return { imported: r.imported };
    },
  };
}
