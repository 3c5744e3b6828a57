import type { DatabaseSync } from 'node:sqlite';
import { type Clock, isoNow } from './row-mapping';

/** Small JSON values that belong with the clinic's data (e.g. the clinic time zone). */
export function settingsRepository(db: DatabaseSync, clock: Clock) {
  const read = db.prepare('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  return {
    get<T>(key: string): T | undefined {
      const row = read.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      write.run(key, JSON.stringify(value), isoNow(clock));
    },
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
