// Authorizations started but not finished. `state` is 256 random bits from oauth4webapi (CSPRNG),
// single-use, bound to the doctor, the PKCE verifier and the redirect URI, and short-lived.
//
// Refusal policy: a callback with an unknown, wrong-doctor or wrong-redirect state changes nothing,
// so a forged or misrouted request cannot cancel a doctor's genuine sign-in. A consumed state is
// remembered until it would have expired, so reuse is told apart from a forgery and never works.
// An expired entry is dropped. Starting again for the same doctor supersedes the older entry.
import * as oauth from 'oauth4webapi';
import { callbackRefused } from './callback-refusal';

export interface PendingAuthorization {
  doctorId: string;
  state: string;
  codeVerifier: string;
  codeChallenge: string;
  redirectUri: string;
  createdAt: number;
  expiresAt: number;
}

export interface PendingAuthorizationsOptions {
  now?: () => number;
  ttlMs?: number;
}

export const DEFAULT_PENDING_TTL_MS = 10 * 60_000;

export class PendingAuthorizations {
  private readonly open = new Map<string, PendingAuthorization>();
  /** state → time after which we stop remembering it was used. */
  private readonly used = new Map<string, number>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(options: PendingAuthorizationsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? DEFAULT_PENDING_TTL_MS;
  }

  async start(doctorId: string, redirectUri: string): Promise<PendingAuthorization> {
    this.sweep();
    for (const p of this.open.values()) {
      if (p.doctorId === doctorId) this.retire(p);
    }
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const createdAt = this.now();
    const pending: PendingAuthorization = {
      doctorId,
      state: oauth.generateRandomState(),
      codeVerifier,
      codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      redirectUri,
      createdAt,
      expiresAt: createdAt + this.ttlMs,
    };
    this.open.set(pending.state, pending);
    return pending;
  }

  /** Looks a state up without consuming it; throws the refusal a consume would. */
  peek(state: string, expect: { doctorId?: string; redirectUri?: string } = {}): PendingAuthorization {
    this.sweep();
    const p = this.open.get(state);
    if (!p) throw callbackRefused(this.used.has(state) ? 'state-reused' : 'unknown-state');
    if (this.now() >= p.expiresAt) {
      this.retire(p);
      throw callbackRefused('state-expired');
    }
    if (expect.doctorId !== undefined && expect.doctorId !== p.doctorId)
      throw callbackRefused('wrong-doctor');
    if (expect.redirectUri !== undefined && expect.redirectUri !== p.redirectUri) {
      throw callbackRefused('wrong-redirect');
    }
    return p;
  }

  /** Takes the entry out for good; the same state never works twice. */
  consume(state: string, expect: { doctorId?: string; redirectUri?: string } = {}): PendingAuthorization {
    const p = this.peek(state, expect);
    this.retire(p);
    return p;
  }

  /** Drops a doctor's open entry (cancel / new attempt), if any. */
  cancel(doctorId: string): PendingAuthorization | undefined {
    for (const p of this.open.values()) {
      if (p.doctorId === doctorId) {
        this.retire(p);
        return p;
      }
    }
    return undefined;
  }

  pendingFor(doctorId: string): PendingAuthorization | undefined {
    this.sweep();
    return [...this.open.values()].find((p) => p.doctorId === doctorId);
  }

  private retire(p: PendingAuthorization): void {
    this.open.delete(p.state);
    // Remember it a while past expiry so a late replay is reported as reuse, not as a stranger.
    this.used.set(p.state, Math.max(p.expiresAt, this.now()) + this.ttlMs);
  }

  private sweep(): void {
    const t = this.now();
    for (const [state, until] of this.used) if (t >= until) this.used.delete(state);
  }
}
