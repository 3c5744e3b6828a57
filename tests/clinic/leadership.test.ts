// One desktop at a time leads a clinic-wide chore (syncing the KiviCare site); when it goes, the
// next desktop to try leads. Real PostgreSQL: the lock is the server's, not ours.
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../main/core/store/postgres';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase } from '../store/engines';

describe.skipIf(postgresUnavailableReason())('leading a clinic-wide chore', () => {
  it('one desktop leads; another takes over when it closes', async () => {
    const config = await freshPostgresDatabase();
    const a = await openPostgresStore(config);
    const b = await openPostgresStore(config);
    try {
      expect(await a.leads('kivicare-sync')).toBe(true);
      expect(await a.leads('kivicare-sync')).toBe(true);
      expect(await b.leads('kivicare-sync')).toBe(false);
      // Another chore is led separately.
      expect(await b.leads('something-else')).toBe(true);
      await a.close();
      expect(await b.leads('kivicare-sync')).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
