// Always-visible state, every part of it pushed by the core: the Zoom server when it is not Zoom's
// own, the clinic server away, offline, meetings being prepared, the attention queue, reminders.
import { serverAwayWords } from '../lib/server-away';
import { formatTime } from '../lib/time';
import { useDay } from '../stores/day';
import { useMeetings } from '../stores/meetings';
import { selectUnlockedDoctorId, useProfile } from '../stores/profile';
import { useReminders } from '../stores/reminders';
import { selectServerAway, selectZone, useStatus } from '../stores/status';
import { Attention } from './Attention';

export function Banners() {
  const status = useStatus((s) => s.status);
  const statusError = useStatus((s) => s.error);
  const zone = useStatus(selectZone);
  const unlocked = useProfile(selectUnlockedDoctorId);
  const due = useReminders((s) => s.due);
  const dismiss = useReminders((s) => s.dismiss);
  const run = useMeetings((s) => s.run);
  const away = useStatus(selectServerAway);
  const asOf = useDay((s) => s.asOf);
  return (
    <section className="banners" aria-label="Alerts">
      {status?.sandbox && (
        <p className="banner banner-sandbox">
          <strong>Sandbox mode.</strong> Meetings are made on {status.zoomServer}, not on Zoom. No real
          patient can join.
        </p>
      )}
      {status && !status.sandbox && status.zoomServer !== 'Zoom' && (
        <p className="banner banner-sandbox">
          <strong>Not zoom.us.</strong> Meetings are made and hosted on {status.zoomServer}.
        </p>
      )}
      {statusError && <p className="banner banner-error">{statusError}</p>}
      {away && status && (
        <p className="banner banner-warn" role="alert">
          {serverAwayWords(status.database.awaySince, asOf, zone)}
        </p>
      )}
      {status && !status.online && (
        <p className="banner banner-warn" role="alert">
          <strong>Offline.</strong> Changes are kept and meetings will be made when the connection is back.
        </p>
      )}
      {status && status.outbox.pending > 0 && (
        <p className="banner banner-info">
          <span className="spinner" aria-hidden="true" /> Preparing {status.outbox.pending}{' '}
          {status.outbox.pending === 1 ? 'meeting' : 'meetings'} with Zoom…
        </p>
      )}
      <Attention />
      {due
        .filter((r) => r.doctorId === unlocked)
        .map((r) => (
          <div key={r.appointmentId} className="banner banner-info" role="alert">
            <span>
              <strong>Visit soon:</strong> {r.patientName} at {formatTime(r.startUtc, zone)}.
            </span>
            <button type="button" className="primary" onClick={() => void run('start', r.appointmentId)}>
              Start visit with {r.patientName}
            </button>
            <button type="button" onClick={() => dismiss(r.appointmentId)}>
              Dismiss
            </button>
          </div>
        ))}
    </section>
  );
}
