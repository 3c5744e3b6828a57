import { describe, expect, it } from 'vitest';
import type { AppError } from '../../main/core/errors';
import { bookFactory, telemed } from './helpers';

const setup = bookFactory();
const desk = { actor: 'front-desk' } as const;

const errorOf = async (fn: () => Promise<unknown>): Promise<AppError> => {
  try {
    await fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('appointment book', async () => {
  it('booking a tele-medical visit writes the appointment, an ensure intent and an audit row together', async () => {
    const { book } = await setup();
    const { appointment, warnings } = await book.create(telemed(), desk);
    expect(warnings).toEqual([]);
    expect(appointment).toMatchObject({
      status: 1,
      version: 1,
      source: 'local',
      startUtc: '2030-01-07T09:00:00Z',
    });
    expect(appointment.reference).toMatch(/^CC-[0-9A-HJKMNP-TV-Z]{10}$/);
    const [item] = await book.repos.outbox.forAppointment(appointment.id);
    expect(item).toMatchObject({ op: 'ensure', state: 'pending', reference: appointment.reference });
    expect(item?.payload).toMatchObject({
      appointmentId: appointment.id,
      reason: 'created',
      desired: {
        doctorId: 'doc-lee',
        startUtc: '2030-01-07T09:00:00Z',
        durationMin: 20,
        timeZone: 'Europe/Berlin',
      },
    });
    expect(JSON.stringify(item?.payload)).not.toMatch(/Ana|cough/);
    const actions = (await book.repos.audit.forEntity('appointment', appointment.id)).map((e) => e.action);
    expect(actions).toEqual(['appointment.created', 'meeting.ensure-queued']);
  });

  it('an in-person visit needs no meeting and queues nothing', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed({ visitType: 'in_person' }), desk);
    expect(await book.repos.outbox.forAppointment(appointment.id)).toEqual([]);
  });

  it('a reschedule bumps the version and queues an ensure with the new time', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    const { appointment: moved } = await book.reschedule(
      appointment.id,
      1,
      { startUtc: '2030-01-08T10:30:00+01:00', durationMin: 30 },
      desk,
    );
    expect(moved).toMatchObject({ version: 2, startUtc: '2030-01-08T09:30:00Z', durationMin: 30 });
    const items = await book.repos.outbox.forAppointment(appointment.id);
    expect(items.map((i) => [i.op, i.state])).toEqual([
      ['ensure', 'superseded'],
      ['ensure', 'pending'],
    ]);
    expect(items[1]?.payload).toMatchObject({
      reason: 'changed',
      desired: { startUtc: '2030-01-08T09:30:00Z' },
    });
    const [entry] = (await book.repos.audit.forEntity('appointment', appointment.id)).filter((e) =>
      e.action.endsWith('rescheduled'),
    );
    expect(entry?.detail).toMatchObject({
      startUtc: { from: '2030-01-07T09:00:00Z', to: '2030-01-08T09:30:00Z' },
    });
  });

  it('changing the doctor queues an ensure that names the previous host', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    await book.changeDoctor(appointment.id, 1, 'doc-kim', desk);
    const last = (await book.repos.outbox.forAppointment(appointment.id)).at(-1);
    expect(last).toMatchObject({
      op: 'ensure',
      payload: { previousDoctorId: 'doc-lee', desired: { doctorId: 'doc-kim' } },
    });
  });

  it.each([
    ['cancel', 'cancelled'],
    ['in-person', 'no-longer-telemed'],
    ['delete', 'deleted'],
  ] as const)('%s queues a delete of the meeting', async (change, reason) => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    if (change === 'cancel') await book.cancel(appointment.id, 1, desk);
    if (change === 'in-person') await book.changeVisitType(appointment.id, 1, 'in_person', desk);
    if (change === 'delete') await book.delete(appointment.id, 1, desk);
    const last = (await book.repos.outbox.forAppointment(appointment.id)).at(-1);
    expect(last).toMatchObject({ op: 'delete', state: 'pending', payload: { reason, desired: null } });
  });

  it('turning an in-person visit into a tele-medical one queues an ensure', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed({ visitType: 'in_person' }), desk);
    await book.changeVisitType(appointment.id, 1, 'telemed', desk);
    expect(await book.repos.outbox.forAppointment(appointment.id)).toMatchObject([{ op: 'ensure' }]);
  });

  it('editing notes or checking in touches no meeting, and the audit keeps no clinical text', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    await book.edit(appointment.id, 1, { notes: 'Allergic to penicillin', reason: 'Rash' }, desk);
    await book.setStatus(appointment.id, 2, 4, { actor: 'doctor:doc-lee' });
    expect(await book.repos.outbox.forAppointment(appointment.id)).toHaveLength(1);
    const audit = JSON.stringify(await book.repos.audit.forEntity('appointment', appointment.id));
    expect(audit).not.toMatch(/penicillin|Rash|cough/);
    expect(audit).toContain('doctor:doc-lee');
  });

  it('a stale version is a conflict and changes nothing', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    await book.reschedule(appointment.id, 1, { startUtc: '2030-01-09T09:00:00Z' }, desk);
    const error = await errorOf(() => book.cancel(appointment.id, 1, desk));
    expect(error.kind).toBe('conflict');
    expect(await book.get(appointment.id)).toMatchObject({ status: 1, version: 2 });
  });

  it('a deleted appointment is gone for get, edits and day lists', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    await book.delete(appointment.id, 1, desk);
    expect((await errorOf(() => book.get(appointment.id))).kind).toBe('not-found');
    expect((await errorOf(() => book.cancel(appointment.id, 2, desk))).kind).toBe('not-found');
    expect(await book.listDay('2030-01-07')).toEqual([]);
  });

  it.each([
    [{ durationMin: 4 }, /at least 5 minutes/],
    [{ durationMin: 481 }, /at most 8 hours/],
    [{ durationMin: 20.5 }, /whole number/],
    [{ timeZone: 'Mars/Olympus' }, /time zone/],
    [{ timeZone: '+02:00' }, /time zone/],
    [{ startUtc: '2030-01-07T09:00:00' }, /time zone/],
    [{ startUtc: '2029-12-31T09:00:00Z' }, /future/],
    [{ doctorId: 'doc-nobody' }, /doctor is not/],
    [{ patientId: 'pat-nobody' }, /patient is not/],
    [{ doctorId: undefined }, /doctor is required/],
    [{ visitType: 'phone' }, /visit type/],
    [{ meetingPassword: 'x' }, /Unexpected field/],
  ])('refuses %o with a clear message', async (override, message) => {
    const { book } = await setup();
    const error = await errorOf(() => book.create(telemed(override) as never, desk));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(message);
  });

  it('an import may record a visit in the past', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(
      telemed({ startUtc: '2029-06-01T09:00:00Z', source: 'import' }),
      {
        actor: 'import',
        allowPast: true,
      },
    );
    expect(appointment.source).toBe('import');
  });

  it('a double booking is allowed but comes back with an overlap warning', async () => {
    const { book } = await setup();
    const first = (await book.create(telemed(), desk)).appointment;
    const { warnings } = await book.create(
      telemed({ patientId: 'pat-ben', startUtc: '2030-01-07T09:10:00Z' }),
      desk,
    );
    expect(warnings).toEqual([expect.objectContaining({ kind: 'overlap', appointmentIds: [first.id] })]);
    const { warnings: none } = await book.create(telemed({ startUtc: '2030-01-07T09:30:00Z' }), desk);
    expect(none).toEqual([]);
  });

  it('if any write of a change fails, none of it is kept and nobody is told', async () => {
    const { book } = await setup();
    const { appointment } = await book.create(telemed(), desk);
    const heard: string[] = [];
    book.on('appointments-changed', ({ ids }) => heard.push(...ids));
    const enqueue = book.repos.outbox.enqueue;
    book.repos.outbox.enqueue = async () => {
      throw new Error('disk full');
    };
    await expect(
      book.reschedule(appointment.id, 1, { startUtc: '2030-01-09T09:00:00Z' }, desk),
    ).rejects.toThrow('disk full');
    book.repos.outbox.enqueue = enqueue;
    expect(await book.get(appointment.id)).toMatchObject({ version: 1, startUtc: '2030-01-07T09:00:00Z' });
    expect(await book.repos.outbox.forAppointment(appointment.id)).toHaveLength(1);
    expect(
      (await book.repos.audit.forEntity('appointment', appointment.id)).map((e) => e.action),
    ).not.toContain('appointment.rescheduled');
    expect(heard).toEqual([]);
  });

  it('tells listeners once per commit: appointments changed, and the outbox has work', async () => {
    const { book, store } = await setup();
    const events: unknown[] = [];
    book.on('appointments-changed', (e) => events.push(['changed', e.ids.length]));
    book.on('outbox-has-work', (e) => events.push(['outbox', e.pending]));
    await store.transaction(async () => {
      await book.create(telemed(), desk);
      await book.create(telemed({ startUtc: '2030-01-07T11:00:00Z' }), desk);
      expect(events).toEqual([]);
    });
    expect(events).toEqual([
      ['changed', 2],
      ['outbox', 2],
    ]);
  });
});
