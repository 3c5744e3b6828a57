// The whole path: KiviCare site → sync → appointment book → outbox → provisioning engine → Zoom
// sandbox. Runs against the lead's provisioning engine as it stands in this tree.
import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningEngine } from '../../main/core/provisioning/engine';
import { KiviCareSync } from '../../main/core/sources/sync';
import { createZoomClient, createZoomRateLimiter } from '../../main/core/zoom';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { bySite, type Local, local, NOW, site, v4 } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
let l: Local;
let zoom: ZoomSandbox;
afterEach(async () => {
  await s?.close();
  await zoom?.close();
  l?.cleanup();
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

describe('KiviCare to Zoom', () => {
  it('the companion makes meetings only for visits the site has none for, and a cancellation on the site deletes it on Zoom', async () => {
    s = await site();
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
    const engine = new ProvisioningEngine({
      store: l.store,
      repos: l.book.repos,
      zoomFor: (doctorId) => ({ client, userId: l.book.repos.doctors.get(doctorId)!.email }),
      doctorName: (doctorId) => l.book.repos.doctors.get(doctorId)!.displayName,
      now: () => NOW,
    });
    const sync = new KiviCareSync({
      store: l.store,
      book: l.book,
      source: v4(s),
      companionProvisions: true,
      clock: () => NOW,
    });

    expect(await sync.run('full')).toMatchObject({ ok: true, created: 20 });
    await engine.drain();
    const upcomingTelemedWithoutSiteMeeting = s.data.appointments.filter(
      (a) =>
        a.services.includes('telemed') &&
        !a.zoom &&
        a.status !== 0 &&
        a.start >= '2026-03-27 09:00:00' &&
        a.start < '2026-05-27',
    );
    expect(zoom.meetings()).toHaveLength(upcomingTelemedWithoutSiteMeeting.length);
    // No meeting on Zoom for any appointment whose meeting the site made.
    const siteOwnedIds = new Set(
      s.data.appointments
        .filter((a) => a.zoom)
        .map((a) => bySite(l.store, a.id)?.id)
        .filter(Boolean),
    );
    const mappings = l.store.db
      .prepare('SELECT appointment_id, provisioned_by, zoom_meeting_id FROM meeting_mappings')
      .all() as Array<{
      appointment_id: string;
      provisioned_by: string;
      zoom_meeting_id: string;
    }>;
    const companionMeetingIds = mappings
      .filter((m) => m.provisioned_by === 'companion')
      .map((m) => m.zoom_meeting_id);
    expect(companionMeetingIds.sort()).toEqual(
      zoom
        .meetings()
        .map((m) => String(m.id))
        .sort(),
    );
    expect(
      mappings
        .filter((m) => m.provisioned_by === 'companion')
        .some((m) => siteOwnedIds.has(m.appointment_id)),
    ).toBe(false);

    const cancelled = upcomingTelemedWithoutSiteMeeting[0]!;
    const meetingId = mappings.find(
      (m) => m.appointment_id === bySite(l.store, cancelled.id)!.id,
    )!.zoom_meeting_id;
    s.cancel(cancelled.id);
    expect(await sync.run('incremental')).toMatchObject({ ok: true, cancelled: 1 });
    await engine.drain();
    expect(zoom.deletedMeetings().map((m) => String(m.id))).toEqual([meetingId]);
    expect(zoom.meetings()).toHaveLength(upcomingTelemedWithoutSiteMeeting.length - 1);
  });
});
