// Checks every half minute whether one of the unlocked doctor's tele-visits starts soon. The
// decision is dueReminders (pure); this only supplies the clock, the data and the delivery.
import { dueReminders } from '../reminders/due';
import type { Services } from './services';

export type ReminderDelivery = (r: {
  appointmentId: string;
  doctorId: string;
  startUtc: string;
  patientName: string;
}) => void;

export function startReminderScheduler(
  s: Services,
  deliver: ReminderDelivery,
  options: { now?: () => Date; intervalMs?: number; leadMinutes?: number } = {},
): { check(): void; stop(): void } {
  const now = options.now ?? (() => new Date());
  const sent = new Set<string>();
  const check = () => {
    const doctorId = s.profiles.unlockedDoctorId();
    if (!doctorId) return;
    const t = now().getTime();
    const from = new Date(t - 60 * 60_000).toISOString();
    const to = new Date(t + 60 * 60_000).toISOString();
    const candidates = s.repos.appointments.listDoctorRange(doctorId, from, to).filter((a) => !a.deletedAt);
    const due = dueReminders(
      candidates.map((a) => ({
        appointmentId: a.id,
        doctorId: a.doctorId,
        startUtc: a.startUtc,
        visitType: a.visitType,
        status: a.status,
      })),
      { doctorId, nowMs: t, alreadySent: sent, leadMinutes: options.leadMinutes },
    );
    for (const r of due) {
      sent.add(r.appointmentId);
      const a = candidates.find((c) => c.id === r.appointmentId)!;
      deliver({
        appointmentId: r.appointmentId,
        doctorId,
        startUtc: r.startUtc,
        patientName: s.repos.patients.get(a.patientId)?.displayName ?? 'your patient',
      });
    }
  };
  const timer = setInterval(check, options.intervalMs ?? 30_000);
  timer.unref?.();
  return { check, stop: () => clearInterval(timer) };
}
