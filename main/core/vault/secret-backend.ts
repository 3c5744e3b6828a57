import { AppError } from '../errors';

export type SecretBackendDecision = { ok: true } | { ok: false; error: AppError };

// Backends on Linux that keep the key in a real secret store (Secret Service or KWallet).
const LINUX_KEYRING_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * May the vault use this safeStorage backend? On Linux `basic_text` (a hard-coded key) and
 * `unknown` protect nothing, so they are refused unless IT policy explicitly allows them.
 */
export function assessSecretBackend(
  platform: string,
  backend: string,
  policyAllowsBasicText: boolean,
): SecretBackendDecision {
  if (platform !== 'linux') return { ok: true };
  if (LINUX_KEYRING_BACKENDS.has(backend)) return { ok: true };
  if (policyAllowsBasicText && (backend === 'basic_text' || backend === 'unknown')) return { ok: true };
  return {
    ok: false,
    error: new AppError(
      'vault-unavailable',
      'Zoom sign-ins cannot be stored safely on this computer: no password keyring is running. ' +
        'Ask IT to install and start a Secret Service provider (gnome-keyring with libsecret, or KWallet), ' +
        'then restart Clinic Companion.',
      { backend, platform },
    ),
  };
}
