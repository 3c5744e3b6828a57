// Known advisories in production dependencies: `npm audit --omit=dev` must report no high or
// critical one. Skipped, with the reason printed, only when the registry's audit service cannot
// be reached (offline, or a mirror without the audit endpoint).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function audit(): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'npm',
      // Bounded: one retry, 20 s per request, so an offline machine answers quickly.
      ['audit', '--omit=dev', '--json', '--fetch-retries=1', '--fetch-timeout=20000'],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 20 * 1024 * 1024 },
      // npm audit exits non-zero when it finds anything; the JSON says what.
      (_error, stdout, stderr) => done({ stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

it('production dependencies have no known high or critical advisory', { timeout: 90_000 }, async (ctx) => {
  const { stdout, stderr } = await audit();
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
    message?: string;
    error?: { summary?: string };
  };
  try {
    report = JSON.parse(stdout);
  } catch {
    report = {};
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const reason = (report.message ?? report.error?.summary ?? stderr.split('\n')[0]) || 'no answer';
    console.warn(`[audit] skipped: the npm audit service could not be reached (${reason})`);
    ctx.skip(`npm audit service unreachable: ${reason}`);
    return;
  }
  const serious = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`);
  console.info(`[audit] production dependencies: ${JSON.stringify(counts)}`);
  expect(serious).toEqual([]);
});
