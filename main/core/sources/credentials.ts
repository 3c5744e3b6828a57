// A KiviCare site's sign-in, kept in the credential vault, one entry per site.
import { z } from 'zod';
import type { CredentialVault } from '../vault';
import { siteError } from './site-errors';

export const KIVICARE_VAULT_SERVICE = 'clinic-companion.kivicare';

export const SiteCredentials = z.object({
  /** 'login': a WordPress user through KiviCare's login; 'app-password': WordPress application password (Basic). */
  kind: z.enum(['login', 'app-password']),
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export type SiteCredentials = z.infer<typeof SiteCredentials>;

export async function saveSiteCredentials(
  vault: CredentialVault,
  siteUrl: string,
  c: SiteCredentials,
): Promise<void> {
  await vault.setPassword(KIVICARE_VAULT_SERVICE, siteUrl, JSON.stringify(SiteCredentials.parse(c)));
}

/** The saved sign-in; a missing or damaged entry means the site must be connected again. */
export async function loadSiteCredentials(vault: CredentialVault, siteUrl: string): Promise<SiteCredentials> {
  const raw = await vault.getPassword(KIVICARE_VAULT_SERVICE, siteUrl);
  if (raw === null) throw siteError('no-credentials');
  try {
    return SiteCredentials.parse(JSON.parse(raw));
  } catch {
    throw siteError('no-credentials');
  }
}

export const forgetSiteCredentials = (vault: CredentialVault, siteUrl: string): Promise<boolean> =>
  vault.deletePassword(KIVICARE_VAULT_SERVICE, siteUrl);
