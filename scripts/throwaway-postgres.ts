// A throwaway PostgreSQL server in a temp folder, for tests, benches and the clinic demo: initdb,
// pg_ctl start on a free port of 127.0.0.1, a `companion` login role owning a `clinic` database,
// optionally TLS with a self-signed certificate. stop() removes everything.
//
// PostgreSQL refuses to run as root: when this process is root, every server binary runs as the
// `postgres` OS user through runuser, and the folder is handed to that user.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface ThrowawayPostgresOptions {
  /** Part of the temp folder's name and the server's cluster_name (seen in `ps`). */
  readonly name?: string;
  /** Serve TLS only (a self-signed certificate for 127.0.0.1); clients pass `ssl: { ca: caPem }`. */
  readonly tls?: boolean;
}

export interface ThrowawayPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly database: 'clinic';
  readonly user: 'companion';
  readonly password: string;
  readonly superuser: { readonly user: string; readonly password: string };
  /** With `tls: true`: the self-signed server certificate, which is its own CA. */
  readonly caPem?: string;
  /**
   * postgresql://companion:…@127.0.0.1:port/clinic. It names no sslmode: with `tls: true` pass
   * `ssl: { ca: caPem }` beside it (pg lets an sslmode in the string override the `ssl` option).
   */
  readonly connectionString: string;
  readonly dataDir: string;
  /** Fast shutdown, then the folder is removed. Safe to call more than once. */
  stop(): Promise<void>;
  /** Immediate shutdown (clients are cut off, no checkpoint): the server is "away" until restart(). */
  kill(): Promise<void>;
  /** Starts the same server again on the same port. */
  restart(): Promise<void>;
}

const SUPERUSER = 'postgres';
const RUN_AS = 'postgres';
const isRoot = () => process.getuid?.() === 0;

let binDirCache: string | null | undefined;

/** The folder with initdb and pg_ctl: pg_config --bindir, else the newest Debian one, else PATH. */
export function postgresBinDir(): string | undefined {
  if (binDirCache === undefined) binDirCache = findBinDir() ?? null;
  return binDirCache ?? undefined;
}

function hasServerBinaries(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
}

function findBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // libpq-dev's pg_config may name a version whose server is not installed: check.
    if (hasServerBinaries(dir.trim())) return dir.trim();
  } catch {}
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasServerBinaries(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && hasServerBinaries(dir)) return dir;
  return undefined;
}

function runuserPath(): string | undefined {
  return ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((p) =>
    existsSync(p),
  );
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(
      execFileSync('id', ['-u', RUN_AS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    const gid = Number(
      execFileSync('id', ['-g', RUN_AS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

let reasonCache: { reason: string | undefined } | undefined;

/**
 * Why a throwaway server cannot start on this machine, or undefined when it can. Tests skip with
 * this reason in their output rather than passing silently.
 */
export function postgresUnavailableReason(): string | undefined {
  reasonCache ??= { reason: unavailableReason() };
  return reasonCache.reason;
}

function unavailableReason(): string | undefined {
  if (process.platform === 'win32') return 'the throwaway PostgreSQL runs on Linux and macOS only';
  if (!postgresBinDir()) {
    return "PostgreSQL's initdb and pg_ctl were not found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); install the postgresql package";
  }
  if (!isRoot()) return undefined;
  // Root: PostgreSQL refuses to run as root, so it runs as the postgres user.
  if (!postgresIds()) return `running as root and there is no \`${RUN_AS}\` OS user to run PostgreSQL as`;
  const runuser = runuserPath();
  if (!runuser)
    return `running as root and runuser (util-linux) was not found to run PostgreSQL as \`${RUN_AS}\``;
  const probe = spawnSync(runuser, ['-u', RUN_AS, '--', 'test', '-x', tmpdir()], {
    stdio: 'ignore',
    cwd: '/',
  });
  if (probe.status !== 0)
    return `running as root and the \`${RUN_AS}\` user cannot enter ${tmpdir()} (TMPDIR)`;
  return undefined;
}

/** Runs a PostgreSQL binary as the postgres user when we are root, else as ourselves. */
function runPg(binDir: string, cwd: string, bin: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot()
    ? [runuserPath()!, ['-u', RUN_AS, '--', join(binDir, bin), ...args]]
    : [join(binDir, bin), args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd, encoding: 'utf8', env: cleanEnv() }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${bin} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

function runPgSync(binDir: string, cwd: string, bin: string, args: string[]): void {
  const [file, argv] = isRoot()
    ? [runuserPath()!, ['-u', RUN_AS, '--', join(binDir, bin), ...args]]
    : [join(binDir, bin), args];
  spawnSync(file, argv, { cwd, stdio: 'ignore', env: cleanEnv(), timeout: 10_000 });
}

/** The environment without libpq's PG* variables, which would steer the tools elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Single-quoted for the shell pg_ctl runs postgres through. */
const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

// Servers still running when the process exits (a test that never reached its afterAll): stopped
// immediately and removed, best effort. A SIGKILLed test process leaves its server behind.
const live = new Set<{ binDir: string; dir: string; dataDir: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const s of live) {
      try {
        runPgSync(s.binDir, s.dir, 'pg_ctl', ['stop', '-D', s.dataDir, '-m', 'immediate', '-w', '-t', '5']);
        rmSync(s.dir, { recursive: true, force: true });
      } catch {}
    }
  });
}

export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const reason = postgresUnavailableReason();
  if (reason) throw new Error(`Cannot start a throwaway PostgreSQL: ${reason}`);
  const binDir = postgresBinDir()!;
  const name = (options.name ?? 'companion').replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) || 'companion';

  const dir = mkdtempSync(join(tmpdir(), `cc-pg-${name}-`));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const ids = isRoot() ? postgresIds()! : undefined;
  const own = (path: string) => {
    if (ids) chownSync(path, ids.uid, ids.gid);
  };
  own(dir);

  const record = { binDir, dir, dataDir };
  live.add(record);
  installExitHook();
  let started = false;
  const pgCtl = (args: string[]) => runPg(binDir, dir, 'pg_ctl', args);

  try {
    const superPassword = randomBytes(18).toString('base64url');
    const pwfile = join(dir, 'superuser.pw');
    writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
    own(pwfile);
    // --no-sync: nothing here needs to survive a power cut, and initdb is twice as fast without it.
    const auth = ['-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth=scram-sha-256'];
    await runPg(binDir, dir, 'initdb', ['-D', dataDir, ...auth, '-E', 'UTF8', '--locale=C', '--no-sync']);
    rmSync(pwfile);

    let caPem: string | undefined;
    const settings = [
      `-k ${shellQuote(dir)}`,
      '-c listen_addresses=127.0.0.1',
      // fsync off: a throwaway test server loses nothing that matters in a crash of the machine,
      // and every commit is much faster. Never do this on the clinic's server.
      '-c fsync=off',
      `-c cluster_name=${name}`,
    ];
    if (options.tls) {
      const cert = join(dir, 'server.crt');
      const key = join(dir, 'server.key');
      try {
        const req = 'req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1'.split(' ');
        const san = ['-addext', 'subjectAltName=IP:127.0.0.1'];
        execFileSync('openssl', [...req, ...san, '-keyout', key, '-out', cert], {
          cwd: dir,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      } catch (error) {
        throw new Error(
          `openssl could not make the TLS certificate (is openssl installed?): ${String(error)}`,
        );
      }
      // PostgreSQL refuses a key that others can read, or that its user does not own.
      chmodSync(key, 0o600);
      own(key);
      own(cert);
      caPem = readFileSync(cert, 'utf8');
      settings.push(
        '-c ssl=on',
        `-c ssl_cert_file=${shellQuote(cert)}`,
        `-c ssl_key_file=${shellQuote(key)}`,
      );
      // TLS only over TCP, as docs/IT.md sets up the clinic's server.
      const hba = join(dataDir, 'pg_hba.conf');
      writeFileSync(
        hba,
        ['local all all scram-sha-256', 'hostssl all all 127.0.0.1/32 scram-sha-256', ''].join('\n'),
      );
      own(hba);
    }

    const startArgs = (port: number) => {
      const o = [`-p ${port}`, ...settings].join(' ');
      return ['start', '-w', '-t', '30', '-D', dataDir, '-l', logFile, '-o', o];
    };
    let port = 0;
    let lastError: unknown;
    // A free port can be taken between finding it and binding it: try a few.
    for (let attempt = 0; attempt < 4 && !started; attempt++) {
      port = await freePort();
      try {
        await pgCtl(startArgs(port));
        started = true;
      } catch (error) {
        lastError = error;
      }
    }
    if (!started) throw new Error(`${String(lastError)}\n${logTail(logFile)}`);

    const ssl = caPem ? { ca: caPem } : undefined;
    const admin = new pg.Client({
      host: '127.0.0.1',
      port,
      database: 'postgres',
      user: SUPERUSER,
      password: superPassword,
      ssl,
    });
    const password = randomBytes(18).toString('base64url');
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE companion LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
      await admin.query(`CREATE DATABASE clinic OWNER companion ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        try {
          await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
        } catch {
          // Already stopped (kill() without restart()) or never fully started.
        }
        live.delete(record);
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    };

    return {
      host: '127.0.0.1',
      port,
      database: 'clinic',
      user: 'companion',
      password,
      superuser: { user: SUPERUSER, password: superPassword },
      ...(caPem ? { caPem } : {}),
      connectionString: `postgresql://companion:${encodeURIComponent(password)}@127.0.0.1:${port}/clinic`,
      dataDir,
      stop,
      kill: async () => {
        if (stopping) return;
        await pgCtl(['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
      },
      restart: async () => {
        if (stopping) throw new Error('restart() after stop(): the server and its folder are gone');
        try {
          await pgCtl(startArgs(port));
        } catch (error) {
          throw new Error(`${String(error)}\n${logTail(logFile)}`);
        }
      },
    };
  } catch (error) {
    if (started) await pgCtl(['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {});
    live.delete(record);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function logTail(logFile: string): string {
  try {
    return `server log:\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`;
  } catch {
    return '(no server log)';
  }
}
