// Every repository behaviour, on both engines: node:sqlite and a real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../main/core/store';
import type { Store } from '../../main/core/store/sql';
import { ENGINES } from './engines';
import { appointmentRow } from './helpers';

async function setup(store: Store, desktopId = 'desk-a') {
  let now = new Date('2030-01-01T08:00:00.000Z');
  const repos = createRepositories(store, () => now, desktopId);
  await repos.doctors.insert({ id: 'doc-1', displayName: 'Dr. Lee', email: 'Lee@Clinic.test' });
  await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient', email: 'ana@mail.test' });
  const appt = await repos.appointments.insert(appointmentRow());
  const intent = () =>
    repos.outbox.enqueue({ appointmentId: appt.id, op: 'ensure', reference: appt.reference, payload: {} });
  return { repos, appt, intent, tick: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe.each(ENGINES)('repositories on $engine', ({ engine, skip, open }) => {
  it.skipIf(skip)('appointments: insert, optimistic update, ranges and same-slot look-up', async () => {
    const store = await open();
    const { repos, appt } = await setup(store);
    expect(appt).toMatchObject({ version: 1, doctorId: 'doc-1', deletedAt: null, status: 1 });
    const moved = await repos.appointments.update(appt.id, 1, { startUtc: '2030-01-08T09:00:00Z' });
    expect(moved).toMatchObject({ version: 2, startUtc: '2030-01-08T09:00:00Z' });
    // Someone else changed it first: the stale version writes nothing.
    expect(await repos.appointments.update(appt.id, 1, { startUtc: '2030-01-09T09:00:00Z' })).toBeUndefined();
    expect((await repos.appointments.get(appt.id))?.startUtc).toBe('2030-01-08T09:00:00Z');
    expect(await repos.appointments.listRange('2030-01-08T00:00:00Z', '2030-01-09T00:00:00Z')).toHaveLength(
      1,
    );
    expect(
      await repos.appointments.listDoctorRange('doc-2', '2030-01-08T00:00:00Z', '2030-01-09T00:00:00Z'),
    ).toEqual([]);
    expect(await repos.appointments.findSameSlot('doc-1', '2030-01-08T09:00:00Z', 'pat-1')).toHaveLength(1);
    expect((await repos.appointments.getByReference(appt.reference))?.id).toBe(appt.id);
  });

  it.skipIf(skip)('the schema refuses a start time that is not ISO UTC', async () => {
    const store = await open();
    const { repos } = await setup(store);
    await expect(
      repos.appointments.insert(appointmentRow({ startUtc: '2030-01-08 09:00' })),
    ).rejects.toThrow();
  });

  it.skipIf(skip)(
    'doctors and patients: e-mail found in any case, lists by name, removed doctors leave lists',
    async () => {
      const store = await open();
      const { repos } = await setup(store);
      await repos.doctors.insert({ id: 'doc-0', displayName: 'dr. Adams', email: 'adams@clinic.test' });
      expect((await repos.doctors.list()).map((d) => d.id)).toEqual(['doc-0', 'doc-1']);
      expect((await repos.doctors.findLocalByEmail('lee@clinic.TEST'))?.id).toBe('doc-1');
      await repos.doctors.remove('doc-0');
      expect((await repos.doctors.list()).map((d) => d.id)).toEqual(['doc-1']);
      expect((await repos.doctors.get('doc-0'))?.removedAt).not.toBeNull();
      expect((await repos.patients.findByEmail('ANA@mail.test')).map((p) => p.id)).toEqual(['pat-1']);
      const many = await repos.doctors.getMany(['doc-1', 'doc-0', 'doc-1', 'nobody']);
      expect([...many.keys()].sort()).toEqual(['doc-0', 'doc-1']);
      expect((await repos.patients.getMany(['pat-1'])).get('pat-1')?.displayName).toBe('Ana Patient');
      expect(await repos.patients.getMany([])).toEqual(new Map());
      await repos.patients.updateProfile('pat-1', { displayName: 'Ana P.' });
      expect(await repos.patients.get('pat-1')).toMatchObject({
        displayName: 'Ana P.',
        email: 'ana@mail.test',
      });
    },
  );

  it.skipIf(skip)('meeting mappings: many read at once; a passcode in use is seen', async () => {
    const store = await open();
    const { repos, appt } = await setup(store);
    const other = await repos.appointments.insert(appointmentRow());
    await repos.mappings.insert({
      appointmentId: appt.id,
      doctorId: 'doc-1',
      reference: appt.reference,
      state: 'creating',
    });
    await repos.mappings.update(appt.id, { passcode: 'Ab3dEf7h', state: 'ready', zoomMeetingId: '8123' });
    const many = await repos.mappings.forAppointments([appt.id, other.id, 'none']);
    expect([...many.keys()]).toEqual([appt.id]);
    expect(many.get(appt.id)).toMatchObject({ zoomMeetingId: '8123', state: 'ready' });
    expect(await repos.mappings.forAppointments([])).toEqual(new Map());
    expect(await repos.mappings.passcodeInUse('Ab3dEf7h')).toBe(true);
    expect(await repos.mappings.passcodeInUse('Zz9yXw8v')).toBe(false);
    expect(await repos.mappings.update('none', { state: 'ready' })).toBeUndefined();
  });

  it.skipIf(skip)('settings and sync state keep JSON values and upsert', async () => {
    const store = await open();
    const { repos } = await setup(store);
    await repos.settings.set('clinic.zone', 'Europe/Berlin');
    await repos.settings.set('clinic.zone', 'America/New_York');
    await repos.settings.set('clinic.name', { text: 'Ünïcode clinic' });
    expect(await repos.settings.get('clinic.zone')).toBe('America/New_York');
    expect(await repos.settings.withPrefix('clinic.')).toEqual(
      new Map<string, unknown>([
        ['clinic.name', { text: 'Ünïcode clinic' }],
        ['clinic.zone', 'America/New_York'],
      ]),
    );
    await repos.syncState.put({
      source: 'kivicare',
      scope: 'clinic',
      cursor: 'c1',
      lastSuccessAt: null,
      lastError: 'x',
    });
    await repos.syncState.put({
      source: 'kivicare',
      scope: 'clinic',
      cursor: 'c2',
      lastSuccessAt: null,
      lastError: null,
    });
    expect(await repos.syncState.list()).toMatchObject([{ cursor: 'c2', lastError: null }]);
  });

  it.skipIf(skip)('audit log is append-only in the database itself and never keeps secrets', async () => {
    const store = await open();
    const { repos } = await setup(store);
    const id = await repos.audit.append({
      actor: 'system',
      action: 'meeting.created',
      entity: 'appointment',
      entityId: 'a2',
      detail: {
        meetingId: '123',
        passcode: 'Secr3tPass',
        start_url: 'https://zoom.us/s/1',
        nested: { accessToken: 't' },
      },
    });
    await expect(
      store.run('UPDATE audit_log SET actor = ? WHERE id = ?', ['someone-else', id]),
    ).rejects.toThrow(/append-only/);
    await expect(store.run('DELETE FROM audit_log WHERE id = ?', [id])).rejects.toThrow(/append-only/);
    const [entry] = await repos.audit.forEntity('appointment', 'a2');
    expect(entry).toMatchObject({ id, actor: 'system', detail: { meetingId: '123', nested: {} } });
    const raw = JSON.stringify(await store.rows('SELECT * FROM audit_log'));
    expect(raw).not.toMatch(/Secr3tPass|zoom\.us\/s|accessToken/);
  });

  it.skipIf(skip)('outbox: a newer intent supersedes the pending one; secrets are refused', async () => {
    const store = await open();
    const { repos, appt, intent } = await setup(store);
    const first = await intent();
    const second = await repos.outbox.enqueue({
      appointmentId: appt.id,
      op: 'delete',
      reference: appt.reference,
      payload: {},
    });
    expect((await repos.outbox.get(first.id))?.state).toBe('superseded');
    expect((await repos.outbox.due('2030-01-01T08:00:00.000Z')).map((i) => i.id)).toEqual([second.id]);
    await expect(
      repos.outbox.enqueue({
        appointmentId: appt.id,
        op: 'ensure',
        reference: appt.reference,
        payload: { meeting: { password: 'x' } },
      }),
    ).rejects.toThrow(/meeting\.password/);
  });

  it.skipIf(skip)('outbox: pending → in flight → done under one claim; a second claim fails', async () => {
    const store = await open();
    const { repos, intent } = await setup(store);
    const item = await intent();
    const lease = await repos.outbox.claim(item.id);
    expect(lease).toEqual({ id: item.id, fence: 1 });
    expect(await repos.outbox.claim(item.id)).toBeUndefined();
    expect(await repos.outbox.complete(lease!)).toBe(true);
    expect(await repos.outbox.get(item.id)).toMatchObject({ state: 'done', attempts: 1, leaseOwner: null });
    expect(await repos.outbox.pendingCount()).toBe(0);
  });

  it.skipIf(skip)('outbox: retried work waits for its time; parked work leaves the scan', async () => {
    const store = await open();
    const { repos, intent } = await setup(store);
    const item = await intent();
    const lease = (await repos.outbox.claim(item.id))!;
    await repos.outbox.retryLater(lease, 'Zoom is busy', '2030-01-01T08:05:00.000Z');
    expect(await repos.outbox.due('2030-01-01T08:04:59.000Z')).toEqual([]);
    expect(await repos.outbox.nextDueAt()).toBe('2030-01-01T08:05:00.000Z');
    expect(await repos.outbox.due('2030-01-01T08:05:00.000Z')).toHaveLength(1);
    expect(await repos.outbox.park(item.id, 'Dr. Lee must reconnect Zoom')).toBe(true);
    expect(await repos.outbox.due('2031-01-01T00:00:00.000Z')).toEqual([]);
  });

  it.skipIf(skip)('outbox: a restart releases this desktop’s claims only', async () => {
    const store = await open();
    const a = await setup(store, 'desk-a');
    const b = createRepositories(store, () => new Date('2030-01-01T08:00:00.000Z'), 'desk-b');
    const mine = await a.intent();
    const other = await b.outbox.enqueue({
      appointmentId: (await a.repos.appointments.insert(appointmentRow())).id,
      op: 'ensure',
      reference: 'CC-OTHER',
      payload: {},
    });
    await a.repos.outbox.claim(mine.id);
    await b.outbox.claim(other.id);
    expect(await a.repos.outbox.releaseInFlight()).toBe(1);
    expect((await a.repos.outbox.get(mine.id))?.state).toBe('pending');
    expect(await b.outbox.get(other.id)).toMatchObject({ state: 'in-flight', leaseOwner: 'desk-b' });
  });

  it.skipIf(skip)(
    'outbox: a lapsed lease is taken over, and the late desktop’s writes are fenced out',
    async () => {
      const store = await open();
      const a = await setup(store, 'desk-a');
      const b = createRepositories(store, () => new Date('2030-01-01T08:00:00.000Z'), 'desk-b');
      const item = await a.intent();
      const late = (await a.repos.outbox.claim(item.id, 50))!;
      // Not due for another desktop while the lease holds.
      expect(await b.outbox.claim(item.id)).toBeUndefined();
      if (engine === 'sqlite') a.tick(1_000);
      else await new Promise((r) => setTimeout(r, 120));
      const dueForB = await b.outbox.due('2030-01-01T08:00:00.000Z');
      // On SQLite the lease lapses on the desktop's clock, which only desk-a's repositories moved.
      if (engine === 'postgres') expect(dueForB.map((i) => i.id)).toEqual([item.id]);
      const taker = engine === 'postgres' ? b : a.repos;
      const current = (await taker.outbox.claim(item.id))!;
      expect(current.fence).toBe(late.fence + 1);
      expect(await a.repos.outbox.holds(late)).toBe(false);
      expect(await a.repos.outbox.complete(late)).toBe(false);
      expect(await a.repos.outbox.retryLater(late, 'late', '2030-01-01T09:00:00.000Z')).toBe(false);
      expect(await a.repos.outbox.park(late, 'late')).toBe(false);
      expect(await a.repos.outbox.renew(late)).toBe(false);
      expect(await taker.outbox.holds(current)).toBe(true);
      expect(await taker.outbox.complete(current)).toBe(true);
      expect(await taker.outbox.get(item.id)).toMatchObject({ state: 'done', attempts: 2, fence: 2 });
    },
  );

  it.skipIf(skip)(
    'outbox: a newer intent waits while an older one for the same visit is in flight',
    async () => {
      const store = await open();
      const a = await setup(store, 'desk-a');
      const b = createRepositories(store, () => new Date('2030-01-01T08:00:00.000Z'), 'desk-b');
      const first = await a.intent();
      const lease = (await a.repos.outbox.claim(first.id))!;
      // The visit moves while desk-a's create is out: a new intent, which desk-b must not start yet.
      const second = await a.intent();
      expect((await a.repos.outbox.get(first.id))?.state).toBe('in-flight');
      expect(await b.outbox.claim(second.id)).toBeUndefined();
      await a.repos.outbox.complete(lease);
      expect(await b.outbox.claim(second.id)).toMatchObject({ id: second.id, fence: 1 });
    },
  );

  it.skipIf(skip)(
    'transactions: all or nothing; a failed savepoint rolls back alone; after-commit waits',
    async () => {
      const store = await open();
      const { repos, appt, intent } = await setup(store);
      await expect(
        store.transaction(async () => {
          await repos.appointments.update(appt.id, appt.version, { startUtc: '2030-01-08T09:00:00Z' });
          await intent();
          throw new Error('power cut');
        }),
      ).rejects.toThrow('power cut');
      expect((await repos.appointments.get(appt.id))?.startUtc).toBe(appt.startUtc);
      expect(await repos.outbox.forAppointment(appt.id)).toEqual([]);

      const seen: string[] = [];
      await store.transaction(async () => {
        store.afterCommit(() => seen.push('outer'));
        await expect(
          store.transaction(async () => {
            store.afterCommit(() => seen.push('inner-rolled-back'));
            await intent();
            throw new Error('nope');
          }),
        ).rejects.toThrow('nope');
        await repos.settings.set('kept', true);
        expect(seen).toEqual([]);
      });
      expect(seen).toEqual(['outer']);
      expect(await repos.outbox.forAppointment(appt.id)).toEqual([]);
      expect(await repos.settings.get('kept')).toBe(true);
    },
  );

  it.skipIf(skip)(
    'transactions: a call from outside never sees or joins a transaction in progress',
    async () => {
      const store = await open();
      const { repos, appt } = await setup(store);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = store.transaction(async () => {
        await repos.appointments.update(appt.id, appt.version, { notes: 'inside' });
        await gate;
        throw new Error('rolled back');
      });
      // Started while the transaction holds its change: sees the committed row, writes its own.
      const outside = (async () => {
        const seen = (await repos.appointments.get(appt.id))?.notes;
        await repos.settings.set('outside', 'written');
        return seen;
      })();
      await new Promise((r) => setTimeout(r, 30));
      release();
      await expect(tx).rejects.toThrow('rolled back');
      expect(await outside).toBeNull();
      expect(await repos.settings.get('outside')).toBe('written');
      expect((await repos.appointments.get(appt.id))?.notes).toBeNull();
    },
  );

  it.skipIf(skip)('desktops: who holds which sign-in', async () => {
    const store = await open();
    const { repos } = await setup(store);
    await repos.desktops.seen({
      id: 'reception',
      name: 'Reception',
      appVersion: '0.1.0',
      schemaVersion: 6,
      started: true,
    });
    await repos.desktops.seen({
      id: 'room-2',
      name: 'Room 2',
      appVersion: '0.1.0',
      schemaVersion: 6,
      started: true,
    });
    await repos.desktops.setCredentials('room-2', ['doc-1']);
    await repos.desktops.setCredentials('reception', []);
    expect((await repos.desktops.holders('doc-1')).map((d) => d.name)).toEqual(['Room 2']);
    await repos.desktops.setCredentials('reception', ['*']);
    expect((await repos.desktops.holders('doc-1')).map((d) => d.name).sort()).toEqual([
      'Reception',
      'Room 2',
    ]);
    await repos.desktops.setCredentials('room-2', []);
    expect((await repos.desktops.holders('doc-1')).map((d) => d.name)).toEqual(['Reception']);
    expect((await repos.desktops.list()).map((d) => d.name)).toEqual(['Reception', 'Room 2']);
  });
});
