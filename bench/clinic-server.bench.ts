// A clinic of desktops on PostgreSQL beside a single desktop on the embedded engine (issue 14):
// 5 desktops (reception and 4 doctors' rooms), 20 doctors, 10,000 visits, one Zoom sandbox with
// Zoom's published rates and 150 ms added latency. Each desktop is a whole core in a process of its
// own (bench/clinic-desktop-child.ts), so a push from a room to reception crosses the server and
// a process boundary as in a clinic. Measured on both engines:
// - booking at reception → the join link in reception's day list, read only when a push arrives
//   (and, within that, the meeting written by the doctor's desktop → shown at reception);
// - a burst of 200 tele-visits against the reachable bound Zoom's rate allows, with 429s counted;
// - `appointments:listDay` for the whole clinic day (~200 visits, 20 doctors) at 10,000 visits.
// Without PostgreSQL (see scripts/throwaway-postgres.ts) the embedded side runs alone and the
// reason is printed.
// Run: node_modules/node/bin/node --import tsx bench/clinic-server.bench.ts
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createRepositories } from '../main/core/store';
import { openPostgresStore, type PostgresConfig } from '../main/core/store/postgres';
import { startZoomSandbox, type ZoomSandbox } from '../main/core/zoom-sandbox';
import { postgresUnavailableReason, startThrowawayPostgres } from '../scripts/throwaway-postgres';
import type { Booking, BookToLinkResult, BurstResult, OpenRequest } from './clinic-desktop-child';
import { percentiles } from './clinic-fill';
import {
  afternoonTime,
  type ClinicPlan,
  clinicPlan,
  doctorEmail,
  doctorId,
  fillClinicPlan,
  shiftDay,
} from './clinic-plan';

export interface ClinicBenchOptions {
  visits?: number;
  /** Visits reception books one at a time, each waited for until its join link shows. */
  bookings?: number;
  /** Tele-visits booked in one transaction, then provisioned by the doctors' desktops. */
  burst?: number;
  latencyMs?: number;
  /** Day-list reads timed on each engine (after 20 warm-up reads). */
  runs?: number;
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EngineFigures {
  engine: 'sqlite' | 'postgres';
  /** Desktops (processes) and the doctors' sign-ins they hold. */
  desktops: Array<{ name: string; doctors: number; rssMb: number }>;
  fillMs: number;
  /**
   * PostgreSQL: from the last doctor's sign-in on a room desktop until reception routes every
   * doctor's work to the rooms (presence; should be at once, at most one heartbeat).
   */
  signInsSeenMs?: number;
  listDay: Latency & { rows: number };
  bookToLink: Latency & { n: number; dayReadsPerBooking: number; pushesPerBooking: number };
  /** The meeting's row written (by the desktop that made it) → reception's day list showing it. */
  meetingToShown: Latency;
  burst: {
    ms: number;
    vsBound: number;
    meetings: number;
    creates: number;
    zoomRequests: number;
    rateLimited: number;
  };
}

export interface ClinicBenchResult {
  visits: number;
  doctors: number;
  clinicDayVisits: number;
  bookings: number;
  burst: number;
  latencyMs: number;
  mediumPerSecond: number;
  /** As in bench/provisioning.bench.ts: (ceil(n/rate)-1) s + one round trip. */
  reachableBoundMs: number;
  processes: string;
  embedded: EngineFigures;
  server: EngineFigures | null;
  /** Why the PostgreSQL side did not run (null when it did). */
  serverSkipped: string | null;
}

/** Zoom's Medium limit (meeting creates) for Pro/Business accounts, per account and second. */
const MEDIUM_PER_SECOND = 20;
const ROOMS = 4;

class ServerStartFailed extends Error {}

const latency = (samples: number[]): Latency => ({
  ...percentiles(samples),
  maxMs: Number(Math.max(...samples).toFixed(3)),
});

// ---- a desktop in its own process --------------------------------------------------------------

interface Desktop {
  name: string;
  call<T>(command: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function bundleChild(): Promise<string> {
  const out = resolve(import.meta.dirname, '../node_modules/.cache/cc-bench/clinic-desktop-child.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'clinic-desktop-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

async function startDesktop(bundle: string, open: OpenRequest): Promise<Desktop & { fillMs: number | null }> {
  const child: ChildProcess = fork(bundle, [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let seq = 0;
  let exited: Error | null = null;
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    child.on('message', (m: { ready?: true; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready) return resolveReady();
      const w = waiting.get(m.id!);
      if (!w) return;
      waiting.delete(m.id!);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(`${open.desktopName}: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      exited = new Error(`${open.desktopName} exited (${signal ?? code})`);
      rejectReady(exited);
      for (const w of waiting.values()) w.reject(exited);
      waiting.clear();
    });
  });
  await ready;
  const call = <T>(command: Record<string, unknown>): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = ++seq;
    return new Promise<T>((res, rej) => {
      waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej });
      child.send({ id, ...command });
    });
  };
  const { fillMs } = await call<{ fillMs: number | null }>({ cmd: 'open', ...open });
  return {
    name: open.desktopName,
    fillMs,
    call,
    async close() {
      if (exited) return;
      await call({ cmd: 'close' }).catch(() => undefined);
      const gone = new Promise((r) => child.once('exit', r));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

// ---- the clinic around the desktops ------------------------------------------------------------

async function startSandbox(plan: ClinicPlan): Promise<ZoomSandbox> {
  // One Zoom account with a user per doctor: the clinic's, whose per-second budget they share.
  return startZoomSandbox({
    users: Array.from({ length: plan.doctors }, (_, d) => ({
      email: doctorEmail(d),
      first_name: 'Doctor',
      last_name: String(d).padStart(2, '0'),
    })),
    rateLimits: { light: 30, medium: MEDIUM_PER_SECOND, heavy: 10 },
  });
}

const zoomEnv = (zoom: ZoomSandbox) => ({
  ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
  ZOOM_API_BASE_URL: zoom.apiBaseUrl,
  ZOOM_CLIENT_ID: 'sandbox-public-client',
});

/** The doctor signs in to Zoom on this desktop (the real loopback flow, approved in the sandbox). */
async function connect(desk: Desktop, zoom: ZoomSandbox, d: number): Promise<void> {
  const { authorizeUrl } = await desk.call<{ authorizeUrl: string }>({
    cmd: 'beginConnect',
    doctorId: doctorId(d),
  });
  await fetch(await zoom.approve(authorizeUrl, doctorEmail(d)), { redirect: 'manual' });
  const state = await desk.call<string>({ cmd: 'finishConnect', doctorId: doctorId(d) });
  if (state !== 'connected') throw new Error(`${doctorId(d)} on ${desk.name}: ${state}`);
}

/** Booking i: doctor i mod 20, the afternoon's slots in turn. */
const bookingsFor = (plan: ClinicPlan, n: number): Booking[] =>
  Array.from({ length: n }, (_, i) => ({
    doctorId: doctorId(i % plan.doctors),
    time: afternoonTime(Math.floor(i / plan.doctors)),
  }));

/**
 * What every engine is measured on, in this order: the day list on the filled day, booking →
 * join link at `reception` (one at a time), then the burst on the next day.
 */
async function measure(
  o: Required<ClinicBenchOptions>,
  plan: ClinicPlan,
  zoom: ZoomSandbox,
  reception: Desktop,
  boundMs: number,
): Promise<Pick<EngineFigures, 'listDay' | 'bookToLink' | 'meetingToShown' | 'burst'>> {
  // Zoom 150 ms away, as bench/provisioning.bench.ts has it (added after the sign-ins).
  zoom.faults.add({ path: '/**', effect: { kind: 'latency', ms: o.latencyMs } });
  const day = await reception.call<{ rows: number; samples: number[] }>({
    cmd: 'listDay',
    date: plan.day,
    runs: o.runs,
    warmUp: 20,
  });
  const b = await reception.call<BookToLinkResult>({
    cmd: 'bookToLink',
    date: plan.day,
    bookings: bookingsFor(plan, o.bookings),
    timeoutMs: 30_000,
  });
  const before = zoom.stats();
  const burst = await reception.call<BurstResult>({
    cmd: 'burst',
    date: shiftDay(plan.day, 1),
    bookings: bookingsFor(plan, o.burst),
    timeoutMs: 180_000,
  });
  const after = zoom.stats();
  return {
    listDay: { ...latency(day.samples), rows: day.rows },
    bookToLink: {
      ...latency(b.samplesMs),
      n: b.samplesMs.length,
      dayReadsPerBooking: Number((b.dayReads / b.samplesMs.length).toFixed(2)),
      pushesPerBooking: Number((b.pushes / b.samplesMs.length).toFixed(2)),
    },
    meetingToShown: latency(b.pushSamplesMs),
    burst: {
      ms: Math.round(burst.ms),
      vsBound: Number((burst.ms / boundMs).toFixed(2)),
      meetings: burst.meetings,
      creates: after.creates - before.creates,
      zoomRequests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
    },
  };
}

const rss = async (desk: Desktop) => (await desk.call<{ rssMb: number }>({ cmd: 'memory' })).rssMb;

/** One desktop on its embedded database holding every doctor's sign-in. */
async function runEmbedded(
  o: Required<ClinicBenchOptions>,
  plan: ClinicPlan,
  bundle: string,
  boundMs: number,
): Promise<EngineFigures> {
  const zoom = await startSandbox(plan);
  let desk: (Desktop & { fillMs: number | null }) | undefined;
  try {
    desk = await startDesktop(bundle, { desktopName: 'Desk', env: zoomEnv(zoom), fill: plan });
    for (let d = 0; d < plan.doctors; d++) await connect(desk, zoom, d);
    const figures = await measure(o, plan, zoom, desk, boundMs);
    return {
      engine: 'sqlite',
      desktops: [{ name: desk.name, doctors: plan.doctors, rssMb: await rss(desk) }],
      fillMs: desk.fillMs ?? 0,
      ...figures,
    };
  } finally {
    await desk?.close();
    await zoom.close();
  }
}

/** Reception and four rooms on one PostgreSQL server; each room holds five doctors' sign-ins. */
async function runServer(
  o: Required<ClinicBenchOptions>,
  plan: ClinicPlan,
  bundle: string,
  boundMs: number,
): Promise<EngineFigures> {
  const server = await startThrowawayPostgres({ name: 'clinic-bench' }).catch((e: unknown) => {
    throw new ServerStartFailed(`the throwaway PostgreSQL did not start: ${String(e)}`);
  });
  const zoom = await startSandbox(plan);
  const desks: Desktop[] = [];
  try {
    const database: PostgresConfig = {
      host: server.host,
      port: server.port,
      database: server.database,
      user: server.user,
      password: server.password,
    };
    const seed = await openPostgresStore(database);
    const t = performance.now();
    await fillClinicPlan(seed, createRepositories(seed), plan);
    const fillMs = Math.round(performance.now() - t);
    await seed.close();
    const names = ['Reception', ...Array.from({ length: ROOMS }, (_, r) => `Room ${r + 1}`)];
    const started = await Promise.allSettled(
      names.map((desktopName) => startDesktop(bundle, { desktopName, env: zoomEnv(zoom), database })),
    );
    for (const s of started) if (s.status === 'fulfilled') desks.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [reception, ...rooms] = desks as [Desktop, ...Desktop[]];
    const perRoom = Math.ceil(plan.doctors / ROOMS);
    const roomOf = (d: number) => rooms[Math.floor(d / perRoom)]!;
    for (let d = 0; d < plan.doctors; d++) await connect(roomOf(d), zoom, d);
    // Reception holds no sign-in: it must see every doctor's meetings made elsewhere. How long
    // until it does is kept: a sign-in another desktop misses waits for that desktop's heartbeat.
    const ids = Array.from({ length: plan.doctors }, (_, d) => doctorId(d));
    const connectedAt = performance.now();
    let routes: Record<string, string> = {};
    for (;;) {
      routes = await reception.call<Record<string, string>>({ cmd: 'routes', doctorIds: ids });
      if (Object.values(routes).every((r) => r === 'elsewhere')) break;
      if (performance.now() - connectedAt > 45_000)
        throw new Error(`reception does not see the rooms' sign-ins: ${JSON.stringify(routes)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const signInsSeenMs = Math.round(performance.now() - connectedAt);
    const figures = await measure(o, plan, zoom, reception, boundMs);
    const desktops = [];
    for (const [i, desk] of desks.entries())
      desktops.push({
        name: desk.name,
        doctors: i === 0 ? 0 : Math.min(perRoom, plan.doctors - (i - 1) * perRoom),
        rssMb: await rss(desk),
      });
    return { engine: 'postgres', desktops, fillMs, signInsSeenMs, ...figures };
  } finally {
    await Promise.all(desks.map((d) => d.close()));
    await zoom.close();
    await server.stop();
  }
}

export async function runClinicServerBench(o: ClinicBenchOptions = {}): Promise<ClinicBenchResult> {
  const opts: Required<ClinicBenchOptions> = {
    visits: o.visits ?? 10_000,
    bookings: o.bookings ?? 100,
    burst: o.burst ?? 200,
    latencyMs: o.latencyMs ?? 150,
    runs: o.runs ?? 300,
  };
  const plan = clinicPlan({ visits: opts.visits });
  const boundMs = (Math.ceil(opts.burst / MEDIUM_PER_SECOND) - 1) * 1000 + opts.latencyMs;
  const bundle = await bundleChild();
  const embedded = await runEmbedded(opts, plan, bundle, boundMs);
  let serverSkipped = postgresUnavailableReason() ?? null;
  let server: EngineFigures | null = null;
  if (!serverSkipped) {
    try {
      server = await runServer(opts, plan, bundle, boundMs);
    } catch (e) {
      // The server itself would not start (not a failure of the clinic measured): said, not hidden.
      if (!(e instanceof ServerStartFailed)) throw e;
      serverSkipped = e.message;
    }
  }
  return {
    visits: opts.visits,
    doctors: plan.doctors,
    clinicDayVisits: plan.doctors * plan.perDoctorDay,
    bookings: opts.bookings,
    burst: opts.burst,
    latencyMs: opts.latencyMs,
    mediumPerSecond: MEDIUM_PER_SECOND,
    reachableBoundMs: boundMs,
    processes: `one Node process per desktop (${ROOMS + 1} on PostgreSQL, 1 embedded), the Zoom sandbox and the server in the bench's`,
    embedded,
    server,
    serverSkipped,
  };
}

export function printClinicServerBench(r: ClinicBenchResult): void {
  console.log(
    `A clinic on PostgreSQL (${r.server ? `${r.server.desktops.length} desktops` : 'not run'}) beside one desktop on the embedded engine: ${r.doctors} doctors, ${r.visits} visits (${r.clinicDayVisits} in the clinic day), Zoom +${r.latencyMs} ms, Medium ${r.mediumPerSecond}/s`,
  );
  if (r.serverSkipped) console.log(`PostgreSQL side skipped: ${r.serverSkipped}`);
  const engines = [r.embedded, ...(r.server ? [r.server] : [])];
  const col = (e: EngineFigures) =>
    e.engine === 'sqlite' ? 'embedded (1 desktop)' : 'PostgreSQL (5 desktops)';
  const ms = (l: Latency) => `${l.p50Ms} / ${l.p99Ms} / ${l.maxMs}`;
  const table: Record<string, Record<string, string | number>> = {
    'book → join link at reception, p50 / p99 / max ms': {},
    'meeting written → shown at reception, p50 / p99 / max ms': {},
    'day-list reads per booking (one per push)': {},
    [`burst of ${r.burst} visits, ms (x bound ${r.reachableBoundMs} ms)`]: {},
    'burst: creates / Zoom requests / 429s': {},
    'appointments:listDay, clinic day, p50 / p99 / max ms': {},
    'fill (ms) / RSS per desktop (MB)': {},
    "rooms' sign-ins seen by reception after (ms)": {},
  };
  for (const e of engines) {
    const c = col(e);
    table['book → join link at reception, p50 / p99 / max ms']![c] = ms(e.bookToLink);
    table['meeting written → shown at reception, p50 / p99 / max ms']![c] = ms(e.meetingToShown);
    table['day-list reads per booking (one per push)']![c] = e.bookToLink.dayReadsPerBooking;
    table[`burst of ${r.burst} visits, ms (x bound ${r.reachableBoundMs} ms)`]![c] =
      `${e.burst.ms} (${e.burst.vsBound}x)`;
    table['burst: creates / Zoom requests / 429s']![c] =
      `${e.burst.creates} / ${e.burst.zoomRequests} / ${e.burst.rateLimited}`;
    table['appointments:listDay, clinic day, p50 / p99 / max ms']![c] =
      `${ms(e.listDay)} (${e.listDay.rows} rows)`;
    table['fill (ms) / RSS per desktop (MB)']![c] =
      `${e.fillMs} / ${e.desktops.map((d) => d.rssMb).join(', ')}`;
    table["rooms' sign-ins seen by reception after (ms)"]![c] = e.signInsSeenMs ?? '';
  }
  console.table(table);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = (k: string) => (process.env[k] ? Number(process.env[k]) : undefined);
  const r = await runClinicServerBench({
    visits: n('VISITS'),
    bookings: n('BOOKINGS'),
    burst: n('BURST'),
    runs: n('RUNS'),
  });
  printClinicServerBench(r);
  console.log(JSON.stringify(r));
}
