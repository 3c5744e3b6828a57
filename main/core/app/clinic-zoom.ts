// Clinic-wide mode: IT enters the clinic Zoom account's Server-to-Server credentials once, and
// meetings are created for each doctor's Zoom user (by e-mail). The secret lives in the vault;
// the token is cached in memory only, as Zoom issues no refresh token for this grant.
import { z } from 'zod';
import { type AccessTokenProvider, createS2STokenProvider } from '../connections';
import { AppError } from '../errors';
import type { Policy } from '../settings/policy';
import type { CredentialVault } from '../vault';

export const CLINIC_S2S_SERVICE = 'clinic-companion.zoom-s2s';
const ACCOUNT = 'clinic';

export const ClinicCredentials = z.object({
  accountId: z.string().trim().min(1).max(200),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
});
export type ClinicCredentials = z.infer<typeof ClinicCredentials>;

export type ZoomMode = 'per-doctor' | 'clinic-wide';

export class ClinicZoom {
  private provider: AccessTokenProvider | null = null;
  private known: { accountId: string; clientId: string } | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly o: {
      vault: CredentialVault;
      policy: Policy;
      oauthBaseUrl: string;
      apiBaseUrl: string;
      /** Persisted choice when policy does not lock it (a clinic setting, shared by its desktops). */
      readMode(): Promise<ZoomMode>;
      writeMode(mode: ZoomMode): Promise<void>;
      now: () => number;
    },
  ) {}

  /** Read from the database each time: another desktop of the clinic may have changed it. */
  async mode(): Promise<ZoomMode> {
    return this.o.policy.mode ?? (await this.o.readMode());
  }

  async setMode(mode: ZoomMode): Promise<void> {
    if (this.o.policy.mode !== undefined)
      throw new AppError('locked', 'Your IT department has locked the Zoom mode.');
    await this.o.writeMode(mode);
  }

  async load(): Promise<void> {
    let raw: string | null;
    try {
      raw = await this.o.vault.getPassword(CLINIC_S2S_SERVICE, ACCOUNT);
    } catch (e) {
      // A damaged vault is set aside and reported by the vault itself; the app still starts, and
      // this panel says why the clinic account must be entered again.
      if (!(e instanceof AppError)) throw e;
      this.lastError = e.message;
      return;
    }
    if (!raw) return;
    const parsed = ClinicCredentials.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      this.lastError = 'The saved clinic Zoom credentials are damaged. Enter them again.';
      return;
    }
    this.use(parsed.data);
  }

  async save(c: ClinicCredentials): Promise<void> {
    const creds = ClinicCredentials.parse(c);
    const candidate = this.providerFor(creds);
    // Proven before it is kept: a wrong secret is reported now, not at the first visit.
    await candidate.getAccessToken();
    await this.o.vault.setPassword(CLINIC_S2S_SERVICE, ACCOUNT, JSON.stringify(creds));
    this.use(creds);
    this.lastError = null;
  }

  async clear(): Promise<void> {
    await this.o.vault.deletePassword(CLINIC_S2S_SERVICE, ACCOUNT);
    this.provider = null;
    this.known = null;
  }

  /** The token provider for every doctor in clinic-wide mode. */
  tokens(): AccessTokenProvider {
    const need = () => {
      if (!this.provider) {
        throw new AppError(
          'reconnect-needed',
          'The clinic Zoom account is not set up. IT must enter its credentials.',
        );
      }
      return this.provider;
    };
    return {
      getAccessToken: () => need().getAccessToken(),
      refreshAfterUnauthorized: (rejected) => need().refreshAfterUnauthorized(rejected),
    };
  }

  async view() {
    return {
      mode: await this.mode(),
      modeLocked: this.o.policy.mode !== undefined,
      configured: this.provider !== null,
      accountId: this.known?.accountId ?? null,
      clientId: this.known?.clientId ?? null,
      lastError: this.lastError,
    };
  }

  private use(c: ClinicCredentials): void {
    this.provider = this.providerFor(c);
    this.known = { accountId: c.accountId, clientId: c.clientId };
  }

  private providerFor(c: ClinicCredentials): AccessTokenProvider {
    return createS2STokenProvider({
      config: {
        oauthBaseUrl: this.o.oauthBaseUrl,
        apiBaseUrl: this.o.apiBaseUrl,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
      },
      accountId: c.accountId,
      now: this.o.now,
    });
  }
}
