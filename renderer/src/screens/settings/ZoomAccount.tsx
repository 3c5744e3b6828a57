// Zoom mode (per doctor, or one clinic account) and, in clinic-wide mode, the clinic's
// Server-to-Server credentials. The secret is never shown again and leaves the page on submit.
import { type FormEvent, useEffect, useState } from 'react';
import { AdminOnly } from '../../components/AdminOnly';
import { TextField } from '../../components/TextField';
import { useClinicZoom, type ZoomMode } from '../../stores/clinicZoom';
import { useSettings } from '../../stores/settings';
import { LOCKED } from './locks';

const MODES: Array<{ id: ZoomMode; label: string; hint: string }> = [
  {
    id: 'per-doctor',
    label: 'Each doctor connects their own Zoom account',
    hint: 'Doctors sign in to Zoom once on the Zoom connections screen.',
  },
  {
    id: 'clinic-wide',
    label: 'One clinic Zoom account for every doctor',
    hint: 'IT enters the clinic account once; meetings are made under each doctor’s Zoom e-mail.',
  },
];

export function ZoomAccountPanel() {
  const settings = useSettings((s) => s.settings);
  const view = useClinicZoom((s) => s.view);
  const load = useClinicZoom((s) => s.load);
  const setMode = useClinicZoom((s) => s.setMode);
  const busy = useClinicZoom((s) => s.busy);
  const [problem, setProblem] = useState<string | null>(null);
  // The choice shows at once; main's answer confirms it, or the saved mode comes back with the reason.
  const [chosen, setChosen] = useState<ZoomMode | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  if (!settings) return null;
  const locked = settings.locked.mode;
  const mode = chosen ?? settings.mode;
  const change = async (next: ZoomMode) => {
    setChosen(next);
    setProblem(await setMode(next));
    setChosen(null);
  };
  return (
    <article className="panel" aria-labelledby="zoom-mode-heading">
      <h3 id="zoom-mode-heading">Zoom account</h3>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <AdminOnly channel="settings:update">
        <fieldset className="field" aria-describedby={locked ? 'zoom-mode-locked' : undefined}>
          <legend>Zoom mode</legend>
          {MODES.map((m) => (
            <label key={m.id} className="radio radio-block">
              <input
                type="radio"
                name="zoom-mode"
                value={m.id}
                checked={mode === m.id}
                disabled={locked || busy}
                onChange={() => void change(m.id)}
              />
              <span>
                {m.label}
                <span className="hint block">{m.hint}</span>
              </span>
            </label>
          ))}
          {locked && (
            <span id="zoom-mode-locked" className="hint locked-note">
              Zoom mode is locked by your IT department.
            </span>
          )}
        </fieldset>
        {mode === 'per-doctor' && settings.locked.zoomClientId && (
          <p className="hint locked-note">The Zoom app doctors sign in with is {LOCKED.toLowerCase()}</p>
        )}
        {mode === 'clinic-wide' &&
          (view?.configured ? <ClinicAccount /> : <ClinicAccountForm lastError={view?.lastError ?? null} />)}
      </AdminOnly>
    </article>
  );
}

function ClinicAccount() {
  const view = useClinicZoom((s) => s.view)!;
  const clear = useClinicZoom((s) => s.clear);
  const busy = useClinicZoom((s) => s.busy);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="clinic-zoom-heading">
      <h4 id="clinic-zoom-heading">Clinic Zoom account</h4>
      <dl>
        <dt>Status</dt>
        <dd className="conn-state-connected">Set up</dd>
        <dt>Account ID</dt>
        <dd>{view.accountId}</dd>
        <dt>Client ID</dt>
        <dd>{view.clientId}</dd>
        <dt>Client secret</dt>
        <dd>Kept encrypted on this computer</dd>
        {view.lastError && (
          <>
            <dt>Last problem</dt>
            <dd className="error-text">{view.lastError}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {/* Removing stops every doctor's meetings until IT enters the account again: ask first. */}
        {confirming ? (
          <>
            <p id="clinic-remove-warning">
              Every doctor’s meetings stop being made until IT enters the clinic account again.
            </p>
            <button
              type="button"
              className="danger"
              disabled={busy}
              aria-describedby="clinic-remove-warning"
              onClick={() => void clear().then(() => setConfirming(false))}
            >
              Yes, remove the clinic account
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            className="danger-outline"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Remove clinic account…
          </button>
        )}
      </div>
    </section>
  );
}

function ClinicAccountForm({ lastError }: { lastError: string | null }) {
  const save = useClinicZoom((s) => s.save);
  const busy = useClinicZoom((s) => s.busy);
  const [accountId, setAccountId] = useState('');
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!accountId.trim() || !clientId.trim() || !secret)
      return setProblem('Enter the account ID, the client ID and the client secret.');
    const err = await save({ accountId: accountId.trim(), clientId: clientId.trim(), clientSecret: secret });
    // The secret is not kept in the page once main has it, whatever Zoom said.
    setSecret('');
    setProblem(err);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="clinic-zoom-form-heading">
      <h4 id="clinic-zoom-form-heading">Clinic Zoom account</h4>
      <p className="hint">
        From the clinic’s Server-to-Server OAuth app in the Zoom App Marketplace. Zoom checks them before they
        are kept.
      </p>
      {(problem ?? lastError) && (
        <p className="error-text" role="alert">
          {problem ?? lastError}
        </p>
      )}
      <TextField
        id="cz-account"
        label="Account ID"
        spellCheck={false}
        value={accountId}
        onValue={setAccountId}
      />
      <TextField id="cz-client" label="Client ID" spellCheck={false} value={clientId} onValue={setClientId} />
      <TextField id="cz-secret" label="Client secret" type="password" value={secret} onValue={setSecret} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking with Zoom…' : 'Save clinic account'}
        </button>
      </div>
    </form>
  );
}
