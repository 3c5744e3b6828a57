// The IT health check as a pure report over gathered facts: what `npm run check` and
// `<app> --check` print, and whether the desktop has a problem (non-zero exit).
import { lastSeenWords } from './last-seen';

export type PolicyFact =
  | { state: 'absent'; path: string }
  | { state: 'valid'; path: string; lockedKeys: string[] }
  | { state: 'invalid'; path: string; message: string };

export interface DoctorFact {
  name: string;
  state: 'connected' | 'reconnect-needed' | 'disconnected' | 'connecting' | 'confirm-account';
  email: string | null;
  lastErrorMessage: string | null;
}

export interface SyncFact {
  source: string;
  scope: string;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export type DatabaseFact =
  | { state: 'absent' }
  | {
      state: 'open';
      doctors: DoctorFact[];
      outbox: { pending: number; parked: number; cleanup: number };
      syncs: SyncFact[];
    }
  | { state: 'error'; message: string }
  /** A clinic of desktops whose server was not read (it is away, or its schema is not this app's). */
  | { state: 'not-read'; reason: string };

export interface DesktopFact {
  name: string;
  appVersion: string;
  schemaVersion: number;
  lastSeenAt: string;
  thisDesktop: boolean;
}

/** Which database this desktop uses: its own file, or the clinic's server (policy `database`). */
export type EngineFact =
  | { kind: 'embedded'; path: string }
  | {
      kind: 'clinic-server';
      /** postgres://user@host:port/database: never a password. */
      server: string;
      connection: { ok: true; tls: string | null; serverVersion: string } | { ok: false; problem: string };
      /** The schema on the server and the one this app knows (null: not connected). */
      schema: { server: number; app: number } | null;
      desktops: DesktopFact[] | null;
      /** This desktop's name on the clinic database (policy `desktopName`, else the computer's). */
      desktopName: string;
      /** The clinic's time zone, for the times the desktops were last seen. */
      timeZone: string;
      checkedAt: string;
    };

export interface HealthFacts {
  appVersion: string;
  platform: string;
  policy: PolicyFact;
  secretBackend: { name: string; ok: boolean; message: string | null };
  dataDir: string;
  logDir: string;
  database: DatabaseFact;
  /** Absent where it is not known (the running app's diagnostics export). */
  engine?: EngineFact;
}

export interface HealthReport {
  ok: boolean;
  /** 0 healthy; 1 a problem; 2 this app cannot work here (the clinic database is newer than it). */
  exitCode: 0 | 1 | 2;
  problems: string[];
  text: string;
}

const mark = (ok: boolean) => (ok ? 'ok     ' : 'PROBLEM');

export function healthReport(f: HealthFacts): HealthReport {
  const lines: string[] = [`Clinic Companion ${f.appVersion} health check (${f.platform})`];
  const problems: string[] = [];
  const line = (ok: boolean, label: string, detail: string) => {
    lines.push(`${mark(ok)} ${label}: ${detail}`);
    if (!ok) problems.push(`${label}: ${detail}`);
  };

  const p = f.policy;
  if (p.state === 'absent') line(true, 'policy', `none at ${p.path} (nothing locked)`);
  else if (p.state === 'valid')
    line(
      true,
      'policy',
      `valid at ${p.path}; locks ${p.lockedKeys.length ? p.lockedKeys.join(', ') : 'nothing'}`,
    );
  else line(false, 'policy', p.message);

  const b = f.secretBackend;
  line(b.ok, 'secret backend', b.ok ? b.name : `${b.name}: ${b.message ?? 'refused'}`);
  lines.push(`info    data folder: ${f.dataDir}`);
  lines.push(`info    log folder: ${f.logDir}`);

  let fatal = false;
  const e = f.engine;
  if (e?.kind === 'embedded' && f.database.state !== 'absent')
    lines.push(`info    database: this desktop's own file ${e.path}`);
  if (e?.kind === 'clinic-server') fatal = clinicLines(e, lines, line);

  const d = f.database;
  if (d.state === 'absent') lines.push('info    database: not created yet (the companion has not run here)');
  else if (d.state === 'error') line(false, 'database', d.message);
  else if (d.state === 'not-read') lines.push(`info    doctors and outbox: not read (${d.reason})`);
  else {
    if (d.doctors.length === 0) lines.push('info    Zoom connections: none yet');
    for (const doc of d.doctors) {
      const who = doc.email ? `${doc.name} <${doc.email}>` : doc.name;
      const ok = doc.state !== 'reconnect-needed';
      const why = doc.lastErrorMessage && !ok ? ` (${doc.lastErrorMessage})` : '';
      line(ok, 'Zoom connection', `${who}: ${doc.state}${why}`);
    }
    const o = d.outbox;
    // Parked work is a visit without its meeting until someone acts (usually a reconnect).
    line(o.parked === 0, 'outbox', `${o.pending} pending, ${o.parked} parked, ${o.cleanup} clean-up`);
    if (d.syncs.length === 0) lines.push('info    last sync: no site sync configured');
    for (const s of d.syncs) {
      const failedLast = s.lastError !== null;
      const when = s.lastSuccessAt ?? 'never';
      line(
        !failedLast,
        `last sync (${s.source}/${s.scope})`,
        failedLast ? `${when}; last attempt failed: ${s.lastError}` : when,
      );
    }
  }

  lines.push(problems.length ? `${problems.length} problem(s) found.` : 'No problems found.');
  if (fatal)
    lines.push('This app is older than the clinic database: update Clinic Companion on this desktop.');
  return {
    ok: problems.length === 0,
    exitCode: fatal ? 2 : problems.length ? 1 : 0,
    problems,
    text: `${lines.join('\n')}\n`,
  };
}

/** The clinic server's lines; true when this app is too old for the server's schema. */
function clinicLines(
  e: Extract<EngineFact, { kind: 'clinic-server' }>,
  lines: string[],
  line: (ok: boolean, label: string, detail: string) => void,
): boolean {
  const c = e.connection;
  if (!c.ok) {
    line(false, 'clinic database', `${e.server}: ${c.problem}`);
    return false;
  }
  const how = c.tls
    ? `TLS ${c.tls.replace(/^TLSv/, '')}`
    : 'not encrypted (the policy allows it: allowUnencrypted)';
  line(true, 'clinic database', `${e.server}: connected (${how}, PostgreSQL ${c.serverVersion})`);

  let fatal = false;
  const s = e.schema;
  if (s && s.server > s.app) {
    line(
      false,
      'schema',
      `${s.server} on the server, but this app knows only up to ${s.app}: a newer Clinic Companion set up the clinic database, and this one cannot use it until it is updated`,
    );
    fatal = true;
  } else if (s && s.server === 0) {
    lines.push(`info    schema: none on the server yet (the first desktop to start creates schema ${s.app})`);
  } else if (s && s.server < s.app) {
    lines.push(
      `info    schema: ${s.server} on the server, ${s.app} in this app: this desktop upgrades it when the app starts; desktops with an older app then stop until they are updated`,
    );
  } else if (s) line(true, 'schema', `${s.server} on the server, ${s.app} in this app`);

  const desktops = e.desktops ?? [];
  lines.push(`info    desktops on the clinic database (times in ${e.timeZone}):`);
  if (!desktops.some((d) => d.thisDesktop))
    lines.push(`info      ${e.desktopName} (this desktop): has not started on the clinic database yet`);
  for (const d of desktops) {
    const who = d.thisDesktop ? `${d.name} (this desktop)` : d.name;
    const behind =
      s && d.schemaVersion < s.server ? `; its app is older than the server's schema: update it` : '';
    lines.push(
      `info      ${who}: app ${d.appVersion}, last seen ${lastSeenWords(d.lastSeenAt, e.checkedAt, e.timeZone)}${behind}`,
    );
  }
  return fatal;
}
