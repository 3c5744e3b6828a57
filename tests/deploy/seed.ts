// A real data folder as the app leaves it: SQLite database, dev-cipher vault with Zoom connections,
// an outbox item and a site sync. Built through the core's own services, never hand-written files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServices, DATABASE_FILE } from '../../main/core/app/services';
import { AppointmentBook } from '../../main/core/appointments/book';
import { ConnectionStore } from '../../main/core/connections/connection-store';
import { silentLogger } from '../../main/core/logging/logger';
import { openStore } from '../../main/core/store';
import { createDevFileCipher } from '../../main/core/vault';

export const SECRET_ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWUifQ.c2VjcmV0LWFjY2Vzcw';
export const SECRET_REFRESH_TOKEN = 'refresh-SECRET-9f8e7d6c5b4a';
export const PATIENT_NAMES = ['Ana Alvarez', 'Ben Brown'];

export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

export async function seedDataDir(options: {
  reconnectNeeded: boolean;
  syncError?: string;
}): Promise<string> {
  const dataDir = tempDir('cc-health-');
  const s = await createServices({
    dataDir,
    env: {},
    policy: {},
    cipher: createDevFileCipher(dataDir),
    logger: silentLogger,
  });
  try {
    await s.repos.doctors.insert({ id: 'doc-lee', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
    await s.repos.doctors.insert({ id: 'doc-kim', displayName: 'Dr. Kim', email: 'kim@clinic.test' });
    await s.repos.patients.insert({ id: 'pat-ana', displayName: PATIENT_NAMES[0]! });
    await s.repos.patients.insert({ id: 'pat-ben', displayName: PATIENT_NAMES[1]! });
    const connections = new ConnectionStore(s.vault);
    await connections.save({
      v: 1,
      doctorId: 'doc-lee',
      state: 'connected',
      tokens: {
        accessToken: SECRET_ACCESS_TOKEN,
        refreshToken: SECRET_REFRESH_TOKEN,
        accessTokenExpiresAt: 4_102_444_800_000,
      },
      account: { email: 'lee@zoom.test', zoomUserId: 'zu-lee' },
      connectedAt: 1_700_000_000_000,
    });
    if (options.reconnectNeeded) {
      await connections.save({
        v: 1,
        doctorId: 'doc-kim',
        state: 'reconnect-needed',
        account: { email: 'kim@zoom.test', zoomUserId: 'zu-kim' },
        lastError: {
          kind: 'reconnect-needed',
          reason: 'invalid_grant',
          message: 'Dr. Kim must reconnect Zoom.',
          at: 1,
        },
      });
    }
    await s.repos.syncState.put({
      source: 'kivicare',
      scope: 'site',
      cursor: null,
      lastSuccessAt: '2030-01-06T08:00:00.000Z',
      lastError: options.syncError ?? null,
    });
  } finally {
    await s.dispose();
  }
  // A book without the provisioning engine, so the visit waits in the outbox and nothing calls Zoom.
  const store = openStore(path.join(dataDir, DATABASE_FILE));
  try {
    const book = new AppointmentBook({ store, clinicTimeZone: 'Europe/Berlin' });
    await book.create(
      {
        doctorId: 'doc-lee',
        patientId: 'pat-ana',
        startUtc: '2030-01-07T09:00:00Z',
        timeZone: 'Europe/Berlin',
        durationMin: 20,
        visitType: 'telemed',
        reason: 'Persistent cough',
      },
      { actor: 'front-desk' },
    );
  } finally {
    await store.close();
  }
  return dataDir;
}
