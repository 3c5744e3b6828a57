// A tele-medical appointment's meeting follows it: created with no click, moved, re-hosted,
// deleted, and made again. What the companion must send (passcode, settings, generic topic) is
// checked on the requests the sandbox received, never on what the sandbox filled in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/app/services';
import { CLINIC_ZONE, CREATE_ROUTE, DOCTORS, ENGINE_NAMES, type Harness, startHarness } from './harness';

describe.each(ENGINE_NAMES)('on %s', (engine) => {
  let h: Harness;
  let s: Services;
  beforeAll(async () => {
    h = await startHarness({}, engine);
    s = await h.open();
    await h.connect(s, 'lee');
    await h.connect(s, 'patel');
  });
  afterAll(async () => {
    h.assertNoPatientDataOnZoom();
    expect(h.sandbox.strictReport()).toMatchObject({ ok: true });
    await h.close();
  });

  const PASSCODE = /^[A-Za-z0-9@\-_*]{1,10}$/;

  describe('a tele-medical appointment for a connected doctor', () => {
    it('gets exactly one secure meeting with no click', async () => {
      const a = await h.book(s, { hoursAhead: 30, durationMin: 45 });
      await s.engine.drain();
      const meetings = h.meetingsFor(a.reference);
      expect(meetings).toHaveLength(1);
      const m = meetings[0]!;
      const sent = h.sandbox.requests().filter((r) => r.route === CREATE_ROUTE);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        status: 201,
        userId: h.sandbox.users().find((u) => u.email === DOCTORS.lee.email)!.id,
      });
      const body = sent[0]!.body as { password?: string; settings?: Record<string, unknown> };
      expect(body).toMatchObject({ type: 2, topic: `Telemedical Consultation (ref ${a.reference})` });
      expect(body.settings).toMatchObject({ waiting_room: true, join_before_host: false, approval_type: 2 });
      expect(body.password).toMatch(PASSCODE);
      expect(body.password).toMatch(/[A-Z]/);
      expect(body.password).toMatch(/[a-z]/);
      expect(body.password).toMatch(/[0-9]/);
      expect(m.host_email).toBe(DOCTORS.lee.email);
      expect(m.password).toBe(body.password);
      expect(m.start_time).toBe(a.startUtc);
      expect(m.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(m.timezone).toBe(CLINIC_ZONE);
      expect(m.duration).toBe(45);
      const mapping = (await h.mapping(s, a.id))!;
      expect(mapping).toMatchObject({ state: 'ready', zoomMeetingId: m.id, passcode: m.password });
      expect(mapping.joinUrl).toContain(m.id);
    });

    it('sends the start time in UTC with Z even when the visit is booked with an offset', async () => {
      const start = new Date(h.clock.ms() + 50 * 3_600_000);
      start.setUTCMinutes(0, 0, 0);
      const local = new Date(start.getTime() - 5 * 3_600_000).toISOString().slice(0, 19);
      const { appointment: a } = await s.book.create(
        {
          doctorId: DOCTORS.lee.id,
          patientId: 'pat-2',
          startUtc: `${local}-05:00`,
          timeZone: CLINIC_ZONE,
          durationMin: 20,
          visitType: 'telemed',
        },
        { actor: 'front-desk' },
      );
      await s.engine.drain();
      expect(h.meetingsFor(a.reference)[0]!.start_time).toBe(start.toISOString().replace('.000', ''));
    });

    it('every create sends its own passcode', async () => {
      for (let i = 0; i < 5; i++) await h.book(s, { hoursAhead: 60 + i, patient: i });
      await s.engine.drain();
      const codes = h.createsSent().map((b) => b.password);
      expect(codes.length).toBeGreaterThanOrEqual(7);
      for (const c of codes) expect(c).toMatch(PASSCODE);
      expect(new Set(codes).size).toBe(codes.length);
    });

    it('an in-person appointment gets no meeting', async () => {
      const before = h.sandbox.stats().creates;
      const a = await h.book(s, { visitType: 'in_person', hoursAhead: 70 });
      await s.engine.drain();
      expect(h.meetingsFor(a.reference)).toHaveLength(0);
      expect(await h.mapping(s, a.id)).toBeUndefined();
      expect(h.sandbox.stats().creates).toBe(before);
    });
  });

  describe('the meeting follows the appointment', () => {
    const ready = async (id: string) => {
      await s.engine.drain();
      return s.book.get(id);
    };

    it('a reschedule moves the same meeting (PATCH), no new meeting', async () => {
      let a = await h.book(s, { hoursAhead: 80 });
      await s.engine.drain();
      const id = h.meetingsFor(a.reference)[0]!.id;
      const creates = h.sandbox.stats().creates;
      const later = new Date(Date.parse(a.startUtc) + 2 * 3_600_000).toISOString().replace('.000', '');
      a = (
        await s.book.reschedule(
          a.id,
          a.version,
          { startUtc: later, durationMin: 50 },
          { actor: 'front-desk' },
        )
      ).appointment;
      a = await ready(a.id);
      const now = h.meetingsFor(a.reference);
      expect(now).toHaveLength(1);
      expect(now[0]).toMatchObject({ id, start_time: later, duration: 50 });
      expect(h.sandbox.stats().creates).toBe(creates);
      expect(await h.mapping(s, a.id)).toMatchObject({ state: 'ready', zoomMeetingId: id });
    });

    it('a change of doctor makes a meeting for the new host and deletes the old one', async () => {
      let a = await h.book(s, { hoursAhead: 90 });
      await s.engine.drain();
      const old = h.meetingsFor(a.reference)[0]!;
      a = (await s.book.changeDoctor(a.id, a.version, DOCTORS.patel.id, { actor: 'front-desk' })).appointment;
      await h.settle(s);
      const now = h.meetingsFor(a.reference);
      expect(now).toHaveLength(1);
      expect(now[0]!.host_email).toBe(DOCTORS.patel.email);
      expect(now[0]!.id).not.toBe(old.id);
      expect(h.sandbox.deletedMeetings().map((m) => m.id)).toContain(old.id);
      expect(await h.mapping(s, a.id)).toMatchObject({
        state: 'ready',
        doctorId: DOCTORS.patel.id,
        zoomMeetingId: now[0]!.id,
      });
    });

    it.each([
      [
        'cancel',
        (a: { id: string; version: number }) => s.book.cancel(a.id, a.version, { actor: 'front-desk' }),
      ],
      [
        'delete',
        (a: { id: string; version: number }) => s.book.delete(a.id, a.version, { actor: 'front-desk' }),
      ],
      [
        'switch to in-person',
        (a: { id: string; version: number }) =>
          s.book.changeVisitType(a.id, a.version, 'in_person', { actor: 'front-desk' }),
      ],
    ])('%s deletes the meeting on Zoom', async (_name, change) => {
      const a = await h.book(s, { hoursAhead: 100 });
      await s.engine.drain();
      const id = h.meetingsFor(a.reference)[0]!.id;
      await change(a);
      await s.engine.drain();
      expect(h.meetingsFor(a.reference)).toHaveLength(0);
      expect(h.sandbox.deletedMeetings().map((m) => m.id)).toContain(id);
      expect(await h.mapping(s, a.id)).toMatchObject({
        state: 'deleted',
        zoomMeetingId: null,
        joinUrl: null,
      });
    });

    it('switching back to tele-medical makes a new meeting', async () => {
      let a = await h.book(s, { hoursAhead: 110 });
      await s.engine.drain();
      const first = h.meetingsFor(a.reference)[0]!.id;
      a = (await s.book.changeVisitType(a.id, a.version, 'in_person', { actor: 'front-desk' })).appointment;
      await s.engine.drain();
      a = (await s.book.changeVisitType(a.id, a.version, 'telemed', { actor: 'front-desk' })).appointment;
      await s.engine.drain();
      const now = h.meetingsFor(a.reference);
      expect(now).toHaveLength(1);
      expect(now[0]!.id).not.toBe(first);
      expect(await h.mapping(s, a.id)).toMatchObject({ state: 'ready', zoomMeetingId: now[0]!.id });
    });

    it('a change of patient, reason or notes makes no call to Zoom', async () => {
      const a = await h.book(s, { hoursAhead: 120 });
      await s.engine.drain();
      const requests = h.sandbox.stats().requests;
      await s.book.edit(
        a.id,
        a.version,
        { patientId: 'pat-3', notes: 'new private notes' },
        { actor: 'front-desk' },
      );
      await s.engine.drain();
      expect(h.sandbox.stats().requests).toBe(requests);
    });
  });
});
