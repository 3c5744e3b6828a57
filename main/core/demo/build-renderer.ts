// Builds the renderer with Vite when its sources are newer than the last build (or always).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

export function rendererIsStale(repoRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  return newest(resolve(repoRoot, 'renderer')) > statSync(index).mtimeMs;
}

/** Returns the folder holding the built page. */
export async function buildRenderer(repoRoot: string, outDir: string, force = false): Promise<string> {
  if (!force && !rendererIsStale(repoRoot, outDir)) return outDir;
  // Vite is a dev dependency: loaded only when a build is really needed.
  const { build } = await import('vite');
  // Under vitest NODE_ENV is "test", which would give React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: resolve(repoRoot, 'vite.renderer.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
