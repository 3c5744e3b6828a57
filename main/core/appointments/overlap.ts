import type { AppointmentsRepository } from '../store/appointments';
import { MAX_DURATION_MIN } from '../store/appointments';
import type { Appointment } from '../store/records';

const addMinutes = (utc: string, min: number) =>
  `${new Date(Date.parse(utc) + min * 60_000).toISOString().slice(0, 19)}Z`;

/** Live appointments of the same doctor whose time overlaps this one (double booking is allowed, but shown). */
export async function findOverlaps(repo: AppointmentsRepository, a: Appointment): Promise<string[]> {
  if (a.status === 0 || a.deletedAt !== null) return [];
  const end = addMinutes(a.startUtc, a.durationMin);
  return (await repo.listDoctorRange(a.doctorId, addMinutes(a.startUtc, -MAX_DURATION_MIN), end))
    .filter((o) => o.id !== a.id && o.status !== 0 && addMinutes(o.startUtc, o.durationMin) > a.startUtc)
    .map((o) => o.id);
}
