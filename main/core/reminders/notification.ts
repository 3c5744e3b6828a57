// The OS notification for a reminder. It shows on the lock screen and in the notification centre,
// where anyone passing the desk reads it, so it names no patient and no reason for the visit:
// only the time on the clinic's clock and the doctor. The app's own window may say more.
import { DateTime } from 'luxon';

export interface ReminderNotification {
  title: string;
  body: string;
  appointmentId: string;
}

export function reminderNotification(
  r: { appointmentId: string; startUtc: string },
  doctorName: string,
  clinicTimeZone: string,
): ReminderNotification {
  const time = DateTime.fromISO(r.startUtc, { zone: 'utc' }).setZone(clinicTimeZone).toFormat('HH:mm');
  return {
    title: 'Tele-visit starting soon',
    body: `Tele-visit at ${time} (${clinicTimeZone}) with ${doctorName}`,
    appointmentId: r.appointmentId,
  };
}
