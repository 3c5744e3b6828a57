// The built renderer the e2e files share: one build, guarded by a lock so parallel files wait.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildRenderer } from '../../main/core/demo/build-renderer';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(REPO_ROOT, 'node_modules/.cache/companion-e2e/renderer');
const LOCK = `${OUT}.lock`;

export async function builtRenderer(): Promise<string> {
  mkdirSync(resolve(OUT, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than a minute belongs to a crashed run.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 60_000)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await buildRenderer(REPO_ROOT, OUT);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
