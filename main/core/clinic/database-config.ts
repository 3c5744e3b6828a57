// Where a clinic's shared database is, as IT sets it by policy; its password comes from this
// desktop's credential vault (entered once by IT), never from the policy file or the command line.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import type { PostgresConfig } from '../store/postgres';
import type { CredentialVault } from '../vault';

export const DatabasePolicy = z
  .object({
    engine: z.literal('postgres'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535).optional(),
    database: z.string().min(1).max(63),
    user: z.string().min(1).max(63),
    /** TLS to the server: its CA certificate, and a client certificate and key if IT uses them. */
    tls: z
      .object({
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Only for a server reached over a link IT already trusts (e.g. a VPN): no TLS at all. */
    allowUnencrypted: z.boolean().optional(),
    /** What the other desktops call this one ("Reception", "Room 2"); the computer's name otherwise. */
    desktopName: z.string().min(1).max(80).optional(),
  })
  .strict()
  .refine((d) => d.tls !== undefined || d.allowUnencrypted === true, {
    message: 'needs "tls" (the server\'s CA file) or, on a trusted link only, "allowUnencrypted": true',
  })
  .refine((d) => !d.tls || (d.tls.certFile === undefined) === (d.tls.keyFile === undefined), {
    message: 'a client certificate needs both "certFile" and "keyFile"',
  });
export type DatabasePolicy = z.infer<typeof DatabasePolicy>;

export const DATABASE_VAULT_SERVICE = 'clinic-database';
export const databaseVaultAccount = (p: Pick<DatabasePolicy, 'user' | 'host' | 'port' | 'database'>) =>
  `${p.user}@${p.host}:${p.port ?? 5432}/${p.database}`;

/** The connection for this policy: files read, the password taken from the vault. */
export async function resolveDatabase(
  policy: DatabasePolicy,
  vault: Pick<CredentialVault, 'getPassword'>,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): Promise<PostgresConfig> {
  const file = (what: string, path: string | undefined) => {
    if (!path) return undefined;
    try {
      return read(path);
    } catch (e) {
      throw new AppError(
        'invalid-request',
        `The clinic database's ${what} file ${path} cannot be read: ${(e as Error).message}`,
      );
    }
  };
  const tls = policy.tls
    ? {
        ca: file('CA certificate', policy.tls.caFile),
        cert: file('client certificate', policy.tls.certFile),
        key: file('client key', policy.tls.keyFile),
      }
    : false;
  const password =
    (await vault.getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy))) ?? undefined;
  if (!password && !(tls && tls.cert !== undefined)) {
    throw new AppError(
      'invalid-request',
      `No password for the clinic database is stored on this desktop. IT enters it once with "--set-database-password" (see docs/IT.md).`,
    );
  }
  return {
    host: policy.host,
    port: policy.port,
    database: policy.database,
    user: policy.user,
    password,
    tls,
  };
}
