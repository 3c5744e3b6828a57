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
): { check(): Promise<void>; stop(): void } {
  const now = options.now ?? (() => new Date());
  const sent = new Set<string>();
  // One check at a time: a slow read must not let the next tick deliver the same reminder again.
  let running: Promise<void> | null = null;
  const check = (): Promise<void> => {
    running ??= checkOnce().finally(() => {
      running = null;
    });
    return running;
  };
  const checkOnce = async () => {
    const doctorId = s.profiles.unlockedDoctorId();
    if (!doctorId) return;
    const t = now().getTime();
    const from = new Date(t - 60 * 60_000).toISOString();
    const to = new Date(t + 60 * 60_000).toISOString();
    const candidates = (await s.repos.appointments.listDoctorRange(doctorId, from, to)).filter(
      (a) => !a.deletedAt,
    );
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
      const patient = await s.repos.patients.get(a.patientId);
      deliver({
        appointmentId: r.appointmentId,
        doctorId,
        startUtc: r.startUtc,
        patientName: patient?.displayName ?? 'your patient',
      });
    }
  };
  const timer = setInterval(() => {
    check().catch((e) => s.logger.warn('reminders.check-failed', { error: e }));
  }, options.intervalMs ?? 30_000);
  timer.unref?.();
  return { check, stop: () => clearInterval(timer) };
}
