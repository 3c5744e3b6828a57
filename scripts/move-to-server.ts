// `npm run move-to-server -- --data-dir <folder> --host <server> [--port 5432] --database clinic
//   --user companion [--ca-file server.crt] [--cert-file c.crt --key-file c.key] [--desktop-name Reception]`
// Moves a single desktop's database (companion.db in its data folder) to the clinic's PostgreSQL
// server, once. The password comes from the CLINIC_DB_PASSWORD environment variable, else from
// standard input (typed without echo on a terminal, or piped); never from the command line, where
// other users of the machine and the shell's history would see it.
//
// Exit codes: 0 moved; 1 refused or failed (nothing was moved); 2 could not run (arguments, no
// database in the folder, the server cannot be reached or refused the sign-in).
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../main/core/app/services';
import { MOVED_TABLES, movedMark, moveToServer } from '../main/core/clinic/move-in';
import { isAppError } from '../main/core/errors';
import { openStore, type SqliteStore } from '../main/core/store';
import {
  describePostgres,
  openPostgresStore,
  type PostgresConfig,
  type PostgresStore,
} from '../main/core/store/postgres';

const USAGE = `Usage: npm run move-to-server -- --data-dir <folder> --host <server> [--port 5432]
  --database <name> --user <role> [--ca-file <server CA.pem>] [--cert-file <client.crt> --key-file <client.key>]
  [--desktop-name <name>]
The password is read from CLINIC_DB_PASSWORD, or from standard input when that is not set.`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      database: { type: 'string' },
      user: { type: 'string' },
      'ca-file': { type: 'string' },
      'cert-file': { type: 'string' },
      'key-file': { type: 'string' },
      'desktop-name': { type: 'string' },
    },
    strict: true,
  }));
} catch (e) {
  const text = (e as Error).message;
  if (/password/i.test(text))
    fail('The password is never given on the command line: set CLINIC_DB_PASSWORD or type it when asked.', 2);
  fail(`${text}\n${USAGE}`, 2);
}

const missing = ['data-dir', 'host', 'database', 'user'].filter((k) => !values[k]);
if (missing.length) fail(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n${USAGE}`, 2);
const port = values.port ? Number(values.port) : 5432;
if (!Number.isInteger(port) || port < 1 || port > 65_535)
  fail(`--port ${values.port} is not a port number.`, 2);
if (Boolean(values['cert-file']) !== Boolean(values['key-file']))
  fail('A client certificate needs both --cert-file and --key-file.', 2);

const dataDir = path.resolve(values['data-dir']!);
const file = path.join(dataDir, DATABASE_FILE);
// openStore would create an empty database: a wrong folder must not look like an empty clinic.
if (!existsSync(file))
  fail(`There is no ${DATABASE_FILE} in ${dataDir}: is this the desktop's data folder?`, 2);

const read = (name: string) => {
  const p = values[name];
  if (!p) return undefined;
  try {
    return readFileSync(p, 'utf8');
  } catch (e) {
    return fail(`--${name} ${p}: ${(e as Error).message}`, 2);
  }
};
const ca = read('ca-file');
const cert = read('cert-file');
const key = read('key-file');
const desktopName = (values['desktop-name'] ?? hostname()).trim() || 'Desktop';

async function readPassword(): Promise<string> {
  if (process.env.CLINIC_DB_PASSWORD) return process.env.CLINIC_DB_PASSWORD;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write(`Password of ${values.user} on ${values.host} (not shown; empty for none): `);
  process.stdin.setRawMode(true);
  return new Promise((resolve) => {
    let secret = '';
    process.stdin.on('data', (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stderr.write('\n');
          resolve(secret);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        secret = ch === '\u007f' ? secret.slice(0, -1) : secret + ch;
      }
    });
  });
}

const config: PostgresConfig = {
  host: values.host!,
  port,
  database: values.database!,
  user: values.user!,
  tls: ca || cert ? { ca, cert, key } : false,
  applicationName: `Clinic Companion move-in (${desktopName})`,
  // One long transaction copies everything; each statement in it is short.
  statementTimeoutMs: 120_000,
  poolSize: 2,
};

const n = (v: number) => v.toLocaleString('en-US');

let sqlite: SqliteStore | undefined;
let target: PostgresStore | undefined;
let code = 0;
try {
  try {
    sqlite = openStore(file);
  } catch (e) {
    fail(`${file} cannot be opened: ${(e as Error).message}`, isAppError(e) && e.kind === 'conflict' ? 1 : 2);
  }
  const mark = await movedMark(sqlite);
  if (mark)
    fail(
      `Refused: this desktop's database was already moved to ${mark.server} on ${mark.at}${mark.desktop ? ` (as "${mark.desktop}")` : ''}. It is not moved twice.`,
      1,
    );
  const rows: Record<string, number> = {};
  for (const t of MOVED_TABLES)
    rows[t] = Number((await sqlite.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n);
  console.log('Moving this desktop into the clinic server, once:');
  console.log(`  from  ${file}`);
  console.log(
    `        ${n(rows.doctors!)} doctors, ${n(rows.patients!)} patients, ${n(rows.appointments!)} appointments`,
  );
  console.log(`  to    ${describePostgres(config)}${config.tls ? ' (TLS)' : ''}`);
  console.log(`  as    "${desktopName}"`);
  console.log("  Zoom sign-ins stay on this desktop; this desktop's database is kept, marked as moved.");

  const password = await readPassword();
  try {
    target = await openPostgresStore({ ...config, password: password || undefined });
  } catch (e) {
    if (isAppError(e) && e.kind === 'conflict') fail(`Refused: ${e.message}`, 1);
    const err = e as { code?: string; message?: string };
    const why =
      err.code === '28P01' || err.code === '28000'
        ? `the server refused the sign-in of ${config.user} (${err.message})`
        : (err.message ?? String(e));
    fail(`The clinic server cannot be reached or used: ${why}`, 2);
  }

  const report = await moveToServer({ sqlite, target, desktopName });
  console.log(`\nMoved in ${(report.ms / 1000).toFixed(1)} s:`);
  const width = Math.max(...MOVED_TABLES.map((t) => t.length));
  for (const [table, count] of Object.entries(report.tables))
    console.log(`  ${table.padEnd(width)}  ${String(count).padStart(9)}`);
  if (report.inFlightReleased)
    console.log(
      `\n${report.inFlightReleased} Zoom meeting change(s) in progress here will be finished by the desktop holding the doctor's sign-in.`,
    );
  console.log(
    '\nNext: point this desktop at the server (policy), start the app, and run `--check` to see the schema version and the desktops.',
  );
} catch (e) {
  console.error(
    isAppError(e) && e.kind === 'conflict'
      ? `Refused: ${(e as Error).message}`
      : `Not moved: ${(e as Error).message}`,
  );
  code = 1;
} finally {
  await target?.close();
  await sqlite?.close();
}
process.exit(code);
