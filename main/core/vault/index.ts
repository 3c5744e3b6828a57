export type { CipherPort } from './cipher-port';
export { type CredentialVault, type CredentialVaultOptions, createCredentialVault } from './credential-vault';
export { createDevFileCipher, DEV_CIPHER_BACKEND } from './dev-file-cipher';
export { assessSecretBackend, type SecretBackendDecision } from './secret-backend';
