import { beforeAll, beforeEach } from 'vitest';

/**
 * A file's set-up, run once. If it throws (demo data that cannot be made, a core that does not
 * start), every test of the file fails with that error: none is skipped, none passes.
 */
export function setUpOnce(setUp: () => Promise<void>, timeoutMs?: number): void {
  let failure: { error: unknown } | undefined;
  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      failure = { error };
    }
  }, timeoutMs);
  beforeEach(() => {
    if (failure) throw failure.error;
  });
}
