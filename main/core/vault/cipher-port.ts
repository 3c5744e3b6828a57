/**
 * What the credential vault encrypts with. Electron's safeStorage in the app, the dev/demo key-file
 * cipher in tests and the browser demo. Implementations must really encrypt.
 */
export interface CipherPort {
  /** A name for diagnostics and policy, e.g. 'gnome_libsecret', 'dpapi', 'dev-aes-256-gcm-keyfile'. */
  backend(): string;
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<string>;
}
