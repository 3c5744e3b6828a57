import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../main/core/errors';
import { KIVICARE_VAULT_SERVICE, loadSiteCredentials } from '../../main/core/sources/credentials';
import { connectSite, openSite } from '../../main/core/sources/site-connection';
import { siteFailureOf } from '../../main/core/sources/site-errors';
import { KiviCareSync } from '../../main/core/sources/sync';
import { CLIENT_ID, DESK, type Local, local, NOW, site, vaultIn } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
let l: Local;
afterEach(async () => {
  await s?.close();
  await l?.cleanup();
});

const options = (t: TestSite, dir: string) => ({
  siteUrl: t.url,
  policy: { allowHttpKivicare: true, allowPrivateKivicare: true },
  vault: vaultIn(dir),
  clientId: CLIENT_ID,
  clinicTimeZone: 'America/New_York',
  timeoutMs: 2000,
});

describe('connecting a KiviCare site', () => {
  it('keeps the sign-in in the vault (encrypted on disk) only after the site accepted it', async () => {
    s = await site();
    l = local();
    const o = options(s, l.dir);
    const wrong = await connectSite(o, { ...DESK, password: 'wrong' }).catch((e) => e);
    expect(siteFailureOf(wrong)).toBe('wrong-credentials');
    expect(await o.vault.findCredentials(KIVICARE_VAULT_SERVICE)).toEqual([]);

    const connected = await connectSite(o, DESK);
    expect(connected.probe).toMatchObject({ kind: 'kivicare-v4', timeZone: 'Europe/Berlin' });
    expect(await loadSiteCredentials(o.vault, s.url)).toEqual(DESK);
    const onDisk = readdirSync(l.dir)
      .map((f) => (f.endsWith('.json') ? readFileSync(join(l.dir, f), 'utf8') : ''))
      .join('');
    expect(onDisk).not.toContain(DESK.password);

    const reopened = await openSite(o);
    expect(
      (await reopened.source.listAppointments({ dateFrom: '2026-03-27', dateTo: '2026-03-27' })).appointments,
    ).toHaveLength(4);
  });

  it('connects a site that has only the mobile-app API and hides its WordPress index, and syncs it', async () => {
    s = await site({ apis: 'mobile', indexHidden: true });
    l = local();
    const connected = await connectSite(options(s, l.dir), DESK);
    // No index: the site's zone is unknown, so the clinic's is used.
    expect(connected.probe).toEqual({ kind: 'kivicare-mobile', timeZone: null, siteName: null });
    const listing = await connected.source.listAppointments({ dateFrom: '2026-03-27', dateTo: '2026-03-27' });
    expect(listing.appointments.map((a) => a.siteId).sort()).toEqual(['102', '103', '104', '105']);
  });

  it('refuses an http site on a public host before sending anything, and reports a missing sign-in as "connect the site"', async () => {
    s = await site();
    l = local();
    const o = options(s, l.dir);
    const refused = await connectSite({ ...o, siteUrl: 'http://clinic.example' }, DESK).catch((e) => e);
    expect(isAppError(refused) && refused.details.reason).toBe('http-public-host');
    expect(s.requests).toHaveLength(0);
    expect(siteFailureOf(await openSite(o).catch((e) => e))).toBe('no-credentials');
  });

  it('never lets the password, cookie, nonce, token or start URL reach an error, sync_state, the audit log or the outbox', async () => {
    s = await site();
    l = local();
    const o = options(s, l.dir);
    const { source } = await connectSite(o, DESK);
    const secrets: string[] = [DESK.password, 'abcd EFGH'];
    const engine = new KiviCareSync({
      store: l.store,
      book: l.book,
      source,
      companionProvisions: true,
      clock: () => NOW,
    });
    const reports: unknown[] = [await engine.run('full')];
    for (const breakIt of [
      () => {
        s.faults.noncesAlwaysStale = true;
      },
      () => {
        s.faults.noncesAlwaysStale = false;
        s.faults.html = 'fatal';
      },
      () => {
        s.faults.html = null;
        s.faults.encrypted = true;
      },
      () => {
        s.faults.encrypted = false;
        s.data.users[0]!.password = 'changed';
        s.expireNonces();
      },
    ]) {
      breakIt();
      reports.push(await engine.run('full'));
    }
    // What the site handed out during the run: nonces, session cookies, every start URL and ZAK.
    const issued = s.data.appointments.flatMap((a) =>
      a.zoom ? [a.zoom.start_url, a.zoom.start_url.split('zak=')[1]!] : [],
    );
    const text = [
      JSON.stringify(reports),
      JSON.stringify(await l.store.rows('SELECT * FROM sync_state')),
      JSON.stringify(await l.store.rows('SELECT * FROM audit_log')),
      JSON.stringify(await l.store.rows('SELECT * FROM outbox')),
      JSON.stringify(await l.store.rows('SELECT * FROM meeting_mappings')),
    ].join('\n');
    for (const secret of [...secrets, ...issued]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/wordpress_logged_in|x-wp-nonce|Bearer |Basic /i);
    expect(reports.filter((r) => !(r as { ok: boolean }).ok)).toHaveLength(4);
  });
});
