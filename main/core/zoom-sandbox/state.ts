import { RequestLog } from './request-log';
import { ADMIN_SCOPES, USER_SCOPES } from './scopes';
import type {
  ClientConfig,
  S2SAccountConfig,
  SandboxMeeting,
  SandboxOptions,
  SandboxStats,
  SandboxUser,
} from './types';

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  kind: 'public' | 'confidential' | 's2s';
  scopes: string[];
  accountId?: string;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  challenge?: string;
  method?: 'S256' | 'plain';
  issuedAt: number;
  used: boolean;
}

/** One consent (authorization code exchange) and its chain of rotating refresh tokens. */
export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  refreshToken: string;
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  kind: 'user' | 's2s';
  clientId: string;
  accountId: string;
  userId?: string;
  grantId?: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface PageToken {
  userId: string;
  type: string;
  pageSize: number;
  offset: number;
  issuedAt: number;
}

export interface Settings {
  publicClientId: string;
  redirectAllowList: string[];
  rateLimits: { light: number; medium: number; heavy: number } | false;
  dailyCreateUpdateLimit: number;
  accessTokenTtlSeconds: number;
  startUrlTtlSeconds: number;
  maxBodyBytes: number;
}

export const DEFAULT_ACCOUNT_ID = 'sbxAcct_Clinic01';

export const emptyStats = (): SandboxStats => ({
  requests: 0,
  byRoute: {},
  creates: 0,
  updates: 0,
  deletes: 0,
  refreshes: 0,
  tokensIssued: 0,
  rateLimited: 0,
  faultsInjected: 0,
});

/** Everything the sandbox remembers; handlers read and change it, nothing else does. */
export class SandboxState {
  readonly settings: Settings;
  readonly clients = new Map<string, OAuthClient>();
  readonly users = new Map<string, SandboxUser>();
  readonly codes = new Map<string, AuthCode>();
  readonly grants = new Map<string, Grant>();
  /** refresh token → grant id, for the current token of each chain only. */
  readonly refreshIndex = new Map<string, string>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly meetings = new Map<string, SandboxMeeting>();
  readonly deleted: SandboxMeeting[] = [];
  /** start URL token (zak) → meeting id and issue time. */
  readonly zaks = new Map<string, { meetingId: string; issuedAt: number }>();
  readonly pageTokens = new Map<string, PageToken>();
  /** `${userId}:${utcDay}` → creates + updates that day. */
  readonly daily = new Map<string, number>();
  /** `${accountId}:${category}:${second}` → requests in that second. */
  readonly windows = new Map<string, number>();
  stats = emptyStats();
  readonly log: RequestLog;
  /** Set once the server listens; join and start URLs are built on it. */
  origin = '';
  private offset = 0;

  constructor(
    private readonly clock: () => number,
    options: SandboxOptions,
  ) {
    this.settings = {
      publicClientId: options.publicClientId ?? 'sandbox-public-client',
      redirectAllowList: options.redirectAllowList ?? [
        'http://127.0.0.1/',
        'https://bridge.sandbox.test/zoom/callback',
      ],
      rateLimits:
        options.rateLimits === undefined ? { light: 30, medium: 20, heavy: 10 } : options.rateLimits,
      dailyCreateUpdateLimit: options.dailyCreateUpdateLimit ?? 100,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3599,
      startUrlTtlSeconds: options.startUrlTtlSeconds ?? 7200,
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    };
    this.log = new RequestLog(this, options.strict);
    this.addClient({
      clientId: this.settings.publicClientId,
      kind: 'public',
      scopes: options.publicClientScopes ?? USER_SCOPES,
    });
    for (const c of options.confidentialClients ?? [defaultConfidential]) this.addConfidential(c);
    for (const a of options.s2sAccounts ?? [defaultS2S]) this.addS2S(a);
  }

  now(): number {
    return this.clock() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  private addClient(c: OAuthClient): void {
    this.clients.set(c.clientId, c);
  }

  private addConfidential(c: ClientConfig): void {
    this.addClient({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      kind: 'confidential',
      scopes: c.scopes ?? USER_SCOPES,
    });
  }

  private addS2S(a: S2SAccountConfig): void {
    this.addClient({
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      kind: 's2s',
      accountId: a.accountId,
      scopes: a.scopes ?? ADMIN_SCOPES,
    });
  }

  /** `userId` in a path: an id or an email (case-insensitive), within one account. */
  findUser(key: string, accountId?: string): SandboxUser | undefined {
    const lower = key.toLowerCase();
    for (const u of this.users.values()) {
      if (accountId && u.account_id !== accountId) continue;
      if (u.id === key || u.email.toLowerCase() === lower) return u;
    }
    return undefined;
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

const defaultConfidential: ClientConfig = {
  clientId: 'sandbox-confidential-client',
  clientSecret: 'sandbox-secret',
};
const defaultS2S: S2SAccountConfig = {
  accountId: DEFAULT_ACCOUNT_ID,
  clientId: 'sandbox-s2s-client',
  clientSecret: 'sandbox-s2s-secret',
};
