// One Zoom connection per doctor: connect, disconnect, and its health in words.
import { useEffect } from 'react';
import { ConfirmAction } from '../components/ConfirmAction';
import { formatDateTime, formatTime } from '../lib/time';
import type { Connection, Doctor } from '../lib/types';
import { useConnections } from '../stores/connections';
import { can, useProfile } from '../stores/profile';
import { useSettings } from '../stores/settings';
import { selectZone, useStatus } from '../stores/status';

const STATE_LABELS: Record<Connection['state'], string> = {
  disconnected: 'Not connected',
  connecting: 'Waiting for Zoom sign-in…',
  'confirm-account': 'Signed in to another account: confirm it',
  connected: 'Connected',
  'reconnect-needed': 'Must reconnect',
};

export function Connections() {
  const doctors = useProfile((s) => s.doctors);
  const connections = useConnections((s) => s.connections);
  const error = useConnections((s) => s.error);
  const load = useConnections((s) => s.load);
  const loadSettings = useSettings((s) => s.load);
  const clinicWide = useSettings((s) => s.settings?.mode === 'clinic-wide');
  useEffect(() => {
    void load();
    void loadSettings();
  }, [load, loadSettings]);
  return (
    <section aria-labelledby="conn-heading" className="screen">
      <div className="screen-head">
        <h2 id="conn-heading">Zoom connections</h2>
      </div>
      {clinicWide ? (
        <p className="hint">
          Doctors use the clinic’s Zoom account, which IT sets up in Settings. Each doctor’s meetings are made
          under their own Zoom e-mail; nobody connects Zoom here.
        </p>
      ) : (
        <p className="hint">
          Each doctor connects their own Zoom account once. The companion then makes a secure meeting for
          every tele-visit.
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {doctors.length === 0 && <p className="empty">No doctors yet.</p>}
      <div className="conn-grid">
        {doctors.map((d) => (
          <ConnectionPanel
            key={d.id}
            doctor={d}
            connection={connections.find((c) => c.doctorId === d.id)}
            clinicWide={clinicWide}
          />
        ))}
      </div>
    </section>
  );
}

const CLINIC_LABELS: Record<Connection['state'], string> = {
  ...STATE_LABELS,
  connected: 'Uses the clinic account',
  'reconnect-needed': 'Cannot use the clinic account yet',
};

function ConnectionPanel({
  doctor,
  connection,
  clinicWide,
}: {
  doctor: Doctor;
  connection: Connection | undefined;
  clinicWide: boolean;
}) {
  const connect = useConnections((s) => s.connect);
  const cancelConnect = useConnections((s) => s.cancelConnect);
  const disconnect = useConnections((s) => s.disconnect);
  const pending = useConnections((s) => s.pending[doctor.id] ?? false);
  const mayConnect = useProfile((s) => can(s, 'connections:connect', doctor.id));
  const mayDisconnect = useProfile((s) => can(s, 'connections:disconnect', doctor.id));
  const zone = useStatus(selectZone);
  const state = connection?.state ?? 'disconnected';
  const headingId = `conn-${doctor.id}`;
  return (
    <article className={`panel conn conn-${state}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{doctor.displayName}</h3>
      <dl>
        <dt>Zoom</dt>
        <dd className={`conn-state conn-state-${state}`}>
          {(clinicWide ? CLINIC_LABELS : STATE_LABELS)[state]}
        </dd>
        <dt>{clinicWide ? 'Zoom user' : 'Account'}</dt>
        <dd>{connection?.accountEmail ?? '—'}</dd>
        {state === 'connecting' && connection?.connectingUntil && (
          <>
            <dt>Sign-in open until</dt>
            <dd>
              {formatTime(connection.connectingUntil, zone)}
              <span className="visually-hidden">; after that, connect again</span>
            </dd>
          </>
        )}
        {connection?.accessTokenExpiresAt && (
          <>
            <dt>Access renews</dt>
            <dd>{formatDateTime(connection.accessTokenExpiresAt, zone)}</dd>
          </>
        )}
        {connection?.lastError && (
          <>
            <dt>Last problem</dt>
            <dd className="error-text">{connection.lastError}</dd>
          </>
        )}
      </dl>
      {connection?.reconnectBefore && (
        <p className="banner banner-warn">
          {clinicWide ? 'The clinic account must work' : 'Reconnect'} before the first visit at{' '}
          {formatTime(connection.reconnectBefore, zone)}.
        </p>
      )}
      {!clinicWide && state === 'confirm-account' && connection?.pendingAccountEmail && mayConnect && (
        <ConfirmAccount doctor={doctor} account={connection.pendingAccountEmail} />
      )}
      {!clinicWide && state !== 'confirm-account' && (
        <div className="actions">
          {state === 'connected' && mayDisconnect && (
            <ConfirmAction
              label="Disconnect Zoom…"
              labelSuffix={`for ${doctor.displayName}`}
              warning={`No new meeting is made for ${doctor.displayName} until their Zoom is connected again; meetings already made stay.`}
              confirmLabel={`Yes, disconnect ${doctor.displayName}`}
              busy={pending}
              onConfirm={() => disconnect(doctor.id)}
            />
          )}
          {state === 'connecting' && mayConnect && (
            <button type="button" disabled={pending} onClick={() => void cancelConnect(doctor.id)}>
              Cancel sign-in<span className="visually-hidden"> for {doctor.displayName}</span>
            </button>
          )}
          {state !== 'connected' && mayConnect && (
            <button
              type="button"
              className="primary"
              disabled={pending}
              onClick={() => void connect(doctor.id)}
            >
              {state === 'reconnect-needed' ? 'Reconnect' : 'Connect'}
              <span className="visually-hidden"> {doctor.displayName}</span> Zoom
            </button>
          )}
          {!mayConnect && !(state === 'connected' && mayDisconnect) && (
            <p className="hint">
              {doctor.displayName} connects their own Zoom after unlocking their profile.
            </p>
          )}
        </div>
      )}
    </article>
  );
}

/** The Zoom account signed in to is not the doctor's address here: keep it only if they say so. */
function ConfirmAccount({ doctor, account }: { doctor: Doctor; account: string }) {
  const confirm = useConnections((s) => s.confirmAccount);
  const reject = useConnections((s) => s.rejectAccount);
  const pending = useConnections((s) => s.pending[doctor.id] ?? false);
  const id = `confirm-${doctor.id}`;
  return (
    <section className="banner banner-warn" aria-labelledby={id}>
      <p id={id}>
        You signed in to Zoom as <strong>{account}</strong>, but {doctor.displayName}’s e-mail here is{' '}
        <strong>{doctor.email ?? 'not set'}</strong>. {doctor.displayName}’s patients’ meetings will be made
        on the account you keep, and its owner can host them.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={pending}
          onClick={() => void confirm(doctor.id, account)}
        >
          Use {account} for {doctor.displayName}
        </button>
        <button type="button" disabled={pending} onClick={() => void reject(doctor.id)}>
          Not this account
        </button>
      </div>
    </section>
  );
}
