// The one way the repositories talk to a database, whichever engine holds it: node:sqlite on a
// single desktop, PostgreSQL for a clinic of desktops. Each query is written once, in the SQL both
// engines share (`?` placeholders, RETURNING, ON CONFLICT); the few places that differ ask
// `engine`. No query builder: every query here is portable text, and a builder would add a layer
// between the SQL a reviewer reads and the SQL that runs without removing a single branch.

export type Engine = 'sqlite' | 'postgres';
export type SqlParam = string | number | bigint | null;

export interface Sql {
  readonly engine: Engine;
  /** Rows as camelCase records; `json` names columns holding JSON text, parsed on the way out. */
  rows<T>(sql: string, params?: readonly SqlParam[], json?: readonly string[]): Promise<T[]>;
  row<T>(sql: string, params?: readonly SqlParam[], json?: readonly string[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

export interface Transactor {
  /**
   * Runs fn atomically; nested calls become savepoints of the outer transaction. fn may await only
   * store calls: it holds the database (SQLite's one writer, a PostgreSQL connection) while it
   * runs, and on PostgreSQL it may run again after a serialization conflict.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs cb once the outermost transaction commits (right away outside one); dropped on rollback. */
  afterCommit(cb: () => void): void;
  readonly inTransaction: boolean;
}

export interface Store extends Sql, Transactor {
  /** The file (SQLite) or `postgres://user@host:port/db` (never a password), for messages. */
  readonly path: string;
  close(): Promise<void>;
}

// Rows come back snake_case; records are camelCase plain objects. Memoised: list queries map
// thousands of cells, and the column names are few.
const camelCache = new Map<string, string>();
export const camel = (key: string): string => {
  let out = camelCache.get(key);
  if (out === undefined) {
    out = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    camelCache.set(key, out);
  }
  return out;
};

/** Rows read as arrays (no object per row from the driver) turned into records. */
export function arraysToRecords<T>(
  columns: readonly string[],
  rows: readonly unknown[][],
  json: readonly string[] = [],
): T[] {
  const keys = columns.map(camel);
  const parse = columns.map((c) => json.includes(c));
  const anyJson = parse.includes(true);
  const out = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      rec[keys[i]!] = anyJson && parse[i] && typeof value === 'string' ? JSON.parse(value) : value;
    }
    out[r] = rec as T;
  }
  return out;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. Our SQL has no `?` inside string literals. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * `column IN (…a list of ids…)` as one parameter (a JSON array), so one statement serves any number
 * of ids on both engines.
 */
export const inJsonList = (engine: Engine, column: string): string =>
  engine === 'postgres'
    ? `${column} IN (SELECT jsonb_array_elements_text(?::jsonb))`
    : `${column} IN (SELECT value FROM json_each(?))`;
