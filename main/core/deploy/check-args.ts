// Command-line switches IT uses on the packaged app.

/** `--check` anywhere in argv: print the health check and exit, before any window opens. */
export const isCheckRun = (argv: readonly string[]): boolean => argv.includes('--check');
