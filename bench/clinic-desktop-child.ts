// One desktop of the clinic-server bench in a process of its own: a whole core (createCompanion)
// on the clinic's PostgreSQL server or, for the embedded side, on its own SQLite file. Driven over
// Node's IPC channel by bench/clinic-server.bench.ts; everything timed is timed in here, so no IPC
// hop is inside a figure.
// Usage (bundled and forked by clinic-server.bench.ts): node clinic-desktop-child.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Companion, createCompanion } from '../main/core/app/companion';
import { DATABASE_FILE } from '../main/core/app/services';
import { dispatch } from '../main/core/ipc/dispatch';
import { silentLogger } from '../main/core/logging/logger';
import { createRepositories, openStore } from '../main/core/store';
import type { PostgresConfig } from '../main/core/store/postgres';
import { createDevFileCipher } from '../main/core/vault';
import type { EventName } from '../preload/contract';
import { type ClinicPlan, fillClinicPlan, patientId, utcOf, ZONE } from './clinic-plan';

const ORIGIN = 'app://companion';

export interface OpenRequest {
  desktopName: string;
  env: Record<string, string>;
  /** The clinic server; without it the desktop runs on its embedded database. */
  database?: PostgresConfig;
  /** Embedded only: fill the database before the core starts on it. */
  fill?: ClinicPlan;
}

export interface Booking {
  doctorId: string;
  /** Local time on the booked day ("13:20"). */
  time: string;
}

export interface BookToLinkResult {
  /** Booking call returned → the day list, read after a push, shows the visit's join link. */
  samplesMs: number[];
  /** The meeting written (by whichever desktop made it) → that day list showing it. */
  pushSamplesMs: number[];
  /** Day lists read, in all: one per push received, never on a timer. */
  dayReads: number;
  pushes: number;
}

export interface BurstResult {
  /** From the start of the booking transaction until every visit has a ready meeting. */
  ms: number;
  bookMs: number;
  meetings: number;
}

type Command =
  | ({ cmd: 'open' } & OpenRequest)
  | { cmd: 'beginConnect'; doctorId: string }
  | { cmd: 'finishConnect'; doctorId: string }
  | { cmd: 'routes'; doctorIds: string[] }
  | { cmd: 'listDay'; date: string; runs: number; warmUp: number }
  | { cmd: 'bookToLink'; date: string; bookings: Booking[]; timeoutMs: number }
  | { cmd: 'burst'; date: string; bookings: Booking[]; timeoutMs: number }
  | { cmd: 'memory' }
  | { cmd: 'close' };

let companion: Companion | undefined;
let dataDir: string | undefined;
const completions = new Map<string, Promise<unknown>>();

// Every push the page would get, counted, so a wait can resume on the next one.
const pushes: Array<{ event: EventName; at: number }> = [];
let wake: (() => void) | null = null;

function core(): Companion {
  if (!companion) throw new Error('the desktop is not open');
  return companion;
}

async function call<T>(channel: string, request: unknown): Promise<T> {
  const c = core();
  let failure: unknown;
  const r = await dispatch(c.handlers, channel as never, request as never, {
    caller: c.caller,
    senderOrigin: ORIGIN,
    trustedOrigins: [ORIGIN],
    onError: (_channel, _error, cause) => {
      failure = cause;
    },
  });
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}${failure ? ` (${String(failure)})` : ''}`);
  return r.value as T;
}

/** Resolves at the next `appointments:changed` push after `seen` of them, or rejects at the deadline. */
async function nextChange(seen: number, deadline: number): Promise<number> {
  for (;;) {
    const n = pushes.filter((p) => p.event === 'appointments:changed').length;
    if (n > seen) return n;
    const left = deadline - performance.now();
    if (left <= 0) throw new Error('no appointments:changed push before the deadline');
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, left);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    wake = null;
  }
}

const changesSoFar = () => pushes.filter((p) => p.event === 'appointments:changed').length;

interface DayView {
  appointments: Array<{ id: string; meeting: { joinUrl: string | null } }>;
}

async function open(o: OpenRequest): Promise<{ desktopId: string; fillMs: number | null }> {
  dataDir = mkdtempSync(join(tmpdir(), 'cc-clinic-desk-'));
  let fillMs: number | null = null;
  if (o.fill) {
    // As bench/core-child.ts: the database is made first and closed; the core starts on it.
    const t = performance.now();
    const seed = openStore(join(dataDir, DATABASE_FILE));
    await fillClinicPlan(seed, createRepositories(seed), o.fill);
    await seed.close();
    fillMs = Math.round(performance.now() - t);
  }
  companion = await createCompanion({
    appName: 'Clinic Companion',
    version: 'bench',
    platform: process.platform,
    dataDir,
    env: o.env,
    shell: { openOutside: async () => {}, writeClipboard: async () => {} },
    cipher: createDevFileCipher(dataDir),
    policy: { clinicTimeZone: ZONE },
    sandbox: false,
    logger: silentLogger,
    // Nothing on a timer that would ask Zoom about the filled (made-up) meetings.
    reconcileEveryMs: 0,
    watchNowEveryMs: 0,
    syncKiviCare: false,
    database: o.database,
    desktopName: o.desktopName,
  });
  companion.onEvent((event) => {
    pushes.push({ event, at: performance.now() });
    wake?.();
  });
  return { desktopId: companion.services.desktop.id, fillMs };
}

async function bookToLink(date: string, bookings: Booking[], timeoutMs: number): Promise<BookToLinkResult> {
  const samplesMs: number[] = [];
  const pushSamplesMs: number[] = [];
  let dayReads = 0;
  const pushesBefore = changesSoFar();
  for (const [i, b] of bookings.entries()) {
    const booked = await call<{ id: string }>('appointments:create', {
      doctorId: b.doctorId,
      patientId: patientId(i),
      date,
      time: b.time,
      durationMin: 20,
      visitType: 'telemed',
    });
    const bookedAt = performance.now();
    const deadline = bookedAt + timeoutMs;
    let seen = changesSoFar();
    // The page's way: the day is read again when a push says it changed, and only then. The push
    // of the booking itself may already be on its way; the first read waits for a push too.
    for (;;) {
      seen = await nextChange(seen, deadline);
      const day = await call<DayView>('appointments:listDay', { date });
      dayReads++;
      if (day.appointments.find((a) => a.id === booked.id)?.meeting.joinUrl) break;
    }
    const shownAt = performance.now();
    const shownWall = Date.now();
    samplesMs.push(shownAt - bookedAt);
    // The same machine's clock on every desktop: the meeting's row says when it was written.
    const m = await core().services.repos.mappings.get(booked.id);
    if (m) pushSamplesMs.push(Math.max(0, shownWall - Date.parse(m.updatedAt)));
  }
  return { samplesMs, pushSamplesMs, dayReads, pushes: changesSoFar() - pushesBefore };
}

async function burst(date: string, bookings: Booking[], timeoutMs: number): Promise<BurstResult> {
  const { book, repos } = core().services;
  const t0 = performance.now();
  // One transaction, as a KiviCare sync or an import brings a day at once.
  const ids = await book.transaction(async () => {
    const out: string[] = [];
    for (const [i, b] of bookings.entries()) {
      const [h, m] = b.time.split(':').map(Number) as [number, number];
      const r = await book.create(
        {
          doctorId: b.doctorId,
          patientId: patientId(i),
          startUtc: utcOf(date, (h - 8) * 60 + m),
          timeZone: ZONE,
          durationMin: 20,
          visitType: 'telemed',
          reason: null,
          notes: null,
        },
        { actor: 'front-desk' },
      );
      out.push(r.appointment.id);
    }
    return out;
  });
  const bookMs = performance.now() - t0;
  // The bench's own check (not the app's): one query every 25 ms until every meeting is ready.
  const ready = async () =>
    [...(await repos.mappings.forAppointments(ids)).values()].filter((m) => m.state === 'ready').length;
  let done = await ready();
  while (done < ids.length) {
    if (performance.now() - t0 > timeoutMs)
      throw new Error(`only ${done} of ${ids.length} meetings after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
    done = await ready();
  }
  return { ms: performance.now() - t0, bookMs, meetings: done };
}

async function listDay(date: string, runs: number, warmUp: number) {
  const read = async () => (await call<DayView>('appointments:listDay', { date })).appointments.length;
  for (let i = 0; i < warmUp; i++) await read(); // JIT, page cache, the pool's connections
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = await read();
    samples.push(performance.now() - t);
  }
  return { rows, samples };
}

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'open':
      return open(c);
    case 'beginConnect': {
      const { authorizeUrl, completion } = await core().services.connections.beginConnect(c.doctorId, {
        redirectMode: 'loopback',
      });
      completions.set(c.doctorId, completion);
      return { authorizeUrl };
    }
    case 'finishConnect':
      await completions.get(c.doctorId);
      completions.delete(c.doctorId);
      return (await core().services.connections.list()).find((x) => x.doctorId === c.doctorId)?.state;
    case 'routes': {
      const clinic = core().services.clinic;
      if (!clinic) return null;
      const out: Record<string, string> = {};
      for (const id of c.doctorIds) out[id] = await clinic.presence.route(id);
      return out;
    }
    case 'listDay':
      return listDay(c.date, c.runs, c.warmUp);
    case 'bookToLink':
      return bookToLink(c.date, c.bookings, c.timeoutMs);
    case 'burst':
      return burst(c.date, c.bookings, c.timeoutMs);
    case 'memory': {
      const m = process.memoryUsage();
      return { rssMb: Math.round(m.rss / 1048576), heapUsedMb: Math.round(m.heapUsed / 1048576) };
    }
    case 'close':
      await companion?.dispose();
      companion = undefined;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      return null;
  }
}

process.on('message', (message: { id: number } & Command) => {
  void handle(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (e: unknown) =>
      process.send?.({ id: message.id, ok: false, error: e instanceof Error ? e.stack : String(e) }),
  );
});
process.send?.({ ready: true });
