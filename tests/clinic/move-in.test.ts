// Moving in: a single desktop's database (a real SQLite file) moved to a real throwaway PostgreSQL,
// once, losing nothing. Every row arrives equal (read back through the repositories on both
// stores), new rows continue after the moved ids, a second move is refused from either side, a
// failure part-way leaves the server empty and the desktop unmarked, and in-flight work arrives
// pending. Also the command itself: its output and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MOVED_KEY, MOVED_TABLES, moveToServer } from '../../main/core/clinic/move-in';
import { AppError } from '../../main/core/errors';
import { cleanupQueue } from '../../main/core/provisioning/cleanup-queue';
import {
  createRepositories,
  type OutboxItem,
  openStore,
  type Repositories,
  type SqliteStore,
  type Store,
} from '../../main/core/store';
import { openPostgresStore, type PostgresConfig, type PostgresStore } from '../../main/core/store/postgres';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase } from '../store/engines';

const reason = postgresUnavailableReason();
if (reason && process.env.REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL is required here: ${reason}`);

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function desktopFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-move-'));
  dirs.push(dir);
  return dir;
}

function openSqlite(dir = desktopFolder()): SqliteStore {
  const s = openStore(join(dir, 'companion.db'));
  opened.push(s);
  return s;
}

async function openTarget(config?: PostgresConfig): Promise<PostgresStore> {
  const s = await openPostgresStore(config ?? (await freshPostgresDatabase()));
  opened.push(s);
  return s;
}

const NAMES = [
  'Zoë Ünal-Østergård',
  'José Ñúñez',
  '王秀英',
  'ليلى حداد',
  'Ανδρέας Παπαδόπουλος',
  'Nguyễn Thị Minh Khai',
  'O\'Brien "Bobby" \\ Jr.',
  'Emoji 🧑🏽‍⚕️ Patient 👩‍👧',
  'Ся Юнь-Ли',
  'a?b ?? $1 %s',
];
const NOTES = [
  null,
  'Follow-up after surgery.\nBring the scans.\tThanks!',
  'Paciente refiere dolor — «leve» ✓',
  '頭痛が続いています。',
  'مراجعة بعد أسبوعين',
  "'; DROP TABLE appointments; --",
  '{"not": "json really"',
  '🩺💊 '.repeat(40),
];

interface Populated {
  doctors: string[];
  appointments: string[];
  /** Appointments with outbox items, in every state. */
  outboxAppointments: string[];
  inFlight: number;
}

/** A busy single desktop: every table, unicode everywhere, work in every state. */
async function populate(store: SqliteStore, prefix = '', visits = 2_000): Promise<Populated> {
  let t = Date.parse('2029-06-01T08:00:00.000Z');
  const clock = () => new Date(t);
  const repos = createRepositories(store, clock);
  const cleanup = cleanupQueue(store, clock);
  const out: Populated = { doctors: [], appointments: [], outboxAppointments: [], inFlight: 0 };
  let lastMapped: string | undefined;
  await store.transaction(async () => {
    for (let d = 0; d < 6; d++) {
      const id = `${prefix}doc-${d}`;
      await repos.doctors.insert({
        id,
        displayName: `Dr. ${NAMES[d]}`,
        email: d === 5 ? '' : `Doc.${d}@Clinic.test`,
        zoomUserId: d % 2 ? `zu-${d}` : null,
        source: d === 4 ? 'kivicare' : 'local',
        sourceId: d === 4 ? `${prefix}kc-4` : null,
      });
      await repos.settings.set(`pin:${id}`, `scrypt$16384$8$1$salt${d}$hash${d}`);
      out.doctors.push(id);
    }
    await repos.doctors.remove(`${prefix}doc-5`);
    for (let p = 0; p < 300; p++)
      await repos.patients.insert({
        id: `${prefix}pat-${p}`,
        displayName: `${NAMES[p % NAMES.length]} ${p}`,
        email: p % 3 ? `p${p}@mail.test` : null,
        phone: p % 4 ? `+49 30 ${1000 + p}` : null,
        source: p % 7 ? 'local' : 'import',
        sourceId: p % 7 ? null : `${prefix}row-${p}`,
      });
    for (let a = 0; a < visits; a++) {
      t += 1_000;
      const id = `${prefix}appt-${String(a).padStart(6, '0')}`;
      const appt = await repos.appointments.insert({
        id,
        doctorId: `${prefix}doc-${a % 5}`,
        patientId: `${prefix}pat-${a % 300}`,
        startUtc: `${new Date(Date.parse('2030-01-07T08:00:00Z') + a * 1_200_000).toISOString().slice(0, 19)}Z`,
        timeZone: a % 2 ? 'Europe/Berlin' : 'America/New_York',
        durationMin: 15 + (a % 4) * 5,
        visitType: a % 5 ? 'telemed' : 'in_person',
        status: (a % 5) as 0 | 1 | 2 | 3 | 4,
        reason: a % 3 ? `Reason ${NAMES[a % NAMES.length]}` : null,
        notes: NOTES[a % NOTES.length] ?? null,
        reference: `${prefix}CC-${String(a).padStart(8, '0')}`,
        source: a % 11 ? 'local' : 'kivicare',
        sourceId: a % 11 ? null : `${prefix}kc-appt-${a}`,
      });
      if (a % 9 === 0) await repos.appointments.update(id, 1, { notes: `edited ${NAMES[a % 10]}` });
      if (a % 37 === 0)
        await repos.appointments.update(id, a % 9 === 0 ? 2 : 1, { deletedAt: clock().toISOString() });
      out.appointments.push(id);
      if (appt.visitType === 'telemed' && a % 2 === 0) {
        lastMapped = id;
        const states = [
          'ready',
          'creating',
          'updating',
          'deleting',
          'deleted',
          'needs-reconnect',
          'failed',
        ] as const;
        await repos.mappings.insert({
          appointmentId: id,
          doctorId: appt.doctorId,
          reference: appt.reference,
          state: states[a % states.length]!,
          zoomMeetingId: String(80_000_000_000 + a),
          zoomUuid: `uuid/${a}==`,
          joinUrl: `https://zoom.test/j/${80_000_000_000 + a}?pwd=Zx${a}`,
          passcode: `P${String(a).padStart(6, '0')}`,
          hostEmail: `doc.${a % 5}@clinic.test`,
          hostId: `zu-${a % 5}`,
          provisionedBy: a % 10 ? 'companion' : 'kivicare',
          lastErrorKind: a % 7 ? null : 'zoom-unavailable',
          lastErrorMessage: a % 7 ? null : 'Zoom did not answer — réessayez',
        });
      }
    }
    // The last mapping made, then removed: SQLite handed out its id, which the server must never reuse.
    await repos.mappings.remove(lastMapped!);

    // Outbox work in every state, on 40 appointments.
    for (let i = 0; i < 40; i++) {
      const n = (i * 7) % visits;
      const a = out.appointments[n]!;
      const reference = `${prefix}CC-${String(n).padStart(8, '0')}`;
      const payload = { topic: `Visit ${reference}`, start: '2030-01-07T08:00:00Z', duration: 20, note: 'ü' };
      const first = await repos.outbox.enqueue({ appointmentId: a, op: 'ensure', reference, payload });
      const item = await repos.outbox.enqueue({ appointmentId: a, op: 'ensure', reference, payload }); // supersedes first
      expect(first.id).toBeLessThan(item.id);
      const seen = out.outboxAppointments.includes(a);
      if (!seen) out.outboxAppointments.push(a);
      switch (i % 5) {
        case 0: // pending, not yet due
          break;
        case 1: {
          // in flight when the desktop was closed (its lease still written); one visit's work is
          // in flight once at a time, so only on a visit with no work yet
          if (seen) break;
          const lease = await repos.outbox.claim(item.id);
          expect(lease).toBeDefined();
          out.inFlight++;
          break;
        }
        case 2: {
          const lease = await repos.outbox.claim(item.id);
          await repos.outbox.complete(lease!);
          break;
        }
        case 3:
          await repos.outbox.park(item.id, 'Dr. must reconnect Zoom');
          break;
        case 4: {
          const lease = await repos.outbox.claim(item.id);
          await repos.outbox.retryLater(lease!, 'HTTP 429 — later', '2030-01-01T00:00:00.000Z');
          await repos.outbox.enqueue({ appointmentId: a, op: 'delete', reference, payload: {} });
          break;
        }
      }
    }
    for (let i = 0; i < 60; i++)
      await repos.audit.append({
        actor: i % 2 ? 'front-desk' : 'system',
        action: 'appointment.booked',
        entity: 'appointment',
        entityId: out.appointments[i],
        detail: { by: NAMES[i % NAMES.length], n: i, nested: { ok: true, list: [1, 'zwei', null] } },
      });
    await repos.settings.set('admin:secret', 'scrypt$admin');
    await repos.settings.set('zoom.mode', 'per-doctor');
    await repos.settings.set('pin-attempts:admin', { count: 2, since: 123 });
    await repos.settings.set('kivicare.site', { url: 'https://clinic.test', name: 'Klinik Süd' });
    await repos.syncState.put({
      source: 'kivicare',
      scope: 'clinic',
      cursor: '2029-05-31T00:00:00Z',
      lastSuccessAt: '2029-05-31T00:00:00.000Z',
      lastError: null,
    });
    await repos.syncState.put({
      source: 'kivicare',
      scope: `${prefix}doctor:4`,
      cursor: null,
      lastSuccessAt: null,
      lastError: 'Site answered 502 — übermorgen',
    });
    for (let i = 0; i < 8; i++)
      await cleanup.add(
        `9${i}${prefix.length}000`,
        `${prefix}doc-${i % 5}`,
        i % 2 ? out.appointments[i % visits]! : null,
        'doctor changed',
        i % 3 ? null : `old-zu-${i}`,
      );
    await store.run(
      `UPDATE zoom_cleanup SET state = 'parked', last_error = 'needs reconnect' WHERE id % 3 = 0`,
    );
    await store.run(`UPDATE zoom_cleanup SET state = 'done' WHERE id % 3 = 1`);
    // Desktop-only facts: never moved.
    await repos.desktops.seen({
      id: 'this-desktop',
      name: 'Reception',
      appVersion: '0.1.0',
      schemaVersion: 6,
    });
    await repos.desktops.setCredentials('this-desktop', [`${prefix}doc-0`]);
  });
  return out;
}

/** Everything a desktop reads, through the repositories (and rows where a table has none). */
async function snapshot(store: Store, p: Populated) {
  const repos: Repositories = createRepositories(store);
  const doctors = await Promise.all(p.doctors.map((id) => repos.doctors.get(id)));
  const appointments = await repos.appointments.listRange('0000', '9999');
  const deleted = await Promise.all(
    p.appointments.filter((_, a) => a % 37 === 0).map((id) => repos.appointments.get(id)),
  );
  const mappings = await repos.mappings.forAppointments(p.appointments);
  const outbox: OutboxItem[] = [];
  for (const a of p.outboxAppointments) outbox.push(...(await repos.outbox.forAppointment(a)));
  return {
    doctors,
    listedDoctors: await repos.doctors.list(),
    patients: await repos.patients.list(),
    appointments,
    deleted,
    mappings: [...mappings.values()].sort((a, b) => a.id - b.id),
    outbox,
    audit: await repos.audit.recent(100_000),
    settings: Object.fromEntries(
      [...(await repos.settings.withPrefix(''))].sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    syncState: await repos.syncState.list(),
    cleanup: await store.rows('SELECT * FROM zoom_cleanup ORDER BY id'),
  };
}

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of MOVED_TABLES)
    out[t] = Number((await store.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n);
  return out;
}

const empty = Object.fromEntries(MOVED_TABLES.map((t) => [t, 0]));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the move to be refused, but it ran');
}

const at = new Date('2030-01-05T17:30:00.000Z');

describe.skipIf(reason)('moving a single desktop in', () => {
  it('moves every row equal, in-flight work arrives pending, and new rows continue after the moved ids', async () => {
    const sqlite = openSqlite();
    const populated = await populate(sqlite);
    const before = await snapshot(sqlite, populated);
    const sourceCounts = await counts(sqlite);
    expect(sourceCounts.appointments).toBe(2_000);
    const maxIds = await sqlite.row<Record<string, number>>(
      `SELECT (SELECT MAX(id) FROM audit_log) AS audit, (SELECT MAX(id) FROM outbox) AS outbox,
              (SELECT seq FROM sqlite_sequence WHERE name = 'meeting_mappings') AS mappings,
              (SELECT MAX(id) FROM meeting_mappings) AS max_mapping,
              (SELECT MAX(id) FROM zoom_cleanup) AS cleanup`,
    );
    // The removed mapping was the last one made: its id is above every remaining one.
    expect(maxIds!.mappings).toBeGreaterThan(maxIds!.maxMapping!);
    const target = await openTarget();

    const report = await moveToServer({ sqlite, target, desktopName: 'Reception', now: () => at });
    console.log(`moved 2,000 appointments (${JSON.stringify(report.tables)}) in ${report.ms} ms`);

    expect(report.tables).toEqual(sourceCounts);
    expect(Object.keys(report.tables)).toEqual([...MOVED_TABLES]);
    expect(report.inFlightReleased).toBe(populated.inFlight);
    expect(populated.inFlight).toBeGreaterThan(0);

    const after = await snapshot(target, populated);
    // Every row equal, except what the move promises: in-flight work is pending, without a lease.
    const expectedOutbox = before.outbox.map((o) =>
      o.state === 'in-flight' ? { ...o, state: 'pending', leaseOwner: null, leaseUntil: null } : o,
    );
    expect(before.outbox.filter((o) => o.state === 'in-flight')).toHaveLength(populated.inFlight);
    expect(before.outbox.some((o) => o.leaseOwner !== null)).toBe(true);
    expect(new Set(before.outbox.map((o) => o.state))).toEqual(
      new Set(['pending', 'in-flight', 'done', 'parked', 'superseded']),
    );
    expect(after.outbox).toEqual(expectedOutbox);
    expect(after.outbox.filter((o) => o.state === 'in-flight')).toEqual([]);
    // The move's own audit entry is the last on the server.
    const [moveEntry, ...movedAudit] = after.audit;
    expect(movedAudit).toEqual(before.audit);
    expect(moveEntry).toMatchObject({
      actor: 'it',
      action: 'clinic.moved-in',
      entity: 'clinic',
      at: at.toISOString(),
      detail: { desktop: 'Reception', tables: sourceCounts, inFlightReleased: populated.inFlight },
    });
    expect(moveEntry!.id).toBe(maxIds!.audit! + 1);
    expect({ ...after, outbox: [], audit: [] }).toEqual({ ...before, outbox: [], audit: [] });
    expect(after.settings[`pin:${populated.doctors[0]}`]).toMatch(/^scrypt\$/);
    expect(after.settings[MOVED_KEY]).toBeUndefined();
    // Desktop-only facts stay behind: each desktop writes its own on the server.
    expect(await target.rows('SELECT * FROM desktops')).toEqual([]);
    expect(await target.rows('SELECT * FROM desktop_credentials')).toEqual([]);

    // New rows on the server continue after the moved ones (and after SQLite's removed mapping).
    const repos = createRepositories(target, () => at, 'room-2');
    expect(await repos.audit.append({ actor: 'system', action: 'x', entity: 'clinic' })).toBe(
      maxIds!.audit! + 2,
    );
    const appt = populated.appointments[1]!;
    const queued = await repos.outbox.enqueue({
      appointmentId: appt,
      op: 'ensure',
      reference: 'R',
      payload: {},
    });
    expect(queued.id).toBe(maxIds!.outbox! + 1);
    const mapping = await repos.mappings.insert({
      appointmentId: appt,
      doctorId: populated.doctors[1]!,
      reference: 'R-new',
      state: 'creating',
    });
    expect(mapping.id).toBe(maxIds!.mappings! + 1);
    await cleanupQueue(target, () => at).add('new-meeting', populated.doctors[0]!, null, 'test');
    expect(
      (await target.row<{ id: number }>(`SELECT id FROM zoom_cleanup WHERE zoom_meeting_id = 'new-meeting'`))!
        .id,
    ).toBe(maxIds!.cleanup! + 1);
    // In-flight work is due for whichever desktop holds the doctor's sign-in.
    const due = await repos.outbox.due('2099-01-01T00:00:00.000Z', 1000);
    for (const o of before.outbox.filter((x) => x.state === 'in-flight'))
      expect(due.map((d) => d.id)).toContain(o.id);

    // The desktop's database is unchanged but for the mark naming the server and the moment.
    const marked = createRepositories(sqlite);
    expect(await marked.settings.get(MOVED_KEY)).toEqual({
      server: target.path,
      at: at.toISOString(),
      desktop: 'Reception',
    });
    expect({ ...(await snapshot(sqlite, populated)), settings: {} }).toEqual({ ...before, settings: {} });
  }, 120_000);

  it('refuses a second move, from either side', async () => {
    const sqlite = openSqlite();
    await populate(sqlite, '', 50);
    const target = await openTarget();
    await moveToServer({ sqlite, target, desktopName: 'Reception', now: () => at });
    const moved = await counts(target);

    // The same desktop again: its database is marked.
    const again = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(again.kind).toBe('conflict');
    expect(again.message).toContain('already moved');
    expect(again.message).toContain(target.path);
    expect(again.message).toContain('2030-01-05T17:30:00.000Z');

    // The marked desktop to another, empty server: still refused (its data lives on the first).
    const otherServer = await openTarget();
    const marked = await refusal(moveToServer({ sqlite, target: otherServer, desktopName: 'Reception' }));
    expect(marked.kind).toBe('conflict');
    expect(marked.message).toContain(target.path);
    expect(await counts(otherServer)).toEqual(empty);

    // Another desktop's island (different ids, unmarked) to the used server: refused, not merged.
    const island = openSqlite();
    await populate(island, 'b-', 30);
    const used = await refusal(moveToServer({ sqlite: island, target, desktopName: 'Room 2' }));
    expect(used.kind).toBe('conflict');
    expect(used.message).toContain('already holds');
    expect(used.message).toMatch(/6 doctors, 300 patients, 50 appointments/);
    expect(await counts(target)).toEqual(moved);
    expect(await createRepositories(island).settings.get(MOVED_KEY)).toBeUndefined();
  }, 60_000);

  it('refuses a server a desktop has already written settings to, naming them', async () => {
    const sqlite = openSqlite();
    await populate(sqlite, '', 10);
    const target = await openTarget();
    await createRepositories(target).settings.set('admin:secret', 'scrypt$other');
    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('not empty (1 settings)');
    expect(await createRepositories(target).settings.get('admin:secret')).toBe('scrypt$other');
  });

  it('a row the server refuses part-way leaves the server empty and the desktop unmarked', async () => {
    const sqlite = openSqlite();
    await populate(sqlite, '', 1_200);
    // The last table copied holds a row SQLite accepted without its CHECK (an older app's bug, say).
    sqlite.db.exec('PRAGMA ignore_check_constraints = ON');
    sqlite.db.exec(`UPDATE zoom_cleanup SET state = 'lost' WHERE id = (SELECT MAX(id) FROM zoom_cleanup)`);
    sqlite.db.exec('PRAGMA ignore_check_constraints = OFF');
    const target = await openTarget();

    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.message).toContain('zoom_cleanup');
    expect(e.message).toContain('zoom_cleanup_state_check');
    expect(e.message).toContain('Nothing was moved');
    expect(await counts(target)).toEqual(empty);
    expect(await createRepositories(sqlite).settings.get(MOVED_KEY)).toBeUndefined();

    // Corrected on the desktop, the move then runs on the same server.
    sqlite.db.exec(`UPDATE zoom_cleanup SET state = 'parked' WHERE state = 'lost'`);
    const report = await moveToServer({ sqlite, target, desktopName: 'Reception' });
    expect(report.tables.appointments).toBe(1_200);
  }, 60_000);

  it('a NUL character in a note (SQLite keeps it, PostgreSQL cannot) is named, and nothing moves', async () => {
    const sqlite = openSqlite();
    const p = await populate(sqlite, '', 600);
    await sqlite.run('UPDATE appointments SET notes = ? WHERE id = ?', [
      'before\u0000after',
      p.appointments[555]!,
    ]);
    const target = await openTarget();
    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.message).toContain('of appointments');
    expect(e.message).toContain('NUL character');
    expect(e.message).toContain('appt-000500 to appt-000599');
    expect(await counts(target)).toEqual(empty);
  }, 60_000);

  it('a server table without a column the desktop has is refused before anything is copied', async () => {
    const sqlite = openSqlite();
    await populate(sqlite, '', 20);
    const config = await freshPostgresDatabase();
    const target = await openTarget(config);
    await target.run('ALTER TABLE zoom_cleanup DROP COLUMN host_user_id');
    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.message).toContain('zoom_cleanup');
    expect(e.message).toContain('the server lacks host_user_id');
    expect(await counts(target)).toEqual(empty);
    expect(await createRepositories(sqlite).settings.get(MOVED_KEY)).toBeUndefined();
  });

  it('a copy that arrives different (the checksum) rolls the whole move back', async () => {
    const sqlite = openSqlite();
    await populate(sqlite, '', 100);
    const target = await openTarget();
    // A server that quietly changes what it is given: row counts agree, contents do not.
    await target.run(`CREATE FUNCTION trim_error() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.last_error := left(NEW.last_error, 5); RETURN NEW; END $$`);
    await target.run(
      'CREATE TRIGGER trim_error BEFORE INSERT ON sync_state FOR EACH ROW EXECUTE FUNCTION trim_error()',
    );
    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.message).toContain('The copy of sync_state on the clinic server differs');
    expect(await counts(target)).toEqual(empty);
    expect(await createRepositories(sqlite).settings.get(MOVED_KEY)).toBeUndefined();
  });

  it('refuses a database of another schema version', async () => {
    const sqlite = openSqlite();
    sqlite.db.exec('PRAGMA user_version = 5');
    const target = await openTarget();
    const e = await refusal(moveToServer({ sqlite, target, desktopName: 'Reception' }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('schema 5');
  });

  it('npm run move-to-server: says what it will do, prints the counts, refuses a second run (1), an unreachable server (2)', async () => {
    const folder = desktopFolder();
    const sqlite = openSqlite(folder);
    await populate(sqlite, '', 40);
    await sqlite.close();
    const config = await freshPostgresDatabase();
    const run = (args: string[], env: Record<string, string> = {}, input = '') =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/move-to-server.ts', ...args], {
        encoding: 'utf8',
        input,
        env: { ...process.env, CLINIC_DB_PASSWORD: '', ...env },
        timeout: 60_000,
      });
    const args = [
      '--data-dir',
      folder,
      '--host',
      config.host,
      '--port',
      String(config.port),
      '--database',
      config.database,
      '--user',
      config.user,
      '--desktop-name',
      'Reception',
    ];

    // The password from standard input when the variable is not set.
    const first = run(args, {}, `${config.password}\n`);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      `postgres://${config.user}@${config.host}:${config.port}/${config.database}`,
    );
    expect(first.stdout).toContain(join(folder, 'companion.db'));
    expect(first.stdout).toMatch(/appointments\s+40\b/);
    expect(first.stdout).not.toContain(config.password!);

    const second = run(args, { CLINIC_DB_PASSWORD: config.password! });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already moved');

    const unmoved = desktopFolder();
    await populate(openSqlite(unmoved), '', 5);
    const away = run(
      ['--data-dir', unmoved, '--host', '127.0.0.1', '--port', '1', '--database', 'x', '--user', 'y'],
      {
        CLINIC_DB_PASSWORD: 'z',
      },
    );
    expect(away.status).toBe(2);
    expect(away.stderr).toContain('cannot be reached');

    const noDatabase = run(['--data-dir', desktopFolder(), ...args.slice(2)], { CLINIC_DB_PASSWORD: 'z' });
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain('companion.db');

    const passwordInArgs = run([...args, '--password', 'x']);
    expect(passwordInArgs.status).toBe(2);
    expect(passwordInArgs.stderr).toContain('CLINIC_DB_PASSWORD');
  }, 120_000);
});
