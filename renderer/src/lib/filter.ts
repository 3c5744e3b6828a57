// Front-desk filtering: a pure function so it is measured and tested without a browser.
import type { Appointment, StatusCode, VisitType } from './types';

export interface Filters {
  doctorId: string | null;
  visitType: VisitType | null;
  status: StatusCode | null;
  query: string;
}

export const emptyFilters: Filters = { doctorId: null, visitType: null, status: null, query: '' };

export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Search keys computed once per list, not once per keystroke. */
export function searchKeys(rows: readonly Appointment[]): string[] {
  return rows.map((r) => normalize(r.patientName));
}

export function filterAppointments(
  rows: readonly Appointment[],
  filters: Filters,
  keys: readonly string[] = searchKeys(rows),
): Appointment[] {
  const q = normalize(filters.query);
  const out: Appointment[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (filters.doctorId && r.doctorId !== filters.doctorId) continue;
    if (filters.visitType && r.visitType !== filters.visitType) continue;
    if (filters.status !== null && r.status !== filters.status) continue;
    if (q && !keys[i]!.includes(q)) continue;
    out.push(r);
  }
  return out;
}

export function byStart(a: Appointment, b: Appointment): number {
  return a.startUtc < b.startUtc
    ? -1
    : a.startUtc > b.startUtc
      ? 1
      : a.doctorName.localeCompare(b.doctorName);
}
