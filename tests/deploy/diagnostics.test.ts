import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDiagnostics, sanitizeForBundle } from '../../main/core/deploy/diagnostics';
import { gatherHealth } from '../../main/core/deploy/gather-health';
import { healthReport } from '../../main/core/deploy/health';
import { createFileLogger } from '../../main/core/logging/file-logger';
import { createDevFileCipher } from '../../main/core/vault';
import { PATIENT_NAMES, SECRET_ACCESS_TOKEN, SECRET_REFRESH_TOKEN, seedDataDir, tempDir } from './seed';

const START_URL = 'https://us02web.zoom.us/s/81234567890?zak=eyJ6bV9za20iOiJ6bV9vMm0ifQ.secretzak';
const PASSCODE = 'Xy7-pQ2_z';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('export diagnostics', () => {
  it('bundles logs, versions and the health check with no secret and no patient name in any file', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: true });
    const logDir = path.join(dataDir, 'logs');
    // The real rotating file logger, fed what a careless caller might pass.
    const logger = createFileLogger(logDir, 2_000);
    for (let i = 0; i < 40; i++) {
      logger.info('zoom.token-refreshed', {
        doctorId: 'doc-lee',
        access_token: SECRET_ACCESS_TOKEN,
        round: i,
      });
    }
    logger.warn(`meeting started ${START_URL}`, {
      passcode: PASSCODE,
      body: `refresh_token=${SECRET_REFRESH_TOKEN}`,
    });
    logger.error('oauth.exchange-failed', {
      header: `Bearer ${SECRET_ACCESS_TOKEN}`,
      url: `https://x.test/j/1?pwd=${PASSCODE}`,
    });
    // A line that slipped a patient name past the log's own rules is still scrubbed from the bundle.
    logger.info(`reminder for ${PATIENT_NAMES[0]}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(logDir).length).toBeGreaterThan(1); // rotated to .old.log at 2 kB

    const gathered = await gatherHealth({
      appVersion: '1.2.3',
      platform: 'linux',
      env: {},
      dataDir,
      logDir,
      policyFile: path.join(tempDir('cc-nopolicy-'), 'policy.json'),
      cipher: createDevFileCipher(dataDir),
    });
    const target = tempDir('cc-diag-');
    const bundle = exportDiagnostics({
      targetDir: target,
      logDir,
      report: healthReport(gathered.facts),
      versions: { app: '1.2.3', electron: '45.5.0', node: process.versions.node, os: 'linux x64' },
      now: new Date('2030-01-06T10:00:00Z'),
      scrubNames: gathered.patientNames,
    });

    expect(gathered.patientNames.sort()).toEqual([...PATIENT_NAMES].sort());
    expect(bundle.folder).toBe(path.join(target, 'clinic-companion-diagnostics-2030-01-06T10-00-00-000Z'));
    expect(bundle.files).toEqual(
      expect.arrayContaining(['health-check.txt', 'versions.json', path.join('logs', 'companion.log')]),
    );
    const text = filesUnder(bundle.folder)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(text).toContain('Dr. Kim <kim@zoom.test>: reconnect-needed');
    expect(text).toContain('zoom.token-refreshed');
    expect(text).toContain('"electron": "45.5.0"');
    for (const secret of [
      SECRET_ACCESS_TOKEN,
      SECRET_REFRESH_TOKEN,
      START_URL,
      'secretzak',
      PASSCODE,
      ...PATIENT_NAMES,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('reminder for [patient]');
  });

  it('scrubs whole names in any case, longest first, and leaves other words alone', () => {
    expect(sanitizeForBundle('ANA ALVAREZ and Ana; Banana stays', ['Ana', 'Ana Alvarez'])).toBe(
      '[patient] and [patient]; Banana stays',
    );
  });

  it('still writes the bundle when there are no logs yet', () => {
    const target = tempDir('cc-diag-');
    const logDir = path.join(tempDir('cc-nologs-'), 'missing');
    writeFileSync(path.join(target, 'unrelated.txt'), 'x');
    const bundle = exportDiagnostics({
      targetDir: target,
      logDir,
      report: { ok: true, exitCode: 0, problems: [], text: 'No problems found.\n' },
      versions: { app: '1.2.3' },
      now: new Date('2030-01-06T10:00:00Z'),
      scrubNames: [],
    });
    expect(bundle.files).toEqual(['health-check.txt', 'versions.json', 'README.txt']);
  });
});
