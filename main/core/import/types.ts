import type { VisitType } from '../store/records';
import type { Repositories } from '../store/repositories';

export type ImportKind = 'ics' | 'csv';

export interface ImportContext {
  repos: Repositories;
  /** Floating times and rows without a zone are read in the clinic's zone. */
  clinicTimeZone: string;
  /** Importing one doctor's calendar: every event goes to this doctor. */
  doctorId?: string;
  /** When a row does not say; in-person by default so nothing reaches Zoom by accident. */
  defaultVisitType?: VisitType;
  now?: () => Date;
}

/** One row as read from the file, before doctors and patients are looked up. */
export interface RawRow {
  rowNumber: number;
  startUtc?: string;
  /** The zone the file gave the time in; the visit is booked on the clinic's clock all the same. */
  timeZone: string;
  durationMin?: number;
  doctor?: string;
  patientName?: string;
  patientEmail?: string;
  patientPhone?: string;
  visitType?: string;
  sourceId?: string;
  errors: string[];
  warnings: string[];
}

export type PatientChoice =
  | { existingId: string; displayName: string }
  | { new: { displayName: string; email: string | null; phone: string | null } };

export interface ImportCandidate {
  doctorId: string;
  doctorName: string;
  patient: PatientChoice;
  startUtc: string;
  timeZone: string;
  durationMin: number;
  visitType: VisitType;
  sourceId: string | null;
}

/** What the file says about a row, good or bad, so a bad row is shown with its fault, not as "not readable". */
export interface ImportRowShown {
  startUtc: string | null;
  durationMin: number | null;
  doctor: string | null;
  patient: string | null;
  visitType: VisitType | null;
}

export interface ImportRow {
  rowNumber: number;
  ok: boolean;
  shown: ImportRowShown;
  appointment?: ImportCandidate;
  errors: string[];
  warnings: string[];
  duplicate: boolean;
}

export interface ImportPreview {
  kind: ImportKind;
  rows: ImportRow[];
  summary: { total: number; valid: number; invalid: number; duplicates: number; newPatients: number };
}
