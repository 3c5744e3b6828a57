// The data folder after a real start: database (with its WAL), settings, encrypted sign-ins and
// logs, each readable by the app's OS user only.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../main/core/app/services';
import { createDevFileCipher } from '../../main/core/vault';

function listModes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const s = lstatSync(p);
      out[path.relative(dir, p) + (s.isDirectory() ? '/' : '')] = (s.mode & 0o777).toString(8);
      if (s.isDirectory()) walk(p);
    }
  };
  out['./'] = (lstatSync(dir).mode & 0o777).toString(8);
  walk(dir);
  return out;
}

async function runOnce(dataDir: string) {
  const services = await createServices({
    dataDir,
    env: {},
    policy: {},
    cipher: createDevFileCipher(dataDir),
  });
  services.settings.update({ autoLockMinutes: 7 });
  await services.vault.setPassword('clinic-companion.test', 'lee', 'secret-value');
  services.logger.info('data-folder.test', { step: 'written' });
  await services.repos.settings.set('probe', 'x');
  await services.dispose();
}

describe.runIf(process.platform !== 'win32')('the data folder is 0700 and its files 0600', () => {
  it('after a real createServices run: database, WAL, settings, vault and logs are private', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cc-data-')), 'Clinic Companion');
    process.umask(0o022); // the usual desktop umask: what the app must not rely on
    await runOnce(dataDir);
    const modes = listModes(dataDir);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        './',
        'companion.db',
        'settings.json',
        'credentials.json',
        'logs/',
        'logs/companion.log',
      ]),
    );
    for (const [entry, mode] of Object.entries(modes)) {
      expect(`${entry} ${mode}`).toBe(`${entry} ${entry.endsWith('/') ? '700' : '600'}`);
    }
  });

  it('a folder an older version left open is tightened at start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-data-old-'));
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'settings.json'), '{}', { mode: 0o644 });
    mkdirSync(path.join(dataDir, 'logs'), { mode: 0o755 });
    writeFileSync(path.join(dataDir, 'logs', 'companion.old.log'), 'old\n', { mode: 0o644 });
    await runOnce(dataDir);
    for (const [entry, mode] of Object.entries(listModes(dataDir))) {
      expect(`${entry} ${mode}`).toBe(`${entry} ${entry.endsWith('/') ? '700' : '600'}`);
    }
  });
});
