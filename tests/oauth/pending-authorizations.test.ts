import { describe, expect, it } from 'vitest';
import { PendingAuthorizations, refusalReason } from '../../main/core/oauth';

const reasonOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return refusalReason(e);
  }
  return 'accepted';
};

describe('pending authorizations', () => {
  it('creates an unguessable state and an S256 challenge per attempt', async () => {
    const store = new PendingAuthorizations();
    const a = await store.start('dr-a', 'http://127.0.0.1:1/oauth/callback');
    const b = await store.start('dr-b', 'http://127.0.0.1:1/oauth/callback');
    expect(a.state).not.toBe(b.state);
    // ≥128 bits: 32 bytes base64url is 43 characters.
    expect(Buffer.from(a.state, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(a.codeChallenge).not.toBe(a.codeVerifier);
    expect(a.codeVerifier.length).toBeGreaterThanOrEqual(43);
  });

  it('consumes a state once; reuse is refused as reuse', async () => {
    const store = new PendingAuthorizations();
    const p = await store.start('dr-a', 'r');
    expect(store.consume(p.state, { doctorId: 'dr-a', redirectUri: 'r' })).toEqual(p);
    expect(reasonOf(() => store.consume(p.state))).toBe('state-reused');
  });

  it('refuses an unknown state and leaves the real one usable', async () => {
    const store = new PendingAuthorizations();
    const p = await store.start('dr-a', 'r');
    expect(reasonOf(() => store.consume('forged'))).toBe('unknown-state');
    expect(store.consume(p.state).doctorId).toBe('dr-a');
  });

  it('refuses another doctor\u2019s state without consuming it', async () => {
    const store = new PendingAuthorizations();
    const p = await store.start('dr-b', 'r');
    expect(reasonOf(() => store.consume(p.state, { doctorId: 'dr-a' }))).toBe('wrong-doctor');
    expect(store.consume(p.state, { doctorId: 'dr-b' }).doctorId).toBe('dr-b');
  });

  it('refuses a state delivered through a different redirect than it was issued for', async () => {
    const store = new PendingAuthorizations();
    const p = await store.start('dr-a', 'http://127.0.0.1:5/oauth/callback');
    expect(reasonOf(() => store.consume(p.state, { redirectUri: 'https://bridge/x' }))).toBe(
      'wrong-redirect',
    );
    expect(store.pendingFor('dr-a')).toEqual(p);
  });

  it('expires a state after its time-to-live', async () => {
    let t = 1_000_000;
    const store = new PendingAuthorizations({ now: () => t, ttlMs: 60_000 });
    const p = await store.start('dr-a', 'r');
    t += 60_000;
    expect(reasonOf(() => store.consume(p.state))).toBe('state-expired');
    expect(reasonOf(() => store.consume(p.state))).toBe('state-reused');
  });

  it('supersedes an older attempt of the same doctor', async () => {
    const store = new PendingAuthorizations();
    const first = await store.start('dr-a', 'r');
    const second = await store.start('dr-a', 'r');
    expect(reasonOf(() => store.consume(first.state))).toBe('state-reused');
    expect(store.consume(second.state).state).toBe(second.state);
  });
});
