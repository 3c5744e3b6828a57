// `npm run check` as IT runs it: a real child process over a real data folder, judged by its exit code.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_ACCESS_TOKEN, SECRET_REFRESH_TOKEN, seedDataDir, tempDir } from './seed';

function check(args: string[], policy?: string) {
  const policyFile = path.join(tempDir('cc-policy-'), 'policy.json');
  if (policy !== undefined) writeFileSync(policyFile, policy);
  const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLINIC_COMPANION_POLICY: policyFile },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, policyFile };
}

describe('npm run check', () => {
  it('exits 0 on a healthy desktop and 1 when a doctor must reconnect, never printing a token', async () => {
    const healthy = await seedDataDir({ reconnectNeeded: false });
    const ok = check([`--data-dir=${healthy}`]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Zoom connection: Dr. Lee <lee@zoom.test>: connected');
    expect(ok.out).toContain('outbox: 1 pending, 0 parked, 0 clean-up');

    const sick = await seedDataDir({ reconnectNeeded: true });
    const bad = check([`--data-dir=${sick}`]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PROBLEM Zoom connection: Dr. Kim <kim@zoom.test>: reconnect-needed');
    for (const secret of [SECRET_ACCESS_TOKEN, SECRET_REFRESH_TOKEN])
      expect(bad.out + bad.err).not.toContain(secret);
  });

  it('exits 1 naming the file and the field when the policy file is broken', async () => {
    const r = check([`--data-dir=${tempDir('cc-empty-')}`], '{"redirectMode": "carrier-pigeon"}');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `PROBLEM policy: The policy file ${r.policyFile} has a problem in "redirectMode"`,
    );
  });

  it('writes the diagnostics bundle when asked', async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: false });
    const target = tempDir('cc-export-');
    const r = check([`--data-dir=${dataDir}`, `--export-diagnostics=${target}`]);
    expect(r.code).toBe(0);
    const [folder] = readdirSync(target);
    expect(r.out).toContain(`Diagnostics written to ${path.join(target, folder!)}`);
    expect(readdirSync(path.join(target, folder!)).sort()).toEqual([
      'README.txt',
      'health-check.txt',
      'logs',
      'versions.json',
    ]);
  });

  it("refuses a folder the packaged app wrote, whose sign-ins only the app's keychain can read", () => {
    const dataDir = tempDir('cc-app-');
    writeFileSync(path.join(dataDir, 'credentials.json'), '{"items":{}}');
    const r = check([`--data-dir=${dataDir}`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--check/);
  });
});
