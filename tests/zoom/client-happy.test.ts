import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../main/core/zoom/errors';
import { apiCount, DOCTOR, meetingInput, type Setup, setup } from './client-setup';

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.close());

describe('Zoom client against the sandbox', () => {
  it('reads the connected doctor with getMe and getUser', async () => {
    const me = await s.client.getMe();
    expect(me.email).toBe(DOCTOR);
    expect(typeof me.id).toBe('string');
    expect(me.pmi).toMatch(/^\d+$/);
    expect((await s.client.getUser(DOCTOR)).id).toBe(me.id);
  });

  it('creates a meeting and returns its id as a string and its start time in UTC', async () => {
    const input = meetingInput();
    const created = await s.client.createMeeting('me', input);
    expect(created.id).toMatch(/^\d{9,20}$/);
    expect(created.start_time).toBe(input.start_time);
    expect(created.start_time).toMatch(/Z$/);
    expect(created.join_url).toContain(created.id);
    expect(created.start_url).toMatch(/^http/);
    expect(created.settings?.waiting_room).toBe(true);
    const [stored] = s.sandbox.meetings();
    expect(stored).toMatchObject({ id: created.id, topic: input.topic, password: input.password, type: 2 });
    expect(stored?.settings).toMatchObject({ waiting_room: true, join_before_host: false });
  });

  it('gets a meeting with its status and a start URL', async () => {
    const created = await s.client.createMeeting('me', meetingInput());
    const got = await s.client.getMeeting(created.id);
    expect(got).toMatchObject({ id: created.id, status: 'waiting', topic: created.topic });
    expect(got.start_url).toMatch(/^http/);
  });

  it('updates a meeting (204) so Zoom holds the new time', async () => {
    const created = await s.client.createMeeting('me', meetingInput());
    await expect(
      s.client.updateMeeting(created.id, { start_time: '2031-01-02T08:00:00Z', duration: 45 }),
    ).resolves.toBeUndefined();
    expect(s.sandbox.meetings()[0]).toMatchObject({ start_time: '2031-01-02T08:00:00Z', duration: 45 });
  });

  it('deletes a meeting, and with ifExists treats an already gone meeting as done', async () => {
    const created = await s.client.createMeeting('me', meetingInput());
    expect(await s.client.deleteMeeting(created.id)).toEqual({ deleted: true });
    expect(s.sandbox.meetings()).toHaveLength(0);
    expect(await s.client.deleteMeeting(created.id, { ifExists: true })).toEqual({ deleted: false });
    const e = await s.client.deleteMeeting(created.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ZoomApiError);
    expect(e).toMatchObject({
      kind: 'not-found',
      reason: 'meeting-not-found',
      httpStatus: 404,
      zoomCode: 3001,
    });
  });

  it('reports a meeting deleted in Zoom as not-found', async () => {
    const created = await s.client.createMeeting('me', meetingInput());
    s.sandbox.deleteMeetingAsZoom(created.id);
    await expect(s.client.getMeeting(created.id)).rejects.toMatchObject({
      kind: 'not-found',
      zoomCode: 3001,
    });
  });

  it('lists meetings across pages by following next_page_token', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await s.client.createMeeting('me', meetingInput())).id);
    const listed = await s.client.listMeetings('me', { type: 'scheduled', pageSize: 2 });
    expect(listed.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(listed.every((m) => typeof m.id === 'string' && m.start_time?.endsWith('Z'))).toBe(true);
    expect(apiCount(s.sandbox, 'GET /v2/users/{userId}/meetings')).toBe(3);
  });

  it('refuses invalid meeting details before calling Zoom', async () => {
    const before = s.sandbox.stats().requests;
    const e = await s.client
      .createMeeting('me', meetingInput({ password: 'far-too-long-passcode' }))
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'invalid-request', reason: 'invalid-input' });
    expect((e as Error).message).toContain('passcode');
    expect((e as Error).message).not.toContain('far-too-long-passcode');
    await expect(s.client.getMeeting('12; DROP')).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(s.sandbox.stats().requests).toBe(before);
  });
});
