import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../main/core/profiles/pin';
import { type ActiveProfile, ProfileSession } from '../../main/core/profiles/session';

function setup() {
  const hashes = new Map<string, string>();
  let t = Date.parse('2026-03-02T09:00:00Z');
  const changes: ActiveProfile[] = [];
  const session = new ProfileSession({
    pins: { getPinHash: (id) => hashes.get(id), setPinHash: (id, h) => hashes.set(id, h) },
    hashPin,
    verifyPin,
    autoLockMinutes: () => 10,
    now: () => t,
    onChange: (p) => changes.push(p),
  });
  return { session, hashes, changes, advance: (ms: number) => (t += ms) };
}

describe('doctor PINs', () => {
  it('are stored as a salted scrypt hash, never as the PIN', async () => {
    const a = await hashPin('4821');
    const b = await hashPin('4821');
    expect(a).not.toContain('4821');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPin('4821', a)).toBe(true);
    expect(await verifyPin('4822', a)).toBe(false);
    expect(await verifyPin('4821', 'garbage')).toBe(false);
  });
});

describe('profile session', () => {
  it('starts at the front desk and unlocks a doctor only with the right PIN', async () => {
    const { session } = setup();
    expect(session.current()).toEqual({ role: 'front-desk' });
    await session.setPin('doc-1', '1234');
    await expect(session.unlock('doc-1', '9999')).rejects.toMatchObject({ kind: 'locked' });
    expect(session.unlockedDoctorId()).toBeNull();
    const p = await session.unlock('doc-1', '1234');
    expect(p).toMatchObject({ role: 'doctor', doctorId: 'doc-1' });
  });

  it('refuses to unlock a doctor who has no PIN', async () => {
    const { session } = setup();
    await expect(session.unlock('doc-2', '1234')).rejects.toThrow(/no PIN yet/);
  });

  it('locks itself after inactivity, and activity pushes the lock back', async () => {
    const { session, advance, changes } = setup();
    await session.setPin('doc-1', '1234');
    await session.unlock('doc-1', '1234');
    advance(9 * 60_000);
    session.touch();
    advance(9 * 60_000);
    expect(session.unlockedDoctorId()).toBe('doc-1');
    advance(60_001);
    expect(session.current()).toEqual({ role: 'front-desk' });
    expect(changes.at(-1)).toEqual({ role: 'front-desk' });
  });

  it('slows down guessing after five wrong PINs', async () => {
    const { session, advance } = setup();
    await session.setPin('doc-1', '1234');
    for (let i = 0; i < 5; i++) await expect(session.unlock('doc-1', '0000')).rejects.toThrow(/not right/);
    await expect(session.unlock('doc-1', '1234')).rejects.toThrow(/Too many/);
    advance(61_000);
    await expect(session.unlock('doc-1', '1234')).resolves.toMatchObject({ role: 'doctor' });
  });

  it('changing a PIN needs the current PIN unless the doctor is unlocked', async () => {
    const { session } = setup();
    await session.setPin('doc-1', '1234');
    await expect(session.setPin('doc-1', '5555')).rejects.toMatchObject({ kind: 'locked' });
    await session.setPin('doc-1', '5555', '1234');
    await session.unlock('doc-1', '5555');
    await session.setPin('doc-1', '7777');
    session.lock();
    expect(session.current()).toEqual({ role: 'front-desk' });
    await expect(session.setPin('doc-1', '1111')).rejects.toMatchObject({ kind: 'locked' });
    await expect(session.unlock('doc-1', '7777')).resolves.toMatchObject({ doctorId: 'doc-1' });
  });

  it('lock() hands the desk back to the front desk at once, and says so', async () => {
    const { session, changes } = setup();
    await session.setPin('doc-1', '1234');
    await session.unlock('doc-1', '1234');
    expect(session.lock()).toEqual({ role: 'front-desk' });
    expect(session.current()).toEqual({ role: 'front-desk' });
    expect(session.unlockedDoctorId()).toBeNull();
    expect(changes.at(-1)).toEqual({ role: 'front-desk' });
  });
});
