import { type Clock, isoNow } from './row-mapping';
import type { Sql } from './sql';

export interface SyncState {
  source: string;
  scope: string;
  cursor: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  updatedAt: string;
}

/** Where a later sync (e.g. KiviCare) left off, per source and scope (clinic, doctor). */
export function syncStateRepository(db: Sql, clock: Clock) {
  return {
    get: (source: string, scope: string) =>
      db.row<SyncState>('SELECT * FROM sync_state WHERE source = ? AND scope = ?', [source, scope]),
    list: () => db.rows<SyncState>('SELECT * FROM sync_state ORDER BY source, scope'),
    put: async (s: Omit<SyncState, 'updatedAt'>): Promise<void> => {
      await db.run(
        `INSERT INTO sync_state (source, scope, cursor, last_success_at, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source, scope) DO UPDATE SET cursor = excluded.cursor, last_success_at = excluded.last_success_at,
           last_error = excluded.last_error, updated_at = excluded.updated_at`,
        [s.source, s.scope, s.cursor, s.lastSuccessAt, s.lastError, isoNow(clock)],
      );
    },
  };
}
