// Gathers the health check's facts from a data folder without starting any network activity:
// the provisioning engine is never started and no Zoom request is made.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Services } from '../app/services';
import { createServices, DATABASE_FILE, hasDatabase } from '../app/services';
import { isAppError } from '../errors';
import { silentLogger } from '../logging/logger';
import { loadPolicy, type Policy } from '../settings/policy';
import { systemTimeZone } from '../settings/time-zone';
import { assessSecretBackend, type CipherPort, createCredentialVault } from '../vault';
import { DEV_CIPHER_BACKEND } from '../vault/dev-file-cipher';
import { gatherClinicServer } from './clinic-health';
import type { DatabaseFact, EngineFact, HealthFacts, PolicyFact, SyncFact } from './health';

export interface GatherOptions {
  appVersion: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  dataDir: string;
  logDir: string;
  policyFile: string;
  cipher: CipherPort;
  /** The time the desktops' "last seen" is measured from (tests fix it). */
  clock?: () => Date;
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
  let engine: EngineFact | undefined;
  let openServices = hasDatabase(o.dataDir);
  if (policy.database) {
    // A clinic of desktops: the server first, read-only; the doctors and the outbox only when its
    // schema is this app's (opening the store on another schema would upgrade or refuse it).
    const clinic = await gatherClinicServer({
      policy: policy.database,
      vault: existsSync(o.dataDir)
        ? createCredentialVault({ dataDir: o.dataDir, cipher: o.cipher })
        : { getPassword: async () => null },
      dataDir: o.dataDir,
      timeZone: policy.clinicTimeZone ?? systemTimeZone(),
      now: (o.clock ?? (() => new Date()))(),
    });
    engine = clinic;
    const s = clinic.schema;
    openServices = clinic.connection.ok && s !== null && s.server === s.app;
    if (!clinic.connection.ok)
      database = { state: 'not-read', reason: 'the clinic database was not reached' };
    else if (s?.server === 0)
      database = { state: 'not-read', reason: 'no desktop has started on the server yet' };
    else if (s && s.server < s.app)
      database = { state: 'not-read', reason: "the server's schema is older than this app's" };
    else if (s && s.server > s.app)
      database = { state: 'not-read', reason: "the server's schema is newer than this app's" };
  } else if (openServices) {
    engine = { kind: 'embedded', path: path.join(o.dataDir, DATABASE_FILE) };
  }
  if (openServices) {
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
      // The clinic's zone as the desktops share it (policy, else the clinic database's setting).
      if (engine?.kind === 'clinic-server') engine.timeZone = services.settings.get().clinicTimeZone;
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
      engine,
    },
    patientNames,
  };
}
