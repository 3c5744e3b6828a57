// The vault's CipherPort on Electron's safeStorage async API (the sync calls are deprecated in 45).
// Only valid after app 'ready'. Policy on the backend is decided in core (assessSecretBackend).
import { safeStorage } from 'electron';
import type { CipherPort } from '../core/vault/cipher-port';

export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): CipherPort {
  return {
    backend() {
      // Only Linux has a choice of backends; elsewhere it is the OS keychain / DPAPI.
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown';
    },
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(cipher) {
      // shouldReEncrypt is ignored: the connection store rewrites its record on every refresh anyway.
      const { result } = await safeStorage.decryptStringAsync(cipher);
      return result;
    },
  };
}
