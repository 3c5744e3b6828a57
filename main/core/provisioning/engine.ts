// The provisioning engine: turns outbox intents into exactly one Zoom meeting per tele-medical
// appointment. Intents are written by the appointment book in the same transaction as the
// change; the engine marks its own intent (mapping state 'creating') before it calls Zoom, so after
// a crash or a lost answer it looks for the meeting by its reference before creating again.

import { needsMeeting } from '../appointments/intent';
import { generatePasscode, type PasscodeOptions } from '../appointments/passcode';
import { ServerClock } from '../clinic/server-clock';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import { MeetingLive } from '../meetings/live-status';
import { StartUrlCache } from '../meetings/start-url-cache';
import { DEFAULT_LEASE_MS, type Lease } from '../store/outbox';
import type { PostgresStore } from '../store/postgres';
import type { Appointment, MeetingMapping, OutboxItem } from '../store/records';
import type { Repositories } from '../store/repositories';
import type { Store } from '../store/sql';
import { isZoomApiError, type ZoomClient, type ZoomMeetingListItem } from '../zoom';
import { byReference, type CleanupItem, cleanupQueue, referenceOf } from './cleanup-queue';
import { decideFailure, MAX_BACKOFF_MS } from './failure';
import { createRequest, endsAt, matchesAppointment, updateRequest } from './meeting-request';
import { outboxExtras } from './outbox-extras';

export interface HostAccess {
  client: ZoomClient;
  /** `me` for the doctor's own OAuth token; the doctor's Zoom e-mail with Server-to-Server. */
  userId: string;
}

export interface ProvisioningOptions {
  store: Store;
  repos: Repositories;
  /** The Zoom client acting for this doctor; throws AppError 'reconnect-needed' when not connected. */
  zoomFor(doctorId: string): Promise<HostAccess>;
  /**
   * A clinic of desktops: which desktop makes this doctor's meetings. 'here' when this desktop
   * holds their sign-in (or the clinic's), 'elsewhere' when only another desktop does (the work is
   * left for it), 'nowhere' when none does (the work is tried here and parked, "reconnect Zoom").
   * A single desktop leaves it unset and does all the work.
   */
  route?(doctorId: string): Promise<'here' | 'elsewhere' | 'nowhere'>;
  /** How long a claim on an outbox item holds before another desktop may take it over. */
  leaseMs?: number;
  doctorName(doctorId: string): Promise<string>;
  now?: () => Date;
  random?: () => number;
  logger?: Logger;
  /** Appointments worked on at once; the rate limiter, not this, paces Zoom. */
  concurrency?: number;
  startUrls?: StartUrlCache;
  passcode?: Pick<PasscodeOptions, 'length' | 'requireSpecial' | 'randomInt'>;
  /** Test hook at the write points, for crash injection. */
  hooks?: {
    at?(
      point: 'before-create' | 'after-create' | 'after-update' | 'after-delete',
      appointmentId: string,
    ): void | Promise<void>;
  };
  onChange?(appointmentIds: string[]): void;
  onOnlineChange?(online: boolean): void;
  /**
   * The Zoom user the doctor's own connection acts as now (per-doctor OAuth), or undefined when
   * that is not known. A meeting hosted by another user of the same doctor was made on their
   * previous account: it is deleted there and made again on the current one, once.
   */
  currentHost?(doctorId: string): Promise<string | undefined>;
  /** The doctor's previous account, kept to delete the meetings made on it. */
  previousAccount?(doctorId: string, hostUserId: string): HostAccess;
  /** Every meeting on that previous account is gone: its connection can be forgotten. */
  onPreviousAccountDone?(doctorId: string, hostUserId: string): void;
}

export interface DrainReport {
  processed: number;
  cleaned: number;
}

/** This desktop's claim on an outbox item lapsed and another desktop took the work over. */
class LeaseLost extends Error {
  constructor() {
    super('Another desktop took this work over');
  }
}

const isMeetingGone = (e: unknown) => isZoomApiError(e) && e.reason === 'meeting-not-found';

export class ProvisioningEngine {
  readonly startUrls: StartUrlCache;
  /** What Zoom last said each meeting is doing (started, ended), in memory. */
  readonly live: MeetingLive;
  private readonly now: () => Date;
  /**
   * The clock the work queues' times are on (when work is due, when a back-off ends): on a clinic's
   * server, the server's, as leases are; every desktop's engine compares with it, however wrong
   * that desktop's own clock is. On the embedded database, this desktop's.
   */
  private readonly queueNow: () => Date;
  private readonly serverClock: ServerClock | null;
  private serverClockRead = false;
  private readonly log: Logger;
  private readonly cleanup;
  private readonly extras;
  private draining: Promise<DrainReport> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Due work was left for another desktop in the last drain (see scheduleNext). */
  private leftElsewhere = false;
  private isOnline = true;
  private readonly onlineListeners = new Set<(online: boolean) => void>();

  constructor(private readonly o: ProvisioningOptions) {
    this.now = o.now ?? (() => new Date());
    this.log = o.logger ?? silentLogger;
    this.startUrls = o.startUrls ?? new StartUrlCache(() => this.now().getTime());
    this.live = new MeetingLive(() => this.now().getTime());
    this.serverClock =
      o.store.engine === 'postgres' ? new ServerClock(o.store as PostgresStore, this.now) : null;
    this.queueNow = this.serverClock ? this.serverClock.now : this.now;
    this.cleanup = cleanupQueue(o.store, this.queueNow);
    this.extras = outboxExtras(o.store, this.queueNow);
  }

  /** Adds a listener for Zoom becoming reachable or unreachable; returns its remover. */
  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }

  get online(): boolean {
    return this.isOnline;
  }

  /** Work after a crash is pending again, then the engine drains and keeps a timer for what waits. */
  async start(): Promise<void> {
    const released = await this.o.repos.outbox.releaseInFlight();
    if (released) this.log.warn('provisioning.recovered-in-flight', { count: released });
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** New work arrived (or a doctor reconnected): drain now. */
  kick(): void {
    void this.drain().catch((e) => this.log.error('provisioning.drain-failed', { error: e }));
  }

  /** Processes every item that is due, then returns; concurrent calls share one drain. */
  drain(): Promise<DrainReport> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const run = async (): Promise<DrainReport> => {
      await this.readServerClock();
      const total = { processed: 0, cleaned: 0 };
      do {
        this.again = false;
        const r = await this.drainOnce();
        total.processed += r.processed;
        total.cleaned += r.cleaned;
      } while (this.again);
      return total;
    };
    this.draining = run().finally(() => {
      this.draining = null;
      this.schedule();
    });
    return this.draining;
  }

  /**
   * The server's clock is read once, before the first work (again if the server did not answer):
   * from then on the queue clock runs with this desktop's, so that tests moving an injected clock
   * past a back-off still can. A desktop whose clock is set while it runs keeps its first reading.
   */
  private async readServerClock(): Promise<void> {
    if (!this.serverClock || this.serverClockRead) return;
    try {
      await this.serverClock.sync();
      this.serverClockRead = true;
    } catch (e) {
      this.log.warn('provisioning.server-clock-unread', { error: e });
    }
  }

  /** A doctor connected again: parked work for their meetings goes back in the queue. */
  async resumeDoctor(doctorId: string): Promise<void> {
    const n = (await this.extras.resumeDoctor(doctorId)) + (await this.cleanup.resumeDoctor(doctorId));
    if (n) this.log.info('provisioning.resumed', { doctorId, count: n });
    this.kick();
  }

  /**
   * A doctor's Zoom account changed: each upcoming meeting of theirs is checked (and moved to the
   * new account) by its own intent, so a crash part-way leaves the rest queued, not forgotten.
   */
  async accountChanged(doctorId: string): Promise<number> {
    const nowIso = this.now().toISOString();
    let queued = 0;
    for (const a of await this.o.repos.appointments.listDoctorRange(
      doctorId,
      nowIso,
      '9999-12-31T00:00:00Z',
    )) {
      const m = await this.o.repos.mappings.get(a.id);
      if (!needsMeeting(a) || m?.provisionedBy !== 'companion' || !m.zoomMeetingId) continue;
      if (await this.hasOpenIntent(a.id)) continue;
      await this.enqueue(a, 'ensure', 'account-changed');
      queued++;
    }
    this.kick();
    return queued;
  }

  async queueDepth(): Promise<{ pending: number; parked: number; cleanup: number }> {
    return {
      pending: await this.o.repos.outbox.pendingCount(),
      parked: await this.extras.parkedCount(),
      cleanup: await this.cleanup.openCount(),
    };
  }

  /** A start URL for the host, fetched now or less than 90 minutes ago; never written to disk. */
  async startUrl(appointmentId: string, doctorId: string): Promise<string> {
    const a = await this.o.repos.appointments.get(appointmentId);
    if (!a || a.deletedAt) throw new AppError('not-found', 'That appointment no longer exists.');
    if (a.doctorId !== doctorId) {
      throw new AppError('locked', `Only ${await this.o.doctorName(a.doctorId)} can start this visit.`);
    }
    const m = await this.o.repos.mappings.get(appointmentId);
    // A change of doctor not yet carried out on Zoom leaves the previous host's meeting mapped:
    // its start URL carries that doctor's host rights and must not go to the new doctor.
    if (!m?.zoomMeetingId || m.state !== 'ready' || m.doctorId !== a.doctorId) {
      throw new AppError(
        'not-found',
        'This visit has no Zoom meeting yet. It is being set up; try again in a moment.',
      );
    }
    // A start link is only ever asked for to be opened: the row shows it was.
    const cached = this.startUrls.get(m.zoomMeetingId);
    if (cached) {
      this.live.opened(m.zoomMeetingId);
      this.o.onChange?.([appointmentId]);
      return cached;
    }
    try {
      const meeting = await (await this.o.zoomFor(m.doctorId)).client.getMeeting(m.zoomMeetingId);
      this.startUrls.put(m.zoomMeetingId, meeting.start_url);
      this.live.observe(m.zoomMeetingId, meeting.status);
      this.live.opened(m.zoomMeetingId);
      this.o.onChange?.([appointmentId]);
      return meeting.start_url;
    } catch (e) {
      if (!isMeetingGone(e)) throw e;
      await this.repairMissing(a, m, 'deleted-on-zoom');
      throw new AppError(
        'not-found',
        'The meeting was removed on Zoom. A new one is being set up; try again in a moment.',
      );
    }
  }

  /**
   * Compares upcoming meetings with Zoom: a meeting deleted there is recreated, one changed there
   * is put back, a missing intent is queued. Returns how many appointments needed repair.
   */
  async reconcile(range: { fromUtc: string; toUtc: string }): Promise<number> {
    let repaired = 0;
    const unreachable = new Set<string>();
    for (const a of await this.o.repos.appointments.listRange(range.fromUtc, range.toUtc)) {
      const m = await this.o.repos.mappings.get(a.id);
      if (m?.provisionedBy === 'kivicare' || (await this.hasOpenIntent(a.id))) continue;
      const wanted = needsMeeting(a) && endsAt(a) > this.now().getTime();
      if (!m || m.state === 'deleted' || !m.zoomMeetingId) {
        if (wanted && m?.state !== 'needs-reconnect' && m?.state !== 'failed') {
          await this.enqueue(a, 'ensure', 'missing');
          repaired++;
        }
        continue;
      }
      if (!wanted || m.state !== 'ready' || unreachable.has(m.doctorId)) continue;
      if (m.doctorId === a.doctorId && (await this.onPreviousAccount(m))) {
        await this.enqueue(a, 'ensure', 'account-changed');
        repaired++;
        continue;
      }
      try {
        const z = await (await this.o.zoomFor(m.doctorId)).client.getMeeting(m.zoomMeetingId);
        this.startUrls.put(m.zoomMeetingId, z.start_url);
        if (!matchesAppointment(z, a) || m.doctorId !== a.doctorId) {
          await this.enqueue(a, 'ensure', 'changed-on-zoom');
          repaired++;
        }
      } catch (e) {
        if (isMeetingGone(e)) {
          await this.repairMissing(a, m, 'deleted-on-zoom');
          repaired++;
        } else if (isAppError(e)) {
          unreachable.add(m.doctorId);
          this.log.warn('provisioning.reconcile-skipped', { doctorId: m.doctorId, kind: e.kind });
        } else throw e;
      }
    }
    if (repaired) this.kick();
    return repaired;
  }

  // ---- the work loop -------------------------------------------------------------------------

  private async drainOnce(): Promise<DrainReport> {
    const busy = new Set<string>();
    let processed = 0;
    let cleaned = 0;
    const worker = async () => {
      for (;;) {
        const next = await this.nextItem(busy);
        if (next) {
          const { item, lease } = next;
          busy.add(item.appointmentId);
          try {
            await this.process(item, lease);
            processed++;
          } finally {
            busy.delete(item.appointmentId);
          }
          continue;
        }
        const c = await this.nextCleanup();
        if (!c) return;
        await this.processCleanup(c);
        cleaned++;
      }
    };
    await Promise.all(Array.from({ length: this.o.concurrency ?? 6 }, worker));
    return { processed, cleaned };
  }

  private async nextItem(busy: Set<string>): Promise<{ item: OutboxItem; lease: Lease } | undefined> {
    const due = await this.o.repos.outbox.due(this.queueNow().toISOString(), 50);
    for (const item of due) {
      if (busy.has(item.appointmentId)) {
        this.again = true;
        continue;
      }
      if (this.o.route && (await this.routeOf(item)) === 'elsewhere') {
        // Another desktop holds this doctor's sign-in: the work is left for it.
        this.leftElsewhere = true;
        continue;
      }
      const lease = await this.o.repos.outbox.claim(item.id, this.o.leaseMs);
      if (lease) return { item: { ...item, attempts: item.attempts + 1, fence: lease.fence }, lease };
      // Taken by another desktop, or waiting while an older intent for the visit is in flight
      // there: due, but not this desktop's to do now; it must not wake this one in a loop (the
      // older one's end is announced by the server, see outbox.complete).
      this.leftElsewhere = true;
    }
    return undefined;
  }

  /**
   * The doctor whose Zoom does this work: the visit's doctor when it needs a meeting (a previous
   * host's meeting goes to the clean-up queue, which a desktop holding that host's sign-in works
   * through), else the host of the meeting to delete. One doctor, so that a change of doctor between
   * sign-ins held on two different desktops is not left waiting for a desktop holding both.
   */
  private async routeOf(item: OutboxItem): Promise<'here' | 'elsewhere' | 'nowhere'> {
    return this.routeFor(
      await this.o.repos.appointments.get(item.appointmentId),
      await this.o.repos.mappings.get(item.appointmentId),
    );
  }

  private routeFor(
    a: Appointment | undefined,
    m: MeetingMapping | undefined,
  ): Promise<'here' | 'elsewhere' | 'nowhere'> {
    const doctorId = a && needsMeeting(a) ? a.doctorId : (m?.doctorId ?? a?.doctorId);
    return doctorId ? this.o.route!(doctorId) : Promise.resolve('here');
  }

  private async nextCleanup(): Promise<CleanupItem | undefined> {
    for (const c of await this.cleanup.due(20)) {
      if (this.o.route && (await this.o.route(c.doctorId)) === 'elsewhere') {
        this.leftElsewhere = true;
        continue;
      }
      // Claimed by pushing its time forward, so no other worker or desktop takes it too.
      if (await this.cleanup.claim(c.id, new Date(this.queueNow().getTime() + 60_000).toISOString()))
        return c;
    }
    return undefined;
  }

  private schedule(): void {
    if (!this.running) return;
    void this.scheduleNext().catch((e) => this.log.error('provisioning.schedule-failed', { error: e }));
  }

  private async scheduleNext(): Promise<void> {
    const skipped = this.leftElsewhere;
    this.leftElsewhere = false;
    let next = await this.o.repos.outbox.nextDueAt();
    const nowMs = this.queueNow().getTime();
    // Work due now but left to another desktop must not wake this one in a loop: wait for what
    // falls due after now, or for another desktop's lease to lapse (its work may then be this
    // one's to take over); that desktop's changes arrive by push, not by this timer.
    if (skipped && next && Date.parse(next) <= nowMs) {
      next =
        (await this.o.repos.outbox.nextDueAt(new Date(nowMs).toISOString())) ??
        new Date(nowMs + 30_000).toISOString();
    }
    if (!this.running) return;
    if (!next && (await this.cleanup.openCount()) === 0) return;
    const wait = next ? Math.max(50, Date.parse(next) - nowMs) : 60_000;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(wait, 60_000));
    this.timer.unref?.();
  }

  private async process(item: OutboxItem, lease: Lease): Promise<void> {
    const a = await this.o.repos.appointments.get(item.appointmentId);
    // What the people reading the message wait for: a reschedule is an update, not a new meeting.
    const mapped = await this.o.repos.mappings.get(item.appointmentId);
    if (this.o.route && (await this.routeFor(a, mapped)) === 'elsewhere') {
      // The visit changed hands (another doctor) between picking this work and claiming it: it is
      // handed back for the desktop where that doctor is signed in, not parked here as "reconnect".
      await this.o.repos.outbox.release(lease);
      this.leftElsewhere = true;
      return;
    }
    const operation =
      !a || !needsMeeting(a)
        ? 'delete'
        : mapped?.zoomMeetingId && mapped.doctorId === a.doctorId
          ? 'update'
          : 'create';
    // A long call (the rate limiter queues) keeps its claim; a claim lost is noticed at the next write.
    const renew = setInterval(
      () => void this.o.repos.outbox.renew(lease, this.o.leaseMs).catch(() => undefined),
      Math.max(1_000, (this.o.leaseMs ?? DEFAULT_LEASE_MS) / 3),
    );
    renew.unref?.();
    try {
      if (a) await this.apply(a, item, lease);
      await this.o.repos.outbox.complete(lease);
      await this.markOnline();
    } catch (e) {
      if (e instanceof LeaseLost) {
        this.log.warn('provisioning.lease-lost', { appointmentId: item.appointmentId, fence: lease.fence });
      } else await this.fail(item, lease, a, e, operation);
    } finally {
      clearInterval(renew);
    }
    this.o.onChange?.([item.appointmentId]);
  }

  /**
   * Writes under this desktop's claim: refused (LeaseLost) when another desktop took the work over
   * after this one's lease lapsed, so a late answer never overwrites a newer result.
   */
  private fenced<T>(lease: Lease, fn: () => Promise<T>): Promise<T> {
    return this.o.store.transaction(async () => {
      if (!(await this.o.repos.outbox.holds(lease))) throw new LeaseLost();
      return fn();
    });
  }

  private async fail(
    item: OutboxItem,
    lease: Lease,
    a: Appointment | undefined,
    e: unknown,
    operation: string,
  ): Promise<void> {
    const doctorId = (await this.o.repos.mappings.get(item.appointmentId))?.doctorId ?? a?.doctorId ?? '';
    const outcome = decideFailure(e, {
      attempts: item.attempts,
      nowMs: this.queueNow().getTime(),
      doctorName: await this.o.doctorName(doctorId),
      operation,
      random: this.o.random,
    });
    const kind = isAppError(e) ? e.kind : 'internal';
    this.log.warn('provisioning.failed', { appointmentId: item.appointmentId, kind, action: outcome.action });
    const { repos } = this.o;
    try {
      await this.fenced(lease, async () => {
        const m = await repos.mappings.get(item.appointmentId);
        if (outcome.action === 'retry') {
          await repos.outbox.retryLater(lease, outcome.message, new Date(outcome.at).toISOString());
          if (m)
            await repos.mappings.update(m.appointmentId, {
              lastErrorKind: kind,
              lastErrorMessage: outcome.message,
            });
        } else if (outcome.action === 'park') {
          await repos.outbox.park(lease, outcome.message);
          if (m) {
            await repos.mappings.update(m.appointmentId, {
              state: outcome.mappingState,
              lastErrorKind: kind,
              lastErrorMessage: outcome.message,
            });
          }
          await repos.audit.append({
            actor: 'system',
            action: `meeting.${outcome.mappingState}`,
            entity: 'appointment',
            entityId: item.appointmentId,
            detail: { kind },
          });
        } else await repos.outbox.complete(lease);
      });
    } catch (lost) {
      if (!(lost instanceof LeaseLost)) throw lost;
      this.log.warn('provisioning.lease-lost', { appointmentId: item.appointmentId, fence: lease.fence });
      if (a && operation === 'create' && isZoomApiError(e) && e.reason === 'outcome-unknown') {
        // This desktop's create may have reached Zoom after another desktop took the work over,
        // and no one will ever look for it: whatever meeting carries the reference on this host
        // and is not the visit's own goes to the clean-up queue (once the visit's work is done).
        await this.cleanup.add(byReference(a.reference), a.doctorId, a.id, 'unknown-after-lease-lapsed');
        await this.audit(a.id, 'meeting.unknown-after-takeover', {});
      }
    }
    if (outcome.action === 'retry' && outcome.offline) this.markOffline();
  }

  private async apply(a: Appointment, item: OutboxItem, lease: Lease): Promise<void> {
    const m = await this.o.repos.mappings.get(a.id);
    if (m?.provisionedBy === 'kivicare') return; // the KiviCare site owns this meeting
    const wanted = needsMeeting(a) && endsAt(a) > this.now().getTime();
    if (!needsMeeting(a)) return this.remove(a, m, lease);
    if (!wanted) return; // a visit already over gets no new meeting
    return this.ensure(a, m, item, lease);
  }

  private async ensure(
    a: Appointment,
    mapping: MeetingMapping | undefined,
    item: OutboxItem,
    lease: Lease,
  ): Promise<void> {
    const { repos } = this.o;
    let m = mapping;
    if (m && !m.zoomMeetingId && m.doctorId !== a.doctorId && m.state !== 'deleted') {
      // The doctor changed while a create for the previous doctor was unconfirmed (a crash, a lost
      // answer, a parked attempt): that meeting would live on under the old host with no owner.
      await this.queueStrays(m, lease);
    }
    if (m?.zoomMeetingId && m.doctorId !== a.doctorId) {
      // Change of host: the old meeting goes to the clean-up queue in the same write that frees the
      // mapping, so it is deleted even if the old doctor cannot be reached right now.
      const old = m;
      m = await this.fenced(lease, async () => {
        await this.cleanup.add(old.zoomMeetingId!, old.doctorId, a.id, 'doctor-changed');
        return repos.mappings.update(a.id, { ...cleared, doctorId: a.doctorId, state: 'creating' });
      });
    }
    if (m?.zoomMeetingId && m.doctorId === a.doctorId && (await this.onPreviousAccount(m))) {
      // The doctor's Zoom account changed: the meeting is deleted on the previous account (the
      // clean-up queue, in the same write) and made again on the current one below.
      const old = m;
      m = await this.fenced(lease, async () => {
        await this.cleanup.add(old.zoomMeetingId!, old.doctorId, a.id, 'account-changed', old.hostId);
        await this.audit(a.id, 'meeting.account-changed', { meetingId: old.zoomMeetingId });
        return repos.mappings.update(a.id, { ...cleared, state: 'creating' });
      });
    }
    if (m?.zoomMeetingId) {
      const access = await this.o.zoomFor(a.doctorId);
      try {
        await access.client.updateMeeting(m.zoomMeetingId, updateRequest(a));
        await this.o.hooks?.at?.('after-update', a.id);
        const meetingId = m.zoomMeetingId;
        await this.fenced(lease, async () => {
          if (await this.siteTookOver(a.id, meetingId, a.doctorId)) return;
          await repos.mappings.update(a.id, { state: 'ready', lastErrorKind: null, lastErrorMessage: null });
          await this.audit(a.id, 'meeting.updated', { meetingId });
        });
        return;
      } catch (e) {
        if (!isMeetingGone(e)) throw e;
        // Deleted on Zoom's side: fall through and create a new one.
        m = await this.fenced(lease, () => repos.mappings.update(a.id, { ...cleared, state: 'creating' }));
      }
    }
    await this.create(a, m, item, lease);
  }

  private async create(
    a: Appointment,
    mapping: MeetingMapping | undefined,
    item: OutboxItem,
    lease: Lease,
  ): Promise<void> {
    const { repos } = this.o;
    // A previous attempt may have reached Zoom if it had already marked its intent, or if this
    // outbox item was tried before (a time-out, a lost answer, a crash).
    const mayExist = mapping?.state === 'creating' || item.attempts > 1;
    await this.fenced(lease, async () => {
      // Read again under the claim: another desktop may have made the mapping meanwhile.
      const now = await repos.mappings.get(a.id);
      if (!now) {
        await repos.mappings.insert({
          appointmentId: a.id,
          doctorId: a.doctorId,
          reference: a.reference,
          state: 'creating',
        });
      } else if (now.state !== 'creating' || now.doctorId !== a.doctorId) {
        await repos.mappings.update(a.id, { state: 'creating', doctorId: a.doctorId });
      }
    });
    const access = await this.o.zoomFor(a.doctorId);
    // A meeting queued for deletion (this reference's old host, back again) is about to be deleted:
    // adopting it would leave the appointment pointing at a meeting the clean-up then removes.
    const found: ZoomMeetingListItem[] = [];
    if (mayExist) {
      for (const x of await this.findByReference(access, a.reference))
        if (!(await this.cleanup.isQueued(x.id))) found.push(x);
    }
    let meeting: {
      id: string;
      uuid?: string;
      join_url: string;
      password?: string;
      host_id?: string;
      host_email?: string;
      start_url: string;
    };
    let adopted = false;
    let heldPasscode = '';
    if (found.length > 0) {
      const [keep, ...extra] = found;
      const full = await access.client.getMeeting(keep!.id);
      if (!matchesAppointment(full, a)) await access.client.updateMeeting(full.id, updateRequest(a));
      await this.fenced(lease, async () => {
        for (const x of extra) await this.cleanup.add(x.id, a.doctorId, a.id, 'duplicate');
      });
      meeting = full;
      adopted = true;
    } else {
      // Held on the mapping before the call, so a create running alongside (on any desktop)
      // cannot pick it too: chosen and written in one transaction.
      await this.fenced(lease, async () => {
        const passcode = await generatePasscode({
          ...this.o.passcode,
          isTaken: (p) => repos.mappings.passcodeInUse(p),
        });
        await repos.mappings.update(a.id, { passcode });
        heldPasscode = passcode;
      });
      await this.o.hooks?.at?.('before-create', a.id);
      meeting = await access.client.createMeeting(access.userId, createRequest(a, heldPasscode));
      await this.o.hooks?.at?.('after-create', a.id);
    }
    let kept = false;
    try {
      kept = await this.fenced(lease, async () => {
        if (await this.siteTookOver(a.id, meeting.id, a.doctorId)) return false;
        await repos.mappings.update(a.id, {
          zoomMeetingId: meeting.id,
          zoomUuid: meeting.uuid ?? null,
          joinUrl: meeting.join_url,
          passcode: meeting.password ?? null,
          hostId: meeting.host_id ?? null,
          hostEmail: meeting.host_email ?? null,
          state: 'ready',
          lastErrorKind: null,
          lastErrorMessage: null,
        });
        await this.audit(a.id, 'meeting.created', { meetingId: meeting.id, adopted });
        return true;
      });
    } catch (e) {
      if (!(e instanceof LeaseLost)) throw e;
      // Another desktop took this work over while the call was out (this one was too slow or
      // asleep). Unless it kept this very meeting (found by its reference), the meeting is surplus.
      const now = await repos.mappings.get(a.id);
      if (now?.zoomMeetingId !== meeting.id) {
        await this.cleanup.add(meeting.id, a.doctorId, a.id, 'made-after-lease-lapsed');
        await this.audit(a.id, 'meeting.surplus-after-takeover', { meetingId: meeting.id });
      }
      throw e;
    }
    if (kept) this.startUrls.put(meeting.id, meeting.start_url);
  }

  private async remove(a: Appointment, m: MeetingMapping | undefined, lease: Lease): Promise<void> {
    if (!m || m.state === 'deleted') return;
    const { repos } = this.o;
    const ids = m.zoomMeetingId ? [m.zoomMeetingId] : [];
    await this.fenced(lease, () => repos.mappings.update(a.id, { state: 'deleting' }));
    const access = await this.o.zoomFor(m.doctorId);
    if (ids.length === 0) {
      // A create may have reached Zoom without its answer reaching us: find it by reference.
      for (const x of await this.findByReference(access, m.reference)) ids.push(x.id);
    }
    for (const id of ids) {
      try {
        await access.client.deleteMeeting(id, { ifExists: true });
      } catch (e) {
        if (!(isZoomApiError(e) && e.reason === 'meeting-ended')) throw e;
      }
      this.startUrls.forget(id);
    }
    await this.o.hooks?.at?.('after-delete', a.id);
    await this.fenced(lease, async () => {
      await repos.mappings.update(a.id, {
        ...cleared,
        state: 'deleted',
        lastErrorKind: null,
        lastErrorMessage: null,
      });
      await this.audit(a.id, 'meeting.deleted', { meetingIds: ids });
    });
  }

  private async processCleanup(c: CleanupItem): Promise<void> {
    try {
      const access =
        c.hostUserId && this.o.previousAccount
          ? this.o.previousAccount(c.doctorId, c.hostUserId)
          : await this.o.zoomFor(c.doctorId);
      const reference = referenceOf(c.zoomMeetingId);
      // While the visit's own work is under way, a meeting it is making may not be mapped yet: an
      // entry by reference waits (it stays claimed for a minute) until that work is done.
      if (reference && c.appointmentId && (await this.hasWorkUnderWay(c.appointmentId))) return;
      const ids = reference
        ? (await this.findByReference(access, reference)).map((x) => x.id)
        : [c.zoomMeetingId];
      // A meeting found by its reference that a visit's mapping points to (the visit came back to
      // this host and adopted it) is that visit's, not a stray.
      if (reference) {
        for (const id of [...ids]) if (await this.mapped(id)) ids.splice(ids.indexOf(id), 1);
      }
      for (const id of ids) await access.client.deleteMeeting(id, { ifExists: true });
      await this.cleanup.complete(c.id);
      await this.audit(c.appointmentId, 'meeting.cleaned-up', {
        meetingId: c.zoomMeetingId,
        reason: c.reason,
      });
      await this.previousAccountDone(c);
      await this.markOnline();
    } catch (e) {
      if (isZoomApiError(e) && e.reason === 'meeting-ended') return this.cleanup.complete(c.id);
      if (c.hostUserId && isAppError(e) && e.kind === 'reconnect-needed') {
        // The previous account cannot be reached (its sign-in ended): the meeting stays there,
        // which only its owner can see; recorded rather than retried for ever.
        await this.cleanup.complete(c.id);
        await this.audit(c.appointmentId, 'meeting.left-on-previous-account', { meetingId: c.zoomMeetingId });
        await this.previousAccountDone(c);
        return;
      }
      const outcome = decideFailure(e, {
        attempts: c.attempts + 1,
        nowMs: this.queueNow().getTime(),
        doctorName: await this.o.doctorName(c.doctorId),
        operation: 'delete',
        random: this.o.random,
      });
      if (outcome.action === 'retry')
        await this.cleanup.retryLater(c.id, outcome.message, new Date(outcome.at).toISOString());
      else if (outcome.action === 'park') await this.cleanup.park(c.id, outcome.message);
      else await this.cleanup.complete(c.id);
    }
  }

  /**
   * While this call was out, a KiviCare sync found the site's own meeting for the visit and took
   * the mapping over: the meeting just made or updated here is surplus and goes to clean-up.
   */
  private async siteTookOver(
    appointmentId: string,
    meetingId: string,
    hostDoctorId: string,
  ): Promise<boolean> {
    if ((await this.o.repos.mappings.get(appointmentId))?.provisionedBy !== 'kivicare') return false;
    await this.cleanup.add(meetingId, hostDoctorId, appointmentId, 'site-made-its-own');
    await this.audit(appointmentId, 'meeting.surplus-to-site', { meetingId });
    return true;
  }

  /** Is this (ready) meeting hosted by another Zoom user than the doctor's connection now acts as? */
  private async onPreviousAccount(m: MeetingMapping): Promise<boolean> {
    if (!m.hostId || !this.o.currentHost) return false;
    const host = await this.o.currentHost(m.doctorId).catch(() => undefined);
    return host !== undefined && host !== m.hostId;
  }

  private async previousAccountDone(c: CleanupItem): Promise<void> {
    if (c.hostUserId && (await this.cleanup.openOnAccount(c.doctorId, c.hostUserId)) === 0)
      this.o.onPreviousAccountDone?.(c.doctorId, c.hostUserId);
  }

  /** Queues for deletion every meeting the mapping's (previous) host has under its reference. */
  private async queueStrays(m: MeetingMapping, lease: Lease): Promise<void> {
    let found: ZoomMeetingListItem[];
    try {
      found = await this.findByReference(await this.o.zoomFor(m.doctorId), m.reference);
    } catch (e) {
      // The old host cannot be asked any more: their stray (if any) must not hold up the new
      // doctor's meeting. Any other failure is retried with the whole intent.
      if (isAppError(e) && e.kind === 'reconnect-needed') {
        // Not signed in here (another desktop holds their sign-in, or none does): whatever meeting
        // carries this reference on their Zoom is found and deleted by the clean-up queue, where
        // they are signed in (parked until they reconnect when nowhere).
        this.log.warn('provisioning.stray-lookup-queued', { appointmentId: m.appointmentId });
        await this.fenced(lease, () =>
          this.cleanup.add(byReference(m.reference), m.doctorId, m.appointmentId, 'doctor-changed'),
        );
        return;
      }
      throw e;
    }
    await this.fenced(lease, async () => {
      for (const x of found) await this.cleanup.add(x.id, m.doctorId, m.appointmentId, 'doctor-changed');
    });
  }

  private async hasWorkUnderWay(appointmentId: string): Promise<boolean> {
    return (await this.o.repos.outbox.forAppointment(appointmentId)).some(
      (i) => i.state === 'pending' || i.state === 'in-flight',
    );
  }

  private async mapped(zoomMeetingId: string): Promise<boolean> {
    return (
      (await this.o.store.row('SELECT appointment_id FROM meeting_mappings WHERE zoom_meeting_id = ?', [
        zoomMeetingId,
      ])) !== undefined
    );
  }

  private async findByReference(access: HostAccess, reference: string): Promise<ZoomMeetingListItem[]> {
    const found: ZoomMeetingListItem[] = [];
    for await (const m of access.client.iterateMeetings(access.userId, {
      type: 'scheduled',
      pageSize: 300,
    })) {
      if (m.topic?.includes(reference)) found.push(m);
    }
    return found;
  }

  private async repairMissing(a: Appointment, m: MeetingMapping, reason: string): Promise<void> {
    this.startUrls.forget(m.zoomMeetingId ?? '');
    await this.o.store.transaction(async () => {
      await this.o.repos.mappings.update(a.id, { ...cleared, state: 'creating' });
      await this.enqueue(a, 'ensure', reason);
    });
    this.kick();
  }

  private async hasOpenIntent(appointmentId: string): Promise<boolean> {
    return (await this.o.repos.outbox.forAppointment(appointmentId)).some(
      (i) => i.state === 'pending' || i.state === 'in-flight' || i.state === 'parked',
    );
  }

  private enqueue(a: Appointment, op: 'ensure' | 'delete', reason: string): Promise<void> {
    return this.o.store.transaction(async () => {
      await this.o.repos.outbox.enqueue({
        appointmentId: a.id,
        op,
        reference: a.reference,
        payload: { appointmentId: a.id, reason },
      });
      await this.audit(a.id, `meeting.${op}-queued`, { reason });
    });
  }

  private async audit(
    appointmentId: string | null,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.o.repos.audit.append({
      actor: 'system',
      action,
      entity: 'appointment',
      entityId: appointmentId,
      detail,
    });
  }

  private async markOnline(): Promise<void> {
    if (this.isOnline) return;
    this.isOnline = true;
    // Zoom answers again: everything waiting on a back-off goes now.
    const woken = (await this.extras.wakeAll(MAX_BACKOFF_MS)) + (await this.cleanup.wakeAll(MAX_BACKOFF_MS));
    this.log.info('provisioning.online', { woken });
    this.o.onOnlineChange?.(true);
    for (const l of this.onlineListeners) l(true);
    if (woken) this.again = true;
  }

  private markOffline(): void {
    if (!this.isOnline) return;
    this.isOnline = false;
    this.o.onOnlineChange?.(false);
    for (const l of this.onlineListeners) l(false);
  }
}

const cleared = {
  zoomMeetingId: null,
  zoomUuid: null,
  joinUrl: null,
  passcode: null,
  hostId: null,
  hostEmail: null,
} as const;
