// A simulated clinic week against the Zoom sandbox: bookings, moves, re-hosts and cancellations
// from a seeded plan, under the fault mix, one revoked token and one hour of Zoom down. Time is a
// shifted clock shared by the app and the sandbox; each 15-minute step the engine drains.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../../main/core/app/services';
import { memoryLogger } from '../../../main/core/logging/logger';
import { createDevFileCipher } from '../../../main/core/vault';
import { createZoomRateLimiter } from '../../../main/core/zoom';
import { startZoomSandbox, type ZoomSandbox } from '../../../main/core/zoom-sandbox';
import { addBackgroundFaults, addRateLimitBurst, startOutage } from './fault-mix';
import { type PlannedVisit, planWeek, STEP_MS, WEEK_STEPS, type WeekPlan } from './plan';
import { type Verdict, Verifier } from './verdict';

export const CLINIC_ZONE = 'America/New_York';

export interface WeekOptions {
  doctors: number;
  appointments: number;
  seed?: number;
  /** Stop early (and say so) if the run takes longer than this in real time. */
  maxRealMs?: number;
  /** How many calls each 429 burst answers (each costs about a real second of Retry-After). */
  burstSize?: number;
  progress?: (line: string) => void;
}

export interface WeekFigures extends Verdict {
  doctors: number;
  appointments: number;
  simulatedDays: number;
  steps: number;
  realMs: number;
  finishedInTime: boolean;
  apiCalls: number;
  apiCallsPerAppointment: number;
  tokenRefreshes: number;
  faultsInjected: number;
  rateLimitedAnswers: number;
  changes: Record<string, number>;
  revokedDoctorParked: number;
  drainAfterOutage: { simulatedMs: number; realMs: number; itemsWaiting: number };
  drainAfterReconnect: { simulatedMs: number; realMs: number; itemsWaiting: number };
}

/** Real time plus an offset the run moves forward; the sandbox reads the same clock. */
export class ShiftedClock {
  offset = 0;
  ms = () => Date.now() + this.offset;
  now = () => new Date(this.ms());
  advance(ms: number) {
    this.offset += ms;
  }
}

const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ctx = { actor: 'front-desk' } as const;

export async function runClinicWeek(o: WeekOptions): Promise<WeekFigures> {
  const started = Date.now();
  const maxRealMs = o.maxRealMs ?? 5 * 60_000;
  const log = o.progress ?? (() => {});
  const clock = new ShiftedClock();
  // The week starts at the next UTC midnight, so plan days and clinic hours line up.
  const midnight = Math.ceil(Date.now() / 86_400_000) * 86_400_000;
  clock.offset = midnight - Date.now();
  const plan = planWeek({
    startMs: midnight,
    doctors: o.doctors,
    appointments: o.appointments,
    seed: o.seed ?? 8,
  });

  const emails = Array.from({ length: o.doctors }, (_, i) => `dr.soak${i}@sandbox.test`);
  const sandbox = await startZoomSandbox({
    now: clock.ms,
    seed: o.seed ?? 8,
    rateLimits: false,
    users: emails.map((email, i) => ({ email, first_name: 'Doctor', last_name: `Soak${i}` })),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-soak-'));
  const logger = memoryLogger();
  const s = await createServices({
    dataDir,
    env: {
      ZOOM_OAUTH_BASE_URL: sandbox.oauthBaseUrl,
      ZOOM_API_BASE_URL: sandbox.apiBaseUrl,
      ZOOM_CLIENT_ID: 'sandbox-public-client',
    },
    policy: { clinicTimeZone: CLINIC_ZONE },
    cipher: createDevFileCipher(dataDir),
    sandbox: false,
    logger,
    now: clock.now,
    // Faster pacing than Zoom's published rates so a week fits in minutes; 429s come from faults.
    rateLimiter: createZoomRateLimiter({ light: 300, medium: 300, heavy: 100, intervalMs: 1000 }),
  });
  const closeAll = async () => {
    await s.dispose().catch(() => undefined);
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const doctorIds = emails.map((_email, i) => `doc-${i}`);
    for (const [i, email] of emails.entries())
      await s.repos.doctors.insert({ id: doctorIds[i]!, displayName: `Dr. Soak ${i}`, email });
    for (let p = 0; p < plan.patients; p++)
      await s.repos.patients.insert({ id: `pat-${p}`, displayName: `Patient Wrenfield-${p}` });
    for (const [i, id] of doctorIds.entries()) await connectDoctor(s, sandbox, id, emails[i]!);

    const verifier = new Verifier(s, sandbox, emails, doctorIds);
    const ids = new Map<number, string>();
    const changes: Record<string, number> = {};
    const byStep = indexByStep(plan);
    addBackgroundFaults(sandbox);
    let endOutage: (() => void) | undefined;
    let drainAfterOutage = { simulatedMs: 0, realMs: 0, itemsWaiting: 0 };
    let drainAfterReconnect = { simulatedMs: 0, realMs: 0, itemsWaiting: 0 };
    let revokedDoctorParked = 0;
    let step = 0;
    for (; step < WEEK_STEPS; step++) {
      if (Date.now() - started > maxRealMs) break;
      const stepStart = clock.ms();
      if (plan.bursts.includes(step)) addRateLimitBurst(sandbox, o.burstSize ?? 20);
      if (step === plan.revoke.step) sandbox.revokeUserTokens(emails[plan.revoke.doctor]!);
      if (step === plan.outage.step) endOutage = startOutage(sandbox);
      for (const v of byStep.book.get(step) ?? []) ids.set(v.key, await book(s, v, doctorIds));
      for (const v of byStep.change.get(step) ?? []) {
        const id = ids.get(v.key);
        if (!id || !v.change) continue;
        await applyChange(s, id, v.change.change, doctorIds);
        changes[v.change.change.kind] = (changes[v.change.change.kind] ?? 0) + 1;
      }
      const t0 = Date.now();
      await s.engine.drain();
      if (process.env.SOAK_DEBUG && Date.now() - t0 > 500)
        log(`[soak] step ${step} drain ${Date.now() - t0} ms ${JSON.stringify(await s.engine.queueDepth())}`);
      if (step === plan.revoke.reconnectStep) {
        revokedDoctorParked = (await s.engine.queueDepth()).parked;
        const real = Date.now();
        const sim = clock.ms();
        // Reconnecting resumes the doctor's parked work on its own; drainFully waits for it.
        await connectDoctor(s, sandbox, doctorIds[plan.revoke.doctor]!, emails[plan.revoke.doctor]!);
        const after = await drainFully(s, clock);
        drainAfterReconnect = {
          simulatedMs: clock.ms() - sim,
          realMs: Date.now() - real,
          itemsWaiting: revokedDoctorParked + after.itemsWaiting,
        };
      }
      if (endOutage && step === plan.outage.step + plan.outage.steps - 1) {
        endOutage();
        endOutage = undefined;
        drainAfterOutage = await drainFully(s, clock);
        log(`[soak] Zoom back after an hour down: drained in ${drainAfterOutage.realMs} ms real`);
      }
      clock.advance(Math.max(0, stepStart + STEP_MS - clock.ms()));
      // Every visit that started during this step must have had its one correct meeting.
      await verifier.checkStartedBetween(stepStart, clock.ms(), ids, plan);
      if (step % 96 === 95)
        log(`[soak] day ${(step + 1) / 96} done, ${ids.size} booked, ${Date.now() - started} ms`);
    }
    endOutage?.();
    await drainFully(s, clock);
    const verdict = await verifier.final(ids, plan);
    const stats = sandbox.stats();
    const apiCalls = Object.entries(stats.byRoute)
      .filter(([route]) => route.includes(' /v2/'))
      .reduce((n, [, c]) => n + c, 0);
    return {
      ...verdict,
      doctors: o.doctors,
      appointments: ids.size,
      simulatedDays: step / 96,
      steps: step,
      realMs: Date.now() - started,
      finishedInTime: step === WEEK_STEPS,
      apiCalls,
      apiCallsPerAppointment: Math.round((apiCalls / Math.max(1, ids.size)) * 100) / 100,
      tokenRefreshes: stats.refreshes,
      faultsInjected: stats.faultsInjected,
      // The app's own log, not the sandbox's counter: injected 429s are faults, not its rate limiter.
      rateLimitedAnswers: logger.lines.filter(
        (l) => l.includes('zoom.request.failed') && l.includes('"status":429'),
      ).length,
      changes,
      revokedDoctorParked,
      drainAfterOutage,
      drainAfterReconnect,
    };
  } finally {
    await closeAll();
  }
}

/** Connects a doctor's Zoom through the sandbox's consent page, as the doctor would. */
export async function connectDoctor(s: Services, sandbox: ZoomSandbox, doctorId: string, email: string) {
  const { authorizeUrl, completion } = await s.connections.beginConnect(doctorId, {
    redirectMode: 'loopback',
  });
  await fetch(await sandbox.approve(authorizeUrl, email), { redirect: 'manual' });
  await completion;
}

/** Drains, moving the clock 30 s at a time past back-offs, until nothing is due (bounded). */
export async function drainFully(s: Services, clock: ShiftedClock) {
  const real = Date.now();
  const sim = clock.ms();
  const waiting = await s.engine.queueDepth();
  for (let round = 0; round < 60; round++) {
    await s.engine.drain();
    const q = await s.engine.queueDepth();
    if (q.pending === 0 && q.cleanup === 0) break;
    clock.advance(30_000);
  }
  return {
    simulatedMs: clock.ms() - sim,
    realMs: Date.now() - real,
    itemsWaiting: waiting.pending + waiting.cleanup,
  };
}

function indexByStep(plan: WeekPlan) {
  const book = new Map<number, PlannedVisit[]>();
  const change = new Map<number, PlannedVisit[]>();
  const add = (m: Map<number, PlannedVisit[]>, k: number, v: PlannedVisit) =>
    m.set(k, [...(m.get(k) ?? []), v]);
  for (const v of plan.visits) {
    add(book, v.bookStep, v);
    if (v.change) add(change, v.change.step, v);
  }
  return { book, change };
}

async function book(s: Services, v: PlannedVisit, doctorIds: string[]): Promise<string> {
  const booked = await s.book.create(
    {
      doctorId: doctorIds[v.doctor]!,
      patientId: `pat-${v.patient}`,
      startUtc: utc(v.startMs),
      timeZone: CLINIC_ZONE,
      durationMin: v.durationMin,
      visitType: v.telemed ? 'telemed' : 'in_person',
      reason: 'Confidential reason for the visit',
    },
    ctx,
  );
  return booked.appointment.id;
}

async function applyChange(
  s: Services,
  id: string,
  c: NonNullable<PlannedVisit['change']>['change'],
  doctorIds: string[],
) {
  const a = await s.book.get(id);
  if (c.kind === 'reschedule') await s.book.reschedule(id, a.version, { startUtc: utc(c.toStartMs) }, ctx);
  else if (c.kind === 'cancel') await s.book.cancel(id, a.version, ctx);
  else if (c.kind === 'doctor') await s.book.changeDoctor(id, a.version, doctorIds[c.doctor]!, ctx);
  else await s.book.changeVisitType(id, a.version, 'in_person', ctx);
}
