// The clinic database's password, entered once by IT: tried against a real PostgreSQL first (a
// refused password is never stored), kept in the desktop's vault, read from standard input only.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_VAULT_SERVICE,
  type DatabasePolicy,
  databaseVaultAccount,
} from '../../main/core/clinic/database-config';
import { clearDatabasePassword, setDatabasePassword } from '../../main/core/clinic/database-password';
import { cliRun } from '../../main/core/deploy/check-args';
import { readSecret } from '../../main/core/deploy/read-secret';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import {
  postgresUnavailableReason,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase, sharedPostgres } from '../store/engines';
import { tempDir } from './seed';

const pgSkip = postgresUnavailableReason();

function vaultIn(dataDir: string) {
  return createCredentialVault({ dataDir, cipher: createDevFileCipher(dataDir) });
}

/** A port on 127.0.0.1 where nothing listens (a server that is away). */
function closedPort(): number {
  return Number(
    execFileSync(
      process.execPath,
      [
        '-e',
        "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
      ],
      { encoding: 'utf8' },
    ).trim(),
  );
}

describe('reading the password from standard input', () => {
  it('takes the first line of a pipe, with or without its newline; an empty pipe is nothing', async () => {
    const prompt: string[] = [];
    const out = { write: (t: string) => prompt.push(t) };
    const piped = (text: string) => {
      const s = new PassThrough();
      s.end(text);
      return readSecret(s, out, 'Password: ');
    };
    expect(await piped('s3cret pass\r\nsecond line\n')).toBe('s3cret pass');
    expect(await piped('no-newline')).toBe('no-newline');
    expect(await piped('')).toBeNull();
    // Nothing is asked on a pipe: standard output stays clean for the result.
    expect(prompt).toEqual([]);
  });

  it('on a terminal: raw mode, nothing echoed, backspace and Ctrl-C understood, raw mode restored', async () => {
    const typed = (keys: string[]) => {
      const tty = Object.assign(new PassThrough(), {
        isTTY: true,
        raw: [] as boolean[],
        setRawMode(on: boolean) {
          tty.raw.push(on);
          return tty;
        },
      });
      const prompt: string[] = [];
      const p = readSecret(tty, { write: (t: string) => prompt.push(t) }, 'Password (not shown): ');
      for (const k of keys) tty.write(k);
      return p.then((secret) => ({ secret, prompt, raw: tty.raw }));
    };
    const ok = await typed(['pa', 'sx\u007f', 's\u001b', '\r']);
    expect(ok.secret).toBe('pass');
    expect(ok.prompt).toEqual(['Password (not shown): ', '\n']);
    expect(ok.raw).toEqual([true, false]);
    const cancelled = await typed(['abc', '\u0003']);
    expect(cancelled.secret).toBeNull();
    expect(cancelled.raw).toEqual([true, false]);
  });

  it('the app takes --set-database-password and --clear-database-password, and never a password in argv', () => {
    expect(cliRun(['app', '--set-database-password'])).toEqual({
      kind: 'set-database-password',
      verify: true,
    });
    expect(cliRun(['app', '--set-database-password', '--no-verify'])).toEqual({
      kind: 'set-database-password',
      verify: false,
    });
    expect(cliRun(['app', '--clear-database-password'])).toEqual({ kind: 'clear-database-password' });
    for (const arg of ['--password=x', '--database-password=x', '--set-database-password=x'])
      expect(cliRun(['app', arg])).toMatchObject({
        kind: 'usage-error',
        message: /never given on the command line/,
      });
  });
});

describe.skipIf(pgSkip)('setDatabasePassword against a real PostgreSQL', () => {
  let policy: DatabasePolicy;
  let password: string;
  beforeAll(async () => {
    const c = await freshPostgresDatabase();
    password = c.password!;
    policy = {
      engine: 'postgres',
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
      allowUnencrypted: true,
    };
  });

  it('stores a password the server accepts, and says which server and version it reached', async () => {
    const dataDir = tempDir('cc-dbpw-');
    const r = await setDatabasePassword(vaultIn(dataDir), policy, password);
    expect(r).toMatchObject({
      stored: true,
      verified: { tls: null, serverVersion: expect.stringMatching(/^\d+/) },
    });
    expect(await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy))).toBe(
      password,
    );
    // Encrypted on disk: the vault file does not hold it readable.
    expect(spawnSync('grep', ['-rF', password, dataDir], { encoding: 'utf8' }).stdout).toBe('');
    expect(await clearDatabasePassword(vaultIn(dataDir), policy)).toBe(true);
    expect(
      await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy)),
    ).toBeNull();
  });

  it('a refused password is not stored, and the one stored before is kept', async () => {
    const dataDir = tempDir('cc-dbpw-');
    await setDatabasePassword(vaultIn(dataDir), policy, password);
    const r = await setDatabasePassword(vaultIn(dataDir), policy, 'wrong-password');
    expect(r).toMatchObject({ stored: false, failure: { kind: 'wrong-password' } });
    if (r.stored) throw new Error('stored');
    expect(r.failure.message).toMatch(/refused the password of "companion" \(wrong password\)/);
    expect(r.failure.message).not.toContain('wrong-password');
    expect(await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy))).toBe(
      password,
    );
  });

  it('an unreachable server: nothing stored, in words; --no-verify stores it untried', async () => {
    const dataDir = tempDir('cc-dbpw-');
    const away = { ...policy, port: closedPort() };
    const r = await setDatabasePassword(vaultIn(dataDir), away, 'untried');
    expect(r).toMatchObject({ stored: false, failure: { kind: 'unreachable' } });
    if (r.stored) throw new Error('stored');
    expect(r.failure.message).toContain(`nothing answers at 127.0.0.1:${away.port} (connection refused)`);
    expect(await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(away))).toBeNull();
    const untried = await setDatabasePassword(vaultIn(dataDir), away, 'untried', { verify: false });
    expect(untried).toMatchObject({ stored: true, verified: null });
    expect(await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(away))).toBe(
      'untried',
    );
  });

  it('a database that does not exist is named', async () => {
    const r = await setDatabasePassword(
      vaultIn(tempDir('cc-dbpw-')),
      { ...policy, database: 'nosuch' },
      password,
    );
    expect(r).toMatchObject({ stored: false, failure: { kind: 'no-database' } });
  });
});

describe.skipIf(pgSkip)('over TLS', () => {
  let server: ThrowawayPostgres;
  let dir: string;
  let base: DatabasePolicy;
  beforeAll(async () => {
    server = await startThrowawayPostgres({ name: 'dbpw-tls', tls: true });
    dir = tempDir('cc-tls-');
    writeFileSync(path.join(dir, 'server.crt'), server.caPem!);
    // Another self-signed certificate: a CA that did not issue the server's.
    execFileSync(
      'openssl',
      [
        ...'req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1'.split(' '),
        ...['-addext', 'subjectAltName=IP:127.0.0.1'],
        ...['-keyout', path.join(dir, 'other.key'), '-out', path.join(dir, 'other.crt')],
      ],
      { stdio: 'ignore' },
    );
    base = {
      engine: 'postgres',
      host: server.host,
      port: server.port,
      database: server.database,
      user: server.user,
    };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('verifies the server against the policy CA; a wrong CA or no TLS at all is refused in words', async () => {
    const dataDir = tempDir('cc-dbpw-');
    const ok = await setDatabasePassword(
      vaultIn(dataDir),
      { ...base, tls: { caFile: path.join(dir, 'server.crt') } },
      server.password,
    );
    expect(ok).toMatchObject({ stored: true, verified: { tls: expect.stringMatching(/^TLSv1\.[23]$/) } });

    const wrongCa = await setDatabasePassword(
      vaultIn(tempDir('cc-dbpw-')),
      { ...base, tls: { caFile: path.join(dir, 'other.crt') } },
      server.password,
    );
    expect(wrongCa).toMatchObject({
      stored: false,
      failure: { kind: 'tls', message: expect.stringMatching(/^TLS verify failed/) },
    });

    // The server takes TLS only (hostssl): a desktop set to connect in the clear is turned away.
    const clear = await setDatabasePassword(
      vaultIn(tempDir('cc-dbpw-')),
      { ...base, allowUnencrypted: true },
      server.password,
    );
    expect(clear).toMatchObject({
      stored: false,
      failure: { kind: 'not-allowed', message: expect.stringMatching(/pg_hba/) },
    });
  });
});

describe.skipIf(pgSkip)('npm run set-database-password', () => {
  function run(args: string[], stdin: string, policy: object | null) {
    const policyFile = path.join(tempDir('cc-policy-'), 'policy.json');
    if (policy) writeFileSync(policyFile, JSON.stringify(policy));
    const r = spawnSync(
      path.resolve('node_modules/.bin/tsx'),
      ['scripts/set-database-password.ts', ...args],
      {
        encoding: 'utf8',
        input: stdin,
        env: { ...process.env, CLINIC_COMPANION_POLICY: policyFile },
        timeout: 60_000,
      },
    );
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('0 connected and stored; 1 refused and nothing stored; 2 without a database in the policy or in argv', async () => {
    const s = await sharedPostgres();
    const c = await freshPostgresDatabase();
    const database = {
      engine: 'postgres',
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
      allowUnencrypted: true,
    };
    const dataDir = tempDir('cc-dbpw-');
    const ok = run(['--data-dir', dataDir], `${s.password}\n`, { database });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      new RegExp(
        `^Connected to 127\\.0\\.0\\.1:${c.port}/${c.database} as companion \\(not encrypted, PostgreSQL [\\d.]+\\); the password is stored for this Linux user \\(\\S+\\) on this desktop`,
      ),
    );
    expect(ok.out + ok.err).not.toContain(s.password);
    const policy = database as DatabasePolicy;
    expect(await vaultIn(dataDir).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy))).toBe(
      s.password,
    );

    const other = tempDir('cc-dbpw-');
    const refused = run([`--data-dir=${other}`], 'not-the-password\n', { database });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/refused the password of "companion" \(wrong password\)/);
    expect(refused.out).toContain('Nothing was stored');
    expect(await vaultIn(other).getPassword(DATABASE_VAULT_SERVICE, databaseVaultAccount(policy))).toBeNull();

    const noDb = run(['--data-dir', tempDir('cc-dbpw-')], 'x\n', { clinicTimeZone: 'Europe/Berlin' });
    expect(noDb.code).toBe(2);
    expect(noDb.out).toMatch(/has no "database"/);
    const inArgv = run(['--data-dir', tempDir('cc-dbpw-'), '--password', 'x'], '', { database });
    expect(inArgv.code).toBe(2);
    expect(inArgv.err).toMatch(/never given on the command line/);
    const nothing = run(['--data-dir', tempDir('cc-dbpw-')], '', { database });
    expect(nothing.code).toBe(2);
    expect(nothing.out).toMatch(/No password was entered/);
  });
});
