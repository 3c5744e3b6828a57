// A keytar-shaped credential store: secrets encrypted by a CipherPort, ciphertext kept as base64
// in a conf file (conf writes atomically: temp file, fsync, rename), so a crash leaves the old or
// the new file, never half of one.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { AppError } from '../errors';
import type { CipherPort } from './cipher-port';

export interface CredentialVault {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  backend(): string;
}

export interface CredentialVaultOptions {
  dataDir: string;
  cipher: CipherPort;
  /** File name without extension; `credentials` by default. */
  fileName?: string;
  now?: () => Date;
}

const Entry = z.object({ service: z.string(), account: z.string(), blob: z.string() });
const Items = z.record(z.string(), Entry);
type Items = z.infer<typeof Items>;

// One key per (service, account); the NUL separator cannot occur in either part we accept.
const itemKey = (service: string, account: string) => `${service}\u0000${account}`;

function checkName(what: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256 || value.includes('\u0000')) {
    throw new AppError('invalid-request', `The credential ${what} is not valid.`);
  }
}

const unavailable = (message: string, details: Record<string, string> = {}) =>
  new AppError('vault-unavailable', message, details);

export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const { cipher } = options;
  const now = options.now ?? (() => new Date());
  const openConf = () =>
    new Conf<{ items: Items }>({
      cwd: options.dataDir,
      configName: options.fileName ?? 'credentials',
      accessPropertiesByDotNotation: false,
      configFileMode: 0o600,
      // Read the file every time so a second process (or a restart) never works from a stale copy.
      cache: false,
      clearInvalidConfig: false,
    });
  const asideName = (file: string) => `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  // Conf parses the file when it opens: a file damaged before start-up is set aside there, and the
  // first read reports it like any damage found later (the app still starts).
  let setAsideAtOpen: string | undefined;
  let conf: Conf<{ items: Items }>;
  try {
    conf = openConf();
  } catch (e) {
    if ((e as Error)?.name !== 'SyntaxError') throw e;
    const file = join(options.dataDir, `${options.fileName ?? 'credentials'}.json`);
    setAsideAtOpen = asideName(file);
    renameSync(file, setAsideAtOpen);
    conf = openConf();
  }

  const damagedMessage =
    'The saved Zoom sign-ins on this computer were damaged and have been set aside. Each doctor must reconnect Zoom.';

  // A damaged file is moved aside for IT to inspect and reported; never silently emptied.
  function quarantine(reason: string): never {
    const aside = asideName(conf.path);
    if (existsSync(conf.path)) renameSync(conf.path, aside);
    throw unavailable(damagedMessage, { quarantinedTo: aside, reason });
  }

  function readItems(): Items {
    if (setAsideAtOpen) {
      const aside = setAsideAtOpen;
      setAsideAtOpen = undefined;
      throw unavailable(damagedMessage, { quarantinedTo: aside, reason: 'not-json' });
    }
    let raw: unknown;
    try {
      raw = conf.get('items', {});
    } catch (e) {
      if ((e as Error)?.name === 'SyntaxError') quarantine('not-json');
      throw unavailable('The saved Zoom sign-ins could not be read.', { reason: (e as Error).name });
    }
    const parsed = Items.safeParse(raw);
    if (!parsed.success) quarantine('unexpected-shape');
    return parsed.data;
  }

  async function open(entry: z.infer<typeof Entry>): Promise<string> {
    try {
      return await cipher.decrypt(Buffer.from(entry.blob, 'base64'));
    } catch {
      // Usually the OS keyring changed (new user profile, reset keychain): the blob is kept.
      throw unavailable(
        'A saved Zoom sign-in could not be unlocked on this computer. The doctor must reconnect Zoom.',
        {
          backend: cipher.backend(),
        },
      );
    }
  }

  async function ensureAvailable(): Promise<void> {
    if (!(await cipher.isAvailable())) {
      throw unavailable('Secure storage for Zoom sign-ins is not available on this computer right now.', {
        backend: cipher.backend(),
      });
    }
  }

  return {
    backend: () => cipher.backend(),
    async getPassword(service, account) {
      checkName('service', service);
      checkName('account', account);
      const entry = readItems()[itemKey(service, account)];
      if (!entry) return null;
      await ensureAvailable();
      return open(entry);
    },
    async setPassword(service, account, password) {
      checkName('service', service);
      checkName('account', account);
      await ensureAvailable();
      const blob = (await cipher.encrypt(password)).toString('base64');
      // Read-modify-write after the await and without another await in between: one atomic step.
      const items = { ...readItems(), [itemKey(service, account)]: { service, account, blob } };
      conf.set('items', items);
    },
    async deletePassword(service, account) {
      checkName('service', service);
      checkName('account', account);
      const items = { ...readItems() };
      const key = itemKey(service, account);
      if (!(key in items)) return false;
      delete items[key];
      conf.set('items', items);
      return true;
    },
    async findCredentials(service) {
      checkName('service', service);
      const entries = Object.values(readItems()).filter((e) => e.service === service);
      if (entries.length > 0) await ensureAvailable();
      const out: Array<{ account: string; password: string }> = [];
      for (const e of entries) out.push({ account: e.account, password: await open(e) });
      return out;
    },
  };
}
