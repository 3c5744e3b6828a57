import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, manualClock, s2sToken, visit } from './helpers';

let sb: ZoomSandbox;
let token: string;
const clock = manualClock();
beforeEach(async () => {
  sb = await startZoomSandbox({ now: clock.now });
  token = (await connectDoctor(sb)).access_token;
});
afterEach(() => sb.close());

const create = (body: unknown = visit, t = token, user = 'me') =>
  api(sb, t, 'POST', `/users/${user}/meetings`, body);

describe('create meeting', () => {
  it('answers 201 with a large numeric id, passcodes, start and join URLs, and echoed settings', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    const m = res.body;
    expect(typeof m.id).toBe('number');
    expect(m.id).toBeGreaterThan(2 ** 32);
    expect(m).toMatchObject({
      topic: visit.topic,
      type: 2,
      status: 'waiting',
      start_time: '2030-03-04T15:00:00Z',
      duration: 30,
      timezone: 'America/New_York',
      agenda: 'Ref 7F3K',
      host_email: 'dr.lee@sandbox.test',
    });
    expect(m.join_url).toBe(`${sb.origin}/j/${m.id}?pwd=${m.encrypted_password}`);
    expect(m.start_url).toMatch(new RegExp(`^${sb.origin}/s/${m.id}\\?zak=`));
    expect(m.password).toMatch(/^[A-Za-z0-9@_*-]{1,10}$/);
    expect(m.settings).toMatchObject({ waiting_room: true, join_before_host: false, mute_upon_entry: false });
    expect(sb.meetings().map((x) => x.id)).toEqual([String(m.id)]);
    expect(sb.stats().creates).toBe(1);
  });

  it('reads a start_time without Z as local time in the given timezone', async () => {
    const res = await create({ ...visit, start_time: '2030-03-04T10:00:00', timezone: 'America/New_York' });
    expect(res.body.start_time).toBe('2030-03-04T15:00:00Z');
  });

  it("reads a local start_time without timezone in the host's timezone", async () => {
    const { timezone: _tz, ...noZone } = visit;
    const res = await create({ ...noZone, start_time: '2030-07-04T10:00:00' });
    expect(res.body).toMatchObject({ start_time: '2030-07-04T14:00:00Z', timezone: 'America/New_York' });
  });

  it('keeps a passcode the app chose', async () => {
    expect((await create({ ...visit, password: 'a@1_*-Zz9' })).body.password).toBe('a@1_*-Zz9');
  });

  it.each([
    ['topic', { topic: 'x'.repeat(201) }],
    ['agenda', { agenda: 'x'.repeat(2001) }],
    ['password', { password: 'elevenchars' }],
    ['password', { password: 'bad pass' }],
    ['start_time', { start_time: '04/03/2030 10:00' }],
    ['start_time', { start_time: '2030-03-04T10:00:00+02:00' }],
    ['type', { type: 5 }],
    ['duration', { duration: '30' }],
    ['timezone', { timezone: 'Mars/Olympus' }],
    ['settings.jbh_time', { settings: { jbh_time: 7 } }],
    ['settings.waiting_room', { settings: { waiting_room: 'yes' } }],
  ])('refuses an invalid %s with code 300 and a field error', async (field, patch) => {
    const res = await create({ ...visit, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(300);
    expect(res.body.errors[0].field).toBe(field);
    expect(sb.meetings()).toHaveLength(0);
  });

  it('answers 400 code 300 for a body that is not JSON', async () => {
    const res = await create('{"topic":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(300);
  });

  it('creates for a doctor by email with a Server-to-Server token', async () => {
    const res = await create(visit, await s2sToken(sb), 'dr.patel@sandbox.test');
    expect(res.status).toBe(201);
    expect(res.body.host_email).toBe('dr.patel@sandbox.test');
  });

  it('answers 404 code 1001 for an unknown user', async () => {
    const res = await create(visit, await s2sToken(sb), 'ghost@sandbox.test');
    expect(res).toMatchObject({ status: 404, body: { code: 1001 } });
  });

  it('answers 4711 when the token lacks the scope', async () => {
    await sb.close();
    sb = await startZoomSandbox({ now: clock.now, publicClientScopes: ['meeting:read:meeting'] });
    token = (await connectDoctor(sb)).access_token;
    const res = await create();
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(4711);
    expect(res.body.message).toContain('meeting:write:meeting');
  });
});

describe('get, update and delete', () => {
  it('returns status and a fresh start_url on every GET; a start URL expires after two hours', async () => {
    const created = (await create()).body;
    const a = await api(sb, token, 'GET', `/meetings/${created.id}`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      id: created.id,
      uuid: created.uuid,
      status: 'waiting',
      host_id: created.host_id,
    });
    expect(a.body.start_url).not.toBe(created.start_url);
    expect(sb.startUrlState(created.start_url)).toBe('valid');
    clock.add(7200 * 1000 + 1);
    expect(sb.startUrlState(created.start_url)).toBe('expired');
    expect((await fetch(created.start_url)).status).toBe(401);
    const s2s = await s2sToken(sb);
    const fresh = (await api(sb, s2s, 'GET', `/meetings/${created.id}`)).body.start_url;
    const page = await fetch(fresh);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-sandbox-start-url')).toBe('valid');
  });

  it('answers 404 code 3001 for an unknown meeting', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { topic: 'x' }], ['DELETE']] as const) {
      const res = await api(sb, token, method, '/meetings/81234567890', body);
      expect(res).toMatchObject({ status: 404, body: { code: 3001 } });
    }
  });

  it("refuses another doctor's meeting with a user token", async () => {
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    const id = (await create(visit, patel)).body.id;
    expect((await api(sb, token, 'GET', `/meetings/${id}`)).status).toBe(400);
  });

  it('updates with 204 and no body, and GET shows the change', async () => {
    const id = (await create()).body.id;
    const res = await api(sb, token, 'PATCH', `/meetings/${id}`, {
      start_time: '2030-03-05T16:00:00Z',
      duration: 45,
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await api(sb, token, 'GET', `/meetings/${id}`)).body).toMatchObject({
      start_time: '2030-03-05T16:00:00Z',
      duration: 45,
    });
    expect(sb.stats().updates).toBe(1);
  });

  it('changes the join URL when the passcode changes', async () => {
    const m = (await create()).body;
    await api(sb, token, 'PATCH', `/meetings/${m.id}`, { password: 'new123' });
    const after = (await api(sb, token, 'GET', `/meetings/${m.id}`)).body;
    expect(after.password).toBe('new123');
    expect(after.join_url).not.toBe(m.join_url);
  });

  it('validates updates like creates', async () => {
    const id = (await create()).body.id;
    const res = await api(sb, token, 'PATCH', `/meetings/${id}`, { topic: 'x'.repeat(201) });
    expect(res.body.code).toBe(300);
  });

  it('deletes with 204; a second delete and the old join link find nothing', async () => {
    const m = (await create()).body;
    expect((await api(sb, token, 'DELETE', `/meetings/${m.id}`)).status).toBe(204);
    expect((await api(sb, token, 'DELETE', `/meetings/${m.id}`)).body.code).toBe(3001);
    expect((await fetch(m.join_url)).status).toBe(404);
    expect(sb.deletedMeetings().map((x) => x.id)).toEqual([String(m.id)]);
  });

  it('refuses to delete a meeting in progress (3002) or ended (3007)', async () => {
    const id = String((await create()).body.id);
    sb.setMeetingStatus(id, 'started');
    expect((await api(sb, token, 'GET', `/meetings/${id}`)).body.status).toBe('started');
    expect((await api(sb, token, 'DELETE', `/meetings/${id}`)).body).toMatchObject({ code: 3002 });
    sb.setMeetingStatus(id, 'ended');
    expect((await api(sb, token, 'DELETE', `/meetings/${id}`)).body).toMatchObject({ code: 3007 });
  });

  it("reflects changes made on Zoom's side", async () => {
    const id = String((await create()).body.id);
    sb.updateMeetingAsZoom(id, { topic: 'Changed on Zoom', start_time: '2030-04-01T09:00:00Z' });
    expect((await api(sb, token, 'GET', `/meetings/${id}`)).body.topic).toBe('Changed on Zoom');
    sb.deleteMeetingAsZoom(id);
    expect((await api(sb, token, 'GET', `/meetings/${id}`)).status).toBe(404);
  });
});

describe('users', () => {
  it('returns the doctor for /users/me and for their own email; 1001 for strangers', async () => {
    const me = await api(sb, token, 'GET', '/users/me');
    expect(me.body).toMatchObject({ email: 'dr.lee@sandbox.test', type: 2, account_id: 'sbxAcct_Clinic01' });
    expect((await api(sb, token, 'GET', '/users/dr.lee@sandbox.test')).body.id).toBe(me.body.id);
    expect((await api(sb, token, 'GET', '/users/ghost@x.test')).body.code).toBe(1001);
  });
});
