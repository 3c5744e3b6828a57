// Connecting a site: check the address against policy, find its API, prove the sign-in works, and
// only then keep the sign-in in the vault. Later syncs open the source from the vault.
import type { CredentialVault } from '../vault';
import { loadSiteCredentials, type SiteCredentials, saveSiteCredentials } from './credentials';
import { createKiviCareMobileSource } from './kivicare-mobile';
import { createKiviCareV4Source } from './kivicare-v4';
import { type ProbeResult, probeSite } from './probe';
import type { SiteHttpOptions } from './site-http';
import { type SiteUrlPolicy, validateSiteUrl } from './site-url';
import type { AppointmentSource } from './source';
import type { StatusReading } from './status-codes';

export interface SiteConnectionOptions {
  siteUrl: string;
  policy: SiteUrlPolicy;
  vault: CredentialVault;
  /** This installation's X-KC-Client-Id. */
  clientId: string;
  /** Used when the site does not publish its own zone. */
  clinicTimeZone: string;
  statusReading?: StatusReading;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ConnectedSite {
  siteUrl: string;
  probe: ProbeResult;
  source: AppointmentSource;
}

function build(
  o: SiteConnectionOptions,
  siteUrl: string,
  probe: ProbeResult,
  credentials: () => Promise<SiteCredentials>,
) {
  const http: SiteHttpOptions = {
    baseUrl: siteUrl,
    clientId: o.clientId,
    timeoutMs: o.timeoutMs,
    fetch: o.fetch,
  };
  const common = {
    ...http,
    credentials,
    timeZone: probe.timeZone ?? o.clinicTimeZone,
    statusReading: o.statusReading,
  };
  return probe.kind === 'kivicare-v4' ? createKiviCareV4Source(common) : createKiviCareMobileSource(common);
}

/** Connect (or reconnect) a site with a sign-in typed in Settings; saved only if the site accepts it. */
export async function connectSite(
  o: SiteConnectionOptions,
  credentials: SiteCredentials,
): Promise<ConnectedSite> {
  const siteUrl = validateSiteUrl(o.siteUrl, o.policy);
  const probe = await probeSite({
    baseUrl: siteUrl,
    clientId: o.clientId,
    timeoutMs: o.timeoutMs,
    fetch: o.fetch,
  });
  const source = build(o, siteUrl, probe, async () => credentials);
  await source.login();
  await saveSiteCredentials(o.vault, siteUrl, credentials);
  return { siteUrl, probe, source: build(o, siteUrl, probe, () => loadSiteCredentials(o.vault, siteUrl)) };
}

/** The source for a site connected earlier; the sign-in is read from the vault when needed. */
export async function openSite(o: SiteConnectionOptions): Promise<ConnectedSite> {
  const siteUrl = validateSiteUrl(o.siteUrl, o.policy);
  await loadSiteCredentials(o.vault, siteUrl);
  const probe = await probeSite({
    baseUrl: siteUrl,
    clientId: o.clientId,
    timeoutMs: o.timeoutMs,
    fetch: o.fetch,
  });
  return { siteUrl, probe, source: build(o, siteUrl, probe, () => loadSiteCredentials(o.vault, siteUrl)) };
}
