// Shared set-up for the KiviCare tests: a test site, a real SQLite store and book, a dev vault.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppointmentBook } from '../../main/core/appointments/book';
import type { SiteCredentials } from '../../main/core/sources/credentials';
import { createKiviCareMobileSource } from '../../main/core/sources/kivicare-mobile';
import { createKiviCareV4Source } from '../../main/core/sources/kivicare-v4';
import type { StatusReading } from '../../main/core/sources/status-codes';
import { openStore, type Store } from '../../main/core/store';
import type { Appointment } from '../../main/core/store/records';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import type { SiteFaults } from './server/faults';
import { startTestSite, type TestSite } from './server/server';
import { demoSite } from './server/site-data';

export const TODAY = '2026-03-27';
export const NOW = new Date('2026-03-27T08:00:00Z');
export const ZONE = 'Europe/Berlin';
export const CLIENT_ID = 'companion-test-install-1';
export const DESK: SiteCredentials = { kind: 'login', username: 'frontdesk', password: 'Desk-Pass-4821' };
export const DESK_APP: SiteCredentials = {
  kind: 'app-password',
  username: 'frontdesk',
  password: 'abcd EFGH ijkl MNOP qrst UVWX',
};

export async function site(faults: Partial<SiteFaults> = {}): Promise<TestSite> {
  return startTestSite(demoSite(TODAY, ZONE), faults);
}

export function v4(
  s: TestSite,
  o: { credentials?: SiteCredentials; statusReading?: StatusReading; timeoutMs?: number } = {},
) {
  return createKiviCareV4Source({
    baseUrl: s.url,
    clientId: CLIENT_ID,
    timeZone: ZONE,
    credentials: async () => o.credentials ?? DESK,
    statusReading: o.statusReading,
    timeoutMs: o.timeoutMs ?? 3000,
  });
}

export function mobile(
  s: TestSite,
  o: { credentials?: SiteCredentials; statusReading?: StatusReading; timeoutMs?: number } = {},
) {
  return createKiviCareMobileSource({
    baseUrl: s.url,
    clientId: CLIENT_ID,
    timeZone: ZONE,
    credentials: async () => o.credentials ?? DESK,
    statusReading: o.statusReading,
    timeoutMs: o.timeoutMs ?? 3000,
  });
}

export interface Local {
  dir: string;
  store: Store;
  book: AppointmentBook;
  cleanup(): Promise<void>;
}

export function local(): Local {
  const dir = mkdtempSync(join(tmpdir(), 'kivicare-'));
  const store = openStore(join(dir, 'clinic.db'));
  const book = new AppointmentBook({ store, clinicTimeZone: ZONE, clock: () => NOW });
  return {
    dir,
    store,
    book,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function vaultIn(dir: string) {
  return createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
}

/** Every appointment row with its mapping and outbox rows, for "nothing changed" comparisons. */
export async function snapshot(store: Store) {
  const q = (sql: string) => store.rows<Record<string, unknown>>(sql);
  return {
    appointments: await q('SELECT * FROM appointments ORDER BY id'),
    mappings: await q('SELECT * FROM meeting_mappings ORDER BY id'),
    outbox: await q('SELECT * FROM outbox ORDER BY id'),
    doctors: await q('SELECT * FROM doctors ORDER BY id'),
    patients: await q('SELECT * FROM patients ORDER BY id'),
  };
}

export const bySite = (store: Store, siteId: number | string) =>
  store.row<Appointment>(`SELECT * FROM appointments WHERE source = 'kivicare' AND source_id = ?`, [
    String(siteId),
  ]);
