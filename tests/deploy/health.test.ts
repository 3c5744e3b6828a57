import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherHealth } from '../../main/core/deploy/gather-health';
import { healthReport } from '../../main/core/deploy/health';
import { createDevFileCipher } from '../../main/core/vault';
import { PATIENT_NAMES, SECRET_ACCESS_TOKEN, SECRET_REFRESH_TOKEN, seedDataDir, tempDir } from './seed';

async function check(dataDir: string, policy?: string, platformBackend?: string) {
  const policyDir = tempDir('cc-policy-');
  const policyFile = path.join(policyDir, 'policy.json');
  if (policy !== undefined) writeFileSync(policyFile, policy);
  const cipher = createDevFileCipher(dataDir);
  const gathered = await gatherHealth({
    appVersion: '1.2.3',
    platform: 'linux',
    env: {},
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    policyFile,
    cipher: platformBackend ? { ...cipher, backend: () => platformBackend } : cipher,
  });
  return { ...healthReport(gathered.facts), facts: gathered.facts, policyFile };
}

describe('health check over a real data folder', () => {
  it('a fresh desktop (empty data folder, no policy) is healthy and is left untouched', async () => {
    const dataDir = tempDir('cc-empty-');
    const r = await check(dataDir);
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain(`policy: none at ${r.policyFile} (nothing locked)`);
    expect(r.text).toContain('database: not created yet');
    expect(r.text).toContain(`data folder: ${dataDir}`);
    expect(r.text).toContain(`log folder: ${path.join(dataDir, 'logs')}`);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('a healthy desktop lists the policy, backend, each doctor, the outbox and the last sync', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: false });
    const r = await check(dataDir, JSON.stringify({ clinicTimeZone: 'Europe/Berlin', autoLockMinutes: 5 }));
    expect(r.problems).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain(`policy: valid at ${r.policyFile}; locks clinicTimeZone, autoLockMinutes`);
    expect(r.text).toContain('secret backend: dev-aes-256-gcm-keyfile (development only)');
    expect(r.text).toContain('Zoom connection: Dr. Lee <lee@zoom.test>: connected');
    expect(r.text).toContain('outbox: 1 pending, 0 parked, 0 clean-up');
    expect(r.text).toContain('last sync (kivicare/site): 2030-01-06T08:00:00.000Z');
    expect(r.text).toMatch(/No problems found\.\n$/);
  });

  it('a doctor who must reconnect is a problem, named, without any token printed', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: true });
    const r = await check(dataDir);
    expect(r.exitCode).toBe(1);
    expect(r.problems).toEqual([
      'Zoom connection: Dr. Kim <kim@zoom.test>: reconnect-needed (Dr. Kim must reconnect Zoom.)',
    ]);
    for (const secret of [SECRET_ACCESS_TOKEN, SECRET_REFRESH_TOKEN, ...PATIENT_NAMES]) {
      expect(r.text).not.toContain(secret);
      expect(JSON.stringify(r.facts)).not.toContain(secret);
    }
  });

  it('a broken policy file is a problem naming the file and the field', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: false });
    const r = await check(dataDir, '{"autoLockMinutes": "five"}');
    expect(r.exitCode).toBe(1);
    expect(r.problems[0]).toContain(r.policyFile);
    expect(r.problems[0]).toContain('"autoLockMinutes"');
  });

  it('a refused secret backend (basic_text without policy) is a problem; the policy can allow it', async () => {
    const dataDir = tempDir('cc-basic-');
    const refused = await check(dataDir, undefined, 'basic_text');
    expect(refused.exitCode).toBe(1);
    expect(refused.problems[0]).toMatch(/^secret backend: basic_text: .*keyring/);
    const allowed = await check(dataDir, '{"allowBasicTextSecrets": true}', 'basic_text');
    expect(allowed.exitCode).toBe(0);
  });

  it('a failed last sync is a problem', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: false, syncError: 'The site did not answer.' });
    const r = await check(dataDir);
    expect(r.problems).toEqual([
      'last sync (kivicare/site): 2030-01-06T08:00:00.000Z; last attempt failed: The site did not answer.',
    ]);
  });

  it('a damaged database is a problem, not a crash', async () => {
    const dataDir = tempDir('cc-damaged-');
    writeFileSync(
      path.join(dataDir, 'companion.db'),
      'this is not sqlite at all, not even close to it.......',
    );
    const r = await check(dataDir);
    expect(r.exitCode).toBe(1);
    expect(r.problems[0]).toMatch(/^database: /);
    expect(existsSync(dataDir)).toBe(true);
  });
});
