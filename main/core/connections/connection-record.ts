// The persisted per-doctor connection, kept as ONE encrypted vault entry so every change is a
// single atomic write. `refreshStartedAt` is a journal: written before a refresh request and
// cleared by the write that stores its result. Found set after a restart, it means the process
// died mid-refresh and Zoom may already have rotated the refresh token, so the next use forces
// a refresh: it either works (Zoom never saw the request) or gives a clean "reconnect needed".
import { z } from 'zod';

export const CONNECTION_SERVICE = 'clinic-companion.zoom-connection';

const Tokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessTokenExpiresAt: z.number(),
  scope: z.string().optional(),
});

/**
 * Where a token came from and where it may go: the OAuth issuer that issued it (and is the only
 * place its refresh token is sent) and the API origin it was issued for. A record saved before
 * this existed has none: it counts as bound to the configured servers and gets them on its next refresh.
 */
const Binding = z.object({ issuer: z.string(), apiOrigin: z.string() });
export type TokenBinding = z.infer<typeof Binding>;

/** The recorded binding, when it is not the configured one (a record without one is not). */
export function boundElsewhere(rec: ConnectionRecord, configured: TokenBinding): TokenBinding | null {
  const b = rec.binding;
  if (!b || (b.issuer === configured.issuer && b.apiOrigin === configured.apiOrigin)) return null;
  return b;
}

const LastError = z.object({ kind: z.string(), reason: z.string(), message: z.string(), at: z.number() });
export type LastError = z.infer<typeof LastError>;

export const ConnectionRecord = z.object({
  v: z.literal(1),
  doctorId: z.string(),
  state: z.enum(['connected', 'reconnect-needed']),
  tokens: Tokens.optional(),
  binding: Binding.optional(),
  account: z.object({ email: z.string(), zoomUserId: z.string() }).optional(),
  connectedAt: z.number().optional(),
  refreshStartedAt: z.number().optional(),
  lastError: LastError.optional(),
});
export type ConnectionRecord = z.infer<typeof ConnectionRecord>;

export type ConnectionState =
  | 'connected'
  | 'reconnect-needed'
  | 'disconnected'
  | 'connecting'
  /** Signed in to a Zoom account whose e-mail is not the doctor's: nothing kept until confirmed. */
  | 'confirm-account';

/** What leaves the connection layer: never a token. */
export interface ConnectionStatus {
  doctorId: string;
  state: ConnectionState;
  email: string | null;
  accessTokenExpiresAt: number | null;
  lastError: { kind: string; reason: string; message: string; at: number } | null;
  /** In 'confirm-account': the account signed in to. */
  pendingEmail?: string;
  /** In 'connecting': when the sign-in attempt ends by itself (epoch ms). */
  connectingUntil?: number;
}

export function statusOf(
  doctorId: string,
  record: ConnectionRecord | null,
  connecting: boolean,
): ConnectionStatus {
  const lastError = record?.lastError ? { ...record.lastError } : null;
  if (connecting) {
    return {
      doctorId,
      state: 'connecting',
      email: record?.account?.email ?? null,
      accessTokenExpiresAt: null,
      lastError,
    };
  }
  if (!record)
    return { doctorId, state: 'disconnected', email: null, accessTokenExpiresAt: null, lastError: null };
  return {
    doctorId,
    state: record.state,
    email: record.account?.email ?? null,
    accessTokenExpiresAt: record.state === 'connected' ? (record.tokens?.accessTokenExpiresAt ?? null) : null,
    lastError,
  };
}

/** The dead-end state: tokens purged, account kept so the UI can say who must reconnect. */
export function markReconnectNeeded(record: ConnectionRecord, error: LastError): ConnectionRecord {
  const { tokens: _purged, refreshStartedAt: _journal, ...rest } = record;
  return { ...rest, state: 'reconnect-needed', lastError: error };
}
