import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppointmentBook } from '../appointments/book';
import { parseOrThrow } from '../appointments/schema';
import { AppError } from '../errors';
import { patientKey } from './resolve';
import type { ImportPreview } from './types';

export interface CommitOptions {
  book: AppointmentBook;
  /** 'all' refuses a file with any bad row; 'valid-only' is the user's explicit choice to skip them. */
  mode: 'all' | 'valid-only';
  actor?: 'front-desk' | 'import';
}

export interface CommitResult {
  appointmentIds: string[];
  imported: number;
  skippedRows: number[];
  newPatients: number;
}

// The preview may have travelled through the renderer: names and contact details are re-checked here,
// the appointment itself by the book.
const PatientChoiceSchema = z.union([
  z.object({ existingId: z.string().min(1), displayName: z.string() }),
  z.object({
    new: z.object({
      displayName: z.string().trim().min(1).max(200),
      email: z.email().max(200).nullable(),
      phone: z.string().max(50).nullable(),
    }),
  }),
]);

/** Imports every valid row of a preview in one transaction: all of them, or none. */
export async function commitImport(preview: ImportPreview, options: CommitOptions): Promise<CommitResult> {
  const { book, mode } = options;
  const actor = options.actor ?? 'front-desk';
  const bad = preview.rows.filter((r) => !r.ok);
  if (mode === 'all' && bad.length) {
    throw new AppError(
      'invalid-request',
      `${bad.length} row(s) have problems (first: row ${bad[0]!.rowNumber}). Fix the file, or choose to import only the valid rows.`,
      { invalidRows: bad.length },
    );
  }
  const good = preview.rows.filter((r) => r.ok && r.appointment);
  if (good.length === 0)
    throw new AppError('invalid-request', 'There is nothing to import: no row is valid.');

  const { repos } = book;
  return book.transaction(async () => {
    const created = new Map<string, string>();
    const ids: string[] = [];
    for (const row of good) {
      const a = row.appointment!;
      const patient = parseOrThrow(PatientChoiceSchema, a.patient);
      let patientId: string;
      if ('existingId' in patient) patientId = patient.existingId;
      else {
        const key = patientKey(patient);
        patientId = created.get(key) ?? '';
        if (!patientId) {
          patientId = randomUUID();
          await repos.patients.insert({ id: patientId, ...patient.new, source: 'import' });
          created.set(key, patientId);
        }
      }
      const taken =
        (a.sourceId && (await repos.appointments.getBySource('import', a.sourceId))) ||
        (await repos.appointments.findSameSlot(a.doctorId, a.startUtc, patientId)).length > 0;
      if (taken) {
        throw new AppError(
          'conflict',
          `Row ${row.rowNumber} was added to the book since the preview. Nothing was imported; preview the file again.`,
          { rowNumber: row.rowNumber },
        );
      }
      const { appointment } = await book.create(
        {
          doctorId: a.doctorId,
          patientId,
          startUtc: a.startUtc,
          timeZone: a.timeZone,
          durationMin: a.durationMin,
          visitType: a.visitType,
          source: 'import',
          sourceId: a.sourceId,
        },
        { actor, allowPast: true },
      );
      ids.push(appointment.id);
    }
    await repos.audit.append({
      actor,
      action: 'import.committed',
      entity: 'import',
      detail: {
        kind: preview.kind,
        mode,
        imported: ids.length,
        skipped: bad.length,
        newPatients: created.size,
      },
    });
    return {
      appointmentIds: ids,
      imported: ids.length,
      skippedRows: bad.map((r) => r.rowNumber),
      newPatients: created.size,
    };
  });
}
