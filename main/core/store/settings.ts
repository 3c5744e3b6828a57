import { type Clock, isoNow } from './row-mapping';
import type { Sql } from './sql';

/** Small JSON values that belong with the clinic's data (e.g. the clinic time zone, PIN hashes). */
export function settingsRepository(db: Sql, clock: Clock) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const row = await db.row<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    /** Every key starting with prefix, for reading a group of clinic settings in one query. */
    async withPrefix(prefix: string): Promise<Map<string, unknown>> {
      const rows = await db.rows<{ key: string; value: string }>(
        'SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?',
        [prefix.length, prefix],
      );
      return new Map(rows.map((r) => [r.key, JSON.parse(r.value)]));
    },
    async set(key: string, value: unknown): Promise<void> {
      await db.run(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, JSON.stringify(value), isoNow(clock)],
      );
    },
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
