// `<app> --set-database-password` / `--clear-database-password` (and `npm run
// set-database-password` with the dev cipher): IT enters the clinic database's password once per
// desktop and OS user. Everything but the ports (standard input, the cipher) is decided here.
//
// Exit codes as `--check`: 0 done; 1 the server refused the password or could not be reached, and
// nothing was stored; 2 it could not run (no "database" in the policy, nothing entered, the vault
// cannot store safely here).

import { databaseVaultAccount } from '../clinic/database-config';
import { clearDatabasePassword, type ServerFacts, setDatabasePassword } from '../clinic/database-password';
import { isAppError } from '../errors';
import { loadPolicy, type Policy } from '../settings/policy';
import { assessSecretBackend, type CipherPort, createCredentialVault } from '../vault';
import { DEV_CIPHER_BACKEND } from '../vault/dev-file-cipher';
import { type PromptOutput, readSecret, type SecretInput } from './read-secret';

export interface DatabasePasswordCommand {
  action: 'set' | 'clear';
  /** Try the password against the server before storing it (false: `--no-verify`). */
  verify: boolean;
  platform: NodeJS.Platform;
  /** The OS account the password is stored for (os.userInfo().username). */
  osUser: string;
  dataDir: string;
  policyFile: string;
  cipher: CipherPort;
  /** Standard input (typed without echo on a terminal, or piped). */
  input: SecretInput;
  /** Where the question goes (standard error, so that standard output holds only the result). */
  prompt: PromptOutput;
  read?: (file: string) => string;
  connectTimeoutMs?: number;
}

export interface CommandResult {
  exitCode: 0 | 1 | 2;
  text: string;
}

const done = (exitCode: 0 | 1 | 2, text: string): CommandResult => ({ exitCode, text: `${text}\n` });

export const osName = (platform: string) =>
  platform === 'win32' ? 'Windows' : platform === 'darwin' ? 'macOS' : 'Linux';

function encryptedBy(backend: string, platform: string): string {
  if (backend === DEV_CIPHER_BACKEND) return "this data folder's development key file (development only)";
  if (platform === 'win32') return 'Windows (DPAPI)';
  if (platform === 'darwin') return 'the macOS Keychain';
  return `the keyring (${backend})`;
}

function connectedWords(f: ServerFacts): string {
  return `${f.tls ? `TLS ${f.tls.replace(/^TLSv/, '')}` : 'not encrypted'}, PostgreSQL ${f.serverVersion}`;
}

export async function runDatabasePasswordCommand(o: DatabasePasswordCommand): Promise<CommandResult> {
  let policy: Policy;
  try {
    const loaded = loadPolicy(o.policyFile);
    policy = loaded.found ? loaded.policy : {};
  } catch (e) {
    return done(2, isAppError(e) ? e.message : String(e));
  }
  const db = policy.database;
  if (!db) {
    return done(
      2,
      `The policy file ${o.policyFile} has no "database": set the clinic server there first (docs/IT.md, "Policy keys"); the password belongs to that server and user.`,
    );
  }
  const where = `${db.host}:${db.port ?? 5432}/${db.database}`;
  const forWhom = `this ${osName(o.platform)} user (${o.osUser}) on this desktop`;

  // The same rule as for Zoom sign-ins: no password kept where the OS cannot really encrypt it.
  const backend = o.cipher.backend();
  if (backend !== DEV_CIPHER_BACKEND) {
    if (!(await o.cipher.isAvailable().catch(() => false)))
      return done(2, 'Encryption is not available on this computer right now: nothing was stored.');
    const assessed = assessSecretBackend(o.platform, backend, policy.allowBasicTextSecrets ?? false);
    if (!assessed.ok) return done(2, `${assessed.error.message} Nothing was stored.`);
  }
  const vault = createCredentialVault({ dataDir: o.dataDir, cipher: o.cipher });

  if (o.action === 'clear') {
    const removed = await clearDatabasePassword(vault, db);
    return done(
      0,
      removed
        ? `Removed the password of "${db.user}" for ${where} from ${forWhom}.`
        : `No password of "${db.user}" for ${where} was stored for ${forWhom}.`,
    );
  }

  if (db.tls?.certFile && o.verify) {
    o.prompt.write(
      `The policy names a client certificate: if the server signs this desktop in by certificate alone, no password is needed.\n`,
    );
  }
  const question = `Password of "${db.user}" for ${where} (not shown): `;
  const password = await readSecret(o.input, o.prompt, question);
  if (!password) return done(2, 'No password was entered: nothing was stored.');
  // Untried, a typing slip would only show at the next start: on a terminal, ask twice.
  if (!o.verify && o.input.isTTY) {
    const again = await readSecret(o.input, o.prompt, 'Again, to be sure (not shown): ');
    if (again !== password) return done(2, 'The two entries differ: nothing was stored.');
  }

  try {
    const r = await setDatabasePassword(vault, db, password, {
      verify: o.verify,
      read: o.read,
      connectTimeoutMs: o.connectTimeoutMs,
    });
    const stored = `the password is stored for ${forWhom}, encrypted by ${encryptedBy(backend, o.platform)}`;
    if (!r.stored) {
      return done(
        1,
        `${r.failure.message}\nNothing was stored (account ${databaseVaultAccount(db)}). To store it anyway, untried, add --no-verify.`,
      );
    }
    if (!r.verified) return done(0, `Not tried (--no-verify): ${stored}. Run --check to try it.`);
    return done(0, `Connected to ${where} as ${db.user} (${connectedWords(r.verified)}); ${stored}.`);
  } catch (e) {
    return done(2, `${isAppError(e) ? e.message : String(e)} Nothing was stored.`);
  }
}
