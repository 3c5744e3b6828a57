import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { AppointmentChanges } from '../store/appointments';
import type { Store } from '../store/database';
import type { Appointment, StatusCode, VisitType } from '../store/records';
import { createRepositories, type Repositories } from '../store/repositories';
import { dayRangeUtc } from '../time/day-range';
import { dateToCanonicalUtc } from '../time/utc';
import { BookEmitter, type BookEventName, type BookEvents } from './events';
import { intentPayload, meetingIntent } from './intent';
import { findOverlaps } from './overlap';
import { generateReference } from './reference';
import { Actor, AppointmentChangesInput, NewAppointmentInput, parseOrThrow, TimeZone } from './schema';

export interface BookOptions {
  store: Store;
  /** Shares prepared statements with other services on the same connection. */
  repos?: Repositories;
  /** The clinic's IANA zone: what "a day" means when listing. */
  clinicTimeZone: string;
  clock?: () => Date;
  newId?: () => string;
  onListenerError?: (e: unknown) => void;
}

export interface ChangeContext {
  actor: Actor;
  /** Imports and syncs may record visits in the past; the front desk books only the future. */
  allowPast?: boolean;
}

export type BookWarning = { kind: 'overlap'; message: string; appointmentIds: string[] };
export interface BookResult {
  appointment: Appointment;
  warnings: BookWarning[];
}

// Clinical text never goes into the audit detail: only that it changed.
const PRIVATE_FIELDS = new Set(['reason', 'notes']);

export class AppointmentBook {
  readonly repos: Repositories;
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly clinicTimeZone: string;
  private readonly emitter: BookEmitter;
  /** The changes of the book operation (or book.transaction) under way in this async context. */
  private readonly scope = new AsyncLocalStorage<ChangeScope>();
  /** Committed changes not yet told to listeners; told once per commit. */
  private committed: string[] = [];
  private pendingAfter: number | null = null;
  private flushQueued = false;

  constructor(options: BookOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.repos = options.repos ?? createRepositories(options.store, this.clock);
    this.newId = options.newId ?? randomUUID;
    this.clinicTimeZone = parseOrThrow(TimeZone, options.clinicTimeZone);
    this.emitter = new BookEmitter(options.onListenerError);
  }

  /**
   * Several book changes (and other writes) as one atomic unit; events fire once it commits. fn
   * awaits only store calls (it may run again on PostgreSQL after a serialization conflict).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inScope(fn);
  }

  on<E extends BookEventName>(event: E, listener: (payload: BookEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async create(input: NewAppointmentInput, ctx: ChangeContext): Promise<BookResult> {
    const actor = parseOrThrow(Actor, ctx.actor);
    const data = parseOrThrow(NewAppointmentInput, input);
    return this.inScope(async () => {
      await this.assertKnown(data.doctorId, data.patientId);
      if (!ctx.allowPast) this.assertFuture(data.startUtc);
      const appointment = await this.repos.appointments.insert({
        id: this.newId(),
        ...data,
        reason: data.reason ?? null,
        notes: data.notes ?? null,
        sourceId: data.sourceId ?? null,
        reference: await this.uniqueReference(),
      });
      await this.record(actor, 'appointment.created', undefined, appointment, {
        startUtc: appointment.startUtc,
        doctorId: appointment.doctorId,
        visitType: appointment.visitType,
        source: appointment.source,
      });
      return { appointment, warnings: await this.warnings(appointment) };
    });
  }

  /** Any mix of changes; the named methods below are this with one field. */
  async edit(
    id: string,
    expectedVersion: number,
    changes: AppointmentChangesInput,
    ctx: ChangeContext,
  ): Promise<BookResult> {
    const actor = parseOrThrow(Actor, ctx.actor);
    const data = parseOrThrow(AppointmentChangesInput, changes) as AppointmentChanges;
    return this.inScope(async () => {
      const before = await this.live(id);
      if (before.version !== expectedVersion) throw this.stale(before);
      const diff = Object.fromEntries(
        Object.entries(data).filter(([k, v]) => v !== undefined && (before as never)[k] !== (v ?? null)),
      ) as AppointmentChanges;
      if (Object.keys(diff).length === 0)
        return { appointment: before, warnings: await this.warnings(before) };
      if (diff.doctorId || diff.patientId) await this.assertKnown(diff.doctorId, diff.patientId);
      if (diff.startUtc && !ctx.allowPast) this.assertFuture(diff.startUtc);
      const after = await this.repos.appointments.update(id, expectedVersion, diff);
      if (!after) throw this.stale(before);
      const detail = Object.fromEntries(
        Object.keys(diff).map((k) => [
          k,
          PRIVATE_FIELDS.has(k) ? 'changed' : { from: (before as never)[k], to: (after as never)[k] },
        ]),
      );
      await this.record(actor, actionFor(diff), before, after, detail);
      return { appointment: after, warnings: await this.warnings(after) };
    });
  }

  reschedule(
    id: string,
    expectedVersion: number,
    to: { startUtc: string; timeZone?: string; durationMin?: number },
    ctx: ChangeContext,
  ): Promise<BookResult> {
    return this.edit(id, expectedVersion, to, ctx);
  }

  changeDoctor(
    id: string,
    expectedVersion: number,
    doctorId: string,
    ctx: ChangeContext,
  ): Promise<BookResult> {
    return this.edit(id, expectedVersion, { doctorId }, ctx);
  }

  changeVisitType(
    id: string,
    expectedVersion: number,
    visitType: VisitType,
    ctx: ChangeContext,
  ): Promise<BookResult> {
    return this.edit(id, expectedVersion, { visitType }, ctx);
  }

  setStatus(
    id: string,
    expectedVersion: number,
    status: StatusCode,
    ctx: ChangeContext,
  ): Promise<BookResult> {
    return this.edit(id, expectedVersion, { status }, ctx);
  }

  cancel(id: string, expectedVersion: number, ctx: ChangeContext): Promise<BookResult> {
    return this.setStatus(id, expectedVersion, 0, ctx);
  }

  /** Soft delete: the row stays for the audit trail and for the meeting clean-up. */
  async delete(id: string, expectedVersion: number, ctx: ChangeContext): Promise<Appointment> {
    const actor = parseOrThrow(Actor, ctx.actor);
    return this.inScope(async () => {
      const before = await this.live(id);
      if (before.version !== expectedVersion) throw this.stale(before);
      const after = await this.repos.appointments.update(id, expectedVersion, {
        deletedAt: this.clock().toISOString(),
      });
      if (!after) throw this.stale(before);
      await this.record(actor, 'appointment.deleted', before, after, {});
      return after;
    });
  }

  get(id: string): Promise<Appointment> {
    return this.live(id);
  }

  /** A calendar day on the clinic's clocks (or another zone), DST-correct, in start order. */
  async listDay(
    date: string,
    options: { timeZone?: string; doctorId?: string } = {},
  ): Promise<Appointment[]> {
    const zone = options.timeZone ? parseOrThrow(TimeZone, options.timeZone) : this.clinicTimeZone;
    const range = dayRangeUtc(date, zone);
    if (!range) throw new AppError('invalid-request', 'The day must be a date like 2030-01-31.', { date });
    return options.doctorId
      ? this.repos.appointments.listDoctorRange(options.doctorId, range.fromUtc, range.toUtc)
      : this.repos.appointments.listRange(range.fromUtc, range.toUtc);
  }

  listByDoctor(doctorId: string, range: { fromUtc: string; toUtc: string }): Promise<Appointment[]> {
    return this.repos.appointments.listDoctorRange(doctorId, range.fromUtc, range.toUtc);
  }

  private async live(id: string): Promise<Appointment> {
    const a = await this.repos.appointments.get(id);
    if (!a || a.deletedAt !== null)
      throw new AppError('not-found', 'That appointment no longer exists.', { id });
    return a;
  }

  private stale(current: Appointment): AppError {
    return new AppError(
      'conflict',
      'Someone else changed this appointment a moment ago. Please look at the latest version and try again.',
      { id: current.id, currentVersion: current.version },
    );
  }

  private async assertKnown(doctorId?: string, patientId?: string) {
    if (doctorId && !(await this.repos.doctors.get(doctorId))) {
      throw new AppError('invalid-request', 'That doctor is not in the clinic’s list.', {
        field: 'doctorId',
      });
    }
    if (patientId && !(await this.repos.patients.get(patientId))) {
      throw new AppError('invalid-request', 'That patient is not in the clinic’s list.', {
        field: 'patientId',
      });
    }
  }

  private assertFuture(startUtc: string) {
    if (startUtc <= dateToCanonicalUtc(this.clock())) {
      throw new AppError('invalid-request', 'The appointment must start in the future.', {
        field: 'startUtc',
      });
    }
  }

  private async uniqueReference(): Promise<string> {
    for (;;) {
      const ref = generateReference();
      if (!(await this.repos.appointments.getByReference(ref))) return ref;
    }
  }

  private async warnings(a: Appointment): Promise<BookWarning[]> {
    const ids = await findOverlaps(this.repos.appointments, a);
    return ids.length
      ? [
          {
            kind: 'overlap',
            message: 'The doctor has another appointment at this time.',
            appointmentIds: ids,
          },
        ]
      : [];
  }

  /**
   * Runs fn in a transaction (a savepoint inside the caller's). The outermost book operation (or
   * book.transaction) gathers its changes, reads the outbox's pending count once at its end, and
   * has them told after the commit; nested operations add to it.
   */
  private inScope<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scope.getStore()) return this.store.transaction(fn);
    return this.store.transaction(() => {
      // Made afresh on each run: on PostgreSQL a transaction may run again after a conflict.
      const scope: ChangeScope = { ids: [], outbox: false };
      return this.scope.run(scope, async () => {
        const result = await fn();
        if (scope.ids.length > 0) {
          // Read here, in the transaction: the count its commit leaves, once however many changes.
          const pending = scope.outbox ? await this.repos.outbox.pendingCount() : null;
          this.store.afterCommit(() => this.committedChanges(scope.ids, pending));
        }
        return result;
      });
    });
  }

  /** Audit row, outbox intent and change notification, all inside the caller's transaction. */
  private async record(
    actor: string,
    action: string,
    before: Appointment | undefined,
    after: Appointment,
    detail: Record<string, unknown>,
  ) {
    await this.repos.audit.append({ actor, action, entity: 'appointment', entityId: after.id, detail });
    const scope = this.scope.getStore()!;
    const intent = meetingIntent(before, after);
    if (intent) {
      const payload = intentPayload(intent, before, after);
      await this.repos.outbox.enqueue({
        appointmentId: after.id,
        op: intent.op,
        reference: after.reference,
        payload,
      });
      await this.repos.audit.append({
        actor: 'system',
        action: `meeting.${intent.op}-queued`,
        entity: 'appointment',
        entityId: after.id,
        detail: { reason: intent.reason },
      });
      scope.outbox = true;
    }
    scope.ids.push(after.id);
  }

  /**
   * Runs after a commit. A commit may carry several scopes (book operations inside a caller's
   * transaction): their callbacks all run before this microtask, so the commit is told once, and
   * before whoever awaited the transaction carries on.
   */
  private committedChanges(ids: readonly string[], pending: number | null) {
    this.committed.push(...ids);
    if (pending !== null) this.pendingAfter = pending;
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  private flush() {
    const ids = [...new Set(this.committed)];
    const pending = this.pendingAfter;
    this.committed = [];
    this.pendingAfter = null;
    this.flushQueued = false;
    this.emitter.emit('appointments-changed', { ids });
    if (pending !== null) this.emitter.emit('outbox-has-work', { pending });
  }
}

interface ChangeScope {
  ids: string[];
  outbox: boolean;
}

function actionFor(diff: AppointmentChanges): string {
  const keys = Object.keys(diff);
  if (keys.length === 1 && diff.status === 0) return 'appointment.cancelled';
  if (keys.every((k) => k === 'startUtc' || k === 'timeZone' || k === 'durationMin'))
    return 'appointment.rescheduled';
  if (keys.length === 1 && diff.doctorId) return 'appointment.doctor-changed';
  if (keys.length === 1 && diff.visitType) return 'appointment.visit-type-changed';
  if (keys.length === 1 && diff.status !== undefined) return 'appointment.status-changed';
  return 'appointment.edited';
}
