// The dev/demo cipher: real AES-256-GCM with a random key kept in a 0600 key file beside the vault.
// It protects against casual reading of the vault file, not against someone who can read the key
// file too; the app uses safeStorage (OS keychain) instead.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CipherPort } from './cipher-port';

export const DEV_CIPHER_BACKEND = 'dev-aes-256-gcm-keyfile';
const KEY_FILE = 'vault-dev-cipher.key';
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function loadOrCreateKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' so two processes starting together never overwrite each other's key.
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error('The dev cipher key file is damaged.');
  chmodSync(path, 0o600);
  return key;
}

export function createDevFileCipher(dataDir: string): CipherPort {
  let key: Buffer | undefined;
  const getKey = () => {
    key ??= loadOrCreateKey(dataDir);
    return key;
  };
  return {
    backend: () => DEV_CIPHER_BACKEND,
    async isAvailable() {
      try {
        getKey();
        return true;
      } catch {
        return false;
      }
    },
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    async decrypt(blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) {
        throw new Error('Not a dev cipher blob.');
      }
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', getKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
