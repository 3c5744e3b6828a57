// Command-line switches IT uses on the packaged app (and `npm run check` here).

export type CliRun =
  | { kind: 'app' }
  | { kind: 'check' }
  | { kind: 'export-diagnostics'; targetDir: string }
  | { kind: 'set-database-password'; verify: boolean }
  | { kind: 'clear-database-password' }
  | { kind: 'usage-error'; message: string };

/**
 * `--set-database-password [--no-verify]` stores the clinic database's password in this desktop's
 * vault (typed or piped on standard input); `--clear-database-password` removes it.
 * `--check` prints the health check and exits; `--export-diagnostics=<folder>` also writes the
 * diagnostics bundle there. Either runs before any window opens; anything else starts the app.
 */
export function cliRun(argv: readonly string[]): CliRun {
  // The clinic database's password, entered once by IT: read from standard input, never argv.
  if (argv.some((a) => /^--(set-database-|database-)?password=/.test(a)))
    return {
      kind: 'usage-error',
      message:
        'The password is never given on the command line: use --set-database-password and type it when asked.',
    };
  if (argv.includes('--set-database-password'))
    return { kind: 'set-database-password', verify: !argv.includes('--no-verify') };
  if (argv.includes('--clear-database-password')) return { kind: 'clear-database-password' };
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
