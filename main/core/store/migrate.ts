import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../errors';
import type { Migration } from './migrations';

export const readUserVersion = (db: DatabaseSync): number =>
  Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);

/**
 * Brings the database up to the last migration, all in one transaction: a failure leaves the file
 * exactly as it was. Refuses a database written by a newer app rather than guess at its schema.
 */
export function migrate(db: DatabaseSync, list: readonly Migration[]): { from: number; to: number } {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = readUserVersion(db);
  const to = list.length;
  if (from > to) {
    throw new AppError(
      'conflict',
      `This database was saved by a newer version of Clinic Companion (schema ${from}; this app knows up to ${to}). Please update the app.`,
      { databaseVersion: from, appVersion: to },
    );
  }
  if (from === to) return { from, to };
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const m of list.slice(from)) db.exec(m.sql);
    // PRAGMA takes no parameters; the value is an integer we computed.
    db.exec(`PRAGMA user_version = ${to}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  return { from, to };
}
