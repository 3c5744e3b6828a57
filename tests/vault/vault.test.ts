import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../main/core/errors';
import { type CipherPort, createCredentialVault, createDevFileCipher } from '../../main/core/vault';

const freshDir = () => mkdtempSync(join(tmpdir(), 'cc-vault-'));

describe('credential vault', () => {
  it('stores, finds and deletes passwords per service and account', async () => {
    const dir = freshDir();
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
    await vault.setPassword('zoom', 'dr.lee', 'secret-1');
    await vault.setPassword('zoom', 'dr.ng@x.y', 'secret-2');
    await vault.setPassword('other', 'dr.lee', 'secret-3');
    expect(await vault.getPassword('zoom', 'dr.lee')).toBe('secret-1');
    expect(await vault.getPassword('zoom', 'nobody')).toBeNull();
    const found = await vault.findCredentials('zoom');
    expect(found.sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: 'dr.lee', password: 'secret-1' },
      { account: 'dr.ng@x.y', password: 'secret-2' },
    ]);
    expect(await vault.deletePassword('zoom', 'dr.lee')).toBe(true);
    expect(await vault.deletePassword('zoom', 'dr.lee')).toBe(false);
    expect(await vault.getPassword('zoom', 'dr.lee')).toBeNull();
    expect(await vault.getPassword('other', 'dr.lee')).toBe('secret-3');
  });

  it('keeps only ciphertext on disk, in a file only its owner can read', async () => {
    const dir = freshDir();
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
    await vault.setPassword('zoom', 'dr.lee', 'plain-refresh-token-value');
    const text = readFileSync(join(dir, 'credentials.json'), 'utf8');
    expect(text).not.toContain('plain-refresh-token-value');
    expect(text).not.toContain(Buffer.from('plain-refresh-token-value').toString('base64'));
    expect(statSync(join(dir, 'credentials.json')).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'vault-dev-cipher.key')).mode & 0o777).toBe(0o600);
  });

  it('survives a restart: a second vault on the same folder reads what the first wrote', async () => {
    const dir = freshDir();
    await createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) }).setPassword(
      's',
      'a',
      'v',
    );
    expect(
      await createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) }).getPassword('s', 'a'),
    ).toBe('v');
  });

  it('quarantines a corrupted vault file and reports vault-unavailable instead of resetting it', async () => {
    const dir = freshDir();
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
    await vault.setPassword('zoom', 'dr.lee', 'x');
    writeFileSync(join(dir, 'credentials.json'), '{"items": {"zoom\\u0000dr.lee": {"ser');
    const err = await vault.getPassword('zoom', 'dr.lee').catch((e) => e);
    expect(isAppError(err) && err.kind).toBe('vault-unavailable');
    expect(err.message).toMatch(/reconnect Zoom/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('credentials.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain('"ser');
    expect(existsSync(join(dir, 'credentials.json'))).toBe(false);
  });

  it('quarantines a vault file of the wrong shape', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ items: { k: { service: 1 } } }));
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
    const err = await vault.findCredentials('zoom').catch((e) => e);
    expect(err.kind).toBe('vault-unavailable');
    expect(readdirSync(dir).some((f) => f.startsWith('credentials.json.corrupt-'))).toBe(true);
  });

  it('reports vault-unavailable and keeps the blob when the key no longer decrypts it', async () => {
    const dir = freshDir();
    await createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) }).setPassword(
      's',
      'a',
      'v',
    );
    const otherKeyDir = freshDir();
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(otherKeyDir) });
    const err = await vault.getPassword('s', 'a').catch((e) => e);
    expect(err.kind).toBe('vault-unavailable');
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toContain('"blob"');
  });

  it('refuses to write when the cipher is not available', async () => {
    const dir = freshDir();
    const real = createDevFileCipher(dir);
    const unavailable: CipherPort = { ...real, isAvailable: async () => false };
    const vault = createCredentialVault({ dataDir: dir, cipher: unavailable });
    const err = await vault.setPassword('s', 'a', 'v').catch((e) => e);
    expect(err.kind).toBe('vault-unavailable');
    expect(existsSync(join(dir, 'credentials.json'))).toBe(false);
  });

  it('keeps every write when many run concurrently', async () => {
    const dir = freshDir();
    const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.setPassword('s', `a${i}`, `v${i}`)));
    expect(await vault.findCredentials('s')).toHaveLength(20);
  });
});

describe('dev file cipher', () => {
  it('really encrypts: a fresh IV each time, tampering is detected', async () => {
    const dir = freshDir();
    const cipher = createDevFileCipher(dir);
    const a = await cipher.encrypt('hello');
    const b = await cipher.encrypt('hello');
    expect(a.equals(b)).toBe(false);
    expect(await cipher.decrypt(a)).toBe('hello');
    a[a.length - 1] = a[a.length - 1]! ^ 1;
    await expect(cipher.decrypt(a)).rejects.toThrow();
  });
});
