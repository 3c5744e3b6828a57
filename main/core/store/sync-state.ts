import type { DatabaseSync } from 'node:sqlite';
import { type Clock, isoNow, toRecord } from './row-mapping';

export interface SyncState {
  source: string;
  scope: string;
  cursor: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  updatedAt: string;
}

/** Where a later sync (e.g. KiviCare) left off, per source and scope (clinic, doctor). */
export function syncStateRepository(db: DatabaseSync, clock: Clock) {
  const read = db.prepare('SELECT * FROM sync_state WHERE source = ? AND scope = ?');
  const write = db.prepare(
    `INSERT INTO sync_state (source, scope, cursor, last_success_at, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, scope) DO UPDATE SET cursor = excluded.cursor, last_success_at = excluded.last_success_at,
       last_error = excluded.last_error, updated_at = excluded.updated_at`,
  );
  return {
    get: (source: string, scope: string): SyncState | undefined => {
      const row = read.get(source, scope);
      return row ? toRecord<SyncState>(row) : undefined;
    },
    put: (s: Omit<SyncState, 'updatedAt'>): void => {
      write.run(s.source, s.scope, s.cursor, s.lastSuccessAt, s.lastError, isoNow(clock));
    },
  };
}
