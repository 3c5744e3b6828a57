// The whole path: KiviCare site → sync → appointment book → outbox → provisioning engine → Zoom
// sandbox, over both of KiviCare's APIs. The promise under test: a visit never gets a second meeting.
import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningEngine } from '../../main/core/provisioning/engine';
import { KiviCareSync } from '../../main/core/sources/sync';
import { createZoomClient, createZoomRateLimiter } from '../../main/core/zoom';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { bySite, type Local, local, mobile, NOW, site, v4 } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
let l: Local;
let zoom: ZoomSandbox;
afterEach(async () => {
  await s?.close();
  await zoom?.close();
  await l?.cleanup();
});

async function s2sToken(z: ZoomSandbox): Promise<string> {
  const res = await fetch(`${z.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('s2s-client:s2s-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=account_credentials&account_id=clinic-acct',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

type Api = 'v4' | 'mobile';

/** A site, a local book, the Zoom sandbox with the site's doctors as users, an engine and a sync. */
async function clinic(api: Api, hooks?: ConstructorParameters<typeof ProvisioningEngine>[0]['hooks']) {
  s = await site({ apis: api === 'v4' ? 'both' : 'mobile' });
  l = local();
  zoom = await startZoomSandbox({
    now: () => NOW.getTime(),
    rateLimits: false,
    s2sAccounts: [{ accountId: 'clinic-acct', clientId: 's2s-client', clientSecret: 's2s-secret' }],
    users: s.data.doctors.map((d) => ({
      email: d.email,
      first_name: d.name,
      timezone: 'Europe/Berlin',
      account_id: 'clinic-acct',
    })),
  });
  const token = await s2sToken(zoom);
  const client = createZoomClient({
    apiBaseUrl: zoom.apiBaseUrl,
    tokens: { getAccessToken: async () => token, refreshAfterUnauthorized: async () => token },
    accountKey: 'clinic-acct',
    limiter: createZoomRateLimiter(),
  });
  // The mobile API sends no doctor e-mail: the clinic sets each doctor's Zoom user by its site id.
  const emailOf = async (doctorId: string) => {
    const d = (await l.book.repos.doctors.get(doctorId))!;
    return d.email || s.data.doctors.find((x) => String(x.id) === d.sourceId)!.email;
  };
  const engine = new ProvisioningEngine({
    store: l.store,
    repos: l.book.repos,
    zoomFor: async (doctorId) => ({ client, userId: await emailOf(doctorId) }),
    doctorName: async (doctorId) => (await l.book.repos.doctors.get(doctorId))!.displayName,
    now: () => NOW,
    hooks,
  });
  const sync = new KiviCareSync({
    store: l.store,
    book: l.book,
    source: api === 'v4' ? v4(s) : mobile(s),
    companionProvisions: true,
    clock: () => NOW,
  });
  const mappings = () =>
    l.store.rows<{
      appointmentId: string;
      provisionedBy: string;
      zoomMeetingId: string;
      joinUrl: string;
    }>('SELECT appointment_id, provisioned_by, zoom_meeting_id, join_url FROM meeting_mappings');
  const mappingOfSite = async (siteId: number) => {
    const id = (await bySite(l.store, siteId))?.id;
    return (await mappings()).find((m) => m.appointmentId === id);
  };
  const creates = () => zoom.requests().filter((r) => r.method === 'POST' && /\/meetings$/.test(r.path));
  return { engine, sync, mappings, mappingOfSite, creates };
}

const upcomingTelemedWithoutSiteMeeting = () =>
  s.data.appointments.filter(
    (a) =>
      a.services.includes('telemed') &&
      !a.zoom &&
      a.status !== 0 &&
      a.start >= '2026-03-27 09:00:00' &&
      a.start < '2026-05-27',
  );

describe.each(['v4', 'mobile'] as const)('KiviCare (%s API) to Zoom', (api) => {
  it('the companion makes meetings only for visits the site has none for, and a cancellation on the site deletes it on Zoom', async () => {
    const c = await clinic(api);
    expect(await c.sync.run('full')).toMatchObject({ ok: true, created: 20 });
    await c.engine.drain();
    const needed = upcomingTelemedWithoutSiteMeeting();
    expect(zoom.meetings()).toHaveLength(needed.length);
    // Every site-made meeting is shown with the site's own join link; none was made on Zoom again.
    for (const row of s.data.appointments) {
      if (!row.zoom || !(await bySite(l.store, row.id))) continue;
      const m = await c.mappingOfSite(row.id);
      if (row.status === 0) continue;
      expect(m, `site appointment ${row.id}`).toMatchObject({
        provisionedBy: 'kivicare',
        joinUrl: row.zoom!.join_url,
      });
    }
    const companionMeetingIds = (await c.mappings())
      .filter((m) => m.provisionedBy === 'companion')
      .map((m) => m.zoomMeetingId);
    expect(companionMeetingIds.sort()).toEqual(
      zoom
        .meetings()
        .map((m) => String(m.id))
        .sort(),
    );

    const cancelled = needed[0]!;
    const meetingId = (await c.mappingOfSite(cancelled.id))!.zoomMeetingId;
    s.cancel(cancelled.id);
    expect(await c.sync.run('incremental')).toMatchObject({ ok: true, cancelled: 1 });
    await c.engine.drain();
    expect(zoom.deletedMeetings().map((m) => String(m.id))).toEqual([meetingId]);
    expect(zoom.meetings()).toHaveLength(needed.length - 1);
  });

  it('a meeting the site adds later wins: the companion’s is deleted on Zoom, and one meeting is left', async () => {
    const c = await clinic(api);
    await c.sync.run('full');
    await c.engine.drain();
    const row = upcomingTelemedWithoutSiteMeeting()[0]!;
    const ours = (await c.mappingOfSite(row.id))!;
    expect(ours.provisionedBy).toBe('companion');
    s.setMeeting(row.id, true);
    await c.sync.run('incremental');
    await c.engine.drain();
    expect(zoom.deletedMeetings().map((m) => String(m.id))).toEqual([ours.zoomMeetingId]);
    expect(zoom.meetings().some((m) => String(m.id) === ours.zoomMeetingId)).toBe(false);
    expect(await c.mappingOfSite(row.id)).toMatchObject({
      provisionedBy: 'kivicare',
      joinUrl: s.data.appointments.find((a) => a.id === row.id)!.zoom!.join_url,
    });
  });

  it('a visit moved far past the window keeps its one meeting, moved on Zoom and never made again', async () => {
    const c = await clinic(api);
    await c.sync.run('full');
    await c.engine.drain();
    const row = upcomingTelemedWithoutSiteMeeting()[0]!;
    const before = (await c.mappingOfSite(row.id))!;
    const createsBefore = c.creates().length;
    s.reschedule(row.id, '2026-07-15 10:00:00');
    expect(await c.sync.run('incremental')).toMatchObject({ ok: true, cancelled: 0 });
    await c.engine.drain();
    expect(await c.sync.run('full')).toMatchObject({ ok: true, cancelled: 0 });
    await c.engine.drain();
    expect(await c.mappingOfSite(row.id)).toMatchObject({ zoomMeetingId: before.zoomMeetingId });
    expect(zoom.deletedMeetings()).toEqual([]);
    expect(c.creates().length).toBe(createsBefore);
    const onZoom = zoom.meetings().find((m) => String(m.id) === before.zoomMeetingId)!;
    expect(onZoom.start_time).toBe('2026-07-15T08:00:00Z');
  });

  it('a meeting the site adds while the companion is creating its own: ours is removed once made', async () => {
    const row = () => upcomingTelemedWithoutSiteMeeting()[0]!;
    let syncDuringCreate: (() => Promise<unknown>) | undefined;
    const c = await clinic(api, {
      at: async (point, appointmentId) => {
        if (point !== 'before-create' || appointmentId !== (await bySite(l.store, row().id))?.id) return;
        const run = syncDuringCreate;
        syncDuringCreate = undefined;
        await run?.();
      },
    });
    await c.sync.run('full');
    const target = row();
    syncDuringCreate = async () => {
      s.setMeeting(target.id, true);
      await c.sync.run('incremental');
    };
    await c.engine.drain();
    await c.engine.drain();
    const siteJoin = s.data.appointments.find((a) => a.id === target.id)!.zoom!.join_url;
    expect(await c.mappingOfSite(target.id)).toMatchObject({ provisionedBy: 'kivicare', joinUrl: siteJoin });
    // The meeting made in the race was deleted on Zoom: every meeting left belongs to one mapping.
    expect(zoom.deletedMeetings()).toHaveLength(1);
    const companionIds = (await c.mappings())
      .filter((m) => m.provisionedBy === 'companion')
      .map((m) => m.zoomMeetingId)
      .sort();
    expect(
      zoom
        .meetings()
        .map((m) => String(m.id))
        .sort(),
    ).toEqual(companionIds);
  });
});
