// Gathers the health check's facts from a data folder without starting any network activity:
// the provisioning engine is never started and no Zoom request is made.
import type { Services } from '../app/services';
import { createServices, hasDatabase } from '../app/services';
import { isAppError } from '../errors';
import { silentLogger } from '../logging/logger';
import { loadPolicy, type Policy } from '../settings/policy';
import { assessSecretBackend, type CipherPort } from '../vault';
import { DEV_CIPHER_BACKEND } from '../vault/dev-file-cipher';
import type { DatabaseFact, HealthFacts, PolicyFact, SyncFact } from './health';

export interface GatherOptions {
  appVersion: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  dataDir: string;
  logDir: string;
  policyFile: string;
  cipher: CipherPort;
}

export interface Gathered {
  facts: HealthFacts;
  /** Only for scrubbing the diagnostics bundle; never printed. */
  patientNames: string[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function readPolicy(file: string): { fact: PolicyFact; policy: Policy } {
  try {
    const loaded = loadPolicy(file);
    if (!loaded.found) return { fact: { state: 'absent', path: file }, policy: {} };
    return {
      fact: { state: 'valid', path: file, lockedKeys: Object.keys(loaded.policy) },
      policy: loaded.policy,
    };
  } catch (e) {
    return { fact: { state: 'invalid', path: file, message: messageOf(e) }, policy: {} };
  }
}

/** The database part of the check over services the caller already has open (the running app). */
export async function readDatabase(s: Services): Promise<{ fact: DatabaseFact; patientNames: string[] }> {
  const statuses = await s.connections.list();
  const doctors = [];
  for (const c of statuses) {
    doctors.push({
      name: await s.doctorName(c.doctorId),
      state: c.state,
      email: c.email,
      lastErrorMessage: c.lastError?.message ?? null,
    });
  }
  const syncs = (await s.repos.syncState.list()).map(
    (r): SyncFact => ({
      source: r.source,
      scope: r.scope,
      lastSuccessAt: r.lastSuccessAt,
      lastError: r.lastError,
    }),
  );
  const patientNames = (await s.store.rows<{ displayName: string }>('SELECT display_name FROM patients')).map(
    (r) => r.displayName,
  );
  return { fact: { state: 'open', doctors, outbox: await s.engine.queueDepth(), syncs }, patientNames };
}

async function assessBackend(o: GatherOptions, policy: Policy): Promise<HealthFacts['secretBackend']> {
  const name = o.cipher.backend();
  // `npm run check` reads a development data folder, which the dev key-file cipher encrypts; the
  // packaged app's --check passes safeStorage and gets the real assessment.
  if (name === DEV_CIPHER_BACKEND) return { name: `${name} (development only)`, ok: true, message: null };
  const available = await o.cipher.isAvailable().catch(() => false);
  if (!available) return { name, ok: false, message: 'encryption is not available on this computer' };
  const assessed = assessSecretBackend(o.platform, name, policy.allowBasicTextSecrets ?? false);
  return assessed.ok
    ? { name, ok: true, message: null }
    : { name, ok: false, message: assessed.error.message };
}

export async function gatherHealth(o: GatherOptions): Promise<Gathered> {
  const { fact: policyFact, policy } = readPolicy(o.policyFile);
  const secretBackend = await assessBackend(o, policy);
  let database: DatabaseFact = { state: 'absent' };
  let patientNames: string[] = [];
  if (hasDatabase(o.dataDir)) {
    let services: Services | undefined;
    try {
      services = await createServices({
        dataDir: o.dataDir,
        env: o.env,
        policy,
        cipher: o.cipher,
        logger: silentLogger,
      });
      ({ fact: database, patientNames } = await readDatabase(services));
    } catch (e) {
      database = { state: 'error', message: isAppError(e) ? e.message : `cannot be read: ${messageOf(e)}` };
    } finally {
      await services?.dispose().catch(() => undefined);
    }
  }

  return {
    facts: {
      appVersion: o.appVersion,
      platform: o.platform,
      policy: policyFact,
      secretBackend,
      dataDir: o.dataDir,
      logDir: o.logDir,
      database,
    },
    patientNames,
  };
}
