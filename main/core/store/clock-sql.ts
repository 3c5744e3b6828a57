import { type Clock, isoNow } from './row-mapping';
import type { Sql, SqlParam } from './sql';

// PostgreSQL's clock, not the desktop's: the desktops' clocks disagree, and a lease must lapse at
// the same moment for all of them. The embedded engine has one desktop, whose clock (injectable in
// tests) is the database's.
const PG_ISO = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** "Now" as an ISO text in SQL, with its parameters. */
export function nowSql(db: Sql, clock: Clock): { sql: string; params: SqlParam[] } {
  return db.engine === 'postgres'
    ? { sql: PG_ISO('clock_timestamp()'), params: [] }
    : { sql: '?', params: [isoNow(clock)] };
}

/** "ms from now" as an ISO text in SQL, with its parameters. */
export function laterSql(db: Sql, clock: Clock, ms: number): { sql: string; params: SqlParam[] } {
  return db.engine === 'postgres'
    ? {
        sql: PG_ISO(`clock_timestamp() + CAST(? AS integer) * interval '1 millisecond'`),
        params: [Math.round(ms)],
      }
    : { sql: '?', params: [new Date(clock().getTime() + ms).toISOString()] };
}
