// Rows come back snake_case with null prototypes; records are camelCase plain objects.
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function toRecord<T>(row: unknown, jsonColumns: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    out[camel(key)] = jsonColumns.includes(key) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out as T;
}

export const toRecords = <T>(rows: unknown[], jsonColumns: readonly string[] = []): T[] =>
  rows.map((r) => toRecord<T>(r, jsonColumns));

export type Clock = () => Date;
export const isoNow = (clock: Clock) => clock().toISOString();
