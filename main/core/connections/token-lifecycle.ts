// Per-doctor token lifecycle: refresh ahead of expiry, single-flight, rotated refresh token
// persisted before the new access token is handed out, dead grants turned into "reconnect needed".
import { AppError } from '../errors';
import type { ZoomOAuthContext } from '../oauth/authorization-server';
import { refreshTokens, revokeToken, type TokenSet } from '../oauth/token-client';
import type { AccessTokenProvider } from './access-token-provider';
import {
  boundElsewhere,
  type ConnectionRecord,
  type LastError,
  markReconnectNeeded,
  type TokenBinding,
} from './connection-record';
import type { ConnectionStore } from './connection-store';
import { KeyedLock } from './keyed-lock';
import type { Logger } from './logger';

/** Points inside a refresh where tests (and only tests) may stop the process. */
export type RefreshStep =
  | 'before-journal'
  | 'journal-written'
  | 'before-request'
  | 'after-response'
  | 'after-persist';

export interface TokenLifecycleOptions {
  ctx: ZoomOAuthContext;
  store: ConnectionStore;
  now: () => number;
  /** Refresh this long before the access token expires. */
  skewMs: number;
  logger: Logger;
  describeDoctor: (doctorId: string) => string;
  onChange: (doctorId: string) => void;
  hooks?: { refreshStep?(step: RefreshStep, doctorId: string): void | Promise<void> };
}

export class TokenLifecycle {
  private readonly lock = new KeyedLock();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly cache = new Map<string, ConnectionRecord | null>();
  /** The configured issuer and API origin: the only ones a token may be refreshed at or sent to. */
  private readonly binding: TokenBinding;

  constructor(private readonly o: TokenLifecycleOptions) {
    this.binding = { issuer: o.ctx.as.issuer, apiOrigin: o.ctx.apiOrigin };
  }

  provider(doctorId: string): AccessTokenProvider {
    return {
      getAccessToken: (destination) => this.getAccessToken(doctorId, destination),
      refreshAfterUnauthorized: (rejected, destination) =>
        this.refreshAfterUnauthorized(doctorId, rejected, destination),
    };
  }

  async record(doctorId: string): Promise<ConnectionRecord | null> {
    if (!this.cache.has(doctorId)) this.cache.set(doctorId, await this.o.store.load(doctorId));
    const rec = this.cache.get(doctorId) ?? null;
    const elsewhere = rec?.tokens ? boundElsewhere(rec, this.binding) : null;
    if (!rec || !elsewhere) return rec;
    // Made with another Zoom (IT changed the servers): its tokens go nowhere, not even to be
    // refreshed at the new issuer. The doctor reconnects with the Zoom now configured.
    const who = this.o.describeDoctor(doctorId);
    const lastError: LastError = {
      kind: 'reconnect-needed',
      reason: 'zoom-server-changed',
      message: `${who} must reconnect Zoom: the companion now uses a different Zoom server (${new URL(this.binding.apiOrigin).host}) than the one this connection was made with (${new URL(elsewhere.apiOrigin).host}).`,
      at: this.o.now(),
    };
    const unbound = markReconnectNeeded(rec, lastError);
    this.cache.set(doctorId, unbound);
    this.o.logger.warn('zoom connection made with another zoom server', { doctorId });
    await this.save(unbound);
    return unbound;
  }

  /** Refuses to hand out a token for any origin but the one it was issued for. */
  private checkDestination(doctorId: string, destination: string | undefined): void {
    if (destination === undefined || destination === this.binding.apiOrigin) return;
    throw new AppError(
      'reconnect-needed',
      `${this.o.describeDoctor(doctorId)}'s Zoom connection is not for ${new URL(destination).host}.`,
      { doctorId, reason: 'zoom-server-changed' },
    );
  }

  async getAccessToken(doctorId: string, destination?: string): Promise<string> {
    this.checkDestination(doctorId, destination);
    const running = this.inflight.get(doctorId);
    if (running) return running;
    const rec = await this.record(doctorId);
    const usable = this.usableToken(rec);
    if (usable) return usable;
    return this.inflight.get(doctorId) ?? this.startRefresh(doctorId, undefined);
  }

  async refreshAfterUnauthorized(
    doctorId: string,
    rejectedToken: string,
    destination?: string,
  ): Promise<string> {
    this.checkDestination(doctorId, destination);
    const running = this.inflight.get(doctorId);
    if (running) return running;
    const rec = await this.record(doctorId);
    // Someone already replaced the rejected token: use theirs instead of refreshing again.
    if (rec?.tokens && rec.tokens.accessToken !== rejectedToken && this.usableToken(rec))
      return rec.tokens.accessToken;
    return this.inflight.get(doctorId) ?? this.startRefresh(doctorId, rejectedToken);
  }

  /** Saves a freshly connected doctor (after the code exchange). */
  connect(
    doctorId: string,
    tokens: TokenSet,
    account: ConnectionRecord['account'],
  ): Promise<ConnectionRecord> {
    return this.lock.run(doctorId, async () => {
      const rec: ConnectionRecord = {
        v: 1,
        doctorId,
        state: 'connected',
        tokens: {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken as string,
          accessTokenExpiresAt: tokens.expiresAt,
          scope: tokens.scope,
        },
        binding: this.binding,
        account,
        connectedAt: this.o.now(),
      };
      await this.save(rec);
      return rec;
    });
  }

  /** Revokes at Zoom (best effort) and purges locally whatever Zoom answers. */
  /**
   * Keeps a copy of a connection under another key (the previous account of a doctor whose Zoom
   * account changed), with the same tokens, so the meetings made on it can still be deleted there.
   */
  adopt(key: string, from: ConnectionRecord): Promise<void> {
    return this.lock.run(key, async () => {
      await this.save({ ...from, doctorId: key }, false);
    });
  }

  disconnect(doctorId: string): Promise<{ revokedAtZoom: boolean }> {
    return this.lock.run(doctorId, async () => {
      let revokedAtZoom = false;
      try {
        const rec = await this.o.store.load(doctorId).catch(() => null);
        // A token from another Zoom is not sent to this one, not even to revoke it.
        if (rec?.tokens && !boundElsewhere(rec, this.binding)) {
          await revokeToken(this.o.ctx, rec.tokens.accessToken);
          revokedAtZoom = true;
        }
      } catch (e) {
        this.o.logger.warn('zoom revoke failed; purging locally anyway', {
          doctorId,
          kind: e instanceof AppError ? e.kind : 'internal',
        });
      } finally {
        await this.o.store.remove(doctorId);
        this.cache.set(doctorId, null);
        this.o.onChange(doctorId);
      }
      this.o.logger.info('zoom disconnected', { doctorId, revokedAtZoom });
      return { revokedAtZoom };
    });
  }

  forget(doctorId: string): void {
    this.cache.delete(doctorId);
  }

  private usableToken(rec: ConnectionRecord | null): string | undefined {
    if (rec?.state !== 'connected' || !rec.tokens || rec.refreshStartedAt !== undefined) return undefined;
    return rec.tokens.accessTokenExpiresAt - this.o.skewMs > this.o.now()
      ? rec.tokens.accessToken
      : undefined;
  }

  private startRefresh(doctorId: string, rejectedToken: string | undefined): Promise<string> {
    const p = this.lock.run(doctorId, () => this.refresh(doctorId, rejectedToken));
    this.inflight.set(doctorId, p);
    const clear = () => {
      if (this.inflight.get(doctorId) === p) this.inflight.delete(doctorId);
    };
    p.then(clear, clear);
    return p;
  }

  private notConnected(doctorId: string, rec: ConnectionRecord | null): AppError {
    const who = this.o.describeDoctor(doctorId);
    return rec
      ? new AppError('reconnect-needed', `${who} must reconnect Zoom.`, {
          doctorId,
          reason: rec.lastError?.reason,
        })
      : new AppError('reconnect-needed', `${who} has not connected Zoom yet.`, {
          doctorId,
          reason: 'not-connected',
        });
  }

  private async refresh(doctorId: string, rejectedToken: string | undefined): Promise<string> {
    const step = async (s: RefreshStep) => this.o.hooks?.refreshStep?.(s, doctorId);
    let rec = await this.record(doctorId);
    if (rec?.state !== 'connected' || !rec.tokens) throw this.notConnected(doctorId, rec);
    // Ran behind another refresh in the lock: its result may already be what we need.
    const usable = this.usableToken(rec);
    if (usable && usable !== rejectedToken) return usable;

    await step('before-journal');
    const interrupted = rec.refreshStartedAt !== undefined;
    rec = { ...rec, refreshStartedAt: this.o.now() };
    await this.save(rec, false);
    await step('journal-written');
    await step('before-request');
    let tokens: TokenSet;
    try {
      tokens = await refreshTokens(this.o.ctx, rec.tokens!.refreshToken, this.o.now);
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('internal', 'Zoom access could not be renewed.');
      if (err.kind !== 'reconnect-needed') {
        this.o.logger.warn('zoom token refresh failed', {
          doctorId,
          kind: err.kind,
          reason: String(err.details.reason),
        });
        throw err;
      }
      return this.giveUp(doctorId, rec, interrupted ? 'interrupted-refresh' : String(err.details.reason));
    }
    await step('after-response');
    const next: ConnectionRecord = {
      ...rec,
      refreshStartedAt: undefined,
      lastError: undefined,
      // A record from before bindings existed is bound now, to the issuer that just refreshed it.
      binding: this.binding,
      tokens: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken as string,
        accessTokenExpiresAt: tokens.expiresAt,
        scope: tokens.scope ?? rec.tokens!.scope,
      },
    };
    // The rotated refresh token is on disk before anyone gets the new access token.
    await this.save(next);
    await step('after-persist');
    this.o.logger.info('zoom token refreshed', { doctorId, expiresAt: tokens.expiresAt });
    return tokens.accessToken;
  }

  private async giveUp(doctorId: string, rec: ConnectionRecord, reason: string): Promise<never> {
    const who = this.o.describeDoctor(doctorId);
    const message =
      reason === 'interrupted-refresh'
        ? `${who} must reconnect Zoom: the app closed while renewing Zoom access.`
        : `${who} must reconnect Zoom: Zoom no longer accepts the connection.`;
    const lastError: LastError = { kind: 'reconnect-needed', reason, message, at: this.o.now() };
    await this.save(markReconnectNeeded(rec, lastError));
    this.o.logger.warn('zoom connection needs reconnect', { doctorId, reason });
    throw new AppError('reconnect-needed', message, { doctorId, reason });
  }

  private async save(rec: ConnectionRecord, notify = true): Promise<void> {
    await this.o.store.save(rec);
    this.cache.set(rec.doctorId, rec);
    if (notify) this.o.onChange(rec.doctorId);
  }
}
