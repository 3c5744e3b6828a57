// A clinic of desktops under chaos: four desktop cores as real processes (reception and three
// doctors' rooms, see fixtures/desktop-child.ts) on one PostgreSQL server and one Zoom sandbox,
// with skewed clocks, Zoom faults (429s, 5xx, dropped connections, create answers lost after Zoom
// made the meeting) and SIGKILLs of random desktops at random moments and mid-create, SIGSTOPs that
// wake a desktop after its lease lapsed, and doctors signed in on two desktops so one takes over
// the other's work. Reception books, moves, re-hosts and cancels tele-visits throughout. At the end,
// every desktop running and settled: each live tele-visit has exactly one meeting on Zoom with its
// reference, time, duration and doctor, and its mapping points to it (0 duplicates); Zoom keeps no
// meeting without a live visit (0 orphans); no visit reception booked is missing or without its
// meeting (0 lost); and reception's own day list shows each visit's join link, made by the
// doctor's desktop, never by reception. Triggers on the test's own database record every claim, so
// a claim before another desktop's lease lapsed (on the server's clock) or two desktops working on
// one visit at once fail the test too.
//
// Knobs: CLINIC_CHAOS_MS (how long the chaos lasts), CLINIC_CHAOS_SEED (repeat a run's choices),
// CLINIC_CHAOS_SKEW=0 (every clock right), CLINIC_CHAOS_TRACE=1 (each troubled visit's story).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { needsMeeting } from '../../main/core/appointments/intent';
import { openPostgresStore, type PostgresConfig, type PostgresStore } from '../../main/core/store/postgres';
import type { Appointment } from '../../main/core/store/records';
import { createRepositories, type Repositories } from '../../main/core/store/repositories';
import { type SandboxMeeting, startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase } from '../store/engines';

const skip = postgresUnavailableReason();
const CHILD = join(import.meta.dirname, 'fixtures', 'desktop-child.ts');
const ZONE = 'America/New_York';
const LEASE_MS = 3_000;
const HEARTBEAT_MS = 1_000;
/** How long reception keeps booking while desktops are killed (the whole test stays under ~90 s). */
const CHAOS_MS = Number(process.env.CLINIC_CHAOS_MS ?? 30_000);
const SEED = Number(process.env.CLINIC_CHAOS_SEED ?? Math.floor(Math.random() * 1e9));
const DAY_MS = 86_400_000;

const DOCTORS = [
  { id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' },
  { id: 'doc-patel', displayName: 'Dr. Patel', email: 'dr.patel@sandbox.test' },
  { id: 'doc-garcia', displayName: 'Dr. Garcia', email: 'dr.garcia@sandbox.test' },
  { id: 'doc-kim', displayName: 'Dr. Kim', email: 'dr.kim@sandbox.test' },
] as const;
const PATIENTS = ['pat-1', 'pat-2', 'pat-3', 'pat-4', 'pat-5'];

/**
 * Who sits where, and how wrong each desktop's clock is. Dr. Lee and Dr. Patel are signed in on two
 * desktops each (one takes over when the other dies); Dr. Garcia and Dr. Kim on one (their work
 * waits for that desktop to come back).
 */
const LAYOUT = [
  { name: 'Reception', role: 'reception', offsetMs: 75_000, doctors: [] },
  { name: 'Room 1', role: 'room', offsetMs: 120_000, doctors: ['doc-lee', 'doc-patel'] },
  { name: 'Room 2', role: 'room', offsetMs: -90_000, doctors: ['doc-patel', 'doc-garcia'] },
  { name: 'Room 3', role: 'room', offsetMs: 30_000, doctors: ['doc-kim', 'doc-lee'] },
] as const;
const HOOK_POINTS = ['before-create', 'after-create', 'after-update', 'after-delete'] as const;

/** Seeded, so a failing run's choices can be repeated (timing between processes still varies). */
function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
const rnd = seeded(SEED);
/** The link Zoom gives people for this meeting (as the sandbox builds it in its answers). */
const joinUrlOf = (m: SandboxMeeting) => `${zoomOrigin}/j/${m.id}?pwd=${m.encrypted_password}`;
let zoomOrigin = '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Event {
  desktop: string;
  at: number;
  ev: string;
  [k: string]: unknown;
}

interface VisitView {
  id: string;
  startUtc: string;
  status: number;
  visitType: string;
  state: string;
  joinUrl: string | null;
  meetingId: string | null;
  problem: string | null;
}

const events: Event[] = [];
const allDesktops = new Set<Desktop>();
/**
 * Another desktop is about to make the meeting for a visit whose work a sleeping desktop held: the
 * sleeper wakes now, so its late create and write race the new claim's (only the fence tells
 * them apart: without it, one of the two meetings is left over).
 */
function wakeLate(maker: Desktop, appointmentId: string) {
  for (const d of allDesktops) {
    if (d !== maker && d.paused && d.pausedOn === appointmentId) {
      figures.wokenMidTakeover++;
      // Just after the maker's create went out (held on the wire by the fault onSleep armed).
      setTimeout(() => d.wake(), 100);
    }
  }
}
/** Set by the test: a desktop went to sleep holding this visit's work. */
let onSleep: (appointmentId: string) => void = () => {};
const figures = {
  seed: SEED,
  desktops: LAYOUT.length,
  kills: 0,
  killsMidWrite: 0,
  pauses: 0,
  /** Sleepers woken just as another desktop set out to make the meeting they had begun. */
  wokenMidTakeover: 0,
  /** The late desktop's write refused in the drill (the fence). */
  lateWriteRefused: false,
  restarts: 0,
  takeovers: 0,
  /** Claims made while another intent for the same visit was in flight on a live lease. */
  overlaps: 0,
  lateWritesRefused: 0,
  surplusCleaned: 0,
  adoptedAfterCrash: 0,
  creates: 0,
  createsByReception: 0,
  faultsInjected: 0,
  /** Queued retries (outbox, clean-up) made due at once by the settle step, as time passing would. */
  backOffsSkipped: 0,
  booked: 0,
  moved: 0,
  rehosted: 0,
  cancelled: 0,
  liveTeleVisits: 0,
  duplicates: 0,
  orphans: 0,
  lost: 0,
  stuck: 0,
  firstLinkMs: 0,
  lastLinkMs: 0,
  /** Reads of the outbox per second over the run, by all desktops together. */
  outboxReadsPerSecond: 0,
  /** Drains per desktop over 3 s of quiet at the end. */
  idleDrains: [] as number[],
  setupMs: 0,
  settleMs: 0,
  runtimeMs: 0,
};

class Desktop {
  proc: ChildProcessWithoutNullStreams | null = null;
  id = '';
  paused = false;
  /** The visit whose work it was doing when it went to sleep, and when it woke up. */
  pausedOn = '';
  wokeAt = 0;
  /** When it was started with a KILL_AT or PAUSE_AT still to reach (0: not armed). */
  armed = 0;
  stderr = '';
  /** The parent ended it on purpose (a chaos kill, or the end of the run). */
  private expectExit = false;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private exited: Promise<void> = Promise.resolve();
  readonly dataDir = mkdtempSync(join(tmpdir(), 'cc-clinic-desktop-'));
  onUnexpectedExit: (d: Desktop) => void = () => {};

  constructor(
    readonly name: string,
    readonly role: 'reception' | 'room',
    readonly offsetMs: number,
    readonly doctors: readonly string[],
    private readonly env: Record<string, string>,
  ) {}

  get up(): boolean {
    return this.proc !== null;
  }

  /** Starts the core on this desktop's data folder; resolves once it is running. */
  start(hooks: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        ...this.env,
        DATA_DIR: this.dataDir,
        DESKTOP_NAME: this.name,
        CLOCK_OFFSET: String(this.offsetMs),
        ...hooks,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc = child;
    this.expectExit = false;
    this.paused = false;
    this.pausedOn = '';
    child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + String(d)).slice(-8_000);
    });
    let ready!: () => void;
    let failed!: (e: Error) => void;
    const started = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not one of ours
      }
      if (typeof msg.re === 'number') {
        const w = this.waiting.get(msg.re);
        this.waiting.delete(msg.re);
        if (msg.ok) w?.resolve(msg.value);
        else w?.reject(Object.assign(new Error(String(msg.error)), { kind: msg.kind }));
        return;
      }
      const e = { ...msg, desktop: this.name, at: Date.now() } as Event;
      events.push(e);
      if (e.ev === 'ready') {
        this.id = String(e.desktopId);
        ready();
      } else if (e.ev === 'dying') {
        this.armed = 0;
      } else if (e.ev === 'pausing') {
        this.armed = 0;
        // Asleep past its lease: another desktop may take its work over meanwhile.
        figures.pauses++;
        this.paused = true;
        this.pausedOn = String(e.appointmentId);
        onSleep(this.pausedOn);
        // Woken as the desktop that took the work over sets out to make the meeting (see
        // wakeLate), or else at a random moment after its lease lapsed.
        setTimeout(() => this.wake(child), LEASE_MS + rnd.int(1_000, 5_000));
      } else if (e.ev === 'before-create') {
        wakeLate(this, String(e.appointmentId));
      }
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        if (this.proc === child) this.proc = null;
        for (const w of this.waiting.values()) w.reject(new Error(`${this.name} exited`));
        this.waiting.clear();
        failed(new Error(`${this.name} exited before it was ready (${code ?? signal}): ${this.stderr}`));
        if (!this.expectExit) this.onUnexpectedExit(this);
        resolve();
      });
    });
    return started;
  }

  /** SIGCONT: the desktop goes on from where it slept, its lease long lapsed. */
  wake(child = this.proc): void {
    if (child && this.proc === child && this.paused) {
      child.kill('SIGCONT');
      this.wokeAt = Date.now();
    }
    this.paused = false;
    this.pausedOn = '';
  }

  async kill(): Promise<void> {
    if (!this.proc) return;
    events.push({ desktop: this.name, at: Date.now(), ev: 'killed' });
    this.expectExit = true;
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** Ends the run: stdin closed, the core disposes itself. */
  async stop(): Promise<void> {
    if (!this.proc) return;
    this.expectExit = true;
    if (this.paused) this.proc.kill('SIGCONT');
    this.proc.stdin.end();
    const timer = setTimeout(() => this.proc?.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const proc = this.proc;
    if (!proc) return Promise.reject(new Error(`${this.name} is down`));
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      proc.stdin.write(`${JSON.stringify({ id, cmd, ...args })}\n`);
    });
  }
}

/** A visit as reception's answers show it. */
interface View {
  id: string;
  doctorId: string;
  startUtc: string;
  visitType: string;
  status: number;
}

/** A visit as reception last left it (what the book must hold at the end). */
interface Booked {
  id: string;
  doctorId: string;
  date: string;
  time: string;
  visitType: 'telemed' | 'in_person';
  startUtc: string;
  cancelled: boolean;
}

describe.skipIf(skip)('a clinic of four desktop processes under chaos', () => {
  let zoom: ZoomSandbox;
  let database: PostgresConfig;
  let store: PostgresStore;
  let repos: Repositories;
  let desktops: Desktop[] = [];
  const started = Date.now();

  afterAll(async () => {
    await Promise.all(desktops.map((d) => d.stop().catch(() => undefined)));
    await store?.close();
    await zoom?.close();
    for (const d of desktops) rmSync(d.dataDir, { recursive: true, force: true });
  });

  it('0 duplicates, 0 orphans, 0 lost; reception shows the join link the doctor’s desktop made', async () => {
    // ---- the clinic: one sandbox, one server, four desktops -------------------------------------
    zoom = await startZoomSandbox({ seed: SEED });
    zoomOrigin = zoom.origin;
    zoom.addUser({ email: 'dr.kim@sandbox.test', first_name: 'Min', last_name: 'Kim' });
    database = await freshPostgresDatabase();
    // The schema is made once here (the desktops then open an up-to-date database together).
    store = await openPostgresStore(database);
    repos = createRepositories(store);
    for (const d of DOCTORS) await repos.doctors.insert({ ...d });
    for (const [i, id] of PATIENTS.entries())
      await repos.patients.insert({ id, displayName: `Patient ${i + 1}` });
    await watchClaims(database);

    const env = {
      ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
      ZOOM_API_BASE_URL: zoom.apiBaseUrl,
      ZOOM_CLIENT_ID: 'sandbox-public-client',
      PG_CONFIG: JSON.stringify(database),
      HEARTBEAT_MS: String(HEARTBEAT_MS),
      LEASE_MS: String(LEASE_MS),
      CLINIC_ZONE: ZONE,
    };
    // CLINIC_CHAOS_SKEW=0 runs every desktop on the true time (to tell a skew failure from others).
    const skew = Number(process.env.CLINIC_CHAOS_SKEW ?? 1);
    desktops = LAYOUT.map((l) => new Desktop(l.name, l.role, l.offsetMs * skew, l.doctors, env));
    for (const d of desktops) allDesktops.add(d);
    const reception = desktops[0]!;
    const rooms = desktops.slice(1);
    const byName = (name: string) => desktops.find((d) => d.name === name)!;

    // The rooms first: each doctor signs in to Zoom on their desktop(s), then reception opens.
    await Promise.all(rooms.map((r) => r.start()));
    for (const r of rooms) {
      for (const doctorId of r.doctors) {
        const { authorizeUrl } = await r.call<{ authorizeUrl: string }>('connect', { doctorId });
        const email = DOCTORS.find((d) => d.id === doctorId)!.email;
        const connected = waitFor(
          (e) => e.desktop === r.name && e.ev === 'connected' && e.doctorId === doctorId,
        );
        await fetch(await zoom.approve(authorizeUrl, email), { redirect: 'manual' });
        await connected;
      }
    }
    await reception.start();

    figures.setupMs = Date.now() - started;
    const chaosStarted = Date.now();
    // ---- the reception story, calm: booked at reception, made in Dr. Garcia's room -------------
    const book = new Book(reception);
    figures.firstLinkMs = await receptionStory(book, reception, byName('Room 2'));

    // ---- the late desktop: Dr. Patel's two rooms both go to sleep before their create -----------
    // The room that claims the visit sleeps; its lease lapses and the other room takes the work
    // over, and falls asleep too, its claim held. The first wakes (wakeLate) and makes its meeting
    // late: its write must be refused (the fence) and its meeting cleaned up; then the second
    // wakes and finishes. Without the fence both writes land and one meeting is left over.
    const patelRooms = rooms.filter((r) => r.doctors.includes('doc-patel'));
    await Promise.all(
      patelRooms.map(async (r) => {
        figures.kills++;
        await r.kill();
        await r.start({ PAUSE_AT: 'before-create', HOOK_DOCTORS: 'doc-patel' });
        figures.restarts++;
      }),
    );
    const late = await book.book('doc-patel', 'telemed');
    const slept = (e: Event) => e.ev === 'pausing' && e.appointmentId === late.id;
    const first = await waitFor(slept);
    await waitFor((e) => slept(e) && e.desktop !== first.desktop).catch(() => undefined);
    // Done when both are awake again and nothing is left to do for the visit (or after 20 s).
    for (let t0 = Date.now(); Date.now() - t0 < 20_000; ) {
      await sleep(250);
      const open = await store.row<{ n: number }>(
        `SELECT (SELECT COUNT(*) FROM outbox WHERE appointment_id = ? AND state IN ('pending', 'in-flight'))
              + (SELECT COUNT(*) FROM zoom_cleanup WHERE appointment_id = ? AND state = 'pending') AS n`,
        [late.id, late.id],
      );
      if (!patelRooms.some((r) => r.paused) && Number(open?.n) === 0) break;
    }
    figures.lateWriteRefused = events.some(
      (e) =>
        e.desktop === first.desktop && e.event === 'provisioning.lease-lost' && e.appointmentId === late.id,
    );

    // ---- chaos ------------------------------------------------------------------------------------
    zoom.faults.add({ path: '/v2/**', probability: 0.15, effect: { kind: 'latency', ms: 250 } });
    // Slow creates: a take-over's create is often still out when the desktop it replaced wakes up.
    zoom.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      probability: 0.3,
      effect: { kind: 'latency', ms: 1_500 },
    });
    // Create answers lost after Zoom made the meeting: the next attempt must find it, not make another.
    zoom.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      probability: 0.2,
      count: 3,
      effect: { kind: 'apply-then-drop', delayMs: 100 },
    });
    zoom.faults.add({ path: '/v2/**', probability: 0.04, effect: { kind: 'status', status: 503 } });
    zoom.faults.add({
      path: '/v2/**',
      probability: 0.04,
      effect: { kind: 'rate-limit', retryAfterSeconds: 1 },
    });
    zoom.faults.add({
      method: 'GET',
      path: '/v2/users/*/meetings',
      probability: 0.05,
      effect: { kind: 'drop' },
    });

    // The next create for the sleeper's doctor (most likely the take-over's) is held on the wire
    // for a while: the sleeper, woken as it goes out, writes first; only the fence refuses it.
    onSleep = (appointmentId) =>
      void repos.appointments.get(appointmentId).then((a) => {
        const email = DOCTORS.find((d) => d.id === a?.doctorId)?.email;
        if (email)
          zoom.faults.add({
            method: 'POST',
            path: '/v2/users/*/meetings',
            user: email,
            count: 1,
            effect: { kind: 'latency', ms: 2_500 },
          });
      });
    const restarts = new Set<Promise<void>>();
    const restart = (d: Desktop, afterMs: number, hooks: Record<string, string> = {}) => {
      const p = (async () => {
        await sleep(afterMs);
        d.armed = Object.keys(hooks).length ? Date.now() : 0;
        // A desktop may die by its own hook before it says it is ready (its first drain reached the
        // write point): its exit handler starts it again.
        await d.start(hooks).then(
          () => void figures.restarts++,
          () => undefined,
        );
      })();
      restarts.add(p);
      void p.finally(() => restarts.delete(p));
      return p;
    };
    let chaos = true;
    for (const r of rooms) {
      // Died by its own hand at a write point (KILL_AT): back after its lease lapsed, so a desktop
      // holding the same doctor's sign-in can take the work over first.
      r.onUnexpectedExit = (d) => {
        figures.kills++;
        figures.killsMidWrite++;
        d.armed = 0;
        void restart(d, LEASE_MS + 1_500);
      };
    }
    const shared = (r: Desktop) =>
      r.doctors.filter((id) => rooms.some((o) => o !== r && o.doctors.includes(id))).join(',');
    // The first three blows are chosen (a crash after Zoom made the meeting, a desktop asleep past
    // its lease with the meeting made but not written, a crash before the create); then random ones.
    const plan: Array<(r: Desktop) => Record<string, string>> = [
      (r) => ({ KILL_AT: 'after-create', HOOK_DOCTORS: shared(r) }),
      (r) => ({ PAUSE_AT: 'after-create', HOOK_DOCTORS: shared(r) }),
      (r) => ({ KILL_AT: 'before-create', HOOK_DOCTORS: shared(r) }),
    ];
    const chaosLoop = (async () => {
      let blow = 0;
      await sleep(1_000);
      while (chaos) {
        // A desktop waiting for its write point (armed) is left alone for a while.
        // A desktop just woken from its sleep is let finish its late write.
        const free = rooms.filter(
          (x) =>
            x.up && !x.paused && Date.now() - x.wokeAt > 5_000 && (!x.armed || Date.now() - x.armed > 12_000),
        );
        const r = blow < plan.length ? rooms[blow] : rnd.pick(free);
        if (r && free.includes(r)) {
          const roll = rnd.next();
          const hooks =
            blow < plan.length
              ? plan[blow]!(r)
              : roll < 0.2
                ? { KILL_AT: rnd.pick(HOOK_POINTS) }
                : roll < 0.5
                  ? { PAUSE_AT: rnd.pick(['before-create', 'after-create']), HOOK_DOCTORS: shared(r) }
                  : {};
          figures.kills++;
          await r.kill();
          // Sometimes back at once, sometimes after its leases lapsed.
          void restart(r, rnd.int(200, 5_000), hooks);
          blow++;
        }
        await sleep(rnd.int(1_500, 3_500));
      }
    })();

    // Reception's day: book, move, re-host and cancel, one request after another.
    const until = Date.now() + CHAOS_MS;
    let receptionKilled = false;
    while (Date.now() < until) {
      if (!receptionKilled && Date.now() > until - CHAOS_MS / 2) {
        // Reception dies too, between two requests (a request cut off would leave its outcome
        // unknown to this test, not to the clinic), and comes back on its data folder.
        receptionKilled = true;
        figures.kills++;
        await reception.kill();
        await reception.start();
        figures.restarts++;
      }
      await book.randomChange();
      await sleep(rnd.int(150, 450));
    }
    chaos = false;
    await chaosLoop;
    while (restarts.size) await Promise.all([...restarts]);
    // A desktop still waiting for its write point is started again without it.
    for (const d of rooms.filter((x) => x.armed)) {
      figures.kills++;
      await d.kill();
      await restart(d, 0);
    }
    for (const d of desktops) if (!d.up) await restart(d, 0);
    while (restarts.size) await Promise.all([...restarts]);
    while (desktops.some((d) => d.paused)) await sleep(200);

    // ---- settle: Zoom well again, every desktop running --------------------------------------------
    zoom.faults.clear();
    figures.faultsInjected = zoom.stats().faultsInjected;
    const settling = Date.now();
    await settle(desktops);
    figures.settleMs = Date.now() - settling;

    // ---- the verdict --------------------------------------------------------------------------------
    const verdict = await judge(book);
    figures.lastLinkMs = await receptionStory(book, reception, byName('Room 2'));
    await settle(desktops);
    const last = await judge(book);
    Object.assign(figures, {
      duplicates: last.duplicates,
      orphans: last.orphans,
      lost: last.lost,
      stuck: last.stuck,
      liveTeleVisits: last.liveTeleVisits,
    });
    const audit = await store.rows<{ action: string; detail: string }>(
      `SELECT action, detail FROM audit_log WHERE action IN ('meeting.created', 'meeting.surplus-after-takeover')`,
    );
    figures.surplusCleaned = audit.filter((a) => a.action === 'meeting.surplus-after-takeover').length;
    figures.adoptedAfterCrash = audit.filter(
      (a) => a.action === 'meeting.created' && /"adopted":\s*true/.test(String(a.detail)),
    ).length;
    const takeovers = await store.rows<{ early: boolean; fromOwner: string; toOwner: string }>(
      'SELECT early, from_owner, to_owner FROM chaos_takeovers',
    );
    figures.takeovers = takeovers.filter((t) => t.fromOwner !== t.toOwner).length;
    const overlaps = await store.rows('SELECT * FROM chaos_overlaps');
    figures.overlaps = overlaps.length;
    figures.lateWritesRefused = events.filter((e) => e.event === 'provisioning.lease-lost').length;
    figures.creates = zoom.stats().creates;
    figures.createsByReception = events.filter(
      (e) => e.desktop === 'Reception' && (e.ev === 'before-create' || e.ev === 'after-create'),
    ).length;
    // Idle: nothing to do, nothing changing; no desktop may keep asking the server for work.
    const before = await Promise.all(desktops.map((d) => d.call<{ drains: number }>('status')));
    await sleep(3_000);
    const after = await Promise.all(desktops.map((d) => d.call<{ drains: number }>('status')));
    figures.idleDrains = after.map((a, i) => a.drains - before[i]!.drains);
    figures.runtimeMs = Date.now() - started;
    if (process.env.CLINIC_CHAOS_TRACE) {
      // Each sleep: what happened to that visit's work from then on, and who claimed it.
      for (const p of events.filter((e) => e.ev === 'pausing')) {
        const trail = events
          .filter(
            (e) =>
              e.at >= p.at - 50 &&
              (e.appointmentId === p.appointmentId ||
                (['killed', 'ready', 'dying'].includes(e.ev) && e.at <= p.at + 10_000)),
          )
          .map((e) => `+${e.at - p.at} ms ${e.desktop} ${e.ev} ${e.event ?? ''}`);
        const claims = await store.rows(
          `SELECT c.fence, c.prev_state, c.claimed_at, d.name FROM chaos_claims c LEFT JOIN desktops d ON d.id = c.owner
           WHERE c.appointment_id = ? ORDER BY c.claimed_at`,
          [String(p.appointmentId)],
        );
        console.info(
          `[clinic-chaos] ${p.desktop} slept at ${p.point}:\n  ${trail.join('\n  ')}\n  claims: ${JSON.stringify(claims)}`,
        );
      }
    }
    // How hard the desktops read the outbox over the run (a loop polling for work would show here).
    const scans = await store.row<{ n: number }>(
      `SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE relname = 'outbox'`,
    );
    figures.outboxReadsPerSecond = Math.round(Number(scans?.n ?? 0) / ((Date.now() - chaosStarted) / 1000));
    console.info(`[clinic-chaos] ${JSON.stringify(figures)}`);
    if (verdict.problems.length || last.problems.length)
      console.info(`[clinic-chaos] problems: ${JSON.stringify([...verdict.problems, ...last.problems])}`);

    // Right after the chaos settled, and again after one more visit booked in calm.
    for (const v of [verdict, last]) {
      expect(v.problems, 'problems').toEqual([]);
      expect(v.duplicates, 'duplicates').toBe(0);
      expect(v.orphans, 'orphans').toBe(0);
      expect(v.lost, 'lost').toBe(0);
      expect(v.stuck, 'stuck work').toBe(0);
    }
    expect(figures.lateWriteRefused, 'the late desktop’s write refused').toBe(true);
    // Idle desktops wait for pushes; none keeps polling the server for work.
    for (const n of figures.idleDrains) expect(n, 'drains in 3 s of quiet').toBeLessThanOrEqual(3);
    // No claim while another desktop's lease held (on the server's clock, whatever the desktops' say).
    expect(
      takeovers.filter((t) => t.early),
      'claims before the lease lapsed',
    ).toEqual([]);
    expect(overlaps, 'two desktops working on one visit at once').toEqual([]);
    expect(figures.createsByReception, 'meetings made by reception').toBe(0);
    expect(figures.takeovers, 'a lapsed lease taken over by another desktop').toBeGreaterThan(0);
    expect(figures.kills).toBeGreaterThanOrEqual(4);
    expect(figures.booked + figures.moved + figures.rehosted + figures.cancelled).toBeGreaterThanOrEqual(40);
  }, 150_000);

  // ---- helpers ----------------------------------------------------------------------------------

  /**
   * Records every claim of a lease another desktop held (a takeover) and whether it came before
   * that lease lapsed on the server's clock; and every claim made while another intent for the same
   * visit was in flight under a live lease (two desktops working on one visit at once).
   */
  async function watchClaims(config: PostgresConfig) {
    const c = new pg.Client({ ...config });
    await c.connect();
    try {
      await c.query(`
        CREATE TABLE chaos_takeovers (outbox_id INTEGER, from_owner TEXT, to_owner TEXT, old_until TEXT,
          claimed_at TEXT, early BOOLEAN);
        CREATE TABLE chaos_claims (outbox_id INTEGER, appointment_id TEXT, owner TEXT, fence INTEGER,
          prev_state TEXT, claimed_at TEXT);
        CREATE TABLE chaos_overlaps (outbox_id INTEGER, other_id INTEGER, appointment_id TEXT, owner TEXT,
          other_owner TEXT, claimed_at TEXT);
        CREATE FUNCTION chaos_note_claim() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE now_text TEXT := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        BEGIN
          IF NEW.state = 'in-flight' AND NEW.fence > OLD.fence THEN
            INSERT INTO chaos_claims VALUES (NEW.id, NEW.appointment_id, NEW.lease_owner, NEW.fence, OLD.state, now_text);
            IF OLD.state = 'in-flight' THEN
              INSERT INTO chaos_takeovers VALUES (NEW.id, OLD.lease_owner, NEW.lease_owner, OLD.lease_until,
                now_text, OLD.lease_until IS NULL OR now_text <= OLD.lease_until);
            END IF;
            INSERT INTO chaos_overlaps SELECT NEW.id, o.id, NEW.appointment_id, NEW.lease_owner, o.lease_owner, now_text
              FROM outbox o WHERE o.appointment_id = NEW.appointment_id AND o.id <> NEW.id
                AND o.state = 'in-flight' AND o.lease_until > now_text;
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER chaos_claim AFTER UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION chaos_note_claim();
      `);
    } finally {
      await c.end();
    }
  }

  function waitFor(match: (e: Event) => boolean, timeoutMs = 15_000): Promise<Event> {
    const found = events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t0 = Date.now();
      const timer = setInterval(() => {
        const e = events.find(match);
        if (e) {
          clearInterval(timer);
          resolve(e);
        } else if (Date.now() - t0 > timeoutMs) {
          clearInterval(timer);
          reject(new Error('timed out waiting for an event'));
        }
      }, 25);
    });
  }

  /**
   * Reception books a visit with Dr. Garcia (signed in only in Room 2) and asks its own process for
   * the day until the join link shows; that link is the meeting Room 2 made. Returns how long it took.
   */
  async function receptionStory(book: Book, reception: Desktop, room: Desktop): Promise<number> {
    const visit = await book.book('doc-garcia', 'telemed');
    const t0 = Date.now();
    let row: VisitView | undefined;
    while (Date.now() - t0 < 15_000) {
      row = (await reception.call<VisitView[]>('list', { date: visit.date })).find((v) => v.id === visit.id);
      if (row?.joinUrl) break;
      await sleep(100);
    }
    const elapsed = Date.now() - t0;
    if (!row?.joinUrl) {
      const work = await store.rows('SELECT * FROM outbox WHERE appointment_id = ?', [visit.id]);
      throw new Error(`no join link at reception after ${elapsed} ms: ${JSON.stringify({ row, work })}`);
    }
    expect(row.joinUrl).toMatch(/^https?:\/\/.+\/j\//);
    expect(elapsed, 'booking → join link at reception, ms').toBeLessThan(5_000);
    const meeting = zoom.meetings().find((m) => m.id === row!.meetingId);
    if (!meeting) throw new Error(`reception shows meeting ${row.meetingId}, which Zoom does not have`);
    expect(row.joinUrl).toBe(joinUrlOf(meeting));
    expect(meeting.host_email).toBe('dr.garcia@sandbox.test');
    const makers = events.filter((e) => e.ev === 'after-create' && e.appointmentId === visit.id);
    expect(makers.map((e) => e.desktop)).toEqual([room.name]);
    return elapsed;
  }

  /** Drains until no work is left: back-offs skipped (time moved on), every desktop kicked. */
  async function settle(all: Desktop[]) {
    let quiet = 0;
    const t0 = Date.now();
    while (quiet < 2 && Date.now() - t0 < 25_000) {
      // Like the crash loop moving its clock past every back-off: what waits is due now. Setting
      // the state again wakes every desktop (the outbox's NOTIFY).
      figures.backOffsSkipped += await store.run(
        `UPDATE outbox SET state = 'pending', next_attempt_at = '2000-01-01T00:00:00.000Z'
         WHERE state = 'pending' AND next_attempt_at > '2000-01-01T00:00:00.000Z'`,
      );
      figures.backOffsSkipped += await store.run(
        `UPDATE zoom_cleanup SET next_attempt_at = '2000-01-01T00:00:00.000Z'
         WHERE state = 'pending' AND next_attempt_at > '2000-01-01T00:00:00.000Z'`,
      );
      await Promise.all(all.map((d) => d.call('kick').catch(() => undefined)));
      await sleep(750);
      const open = await store.row<{ n: number }>(
        `SELECT (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'in-flight'))
              + (SELECT COUNT(*) FROM zoom_cleanup WHERE state = 'pending') AS n`,
      );
      quiet = Number(open?.n) === 0 ? quiet + 1 : 0;
    }
  }

  interface Judgement {
    duplicates: number;
    orphans: number;
    lost: number;
    stuck: number;
    liveTeleVisits: number;
    problems: string[];
  }

  /** Zoom, the clinic's database and reception's own day list, against what reception did. */
  async function judge(book: Book): Promise<Judgement> {
    const problems: string[] = [];
    const note = (p: string) => problems.length < 30 && problems.push(p);
    const live = zoom.meetings();
    const byRef = new Map<string, typeof live>();
    for (const m of live) {
      const ref = /\(ref (CC-[A-Z0-9]+)\)/.exec(m.topic)?.[1] ?? `unknown:${m.id}`;
      byRef.set(ref, [...(byRef.get(ref) ?? []), m]);
    }
    const duplicates = [...byRef.values()].filter((ms) => ms.length > 1);
    for (const ms of duplicates) note(`duplicate: ${ms.map((m) => `${m.id} ${m.topic}`).join(' / ')}`);

    // Reception's own view of every day it booked on.
    const shown = new Map<string, VisitView>();
    for (const date of new Set([...book.visits.values()].map((v) => v.date))) {
      for (const v of await book.reception.call<VisitView[]>('list', { date })) shown.set(v.id, v);
    }

    let lost = 0;
    let tele = 0;
    const wanted = new Set<string>();
    for (const b of book.visits.values()) {
      const a: Appointment | undefined = await repos.appointments.get(b.id);
      if (!a || a.deletedAt) {
        lost++;
        note(`${b.id}: missing from the book`);
        continue;
      }
      if ((a.status === 0) !== b.cancelled || a.doctorId !== b.doctorId || a.startUtc !== b.startUtc) {
        lost++;
        note(
          `${a.reference}: the book holds ${a.doctorId} ${a.startUtc} status ${a.status}, reception left ${JSON.stringify(b)}`,
        );
      }
      const m = await repos.mappings.get(a.id);
      const mine = live.filter((x) => x.topic.includes(a.reference));
      if (!needsMeeting(a)) {
        if (mine.length) note(`${a.reference}: ${mine.length} meeting(s) for a visit that needs none`);
        continue;
      }
      tele++;
      const doctor = DOCTORS.find((d) => d.id === a.doctorId)!;
      const one = mine.length === 1 ? mine[0]! : undefined;
      const why =
        m?.state !== 'ready'
          ? `mapping ${m?.state ?? 'missing'} (${m?.lastErrorMessage ?? ''})`
          : !one
            ? `${mine.length} live meetings`
            : one.id !== m.zoomMeetingId
              ? `mapping points at ${m.zoomMeetingId}, Zoom has ${one.id}`
              : one.start_time !== a.startUtc
                ? `meeting at ${one.start_time}, visit at ${a.startUtc}`
                : one.duration !== a.durationMin
                  ? 'wrong duration'
                  : one.host_email !== doctor.email
                    ? `host ${one.host_email}, doctor ${doctor.email}`
                    : joinUrlOf(one) !== m.joinUrl
                      ? 'join link differs from the mapping'
                      : shown.get(a.id)?.joinUrl !== joinUrlOf(one)
                        ? `reception shows ${shown.get(a.id)?.joinUrl ?? 'no link'}`
                        : undefined;
      if (m?.zoomMeetingId) wanted.add(m.zoomMeetingId);
      if (why) {
        lost++;
        note(`${a.reference} (${a.doctorId} ${a.startUtc}): ${why}`);
      }
    }
    const orphans = live.filter((m) => !wanted.has(m.id));
    for (const m of orphans.slice(0, 10)) note(`orphan: ${m.id} ${m.topic} (${m.host_email})`);
    const stuckRows = await store.rows<{ what: string; n: number }>(
      `SELECT 'outbox ' || state AS what, COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'in-flight', 'parked') GROUP BY state
       UNION ALL SELECT 'cleanup ' || state, COUNT(*) FROM zoom_cleanup WHERE state IN ('pending', 'parked') GROUP BY state`,
    );
    for (const s of stuckRows) note(`left: ${s.what} × ${s.n}`);
    const left = await store.rows<{
      reference: string;
      op: string;
      state: string;
      visitDoctor: string;
      hostDoctor: string | null;
      lastError: string | null;
    }>(
      `SELECT o.reference, o.op, o.state, a.doctor_id AS visit_doctor, m.doctor_id AS host_doctor, o.last_error
       FROM outbox o JOIN appointments a ON a.id = o.appointment_id LEFT JOIN meeting_mappings m ON m.appointment_id = o.appointment_id
       WHERE o.state IN ('pending', 'in-flight', 'parked')`,
    );
    for (const l of left) note(`left: ${JSON.stringify(l)}`);
    if (process.env.CLINIC_CHAOS_TRACE) {
      // What each desktop did with the visits in trouble, and what the audit log says.
      const refs = new Set(left.map((l) => l.reference));
      for (const o of orphans) refs.add(/\(ref (CC-[A-Z0-9]+)\)/.exec(o.topic)?.[1] ?? '');
      for (const ref of refs) {
        const a = await store.row<{ id: string }>('SELECT id FROM appointments WHERE reference = ?', [ref]);
        if (!a) continue;
        const trail = events
          .filter((e) => e.appointmentId === a.id)
          .map(
            (e) =>
              `${e.at % 100_000} ${e.desktop} ${e.ev} ${e.event ?? ''} ${e.kind ?? ''} ${e.action ?? ''}`,
          );
        const audit = await store.rows<{ action: string; detail: string; at: string }>(
          'SELECT action, detail, at FROM audit_log WHERE entity_id = ? ORDER BY id',
          [a.id],
        );
        const claims = await store.rows(
          `SELECT c.outbox_id, o.op, d.name, c.fence, c.prev_state, c.claimed_at, o.state, o.last_error FROM chaos_claims c
           JOIN outbox o ON o.id = c.outbox_id LEFT JOIN desktops d ON d.id = c.owner WHERE c.appointment_id = ? ORDER BY c.claimed_at`,
          [a.id],
        );
        console.info(
          `[clinic-chaos] trail ${ref}:\n  ${trail.join('\n  ')}\n  claims: ${JSON.stringify(claims)}\n  audit: ${JSON.stringify(audit)}`,
        );
      }
    }
    return {
      duplicates: duplicates.length,
      orphans: orphans.length,
      lost,
      stuck: stuckRows.reduce((n, s) => n + Number(s.n), 0),
      liveTeleVisits: tele,
      problems,
    };
  }
});

/** Reception's side of the run: what it asked for, and what the book must hold afterwards. */
class Book {
  readonly visits = new Map<string, Booked>();
  private readonly taken = new Set<string>();

  constructor(readonly reception: Desktop) {}

  private slot(doctorId: string): { date: string; time: string } {
    for (;;) {
      // Two to four days ahead: in the future on every desktop's clock, whatever its skew.
      const date = new Date(Date.now() + rnd.int(2, 4) * DAY_MS).toLocaleDateString('en-CA', {
        timeZone: ZONE,
      });
      const minutes = 8 * 60 + 30 * rnd.int(0, 19);
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const key = `${doctorId} ${date} ${time}`;
      if (this.taken.has(key)) continue;
      this.taken.add(key);
      return { date, time };
    }
  }

  private keep(v: View, at: { date: string; time: string }) {
    this.visits.set(v.id, {
      id: v.id,
      doctorId: v.doctorId,
      date: at.date,
      time: at.time,
      visitType: v.visitType as Booked['visitType'],
      startUtc: v.startUtc,
      cancelled: v.status === 0,
    });
  }

  async book(doctorId: string, visitType: Booked['visitType']): Promise<Booked> {
    const at = this.slot(doctorId);
    const v = await this.reception.call<View>('book', {
      visit: {
        doctorId,
        patientId: rnd.pick(PATIENTS),
        date: at.date,
        time: at.time,
        durationMin: rnd.pick([15, 30, 45]),
        visitType,
      },
    });
    figures.booked++;
    this.keep(v, at);
    return this.visits.get(v.id)!;
  }

  async randomChange(): Promise<void> {
    const open = [...this.visits.values()].filter((v) => !v.cancelled);
    const roll = rnd.next();
    if (open.length < 6 || roll < 0.5) {
      await this.book(rnd.pick(DOCTORS).id, rnd.next() < 0.9 ? 'telemed' : 'in_person');
      return;
    }
    const v = rnd.pick(open);
    if (roll < 0.75) {
      const at = this.slot(v.doctorId);
      const after = await this.reception.call<View>('move', {
        appointmentId: v.id,
        ...at,
      });
      figures.moved++;
      this.keep(after, at);
    } else if (roll < 0.87) {
      const other = rnd.pick(DOCTORS.filter((d) => d.id !== v.doctorId)).id;
      const key = `${other} ${v.date} ${v.time}`;
      if (this.taken.has(key)) return;
      this.taken.add(key);
      const after = await this.reception.call<View>('rehost', {
        appointmentId: v.id,
        doctorId: other,
      });
      figures.rehosted++;
      this.keep(after, v);
    } else {
      const after = await this.reception.call<View>('cancel', { appointmentId: v.id });
      figures.cancelled++;
      this.keep(after, v);
    }
  }
}
