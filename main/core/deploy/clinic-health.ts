// The health check's facts about the clinic's shared database (policy `database`): the server, the
// connection (TLS, version), its schema against this app's, and the desktops that use it. One
// read-only connection: the check never creates or upgrades the server's schema.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type DatabasePolicy, resolveDatabase } from '../clinic/database-config';
import { probeDatabase } from '../clinic/database-password';
import { DESKTOP_FILE } from '../clinic/desktop-identity';
import { isAppError } from '../errors';
import { describePostgres } from '../store/postgres';
import { postgresMigrations } from '../store/postgres-migrations';
import type { CredentialVault } from '../vault';
import type { EngineFact } from './health';

type ClinicFact = Extract<EngineFact, { kind: 'clinic-server' }>;

/** This desktop's id if it has one; the check does not make one (the app does, when it starts). */
export function existingDesktopId(dataDir: string): string | null {
  try {
    const parsed = z
      .object({ id: z.string() })
      .safeParse(JSON.parse(readFileSync(path.join(dataDir, DESKTOP_FILE), 'utf8')));
    return parsed.success ? parsed.data.id : null;
  } catch {
    return null;
  }
}

export async function gatherClinicServer(o: {
  policy: DatabasePolicy;
  vault: Pick<CredentialVault, 'getPassword'>;
  dataDir: string;
  timeZone: string;
  now: Date;
  connectTimeoutMs?: number;
}): Promise<ClinicFact> {
  const base = {
    kind: 'clinic-server' as const,
    server: describePostgres(o.policy),
    desktopName: (o.policy.desktopName ?? hostname()).trim().slice(0, 80) || 'Desktop',
    timeZone: o.timeZone,
    checkedAt: o.now.toISOString(),
    schema: null,
    desktops: null,
  };
  let config: Awaited<ReturnType<typeof resolveDatabase>>;
  try {
    config = await resolveDatabase(o.policy, o.vault);
  } catch (e) {
    // No password stored here, an unreadable certificate file, a vault that cannot be opened.
    const problem = isAppError(e) ? e.message : `cannot be read: ${String(e)}`;
    return { ...base, connection: { ok: false, problem } };
  }
  const probe = await probeDatabase({ ...config, connectTimeoutMs: o.connectTimeoutMs });
  if (!probe.ok) return { ...base, connection: { ok: false, problem: probe.failure.message } };
  const me = existingDesktopId(o.dataDir);
  const f = probe.facts;
  return {
    ...base,
    connection: { ok: true, tls: f.tls, serverVersion: f.serverVersion },
    schema: { server: f.schemaVersion, app: postgresMigrations.length },
    desktops:
      f.desktops?.map((d) => ({
        name: d.name,
        appVersion: d.appVersion,
        schemaVersion: d.schemaVersion,
        lastSeenAt: d.lastSeenAt,
        thisDesktop: d.id === me,
      })) ?? null,
  };
}
