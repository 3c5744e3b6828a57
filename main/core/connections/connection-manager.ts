// Several doctors on one desktop, each with their own Zoom connection. The shell opens
// `authorizeUrl` in the system browser; the answer comes back through the loopback listener or
// through `handleProtocolUrl` (custom scheme). Nothing this returns or emits carries a token.
import { EventEmitter } from 'node:events';
import { AppError } from '../errors';
import { zoomOAuthContext } from '../oauth/authorization-server';
import type { CallbackParams } from '../oauth/callback-params';
import { callbackRefused } from '../oauth/callback-refusal';
import { ZOOM_USER_SCOPES, type ZoomOAuthConfig } from '../oauth/config';
import { type LoopbackRedirect, startLoopbackRedirect } from '../oauth/loopback-redirect';
import { type PendingAuthorization, PendingAuthorizations } from '../oauth/pending-authorizations';
import { parseProtocolCallbackUrl } from '../oauth/protocol-callback';
import { exchangeCode, revokeToken } from '../oauth/token-client';
import type { CredentialVault } from '../vault/credential-vault';
import { createZoomRateLimiter, type ZoomRateLimiter } from '../zoom';
import type { AccessTokenProvider } from './access-token-provider';
import { type ConnectionStatus, statusOf } from './connection-record';
import { ConnectionStore } from './connection-store';
import { type Logger, silentLogger } from './logger';
import { type RefreshStep, TokenLifecycle } from './token-lifecycle';
import { type FetchZoomUser, zoomUserFetcher } from './zoom-user';

export type RedirectMode = 'loopback' | 'scheme';

export interface ConnectionManagerOptions {
  config: ZoomOAuthConfig & {
    /** The https bridge page registered with Zoom that forwards code and state to the app's scheme. */
    schemeBridgeUrl?: string;
  };
  vault: CredentialVault;
  now?: () => number;
  logger?: Logger;
  fetchUser?: FetchZoomUser;
  /**
   * The rate limiter every Zoom call of the account goes through: the sign-in call (GET /users/me)
   * waits in it too. Defaults to a limiter of this manager's own.
   */
  zoomLimiter?: { limiter: ZoomRateLimiter; accountKey: string };
  describeDoctor?: (doctorId: string) => string;
  /**
   * The e-mail the clinic has for the doctor: a Zoom account with another address is held until
   * the doctor confirms it (a doctor may use a different address; a front desk or a colleague must
   * not connect someone else's account unnoticed).
   */
  expectedEmail?: (doctorId: string) => string | null;
  /**
   * The doctor's Zoom account changed (another Zoom user than before). The previous connection is
   * kept under `retiredKey` while the meetings made on it are deleted there; see retiredKeyOf.
   */
  onAccountChanged?: (change: { doctorId: string; fromUserId: string; retiredKey: string | null }) => void;
  refreshSkewMs?: number;
  pendingTtlMs?: number;
  loopbackTimeoutMs?: number;
  hooks?: { refreshStep?(step: RefreshStep, doctorId: string): void | Promise<void> };
}

export interface BeginConnectResult {
  authorizeUrl: string;
  /** Settles when this attempt ends (connected, refused, timed out or superseded). */
  completion: Promise<ConnectionStatus>;
}

/** Where a doctor's previous connection waits while its meetings are cleaned up. */
export const retiredKeyOf = (doctorId: string, zoomUserId: string) => `retired:${doctorId}:${zoomUserId}`;
const isRetiredKey = (key: string) => key.startsWith('retired:');

/** A sign-in to an account whose e-mail is not the doctor's: kept in memory only, for minutes. */
interface HeldAccount {
  tokens: Parameters<TokenLifecycle['connect']>[1];
  account: { email: string; zoomUserId: string };
  expiresAt: number;
}
const HOLD_MS = 10 * 60_000;

export interface ConnectionManager {
  beginConnect(doctorId: string, options: { redirectMode: RedirectMode }): Promise<BeginConnectResult>;
  /** Keeps a held sign-in once the doctor names the account in full; anything else keeps nothing. */
  confirmAccount(doctorId: string, accountEmail: string): Promise<ConnectionStatus>;
  /** Drops a held sign-in (and revokes its token at Zoom). */
  rejectAccount(doctorId: string): Promise<ConnectionStatus>;
  /** Deletes a retired connection (after its meetings were cleaned up), revoking its token. */
  forgetRetired(retiredKey: string): Promise<void>;
  /** The Zoom user a doctor's connection acts as (kept while they must reconnect), or null. */
  accountOf(doctorId: string): Promise<{ email: string; zoomUserId: string } | null>;
  cancelConnect(doctorId: string): Promise<void>;
  handleProtocolUrl(url: string): Promise<ConnectionStatus>;
  status(doctorId: string): Promise<ConnectionStatus>;
  list(): Promise<ConnectionStatus[]>;
  disconnect(doctorId: string): Promise<ConnectionStatus>;
  tokenProvider(doctorId: string): AccessTokenProvider;
  onChange(listener: (status: ConnectionStatus) => void): () => void;
  dispose(): Promise<void>;
}

interface Attempt {
  pending: PendingAuthorization;
  loopback?: LoopbackRedirect;
  /** When the attempt ends by itself (the state's TTL, or sooner the loopback's time-out). */
  until: number;
  /** Ends the attempt at `until` and says so, so a waiting screen follows without asking. */
  expiry?: ReturnType<typeof setTimeout>;
  settle: { resolve: (s: ConnectionStatus) => void; reject: (e: unknown) => void };
}

export function createConnectionManager(options: ConnectionManagerOptions): ConnectionManager {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const ctx = zoomOAuthContext(options.config);
  const describeDoctor = options.describeDoctor ?? (() => 'The doctor');
  const store = new ConnectionStore(options.vault);
  const events = new EventEmitter();
  const pending = new PendingAuthorizations({ now, ttlMs: options.pendingTtlMs });
  const attempts = new Map<string, Attempt>();
  const zoomLimiter = options.zoomLimiter ?? { limiter: createZoomRateLimiter(), accountKey: 'clinic' };
  const getUser = options.fetchUser ?? zoomUserFetcher(zoomLimiter.limiter, zoomLimiter.accountKey);
  const held = new Map<string, HeldAccount>();
  const heldFor = (doctorId: string): HeldAccount | undefined => {
    const h = held.get(doctorId);
    if (h && h.expiresAt <= now()) {
      held.delete(doctorId);
      void revokeToken(ctx, h.tokens.accessToken).catch(() => {});
      return undefined;
    }
    return h;
  };

  // Attempts whose state has expired end here (the loopback time-out ends its own).
  const sweepExpired = () => {
    for (const [doctorId, attempt] of attempts) {
      if (attempt.pending.expiresAt > now()) continue;
      pending.cancel(doctorId);
      endAttempt(doctorId, attempt);
      attempt.settle.reject(callbackRefused('state-expired'));
      emit(doctorId);
    }
  };

  const status = async (doctorId: string): Promise<ConnectionStatus> => {
    sweepExpired();
    let rec = null;
    try {
      rec = await lifecycle.record(doctorId);
    } catch (e) {
      // An unreadable vault shows as "reconnect needed" with the reason, not as a crash.
      if (!(e instanceof AppError)) throw e;
      return {
        doctorId,
        state: attempts.has(doctorId) ? 'connecting' : 'reconnect-needed',
        email: null,
        accessTokenExpiresAt: null,
        lastError: {
          kind: e.kind,
          reason: String(e.details.reason ?? e.kind),
          message: e.message,
          at: now(),
        },
      };
    }
    const h = heldFor(doctorId);
    if (h && !attempts.has(doctorId)) {
      return { ...statusOf(doctorId, rec, false), state: 'confirm-account', pendingEmail: h.account.email };
    }
    const attempt = attempts.get(doctorId);
    const s = statusOf(doctorId, rec, attempt !== undefined);
    return attempt ? { ...s, connectingUntil: attempt.until } : s;
  };

  const emit = (doctorId: string) => {
    void status(doctorId).then(
      (s) => events.emit('change', s),
      () => {},
    );
  };

  const lifecycle = new TokenLifecycle({
    ctx,
    store,
    now,
    skewMs: options.refreshSkewMs ?? 5 * 60_000,
    logger,
    describeDoctor,
    onChange: emit,
    hooks: options.hooks,
  });

  function authorizeUrlFor(p: PendingAuthorization): string {
    const url = new URL(ctx.as.authorization_endpoint as string);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', ctx.client.client_id);
    url.searchParams.set('redirect_uri', p.redirectUri);
    url.searchParams.set('scope', ZOOM_USER_SCOPES.join(' '));
    url.searchParams.set('state', p.state);
    url.searchParams.set('code_challenge', p.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  function endAttempt(doctorId: string, attempt: Attempt): void {
    clearTimeout(attempt.expiry);
    if (attempts.get(doctorId) === attempt) attempts.delete(doctorId);
    void attempt.loopback?.close();
  }

  /** The callback is already matched to `attempt` (state consumed): exchange and record the account. */
  async function complete(
    doctorId: string,
    attempt: Attempt,
    params: CallbackParams,
  ): Promise<ConnectionStatus> {
    try {
      if (params.type === 'error') {
        throw callbackRefused(params.error === 'access_denied' ? 'access-denied' : 'authorization-error');
      }
      const p = attempt.pending;
      const tokens = await exchangeCode(
        ctx,
        { code: params.code, state: params.state, redirectUri: p.redirectUri, codeVerifier: p.codeVerifier },
        now,
      );
      let account: { email: string; zoomUserId: string } | undefined;
      try {
        account = await getUser(options.config.apiBaseUrl, tokens.accessToken);
      } catch (e) {
        logger.warn('zoom account lookup failed after connect', { doctorId, kind: (e as AppError).kind });
      }
      const expected = options.expectedEmail?.(doctorId) ?? null;
      if (expected && !account) {
        void revokeToken(ctx, tokens.accessToken).catch(() => {});
        throw new AppError(
          'zoom-unavailable',
          'Zoom did not say which account this is, so nothing was kept. Try connecting again.',
          { reason: 'account-unknown' },
        );
      }
      if (expected && account && !sameEmail(expected, account.email)) {
        // Not kept until the doctor confirms, naming the account: see confirmAccount.
        held.set(doctorId, { tokens, account, expiresAt: now() + HOLD_MS });
        endAttempt(doctorId, attempt);
        logger.info('zoom account held for confirmation', { doctorId });
        const s = await status(doctorId);
        attempt.settle.resolve(s);
        emit(doctorId);
        return s;
      }
      await keep(doctorId, tokens, account);
      endAttempt(doctorId, attempt);
      logger.info('zoom connected', { doctorId });
      const s = await status(doctorId);
      attempt.settle.resolve(s);
      emit(doctorId);
      return s;
    } catch (e) {
      endAttempt(doctorId, attempt);
      logger.warn('zoom connect failed', { doctorId, kind: (e as AppError).kind, reason: refusal(e) });
      attempt.settle.reject(e);
      emit(doctorId);
      throw e;
    }
  }

  /** Saves the connection; a different Zoom user than before retires the previous one first. */
  async function keep(
    doctorId: string,
    tokens: HeldAccount['tokens'],
    account: HeldAccount['account'] | undefined,
  ): Promise<void> {
    const before = await lifecycle.record(doctorId).catch(() => null);
    const fromUserId = before?.account?.zoomUserId;
    const changed = fromUserId !== undefined && account !== undefined && fromUserId !== account.zoomUserId;
    let retiredKey: string | null = null;
    if (changed && before?.tokens && before.state === 'connected') {
      retiredKey = retiredKeyOf(doctorId, fromUserId);
      await lifecycle.adopt(retiredKey, before);
    }
    await lifecycle.connect(doctorId, tokens, account);
    if (changed) options.onAccountChanged?.({ doctorId, fromUserId, retiredKey });
  }

  const refusal = (e: unknown) => (e instanceof AppError ? String(e.details.reason ?? '') : 'internal');

  async function beginConnect(
    doctorId: string,
    o: { redirectMode: RedirectMode },
  ): Promise<BeginConnectResult> {
    if (typeof doctorId !== 'string' || doctorId.length === 0 || doctorId.length > 200) {
      throw new AppError('invalid-request', 'Choose a doctor to connect.');
    }
    await cancelConnect(doctorId);
    let settle!: Attempt['settle'];
    const completion = new Promise<ConnectionStatus>((resolve, reject) => {
      settle = { resolve, reject };
    });
    completion.catch(() => {});
    let loopback: LoopbackRedirect | undefined;
    let redirectUri: string;
    const loopbackTimeoutMs = options.loopbackTimeoutMs ?? 5 * 60_000;
    const startedAt = now();
    if (o.redirectMode === 'loopback') {
      loopback = await startLoopbackRedirect({
        timeoutMs: loopbackTimeoutMs,
        accept: (params) => {
          // A wrong or foreign state is refused without consuming anything.
          if (params.state === undefined) throw callbackRefused('malformed', 'missing state');
          pending.peek(params.state, { doctorId, redirectUri: loopback!.redirectUri });
        },
      });
      redirectUri = loopback.redirectUri;
    } else {
      if (!options.config.schemeBridgeUrl) {
        throw new AppError(
          'invalid-request',
          'Signing in through the app link is not set up. Ask IT, or use the default.',
        );
      }
      redirectUri = options.config.schemeBridgeUrl;
    }
    const p = await pending.start(doctorId, redirectUri);
    const until = loopback ? Math.min(p.expiresAt, startedAt + loopbackTimeoutMs) : p.expiresAt;
    const attempt: Attempt = { pending: p, loopback, settle, until };
    attempts.set(doctorId, attempt);
    if (!loopback) {
      // The loopback's own time-out ends its attempt; a scheme attempt ends when its state expires.
      attempt.expiry = setTimeout(sweepExpired, Math.max(0, p.expiresAt - now()) + 50);
      attempt.expiry.unref?.();
    }
    if (loopback) {
      loopback.result.then(
        (params) => {
          try {
            if (pending.consume(params.state as string, { doctorId, redirectUri }) !== p) return;
          } catch (e) {
            endAttempt(doctorId, attempt);
            settle.reject(e);
            emit(doctorId);
            return;
          }
          complete(doctorId, attempt, params).catch(() => {});
        },
        (e) => {
          pending.cancel(doctorId);
          endAttempt(doctorId, attempt);
          settle.reject(e);
          emit(doctorId);
        },
      );
    }
    logger.info('zoom connect started', { doctorId, redirectMode: o.redirectMode });
    emit(doctorId);
    return { authorizeUrl: authorizeUrlFor(p), completion };
  }

  async function cancelConnect(doctorId: string): Promise<void> {
    const attempt = attempts.get(doctorId);
    pending.cancel(doctorId);
    if (!attempt) return;
    clearTimeout(attempt.expiry);
    attempts.delete(doctorId);
    attempt.settle.reject(callbackRefused('authorization-error', 'superseded'));
    await attempt.loopback?.close();
    emit(doctorId);
  }

  async function handleProtocolUrl(url: string): Promise<ConnectionStatus> {
    let params: CallbackParams;
    try {
      params = parseProtocolCallbackUrl(url);
      if (params.state === undefined) throw callbackRefused('malformed', 'missing state');
      const bridge = options.config.schemeBridgeUrl;
      const p = pending.peek(params.state, bridge ? { redirectUri: bridge } : {});
      if (!bridge || p.redirectUri !== bridge) throw callbackRefused('wrong-redirect');
      const attempt = attempts.get(p.doctorId);
      if (!attempt || attempt.pending !== p) throw callbackRefused('unknown-state');
      pending.consume(params.state, { doctorId: p.doctorId, redirectUri: bridge });
      return await complete(p.doctorId, attempt, params);
    } catch (e) {
      sweepExpired();
      logger.warn('zoom callback refused', { reason: refusal(e) });
      throw e;
    }
  }

  async function confirmAccount(doctorId: string, accountEmail: string): Promise<ConnectionStatus> {
    const h = heldFor(doctorId);
    if (!h)
      throw new AppError('not-found', 'There is no Zoom sign-in waiting to be confirmed. Connect again.');
    if (!sameEmail(accountEmail, h.account.email)) {
      throw new AppError('invalid-request', `To keep this account, name it exactly: ${h.account.email}.`);
    }
    held.delete(doctorId);
    await keep(doctorId, h.tokens, h.account);
    logger.info('zoom connected', { doctorId, confirmedOtherAccount: true });
    emit(doctorId);
    return status(doctorId);
  }

  async function rejectAccount(doctorId: string): Promise<ConnectionStatus> {
    const h = held.get(doctorId);
    held.delete(doctorId);
    if (h) await revokeToken(ctx, h.tokens.accessToken).catch(() => {});
    emit(doctorId);
    return status(doctorId);
  }

  return {
    beginConnect,
    cancelConnect,
    handleProtocolUrl,
    status,
    confirmAccount,
    rejectAccount,
    async accountOf(doctorId) {
      const rec = await lifecycle.record(doctorId).catch(() => null);
      return rec?.account ?? null;
    },
    async forgetRetired(retiredKey) {
      if (isRetiredKey(retiredKey)) await lifecycle.disconnect(retiredKey);
    },
    async list() {
      const records = (await store.loadAll()).filter((r) => !isRetiredKey(r.doctorId));
      const ids = new Set([...records.map((r) => r.doctorId), ...attempts.keys(), ...held.keys()]);
      return Promise.all([...ids].sort().map((id) => status(id)));
    },
    async disconnect(doctorId) {
      await cancelConnect(doctorId);
      await lifecycle.disconnect(doctorId);
      return status(doctorId);
    },
    tokenProvider: (doctorId) => lifecycle.provider(doctorId),
    onChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
    async dispose() {
      for (const id of [...attempts.keys()]) await cancelConnect(id);
      events.removeAllListeners();
    },
  };
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
