import type { DatabaseSync } from 'node:sqlite';

export interface Transactor {
  /** Runs fn atomically; nested calls become savepoints of the outer transaction. */
  transaction<T>(fn: () => T): T;
  /** Runs cb once the outermost transaction commits (right away outside one); dropped on rollback. */
  afterCommit(cb: () => void): void;
  readonly inTransaction: boolean;
}

export function createTransactor(db: DatabaseSync): Transactor {
  let depth = 0;
  let pending: Array<() => void> = [];

  const runAfterCommit = () => {
    const callbacks = pending;
    pending = [];
    for (const cb of callbacks) cb();
  };

  return {
    get inTransaction() {
      return depth > 0;
    },
    afterCommit(cb) {
      if (depth === 0) cb();
      else pending.push(cb);
    },
    transaction<T>(fn: () => T): T {
      const savepoint = `sp_${depth}`;
      const outer = depth === 0;
      const mark = pending.length;
      // IMMEDIATE takes the write lock up front, so busy_timeout applies instead of a failed upgrade.
      db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      depth++;
      let result: T;
      try {
        result = fn();
        if (result instanceof Promise)
          throw new Error('Store transactions are synchronous; do not pass an async function');
      } catch (e) {
        depth--;
        if (outer) {
          db.exec('ROLLBACK');
          pending = [];
        } else {
          db.exec(`ROLLBACK TO ${savepoint}`);
          db.exec(`RELEASE ${savepoint}`);
          pending = pending.slice(0, mark);
        }
        throw e;
      }
      depth--;
      if (outer) {
        db.exec('COMMIT');
        runAfterCommit();
      } else {
        db.exec(`RELEASE ${savepoint}`);
      }
      return result;
    },
  };
}
