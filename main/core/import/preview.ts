import { DurationMin } from '../appointments/schema';
import { dateToCanonicalUtc, utcToLocal } from '../time/utc';
import { parseCsv } from './csv';
import { decodeImportFile, fileError } from './file-guard';
import { parseIcs } from './ics';
import { createResolver, patientKey, readVisitType, VISIT_TYPE_WORDS } from './resolve';
import type { ImportContext, ImportKind, ImportPreview, ImportRow, RawRow } from './types';

/**
 * Reads a file and says, row by row, what importing it would do. Writes nothing. A broken file is
 * refused as a whole (AppError 'invalid-request'); a bad row is reported on that row.
 */
export async function previewImport(
  content: string | Uint8Array,
  kind: ImportKind,
  context: ImportContext,
): Promise<ImportPreview> {
  const text = decodeImportFile(content);
  const raw =
    kind === 'ics'
      ? parseIcs(text, context.clinicTimeZone)
      : kind === 'csv'
        ? parseCsv(text, context.clinicTimeZone)
        : (() => {
            throw fileError('Only CSV and .ics calendar files can be imported.');
          })();
  const resolver = await createResolver(context.repos);
  const fixedDoctor = context.doctorId ? resolver.doctorById(context.doctorId) : undefined;
  if (context.doctorId && !fixedDoctor) throw fileError('The chosen doctor is not in the clinic’s list.');
  const now = dateToCanonicalUtc((context.now ?? (() => new Date()))());
  const seen = new Map<string, number>();

  const rowOf = async (r: RawRow): Promise<ImportRow> => {
    const errors = [...r.errors];
    const warnings = [...r.warnings];
    const doctor = fixedDoctor
      ? { doctor: fixedDoctor }
      : r.doctor
        ? resolver.doctor(r.doctor)
        : { error: 'The doctor is missing.' };
    if ('error' in doctor) errors.push(doctor.error);
    if (!r.patientName) errors.push('The patient is missing.');
    if (r.durationMin !== undefined && !DurationMin.safeParse(r.durationMin).success) {
      errors.push(`A visit lasts 5 to 480 minutes (this one: ${r.durationMin}).`);
    }
    const visitType =
      r.visitType === undefined ? (context.defaultVisitType ?? 'in_person') : readVisitType(r.visitType);
    if (!visitType) errors.push(`Unknown visit type "${r.visitType}" (use ${VISIT_TYPE_WORDS}).`);
    const shown = {
      startUtc: r.startUtc ?? null,
      durationMin: r.durationMin ?? null,
      doctor: 'doctor' in doctor ? doctor.doctor.displayName : (r.doctor ?? null),
      patient: r.patientName ?? null,
      visitType: visitType ?? null,
    };
    if (errors.length || !('doctor' in doctor) || !r.startUtc || r.durationMin === undefined || !visitType) {
      return { rowNumber: r.rowNumber, ok: false, shown, errors, warnings, duplicate: false };
    }
    if (r.timeZone !== context.clinicTimeZone)
      warnings.push(otherZone(r.startUtc, r.timeZone, context.clinicTimeZone));
    const patient = resolver.patient(r.patientName!, r.patientEmail, r.patientPhone);
    if ('new' in patient) warnings.push(`New patient "${patient.new.displayName}" will be added.`);
    if (r.startUtc < now) warnings.push('This appointment is in the past.');
    const duplicate = await duplicateOf(
      context,
      seen,
      r,
      doctor.doctor.id,
      patientKey(patient),
      'existingId' in patient ? patient.existingId : undefined,
    );
    if (duplicate) errors.push(duplicate);
    return {
      rowNumber: r.rowNumber,
      ok: errors.length === 0,
      shown,
      errors,
      warnings,
      duplicate: duplicate !== undefined,
      appointment: {
        doctorId: doctor.doctor.id,
        doctorName: doctor.doctor.displayName,
        patient,
        startUtc: r.startUtc,
        // Booked on the clinic's clock, as every screen shows it: the preview, the day and the saved visit agree.
        timeZone: context.clinicTimeZone,
        durationMin: r.durationMin,
        visitType,
        sourceId: r.sourceId ?? null,
      },
    };
  };
  // Row by row, in file order: a row is a duplicate of the first one like it.
  const rows: ImportRow[] = [];
  for (const r of raw) rows.push(await rowOf(r));
  return { kind, rows, summary: summarize(rows) };
}

/** A time the file gives in another zone, said on both clocks so nobody is surprised by the shift. */
function otherZone(startUtc: string, fileZone: string, clinicZone: string): string {
  const there = utcToLocal(startUtc, fileZone).toFormat('HH:mm');
  const here = utcToLocal(startUtc, clinicZone).toFormat('HH:mm');
  return `The file gives ${there} in ${fileZone}; that is ${here} on the clinic’s clock (${clinicZone}).`;
}

async function duplicateOf(
  context: ImportContext,
  seen: Map<string, number>,
  r: RawRow,
  doctorId: string,
  patient: string,
  existingPatientId: string | undefined,
): Promise<string | undefined> {
  if (r.sourceId && (await context.repos.appointments.getBySource('import', r.sourceId))) {
    return 'Already imported (same calendar event).';
  }
  if (
    existingPatientId &&
    (await context.repos.appointments.findSameSlot(doctorId, r.startUtc!, existingPatientId)).length
  ) {
    return 'Already in the book (same doctor, time and patient).';
  }
  const key = `${doctorId}|${r.startUtc}|${patient}`;
  const earlier = seen.get(key);
  if (earlier !== undefined) return `Same appointment as row ${earlier}.`;
  seen.set(key, r.rowNumber);
  return undefined;
}

function summarize(rows: ImportRow[]): ImportPreview['summary'] {
  const valid = rows.filter((r) => r.ok);
  const newPatients = new Set(
    valid.flatMap((r) =>
      r.appointment && 'new' in r.appointment.patient ? [patientKey(r.appointment.patient)] : [],
    ),
  );
  return {
    total: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    duplicates: rows.filter((r) => r.duplicate).length,
    newPatients: newPatients.size,
  };
}
