import { describe, expect, it } from 'vitest';
import { assessSecretBackend } from '../../main/core/vault';

describe('assessSecretBackend', () => {
  it('accepts the OS keychain on macOS and Windows', () => {
    expect(assessSecretBackend('darwin', 'unknown', false).ok).toBe(true);
    expect(assessSecretBackend('win32', 'unknown', false).ok).toBe(true);
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])('accepts %s on Linux', (backend) => {
    expect(assessSecretBackend('linux', backend, false).ok).toBe(true);
  });

  it.each(['basic_text', 'unknown'])('refuses %s on Linux and says what to install', (backend) => {
    const d = assessSecretBackend('linux', backend, false);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.kind).toBe('vault-unavailable');
    expect(d.error.message).toMatch(/gnome-keyring/);
    expect(d.error.message).toMatch(/KWallet/);
    expect(d.error.message).toMatch(/Secret Service/);
  });

  it('accepts basic_text on Linux only when IT policy allows it', () => {
    expect(assessSecretBackend('linux', 'basic_text', true).ok).toBe(true);
  });

  it('refuses a backend name it does not know even when policy allows basic text', () => {
    expect(assessSecretBackend('linux', 'something_else', true).ok).toBe(false);
  });
});
