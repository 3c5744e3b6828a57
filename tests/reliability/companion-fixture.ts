// A real companion on a temp data folder for the hostile-input tests (not a test file itself):
// every IPC answer is recorded, the shell ports only record what they were asked to open or copy,
// and `snapshot()` captures everything a request could change (row counts, files) to compare.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Companion } from '../../main/core/app/companion';
import { dispatch } from '../../main/core/ipc/dispatch';
import type { memoryLogger } from '../../main/core/logging/logger';
import { hashPin } from '../../main/core/profiles/pin';
import type { Policy } from '../../main/core/settings/policy';
import { channels, type Result } from '../../preload/contract';
import { startTestCompanion } from '../app/test-companion';

export const ORIGIN = 'app://companion';
export const TABLES = [
  'doctors',
  'patients',
  'appointments',
  'meeting_mappings',
  'outbox',
  'audit_log',
  'settings',
  'sync_state',
  'zoom_cleanup',
] as const;

export interface Fixture {
  companion: Companion;
  dataDir: string;
  logger: ReturnType<typeof memoryLogger>;
  opened: string[];
  clipboard: string[];
  /** JSON of every IPC result, as the renderer would have received it. */
  wire: string[];
  /** Sends as the app's own renderer unless `origin` is given (null/undefined included). */
  call(
    channel: string,
    request: unknown,
    ...origin: [string | null | undefined] | []
  ): Promise<Result<unknown>>;
  snapshot(): Promise<string>;
  /**
   * Set-up, not a request under test: makes the desk's profile the one a channel needs (the
   * clinic admin, a doctor, or front desk) through the real session, clearing a lockout that
   * earlier hostile requests may have caused.
   */
  actAs(who: 'admin' | 'front-desk' | { doctorId: string }): Promise<void>;
  /** The role a channel's requests are sent with in the fuzz: one the contract admits. */
  actForChannel(channel: string, doctorId: string): Promise<void>;
  close(): Promise<void>;
}

export const FIXTURE_ADMIN_SECRET = 'fixture-admin-secret';
export const FIXTURE_DOCTOR_PIN = '246813';

export interface FixtureOptions {
  env?: Record<string, string>;
  sandbox?: boolean;
  policy?: Policy;
  dataDir?: string;
}

export async function openCompanion(o: FixtureOptions = {}): Promise<Fixture> {
  const t = await startTestCompanion({
    env: o.env ?? {},
    policy: o.policy ?? { clinicTimeZone: 'Europe/Berlin' },
    sandbox: o.sandbox ?? true,
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
  const { companion, dataDir, logger, opened, clipboard, wire } = t;
  const store = companion.services.store;
  const fixture: Fixture = {
    companion,
    dataDir,
    logger,
    opened,
    clipboard,
    wire,
    async call(channel, request, ...origin) {
      const r = await dispatch(companion.handlers, channel, request, {
        caller: companion.caller,
        senderOrigin: origin.length ? origin[0] : ORIGIN,
        trustedOrigins: [ORIGIN],
      });
      wire.push(JSON.stringify(r));
      return r;
    },
    async actAs(who) {
      const profiles = companion.services.profiles;
      const settings = companion.services.repos.settings;
      const now = profiles.current();
      if (who === 'front-desk') {
        profiles.lock();
        return;
      }
      if (who === 'admin') {
        if (now.role === 'admin') return;
        await settings.set('pin-attempts:admin', null);
        if (!(await profiles.adminSecret()).set)
          await profiles.setAdminSecret(FIXTURE_ADMIN_SECRET, undefined, { role: 'front-desk' });
        else {
          // A fuzzed request may have changed the admin secret: set it back as the store would.
          await settings.set('admin:secret', await hashPin(FIXTURE_ADMIN_SECRET));
          await profiles.unlockAdmin(FIXTURE_ADMIN_SECRET);
        }
        return;
      }
      if (now.role === 'doctor' && now.doctorId === who.doctorId) return;
      await settings.set(`pin:${who.doctorId}`, await hashPin(FIXTURE_DOCTOR_PIN));
      await settings.set(`pin-attempts:${who.doctorId}`, null);
      await profiles.unlock(who.doctorId, FIXTURE_DOCTOR_PIN);
    },
    async actForChannel(channel, doctorId) {
      const roles = (channels as Record<string, { roles: readonly string[] }>)[channel]?.roles ?? [];
      await fixture.actAs(
        roles.includes('admin') ? 'admin' : roles.includes('doctor') ? { doctorId } : 'front-desk',
      );
    },
    async snapshot() {
      const counts: string[] = [];
      for (const t of TABLES) {
        const row = await store.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`);
        counts.push(`${t}=${row!.n}`);
      }
      // Versions catch an update that keeps the count (a reschedule, a cancel).
      const versions = (await store.row<{ v: number }>(
        'SELECT COALESCE(SUM(version), 0) AS v FROM appointments',
      ))!;
      return [...counts, `versions=${versions.v}`, ...fileDigests(dataDir)].join('\n');
    },
    close: () => t.dispose(),
  };
  return fixture;
}

/** Hashes of the settings and credentials files (the database is compared by its rows). */
export function fileDigests(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith('.json') || f.includes('.corrupt-'))
    .sort()
    .map((f) => {
      const p = path.join(dataDir, f);
      const hash = existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'gone';
      return `${f}=${hash.slice(0, 16)}`;
    });
}
