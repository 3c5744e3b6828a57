import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transactor } from './sql';

/** What one transaction has on its hands: its depth of savepoints and what runs after commit. */
export interface TxContext<C> {
  readonly conn: C;
  depth: number;
  pending: Array<() => void>;
  /** A conflict was met inside (perhaps caught by the caller): the whole transaction runs again. */
  doomed?: unknown;
}

export interface TxDriver<C> {
  /** Takes the connection for one outermost transaction (waits for SQLite's writer, a pool client). */
  acquire(): Promise<C>;
  release(conn: C, broken: boolean): void;
  exec(conn: C, sql: string): Promise<void>;
  begin: string;
  /** Whether an error means "run the whole transaction again" (PostgreSQL serialization failures). */
  retryable?(e: unknown): boolean;
  maxAttempts?: number;
}

/**
 * Transactions over async code. The transaction a call belongs to follows it through awaits
 * (AsyncLocalStorage), so repositories need no handle passed down: a call inside fn runs on the
 * transaction's connection, a call from elsewhere waits for (SQLite) or runs beside (PostgreSQL) it.
 */
export function createTransactor<C>(driver: TxDriver<C>) {
  const als = new AsyncLocalStorage<TxContext<C>>();

  const runAfterCommit = (callbacks: Array<() => void>) => {
    for (const cb of callbacks) cb();
  };

  async function nested<T>(ctx: TxContext<C>, fn: () => Promise<T>): Promise<T> {
    const savepoint = `sp_${ctx.depth}`;
    const mark = ctx.pending.length;
    await driver.exec(ctx.conn, `SAVEPOINT ${savepoint}`);
    ctx.depth++;
    try {
      const result = await fn();
      ctx.depth--;
      await driver.exec(ctx.conn, `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (e) {
      ctx.depth--;
      if (driver.retryable?.(e)) ctx.doomed ??= e;
      await driver.exec(ctx.conn, `ROLLBACK TO SAVEPOINT ${savepoint}`);
      await driver.exec(ctx.conn, `RELEASE SAVEPOINT ${savepoint}`);
      ctx.pending.length = mark;
      throw e;
    }
  }

  async function outer<T>(fn: () => Promise<T>): Promise<T> {
    const attempts = driver.maxAttempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      const conn = await driver.acquire();
      const ctx: TxContext<C> = { conn, depth: 1, pending: [] };
      let broken = false;
      try {
        await driver.exec(conn, driver.begin);
        const result = await als.run(ctx, fn);
        // A savepoint's caller may have caught a conflict and gone on: its reads are not to be trusted.
        if (ctx.doomed) throw ctx.doomed;
        await driver.exec(conn, 'COMMIT');
        driver.release(conn, false);
        runAfterCommit(ctx.pending);
        return result;
      } catch (e) {
        try {
          await driver.exec(conn, 'ROLLBACK');
        } catch {
          broken = true;
        }
        driver.release(conn, broken);
        if (attempt < attempts && driver.retryable?.(e)) {
          // A conflict with another desktop's transaction: run again on what it committed.
          await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
          continue;
        }
        throw e;
      }
    }
  }

  const transactor: Transactor & { context(): TxContext<C> | undefined } = {
    get inTransaction() {
      return als.getStore() !== undefined;
    },
    context: () => als.getStore(),
    afterCommit(cb) {
      const ctx = als.getStore();
      if (ctx) ctx.pending.push(cb);
      else cb();
    },
    transaction<T>(fn: () => Promise<T>): Promise<T> {
      const ctx = als.getStore();
      return ctx ? nested(ctx, fn) : outer(fn);
    },
  };
  return transactor;
}
