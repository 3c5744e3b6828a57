// `npm run hash-admin-pin` makes the hash IT puts in the policy: the policy accepts it, it unlocks
// the admin with that secret only, and the secret is not printed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { verifyPin } from '../../main/core/profiles/pin';
import { PolicySchema } from '../../main/core/settings/policy';

const ROOT = resolve(import.meta.dirname, '../..');

it('prints a hash the policy takes for adminPinHash, and never the secret', async () => {
  const run = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/hash-admin-pin.ts'], {
    cwd: ROOT,
    input: 'it-set secret 42\n',
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  const hash = run.stdout.trim();
  expect(run.stdout + run.stderr).not.toContain('it-set secret 42');
  expect(PolicySchema.parse({ adminPinHash: hash }).adminPinHash).toBe(hash);
  expect(await verifyPin('it-set secret 42', hash)).toBe(true);
  expect(await verifyPin('it-set secret 43', hash)).toBe(false);
  const short = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/hash-admin-pin.ts'], {
    cwd: ROOT,
    input: '123',
    encoding: 'utf8',
  });
  expect(short.status).toBe(2);
  expect(short.stderr).toMatch(/at least 6 characters/);
});
