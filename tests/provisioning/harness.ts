// Shared set-up for the provisioning and reliability suites (not a test file itself): one real
// Zoom sandbox on 127.0.0.1 that outlives every "process" of the app, real services on real
// SQLite files in temp folders, doctors connected through the real loopback OAuth flow.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services, type ServicesOptions } from '../../main/core/app/services';
import { createFileLogger } from '../../main/core/logging/file-logger';
import { type Logger, memoryLogger } from '../../main/core/logging/logger';
import type { PostgresConfig } from '../../main/core/store/postgres';
import type { Appointment, MeetingMapping } from '../../main/core/store/records';
import { createDevFileCipher } from '../../main/core/vault';
import {
  type SandboxMeeting,
  type SandboxOptions,
  startZoomSandbox,
  type ZoomSandbox,
} from '../../main/core/zoom-sandbox';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase } from '../store/engines';

export const CLINIC_ZONE = 'America/New_York';
export const CREATE_ROUTE = 'POST /v2/users/{userId}/meetings';

/** Demo doctors of the sandbox, by the id the companion knows them under. */
export const DOCTORS = {
  lee: { id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' },
  patel: { id: 'doc-patel', displayName: 'Dr. Patel', email: 'dr.patel@sandbox.test' },
  garcia: { id: 'doc-garcia', displayName: 'Dr. Garcia', email: 'dr.garcia@sandbox.test' },
} as const;
export type DoctorKey = keyof typeof DOCTORS;

// Distinctive words that must never reach Zoom: if any shows up in a topic or agenda, it leaked.
export const PATIENTS = [
  { id: 'pat-1', displayName: 'Zebediah Quillfeather', email: 'zq@mail.test' },
  { id: 'pat-2', displayName: 'Philippa Throckmorton', email: 'pt@mail.test' },
  { id: 'pat-3', displayName: 'Octavius Wrenfield' },
];
export const PRIVATE_REASON = 'Suspected xanthelasma flare';
export const PRIVATE_NOTES = 'Prefers afternoon; history of palpitations (confidential)';
const PRIVATE_WORDS = [
  ...PATIENTS.flatMap((p) => p.displayName.split(' ')),
  'xanthelasma',
  'palpitations',
  'confidential',
];

/** Real time shifted by an offset the test moves forward; the sandbox and the app share it. */
export class ShiftedClock {
  offset = 0;
  ms = () => Date.now() + this.offset;
  now = () => new Date(this.ms());
  advance(ms: number) {
    this.offset += ms;
  }
}

export interface OpenOptions
  extends Partial<Pick<ServicesOptions, 'provisioningHooks' | 'concurrency' | 'passcode'>> {
  dataDir?: string;
}

export interface Harness {
  sandbox: ZoomSandbox;
  clock: ShiftedClock;
  /** Every data folder made so far (scanned for start URLs at the end). */
  dataDirs: string[];
  /** Start URLs the tests saw handed over; none may be found on disk. */
  seenStartUrls: string[];
  /** Env that points a services instance (or a child process) at this sandbox. */
  env: Record<string, string>;
  /** New services on a data folder (a fresh temp one unless given), with the demo doctors and patients. */
  open(o?: OpenOptions): Promise<Services & { memory: string[] }>;
  connect(s: Services, doctor: DoctorKey): Promise<void>;
  /** Books a tele-medical visit `hoursAhead` from now in the clinic's zone. */
  book(s: Services, o?: BookOptions): Promise<Appointment>;
  /** Meetings on the sandbox (live ones) whose topic carries this reference. */
  meetingsFor(reference: string): SandboxMeeting[];
  mapping(s: Services, appointmentId: string): Promise<MeetingMapping | undefined>;
  /** Drains, moving the clock past every back-off, until no work is due or `maxRounds` is reached. */
  settle(s: Services, o?: { maxRounds?: number; stepMs?: number }): Promise<void>;
  /** Create bodies the companion sent to Zoom (from the sandbox's request log), oldest first. */
  createsSent(): Record<string, unknown>[];
  /** Fails if any request the companion sent to Zoom carries patient data, or a create's topic is not generic. */
  assertNoPatientDataOnZoom(): void;
  /** Fails if any file under the data folders contains a start URL. */
  assertNoStartUrlOnDisk(): void;
  close(): Promise<void>;
}

export interface BookOptions {
  doctor?: DoctorKey;
  hoursAhead?: number;
  durationMin?: number;
  visitType?: 'telemed' | 'in_person';
  patient?: number;
}

export type EngineName = 'sqlite' | 'postgres';

/**
 * The engines a provisioning suite runs on: both, unless PostgreSQL cannot start here (then the
 * suite says so in its output and runs on SQLite alone; CI sets REQUIRE_POSTGRES and fails instead).
 */
export const ENGINE_NAMES: EngineName[] = (() => {
  const reason = postgresUnavailableReason();
  if (!reason) return ['sqlite', 'postgres'];
  if (process.env.REQUIRE_POSTGRES) throw new Error(`PostgreSQL is required here: ${reason}`);
  console.warn(`Provisioning on PostgreSQL skipped: ${reason}`);
  return ['sqlite'];
})();

export async function startHarness(
  sandboxOptions: SandboxOptions = {},
  engine: EngineName = 'sqlite',
): Promise<Harness> {
  // On PostgreSQL each data folder (one desktop, reopened after a "crash") keeps its database.
  const databases = new Map<string, PostgresConfig>();
  const clock = new ShiftedClock();
  const sandbox = await startZoomSandbox({ now: clock.ms, ...sandboxOptions });
  const dataDirs: string[] = [];
  const opened: Services[] = [];
  const seenStartUrls: string[] = [];
  const env = {
    ZOOM_OAUTH_BASE_URL: sandbox.oauthBaseUrl,
    ZOOM_API_BASE_URL: sandbox.apiBaseUrl,
    ZOOM_CLIENT_ID: 'sandbox-public-client',
  };

  const databaseFor = async (dataDir: string) => {
    let config = databases.get(dataDir);
    if (!config) {
      config = await freshPostgresDatabase();
      databases.set(dataDir, config);
    }
    return config;
  };
  const h: Harness = {
    sandbox,
    clock,
    dataDirs,
    seenStartUrls,
    env,
    async open(o = {}) {
      const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'cc-prov-'));
      if (!dataDirs.includes(dataDir)) dataDirs.push(dataDir);
      const memory = memoryLogger();
      const s = await createServices({
        dataDir,
        env,
        policy: { clinicTimeZone: CLINIC_ZONE },
        cipher: createDevFileCipher(dataDir),
        sandbox: false,
        // Real log files on disk (scanned at the end) and the same lines in memory for assertions.
        logger: tee(memory, createFileLogger(join(dataDir, 'logs'))),
        now: clock.now,
        concurrency: o.concurrency,
        passcode: o.passcode,
        provisioningHooks: o.provisioningHooks,
        database: engine === 'postgres' ? await databaseFor(dataDir) : undefined,
      });
      await seed(s);
      opened.push(s);
      return Object.assign(s, { memory: memory.lines });
    },
    async connect(s, doctor) {
      const { authorizeUrl, completion } = await s.connections.beginConnect(DOCTORS[doctor].id, {
        redirectMode: 'loopback',
      });
      const redirect = await sandbox.approve(authorizeUrl, DOCTORS[doctor].email);
      await fetch(redirect, { redirect: 'manual' });
      await completion;
    },
    async book(s, o = {}) {
      const start = new Date(clock.ms() + (o.hoursAhead ?? 24) * 3_600_000);
      start.setUTCSeconds(0, 0);
      const booked = await s.book.create(
        {
          doctorId: DOCTORS[o.doctor ?? 'lee'].id,
          patientId: PATIENTS[(o.patient ?? 0) % PATIENTS.length]!.id,
          startUtc: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          timeZone: CLINIC_ZONE,
          durationMin: o.durationMin ?? 30,
          visitType: o.visitType ?? 'telemed',
          reason: PRIVATE_REASON,
          notes: PRIVATE_NOTES,
        },
        { actor: 'front-desk' },
      );
      return booked.appointment;
    },
    meetingsFor: (reference) => sandbox.meetings().filter((m) => m.topic.includes(reference)),
    mapping: (s, id) => s.repos.mappings.get(id),
    async settle(s, o = {}) {
      for (let round = 0; round < (o.maxRounds ?? 30); round++) {
        await s.engine.drain();
        if ((await s.engine.queueDepth()).pending === 0 && (await cleanupPending(s)) === 0) return;
        // Everything left waits on a back-off: move time past it (capped at Zoom's 2 minutes).
        clock.advance(o.stepMs ?? 125_000);
      }
    },
    createsSent: () =>
      sandbox
        .requests()
        .filter((r) => r.route === CREATE_ROUTE && r.body)
        .map((r) => r.body!),
    assertNoPatientDataOnZoom() {
      // What was sent, not what the sandbox kept: a field Zoom drops or fills in must not hide a leak.
      for (const r of sandbox.requests()) {
        const text = `${r.path}\n${JSON.stringify(r.query)}\n${JSON.stringify(r.body ?? {})}`.toLowerCase();
        for (const w of PRIVATE_WORDS) {
          if (text.includes(w.toLowerCase())) {
            throw new Error(`Request #${r.seq} (${r.route}) carries patient data ("${w}")`);
          }
        }
        // A create answered by an injected fault was not read: its body is unknown, and it is sent again.
        const topic = r.body?.topic;
        if (
          r.route === CREATE_ROUTE &&
          r.body &&
          !/^Telemedical Consultation \(ref CC-[A-Z0-9]+\)$/.test(String(topic))
        ) {
          throw new Error(`Request #${r.seq} creates a meeting with a non-generic topic: ${String(topic)}`);
        }
      }
    },
    assertNoStartUrlOnDisk() {
      const needles = ['zak=', 'zak%3D', `${sandbox.origin}/s/`, ...seenStartUrls];
      for (const dir of dataDirs) {
        for (const file of walk(dir)) {
          const text = readFileSync(file).toString('latin1');
          for (const n of needles) {
            if (text.includes(n)) throw new Error(`A start URL (${n.slice(0, 30)}…) is on disk in ${file}`);
          }
        }
      }
    },
    async close() {
      for (const s of opened.splice(0)) await s.dispose().catch(() => undefined);
      await sandbox.close();
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    },
  };
  return h;
}

async function seed(s: Services) {
  for (const d of Object.values(DOCTORS))
    if (!(await s.repos.doctors.get(d.id))) await s.repos.doctors.insert(d);
  for (const p of PATIENTS) if (!(await s.repos.patients.get(p.id))) await s.repos.patients.insert(p);
}

async function cleanupPending(s: Services): Promise<number> {
  const row = await s.store.row<{ n: number }>(
    `SELECT COUNT(*) AS n FROM zoom_cleanup WHERE state = 'pending'`,
  );
  return Number(row?.n ?? 0);
}

function tee(...loggers: Logger[]): Logger {
  const at = (level: keyof Logger) => (event: string, fields?: Record<string, unknown>) => {
    for (const l of loggers) l[level](event, fields);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** UTC ISO without milliseconds, as the book stores it. */
export const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
