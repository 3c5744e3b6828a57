// The IT health check as a pure report over gathered facts: what `npm run check` and
// `<app> --check` print, and whether the desktop has a problem (non-zero exit).

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
  | { state: 'error'; message: string };

export interface HealthFacts {
  appVersion: string;
  platform: string;
  policy: PolicyFact;
  secretBackend: { name: string; ok: boolean; message: string | null };
  dataDir: string;
  logDir: string;
  database: DatabaseFact;
}

export interface HealthReport {
  ok: boolean;
  exitCode: 0 | 1;
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

  const d = f.database;
  if (d.state === 'absent') lines.push('info    database: not created yet (the companion has not run here)');
  else if (d.state === 'error') line(false, 'database', d.message);
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
  return {
    ok: problems.length === 0,
    exitCode: problems.length ? 1 : 0,
    problems,
    text: `${lines.join('\n')}\n`,
  };
}
