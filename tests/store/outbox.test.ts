import { describe, expect, it } from 'vitest';
import { createRepositories, openStore } from '../../main/core/store';
import { appointmentRow, dbPath, tempDirFactory } from './helpers';

const tempDir = tempDirFactory();

function setup() {
  const store = openStore(dbPath(tempDir()));
  let now = new Date('2030-01-01T08:00:00.000Z');
  const repos = createRepositories(store, () => now);
  repos.doctors.insert({ id: 'doc-1', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
  repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient' });
  const appt = repos.appointments.insert(appointmentRow());
  return { store, repos, appt, tick: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('outbox', () => {
  it('a newer intent supersedes the pending one for the same appointment', () => {
    const { repos, appt, store } = setup();
    const first = repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'ensure',
      reference: appt.reference,
      payload: {},
    });
    const second = repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'delete',
      reference: appt.reference,
      payload: {},
    });
    expect(repos.outbox.get(first.id)?.state).toBe('superseded');
    expect(repos.outbox.due('2030-01-01T08:00:00.000Z').map((i) => i.id)).toEqual([second.id]);
    store.close();
  });

  it('work moves pending → in-flight → done, and only one worker can claim it', () => {
    const { repos, appt, store } = setup();
    const item = repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'ensure',
      reference: appt.reference,
      payload: {},
    });
    expect(repos.outbox.claim(item.id)).toBe(true);
    expect(repos.outbox.claim(item.id)).toBe(false);
    expect(repos.outbox.complete(item.id)).toBe(true);
    expect(repos.outbox.get(item.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(repos.outbox.pendingCount()).toBe(0);
    store.close();
  });

  it('a retried item is not due before its next attempt time; parked items stay out of the scan', () => {
    const { repos, appt, store } = setup();
    const item = repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'ensure',
      reference: appt.reference,
      payload: {},
    });
    repos.outbox.claim(item.id);
    repos.outbox.retryLater(item.id, 'Zoom is busy', '2030-01-01T08:05:00.000Z');
    expect(repos.outbox.due('2030-01-01T08:04:59.000Z')).toEqual([]);
    expect(repos.outbox.nextDueAt()).toBe('2030-01-01T08:05:00.000Z');
    expect(repos.outbox.due('2030-01-01T08:05:00.000Z')).toHaveLength(1);
    repos.outbox.park(item.id, 'Dr. Lee must reconnect Zoom');
    expect(repos.outbox.due('2031-01-01T00:00:00.000Z')).toEqual([]);
    store.close();
  });

  it('in-flight work from a crashed run becomes pending again on release', () => {
    const { repos, appt, store } = setup();
    const item = repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'ensure',
      reference: appt.reference,
      payload: {},
    });
    repos.outbox.claim(item.id);
    expect(repos.outbox.releaseInFlight()).toBe(1);
    expect(repos.outbox.get(item.id)?.state).toBe('pending');
    store.close();
  });

  it('refuses a payload that carries a secret', () => {
    const { repos, appt, store } = setup();
    expect(() =>
      repos.outbox.enqueue({
        appointmentId: appt.id,
        op: 'ensure',
        reference: appt.reference,
        payload: { meeting: { password: 'x' } },
      }),
    ).toThrow(/meeting\.password/);
    store.close();
  });

  it('an intent written inside a transaction that fails is not written at all', () => {
    const { repos, appt, store } = setup();
    expect(() =>
      store.transaction(() => {
        repos.appointments.update(appt.id, appt.version, { startUtc: '2030-01-08T09:00:00Z' });
        repos.outbox.enqueue({
          appointmentId: appt.id,
          op: 'ensure',
          reference: appt.reference,
          payload: {},
        });
        repos.audit.append({ actor: 'front-desk', action: 'x', entity: 'appointment', entityId: appt.id });
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(repos.appointments.get(appt.id)?.startUtc).toBe(appt.startUtc);
    expect(repos.outbox.forAppointment(appt.id)).toEqual([]);
    expect(repos.audit.forEntity('appointment', appt.id)).toEqual([]);
    store.close();
  });

  it('a failing nested step rolls back only its savepoint, and after-commit callbacks wait for the outer commit', () => {
    const { repos, appt, store } = setup();
    const seen: string[] = [];
    store.transaction(() => {
      store.afterCommit(() => seen.push('outer'));
      expect(() =>
        store.transaction(() => {
          store.afterCommit(() => seen.push('inner-rolled-back'));
          repos.outbox.enqueue({
            appointmentId: appt.id,
            op: 'ensure',
            reference: appt.reference,
            payload: {},
          });
          throw new Error('nope');
        }),
      ).toThrow('nope');
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['outer']);
    expect(repos.outbox.forAppointment(appt.id)).toEqual([]);
    store.close();
  });
});
