// The clinic database's password on one desktop: IT enters it once, it is tried against the server
// (a password the server refuses is not kept), then kept in this desktop's credential vault,
// encrypted by the OS for the OS user who entered it. Also the connection probe `--check` uses:
// one short connection that says in words why the server refused it.
import pg from 'pg';
import { AppError } from '../errors';
import type { Desktop } from '../store/desktops';
import { describePostgres, isServerAway, type PostgresConfig, poolConfig } from '../store/postgres';
import type { CredentialVault } from '../vault';
import {
  DATABASE_VAULT_SERVICE,
  type DatabasePolicy,
  databaseVaultAccount,
  resolveDatabase,
} from './database-config';

export type ConnectFailureKind =
  | 'wrong-password'
  | 'not-allowed'
  | 'no-database'
  | 'tls'
  | 'unreachable'
  | 'other';

export interface ConnectFailure {
  kind: ConnectFailureKind;
  /** For people: what the server (or the network) said, and what to look at. */
  message: string;
}

export interface ServerFacts {
  /** postgres://user@host:port/database: never a password. */
  server: string;
  /** The TLS version in use (e.g. "TLSv1.3"), or null for an unencrypted connection. */
  tls: string | null;
  /** "15.8", without the distribution's suffix. */
  serverVersion: string;
}

export interface ServerDetails extends ServerFacts {
  /** The schema version on the server (0: no desktop has created the tables yet). */
  schemaVersion: number;
  /** The desktops that have used this server (null before the schema has them). */
  desktops: Desktop[] | null;
}

export type Probe<T> = { ok: true; facts: T } | { ok: false; server: string; failure: ConnectFailure };

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Why a connection to the clinic server failed, in words IT can act on. */
export function explainConnectFailure(
  e: unknown,
  c: Pick<PostgresConfig, 'host' | 'port' | 'database' | 'user' | 'connectTimeoutMs'>,
): ConnectFailure {
  const err = (e ?? {}) as { code?: string; message?: string };
  const code = err.code ?? '';
  // Node's advice on its own CA store is not for IT: the CA comes from the policy.
  const said = (err.message ?? String(e)).replace(/;\s*if the root CA is installed locally.*$/s, '').trim();
  const at = `${c.host}:${c.port ?? 5432}`;
  if (code === '28P01' || /client password must be a (non-empty )?string/.test(said)) {
    return {
      kind: 'wrong-password',
      message: `The server refused the password of "${c.user}" (wrong password): ${said}.`,
    };
  }
  if (code === '28000' || code === '42501') {
    return {
      kind: 'not-allowed',
      message: `The server does not let "${c.user}" into "${c.database}" from this desktop: ${said}. Look at pg_hba.conf (a hostssl line for this desktop's network) and the role's rights (docs/IT.md).`,
    };
  }
  if (code === '3D000') {
    return {
      kind: 'no-database',
      message: `The server has no database "${c.database}": ${said}. Create it (docs/IT.md) or correct "database" in the policy.`,
    };
  }
  if (/does not support SSL/i.test(said)) {
    return {
      kind: 'tls',
      message: `TLS failed: the server at ${at} does not offer TLS (ssl = off in its postgresql.conf), and the policy asks for it.`,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'tls',
      message: `TLS verify failed: the server's certificate is not made out to "${c.host}" (${said}). Use the name in its certificate as "host", or give the server a certificate for this name.`,
    };
  }
  if (TLS_CODES.has(code) || /certificate|self[- ]signed/i.test(said)) {
    return {
      kind: 'tls',
      message: `TLS verify failed: the server's certificate is not trusted by the CA file in the policy (${said}). Is "tls.caFile" the CA that issued the server's certificate?`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'unreachable',
      message: `The server is unreachable: nothing answers at ${at} (connection refused). Is PostgreSQL running and listening on that address (listen_addresses), and is the port open in the firewall?`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      kind: 'unreachable',
      message: `The server is unreachable: the name "${c.host}" is not known here (DNS).`,
    };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return {
      kind: 'unreachable',
      message: `The server is unreachable: no route to ${c.host} from this desktop.`,
    };
  }
  if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(said)) {
    const s = Math.round((c.connectTimeoutMs ?? 5_000) / 1000);
    return {
      kind: 'unreachable',
      message: `The server is unreachable: no answer from ${at} within ${s} s (a firewall dropping the connection, or the wrong address).`,
    };
  }
  if (isServerAway(e)) {
    return { kind: 'unreachable', message: `The server at ${at} cannot be reached: ${said}.` };
  }
  return { kind: 'other', message: `The connection to ${at} failed: ${said}.` };
}

type Client = pg.Client;

async function withClient<T>(
  config: PostgresConfig,
  what: string,
  fn: (client: Client) => Promise<T>,
): Promise<Probe<T>> {
  const server = describePostgres(config);
  const client = new pg.Client(
    poolConfig({ ...config, applicationName: `Clinic Companion (${what})`, statementTimeoutMs: 10_000 }),
  );
  // A connection that breaks after the probe must not throw out of the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { ok: true, facts: await fn(client) };
  } catch (e) {
    return { ok: false, server, failure: explainConnectFailure(e, config) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function serverFacts(client: Client, config: PostgresConfig): Promise<ServerFacts> {
  const r = await client.query<{ version: string; tls: string | null }>(
    `SELECT current_setting('server_version') AS version,
            (SELECT CASE WHEN ssl THEN version END FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls`,
  );
  const row = r.rows[0];
  return {
    server: describePostgres(config),
    tls: row?.tls ?? null,
    serverVersion: (row?.version ?? '?').split(' ')[0] ?? '?',
  };
}

/** Connects once (with the policy's TLS) and reads the server's version: nothing is written. */
export function connectOnce(config: PostgresConfig, what = 'password check'): Promise<Probe<ServerFacts>> {
  return withClient(config, what, (client) => serverFacts(client, config));
}

/**
 * What `--check` reports about the server: the connection, its schema version and the desktops
 * that use it. Read-only: unlike opening the store, it never creates or upgrades the schema.
 */
export function probeDatabase(config: PostgresConfig): Promise<Probe<ServerDetails>> {
  return withClient(config, 'health check', async (client) => {
    const facts = await serverFacts(client, config);
    const present = await client.query<{ schema: boolean; desktops: boolean }>(
      `SELECT to_regclass('schema_version') IS NOT NULL AS schema, to_regclass('desktops') IS NOT NULL AS desktops`,
    );
    const has = present.rows[0];
    const schemaVersion = has?.schema
      ? Number(
          (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]?.version ??
            0,
        )
      : 0;
    const desktops = has?.desktops
      ? (
          await client.query<Desktop>(
            `SELECT id, name, app_version AS "appVersion", schema_version AS "schemaVersion",
                    started_at AS "startedAt", last_seen_at AS "lastSeenAt"
               FROM desktops ORDER BY lower(name), id`,
          )
        ).rows
      : null;
    return { ...facts, schemaVersion, desktops };
  });
}

export interface SetPasswordOptions {
  /** Try the password against the server first (default). `--no-verify` stores it untried. */
  verify?: boolean;
  /** Reads the policy's certificate files (tests may pass their own). */
  read?: (file: string) => string;
  connectTimeoutMs?: number;
}

export type SetPasswordResult =
  | { stored: true; verified: ServerFacts | null; account: string }
  | { stored: false; server: string; failure: ConnectFailure };

/**
 * Keeps the clinic database's password in this desktop's vault, after the server accepted it
 * (unless `verify: false`). A password the server refuses is not stored, and one stored before is
 * left as it was.
 */
export async function setDatabasePassword(
  vault: Pick<CredentialVault, 'setPassword'>,
  policy: DatabasePolicy,
  password: string,
  o: SetPasswordOptions = {},
): Promise<SetPasswordResult> {
  if (password.length === 0) throw new AppError('invalid-request', 'No password was entered.');
  const account = databaseVaultAccount(policy);
  let verified: ServerFacts | null = null;
  if (o.verify !== false) {
    const config = await resolveDatabase(policy, { getPassword: async () => password }, o.read);
    const probe = await connectOnce({ ...config, connectTimeoutMs: o.connectTimeoutMs });
    if (!probe.ok) return { stored: false, server: probe.server, failure: probe.failure };
    verified = probe.facts;
  }
  await vault.setPassword(DATABASE_VAULT_SERVICE, account, password);
  return { stored: true, verified, account };
}

/** Removes the stored password (true when there was one). */
export function clearDatabasePassword(
  vault: Pick<CredentialVault, 'deletePassword'>,
  policy: DatabasePolicy,
): Promise<boolean> {
  return vault.deletePassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy));
}
