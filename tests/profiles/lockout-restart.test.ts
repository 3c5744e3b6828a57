// A lockout survives a restart of the real core: the count of wrong PINs is in the clinic database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createServices, type Services } from '../../main/core/app/services';
import { memoryLogger } from '../../main/core/logging/logger';
import { createDevFileCipher } from '../../main/core/vault';

const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-lockout-'));
const open = () =>
  createServices({
    dataDir,
    env: {},
    policy: { clinicTimeZone: 'Europe/Berlin' },
    cipher: createDevFileCipher(dataDir),
    sandbox: false,
    logger: memoryLogger(),
  });
let s: Services | undefined;
afterAll(async () => {
  await s?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('five wrong PINs, a restart, and the right PIN still waits', async () => {
  s = await open();
  await s.repos.doctors.insert({ id: 'doc-1', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
  await s.profiles.setPin('doc-1', '246813', undefined, { role: 'admin' });
  for (let i = 0; i < 5; i++) await expect(s.profiles.unlock('doc-1', '000000')).rejects.toThrow(/not right/);
  await s.dispose();
  s = await open();
  await expect(s.profiles.unlock('doc-1', '246813')).rejects.toThrow(
    /Too many wrong tries\. Try again in 1 minute/,
  );
  expect(s.profiles.current()).toEqual({ role: 'front-desk' });
});
