// Command-line switches IT uses on the packaged app (and `npm run check` here).

export type CliRun =
  | { kind: 'app' }
  | { kind: 'check' }
  | { kind: 'export-diagnostics'; targetDir: string }
  | { kind: 'usage-error'; message: string };

/**
 * `--check` prints the health check and exits; `--export-diagnostics=<folder>` also writes the
 * diagnostics bundle there. Either runs before any window opens; anything else starts the app.
 */
export function cliRun(argv: readonly string[]): CliRun {
  const exportArg = argv.find((a) => a === '--export-diagnostics' || a.startsWith('--export-diagnostics='));
  if (exportArg) {
    const targetDir = exportArg.slice('--export-diagnostics='.length);
    if (!exportArg.includes('=') || targetDir.length === 0) {
      return {
        kind: 'usage-error',
        message: 'Use --export-diagnostics=<folder>, e.g. --export-diagnostics=C:\\Temp',
      };
    }
    return { kind: 'export-diagnostics', targetDir };
  }
  return argv.includes('--check') ? { kind: 'check' } : { kind: 'app' };
}
