// Clinic-wide mode (one Server-to-Server account for every doctor) and the diagnostics export,
// through the same handler table the app serves.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Companion, createCompanion } from '../../main/core/app/companion';
import { dispatch } from '../../main/core/ipc/dispatch';
import { memoryLogger } from '../../main/core/logging/logger';
import { createDevFileCipher } from '../../main/core/vault';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';

const ORIGIN = 'app://companion';
let companion: Companion;
const exportDir = mkdtempSync(path.join(tmpdir(), 'cc-diag-'));
const wire: string[] = [];

async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const r = await dispatch(companion.handlers, channel, request, {
    caller: companion.caller,
    senderOrigin: ORIGIN,
    trustedOrigins: [ORIGIN],
  });
  wire.push(JSON.stringify(r));
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.value;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-clinic-'));
  companion = await createCompanion({
    appName: 'Clinic Companion',
    version: '0.0.0-test',
    platform: 'linux',
    dataDir,
    env: {},
    policy: { clinicTimeZone: 'America/New_York' },
    cipher: createDevFileCipher(dataDir),
    sandbox: true,
    logger: memoryLogger(),
    reconcileEveryMs: 0,
    shell: {
      openOutside: async () => {},
      writeClipboard: async () => {},
      chooseFolder: async () => exportDir,
    },
  });
});

beforeAll(async () => {
  // IT sets the desktop up as the clinic admin (the first admin PIN), as a clinic would.
  await call('profiles:setAdminSecret', { newSecret: 'it-admin-secret' });
});

afterAll(async () => {
  await companion?.dispose();
});

describe('clinic-wide Zoom account', () => {
  it('refuses credentials Zoom does not accept and keeps nothing', async () => {
    await call('settings:update', { mode: 'clinic-wide' });
    await expect(
      call('clinicZoom:set', {
        accountId: 'sbxAcct_Clinic01',
        clientId: 'sandbox-s2s-client',
        clientSecret: 'wrong',
      }),
    ).rejects.toMatchObject({ kind: 'oauth-refused' });
    expect(await call('clinicZoom:get', {})).toMatchObject({ mode: 'clinic-wide', configured: false });
  });

  it('shows doctors as needing the clinic account until IT enters it', async () => {
    const d = await call('doctors:create', { displayName: 'Dr. Patel', email: 'dr.patel@sandbox.test' });
    const [c] = await call('connections:list', {});
    expect(c).toMatchObject({ doctorId: d.id, state: 'reconnect-needed' });
    expect(c!.lastError).toMatch(/IT must enter/);
  });

  it('creates each doctor’s meetings under their own Zoom user with the clinic credentials', async () => {
    const view = await call('clinicZoom:set', {
      accountId: 'sbxAcct_Clinic01',
      clientId: 'sandbox-s2s-client',
      clientSecret: 'sandbox-s2s-secret',
    });
    expect(view).toMatchObject({ configured: true, accountId: 'sbxAcct_Clinic01' });
    expect(JSON.stringify(view)).not.toContain('sandbox-s2s-secret');
    const [doctor] = await call('doctors:list', {});
    const [conn] = await call('connections:list', {});
    expect(conn).toMatchObject({ state: 'connected', accountEmail: 'dr.patel@sandbox.test' });
    const patient = await call('patients:create', { displayName: 'Ottilie Brandywine' });
    const date = DateTime.now().setZone('America/New_York').plus({ days: 2 }).toISODate()!;
    await call('appointments:create', {
      doctorId: doctor!.id,
      patientId: patient.id,
      date,
      time: '09:00',
      durationMin: 30,
      visitType: 'telemed',
    });
    await companion.services.engine.drain();
    const meetings = companion.services.sandbox!.meetings();
    expect(meetings).toHaveLength(1);
    const patel = companion.services.sandbox!.users().find((u) => u.email === 'dr.patel@sandbox.test')!;
    expect(meetings[0]!.host_id).toBe(patel.id);
    expect(meetings[0]!.timezone).toBe('America/New_York');
  });
});

describe('export diagnostics', () => {
  it('writes a folder with the health check and logs, and no patient names or secrets', async () => {
    const r = await call('app:exportDiagnostics', {});
    expect(r.folder).toMatch(new RegExp(`^${exportDir}`));
    const files = readdirSync(r.folder!, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const text = readFileSync(path.join(f.parentPath, f.name), 'utf8');
      expect(text).not.toContain('Ottilie');
      expect(text).not.toContain('sandbox-s2s-secret');
      expect(text).not.toMatch(/zak=|access_token/);
    }
  });
});
