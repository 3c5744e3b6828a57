// Clinic settings and the KiviCare site connection.

import { type FormEvent, useEffect, useState } from 'react';
import { AdminOnly } from '../components/AdminOnly';
import { ConfirmAction } from '../components/ConfirmAction';
import { TextField } from '../components/TextField';
import { formatDateTime, zoneLabel } from '../lib/time';
import { useDay } from '../stores/day';
import { useKiviCare } from '../stores/kivicare';
import { useSettings } from '../stores/settings';
import { selectZone, useStatus } from '../stores/status';
import { searchZones, useTimeZones } from '../stores/time-zones';
import { AdminSecretPanel } from './settings/AdminSecret';
import { HelpPanel } from './settings/Diagnostics';
import { DoctorsPanel } from './settings/Doctors';
import { LOCKED } from './settings/locks';
import { ZoomAccountPanel } from './settings/ZoomAccount';

export function Settings() {
  const load = useSettings((s) => s.load);
  const loadSite = useKiviCare((s) => s.load);
  useEffect(() => {
    void load();
    void loadSite();
  }, [load, loadSite]);
  return (
    <section aria-labelledby="settings-heading" className="screen">
      <div className="screen-head">
        <h2 id="settings-heading">Settings</h2>
      </div>
      <div className="conn-grid settings-grid">
        <ClinicSettings />
        <ZoomAccountPanel />
        <KiviCarePanel />
        <DoctorsPanel />
        <AdminSecretPanel />
        <HelpPanel />
      </div>
    </section>
  );
}

/** The clinic's zone and auto-lock; also the first-run setup's first step. */
export function ClinicSettings() {
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const save = useSettings((s) => s.save);
  const zones = useTimeZones((s) => s.zones);
  const zonesError = useTimeZones((s) => s.error);
  const loadZones = useTimeZones((s) => s.load);
  const [zone, setZone] = useState('');
  const [search, setSearch] = useState('');
  const [minutes, setMinutes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void loadZones();
  }, [loadZones]);
  useEffect(() => {
    if (settings) {
      setZone(settings.clinicTimeZone);
      setMinutes(String(settings.autoLockMinutes));
    }
  }, [settings]);
  if (!settings) return <p className="empty">{error ?? 'Loading settings…'}</p>;
  const zoneLocked = settings.locked.clinicTimeZone;
  const found = searchZones(zones, search);
  // The chosen zone stays in the list whatever the search, so the list always shows what is saved.
  const shown = found.some((z) => z.id === zone) ? found : [...zones.filter((z) => z.id === zone), ...found];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 240) {
      setProblem('Auto-lock is 1 to 240 minutes.');
      return;
    }
    const patch = {
      ...(zoneLocked || zone === settings.clinicTimeZone ? {} : { clinicTimeZone: zone }),
      ...(settings.locked.autoLockMinutes || n === settings.autoLockMinutes ? {} : { autoLockMinutes: n }),
    };
    const failed = Object.keys(patch).length ? await save(patch) : null;
    setProblem(failed);
    // The day's bounds and every time on it move with the zone: the list is read again at once.
    if (!failed && 'clinicTimeZone' in patch) await useDay.getState().reload();
  };
  return (
    <article className="panel" aria-labelledby="clinic-settings">
      <h3 id="clinic-settings">Clinic</h3>
      <p className="zone-note">
        Every time is shown on the clinic’s clock: {zoneLabel(settings.clinicTimeZone)}.
      </p>
      <AdminOnly channel="settings:update">
        <form onSubmit={submit} noValidate>
          {problem && (
            <p className="error-text" role="alert">
              {problem}
            </p>
          )}
          <div className="field zone-picker">
            <label htmlFor="set-zone-search">Find a time zone</label>
            <input
              id="set-zone-search"
              type="search"
              autoComplete="off"
              value={search}
              disabled={zoneLocked}
              aria-controls="set-zone"
              aria-describedby="set-zone-search-hint"
              onChange={(e) => {
                setSearch(e.target.value);
                const first = searchZones(zones, e.target.value)[0];
                if (first && e.target.value.trim()) setZone(first.id);
              }}
            />
            <span id="set-zone-search-hint" className="hint">
              A city, country region, zone name or offset: “Berlin”, “Eastern”, “+05:30”.{' '}
              {search.trim() && `${found.length} ${found.length === 1 ? 'zone matches' : 'zones match'}.`}
            </span>
            <label htmlFor="set-zone">Clinic time zone</label>
            <select
              id="set-zone"
              size={6}
              value={zone}
              disabled={zoneLocked}
              aria-describedby={zoneLocked ? 'set-zone-locked' : undefined}
              onChange={(e) => setZone(e.target.value)}
            >
              {shown.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.label}
                </option>
              ))}
            </select>
            {zoneLocked && (
              <span id="set-zone-locked" className="hint">
                {LOCKED}
              </span>
            )}
            {zonesError && <span className="error-text">{zonesError}</span>}
          </div>
          <TextField
            id="set-lock"
            label="Lock a doctor’s profile after (minutes idle)"
            type="number"
            min={1}
            max={240}
            value={minutes}
            onValue={setMinutes}
            lockedNote={settings.locked.autoLockMinutes && LOCKED}
          />
          <p className="hint">
            Zoom sign-in returns to the app through{' '}
            {settings.redirectMode === 'loopback' ? 'this computer (loopback)' : 'the clinic’s redirect page'}
            .{(settings.locked.redirectMode || settings.locked.bridgeUrl) && ` ${LOCKED}`}
          </p>
          <button type="submit" className="primary">
            Save settings
          </button>
        </form>
      </AdminOnly>
    </article>
  );
}

function KiviCarePanel() {
  const view = useKiviCare((s) => s.view);
  const error = useKiviCare((s) => s.error);
  const busy = useKiviCare((s) => s.busy);
  const syncing = useKiviCare((s) => s.syncing);
  const disconnect = useKiviCare((s) => s.disconnect);
  const sync = useKiviCare((s) => s.sync);
  const zone = useStatus(selectZone);
  const outcome = view?.lastOutcome ?? null;
  return (
    <article className="panel" aria-labelledby="site-heading">
      <h3 id="site-heading">KiviCare clinic website</h3>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {view?.connected ? (
        <>
          <dl>
            <dt>Site</dt>
            <dd>
              {view.siteUrl}
              {view.siteUrlLocked && <span className="hint block">{LOCKED}</span>}
            </dd>
            <dt>Read through</dt>
            <dd>{view.apiLabel ?? 'Not known yet'}</dd>
            <dt>Meetings</dt>
            <dd>
              {view.companionProvisions ? 'Made by the companion when the site has none' : 'Made by the site'}
            </dd>
            <dt>Last sync</dt>
            <dd>{view.lastSuccessAt ? formatDateTime(view.lastSuccessAt, zone) : 'Not yet'}</dd>
            {view.lastError && (
              <>
                <dt>Last problem</dt>
                <dd className="error-text">{view.lastError}</dd>
              </>
            )}
          </dl>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || view.busy}
              onClick={() => void sync('incremental')}
            >
              {syncing === 'incremental' ? 'Syncing…' : 'Sync now'}
            </button>
            <button type="button" disabled={busy || view.busy} onClick={() => void sync('full')}>
              {syncing === 'full' ? 'Full sync running…' : 'Full sync'}
            </button>
          </div>
          <p className="hint">
            “Sync now” reads the next 7 days; “Full sync” reads yesterday to 60 days ahead.
          </p>
          <div aria-live="polite" aria-atomic="true" data-testid="kc-sync-outcome">
            {outcome && (
              <div className={outcome.ok ? 'sync-outcome' : 'sync-outcome error-text'}>
                <p>
                  {outcome.message} <span className="hint">({formatDateTime(outcome.at, zone)})</span>
                </p>
                {outcome.notes.length > 0 && (
                  <ul className="sync-notes">
                    {outcome.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
          <AdminOnly channel="kivicare:configure">
            <SiteReadingForm
              statusReading={view.statusReading}
              companionProvisions={view.companionProvisions}
            />
            <div className="actions">
              <ConfirmAction
                label="Disconnect website…"
                warning="The site’s appointments stop being synchronised and its sign-in is deleted from this computer. Visits already here stay."
                confirmLabel="Yes, disconnect the website"
                busy={busy}
                onConfirm={disconnect}
              />
            </div>
          </AdminOnly>
        </>
      ) : (
        <AdminOnly channel="kivicare:connect">
          <KiviCareForm siteUrl={view?.siteUrl ?? ''} siteUrlLocked={view?.siteUrlLocked ?? false} />
        </AdminOnly>
      )}
    </article>
  );
}

const READING_HINT =
  'To check: open one appointment on the site that is in Check-in, sync, and see that it shows Check-in here. If it shows Pending, choose the other reading.';

/** The status-number reading: most sites write the documented codes; one 4.x filter swaps 2 and 4. */
function StatusReadingChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: 'documented' | 'swapped';
  onChange(v: 'documented' | 'swapped'): void;
}) {
  return (
    <fieldset className="field">
      <legend>How the site numbers statuses</legend>
      <label className="radio">
        <input
          type="radio"
          name={name}
          checked={value === 'documented'}
          onChange={() => onChange('documented')}
        />
        As documented (2 Pending, 4 Check-in)
      </label>
      <label className="radio">
        <input type="radio" name={name} checked={value === 'swapped'} onChange={() => onChange('swapped')} />
        Swapped (2 Check-in, 4 Pending)
      </label>
      <p className="hint">{READING_HINT}</p>
    </fieldset>
  );
}

function SiteReadingForm(props: { statusReading: 'documented' | 'swapped'; companionProvisions: boolean }) {
  const configure = useKiviCare((s) => s.configure);
  const busy = useKiviCare((s) => s.busy);
  const [reading, setReading] = useState(props.statusReading);
  const [provisions, setProvisions] = useState(props.companionProvisions);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setReading(props.statusReading);
    setProvisions(props.companionProvisions);
  }, [props.statusReading, props.companionProvisions]);
  const unchanged = reading === props.statusReading && provisions === props.companionProvisions;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(await configure({ statusReading: reading, companionProvisions: provisions }));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="How the website is read">
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <StatusReadingChoice name="kc-reading-connected" value={reading} onChange={setReading} />
      <label className="radio">
        <input type="checkbox" checked={provisions} onChange={(e) => setProvisions(e.target.checked)} />
        Make Zoom meetings for the site’s tele-visits that have none
      </label>
      <div className="actions">
        <button type="submit" disabled={busy || unchanged}>
          Save website settings
        </button>
      </div>
    </form>
  );
}

function KiviCareForm({ siteUrl, siteUrlLocked }: { siteUrl: string; siteUrlLocked: boolean }) {
  const connect = useKiviCare((s) => s.connect);
  const busy = useKiviCare((s) => s.busy);
  const [url, setUrl] = useState(siteUrl);
  const [kind, setKind] = useState<'login' | 'app-password'>('app-password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [provisions, setProvisions] = useState(true);
  const [reading, setReading] = useState<'documented' | 'swapped'>('documented');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^https?:\/\//i.test(url.trim()))
      return setProblem('Enter the site’s address, starting with https://');
    if (!username.trim() || !password) return setProblem('Enter the user name and password.');
    const err = await connect({
      siteUrl: url.trim(),
      kind,
      username: username.trim(),
      password,
      companionProvisions: provisions,
      statusReading: reading,
    });
    // The password is not kept in the page once main has it.
    setPassword('');
    setProblem(err);
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="hint">
        Show the site’s appointments here. Meetings the site already made are never made twice.
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <TextField
        id="kc-url"
        label="Site address"
        type="url"
        value={url}
        onValue={setUrl}
        lockedNote={siteUrlLocked && LOCKED}
      />
      <fieldset className="field">
        <legend>Sign in with</legend>
        <label className="radio">
          <input
            type="radio"
            name="kc-kind"
            checked={kind === 'app-password'}
            onChange={() => setKind('app-password')}
          />
          Application password
        </label>
        <label className="radio">
          <input type="radio" name="kc-kind" checked={kind === 'login'} onChange={() => setKind('login')} />
          KiviCare login
        </label>
      </fieldset>
      <TextField id="kc-user" label="User name" value={username} onValue={setUsername} />
      <TextField id="kc-pass" label="Password" type="password" value={password} onValue={setPassword} />
      <label className="radio">
        <input type="checkbox" checked={provisions} onChange={(e) => setProvisions(e.target.checked)} />
        Make Zoom meetings for the site’s tele-visits that have none
      </label>
      <StatusReadingChoice name="kc-reading" value={reading} onChange={setReading} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Connect website
        </button>
      </div>
    </form>
  );
}
