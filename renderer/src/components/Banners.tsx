// Always-visible state: sandbox server, offline, provisioning, doctors who must reconnect, reminders.

import { useShallow } from 'zustand/react/shallow';
import { formatTime } from '../lib/time';
import { selectMustReconnect, useConnections } from '../stores/connections';
import { useMeetings } from '../stores/meetings';
import { useNav } from '../stores/nav';
import { doctorName, selectUnlockedDoctorId, useProfile } from '../stores/profile';
import { useReminders } from '../stores/reminders';
import { selectZone, useStatus } from '../stores/status';

export function Banners() {
  const status = useStatus((s) => s.status);
  const statusError = useStatus((s) => s.error);
  const zone = useStatus(selectZone);
  const mustReconnect = useConnections(useShallow(selectMustReconnect));
  const doctors = useProfile((s) => s.doctors);
  const unlocked = useProfile(selectUnlockedDoctorId);
  const due = useReminders((s) => s.due);
  const dismiss = useReminders((s) => s.dismiss);
  const run = useMeetings((s) => s.run);
  const go = useNav((s) => s.go);
  return (
    <section className="banners" aria-label="Alerts">
      {status?.sandbox && (
        <p className="banner banner-sandbox">
          <strong>Sandbox mode.</strong> Meetings are made on {status.zoomServer}, not on Zoom. No real
          patient can join.
        </p>
      )}
      {statusError && <p className="banner banner-error">{statusError}</p>}
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
      {status && status.outbox.parked > 0 && (
        <p className="banner banner-warn">
          {status.outbox.parked} {status.outbox.parked === 1 ? 'meeting needs' : 'meetings need'} attention:
          see the list for the reason.
        </p>
      )}
      {mustReconnect.map((c) => (
        <div key={c.doctorId} className="banner banner-warn" role="alert">
          <span>
            <strong>{doctorName(doctors, c.doctorId)} must reconnect Zoom</strong> before the first visit at{' '}
            {formatTime(c.reconnectBefore!, zone)}.
          </span>
          <button type="button" onClick={() => go('connections')}>
            Go to Zoom connections
          </button>
        </div>
      ))}
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
