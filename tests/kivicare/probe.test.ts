import { afterEach, describe, expect, it } from 'vitest';
import { probeSite } from '../../main/core/sources/probe';
import { siteFailureOf } from '../../main/core/sources/site-errors';
import { CLIENT_ID, site } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
afterEach(() => s?.close());
const probe = (t: TestSite) => probeSite({ baseUrl: t.url, clientId: CLIENT_ID, timeoutMs: 2000 });

describe('probing a site for its KiviCare API', () => {
  it('prefers the 4.x REST API when the index lists it, and reads the site time zone', async () => {
    s = await site({ apis: 'both' });
    expect(await probe(s)).toEqual({
      kind: 'kivicare-v4',
      timeZone: 'Europe/Berlin',
      siteName: 'Test Clinic',
    });
  });

  it('falls back to the mobile-app API when only that is there', async () => {
    s = await site({ apis: 'mobile' });
    expect((await probe(s)).kind).toBe('kivicare-mobile');
  });

  it('recognises the mobile-app API by its per-module namespaces (there is no bare kivicare/api/v1)', async () => {
    s = await site({ apis: 'mobile' });
    const index = (await (await fetch(`${s.url}/wp-json/`)).json()) as { namespaces: string[] };
    expect(index.namespaces).not.toContain('kivicare/api/v1');
    expect(index.namespaces).toContain('kivicare/api/v1/appointment');
    s.requests.length = 0;
    expect((await probe(s)).kind).toBe('kivicare-mobile');
    // It asked the index only: no route was probed when the index answered.
    expect(s.requests.map((r) => r.path)).toEqual(['/wp-json/']);
  });

  it('finds the API by its real routes when a security plugin hides the index', async () => {
    s = await site({ apis: 'v4', indexHidden: true });
    expect(await probe(s)).toEqual({ kind: 'kivicare-v4', timeZone: null, siteName: null });
    s.faults.apis = 'mobile';
    expect((await probe(s)).kind).toBe('kivicare-mobile');
  });

  it('says clearly when the address is WordPress without KiviCare', async () => {
    s = await site({ apis: 'none' });
    expect(await probe(s).then(() => 'found', siteFailureOf)).toBe('not-kivicare');
    s.faults.indexHidden = true;
    expect(await probe(s).then(() => 'found', siteFailureOf)).toBe('not-kivicare');
  });

  it('reports a site that is down or encrypted instead of guessing', async () => {
    s = await site({ html: 'maintenance' });
    expect(await probe(s).then(() => 'found', siteFailureOf)).toBe('not-kivicare');
    s.faults.html = null;
    s.faults.delayMs = 400;
    expect(
      await probeSite({ baseUrl: s.url, clientId: CLIENT_ID, timeoutMs: 100 }).then(
        () => 'found',
        siteFailureOf,
      ),
    ).toBe('timeout');
  });
});
