import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../main/core/profiles/pin';
import {
  type ActiveProfile,
  type Attempts,
  type Caller,
  ProfileSession,
  waitAfter,
  waitInWords,
} from '../../main/core/profiles/session';

const ADMIN: Caller = { role: 'admin' };
const doctor = (doctorId: string): Caller => ({ role: 'doctor', doctorId });
const DESK: Caller = { role: 'front-desk' };

/** A session over stores a test can keep across "restarts" (a new session on the same maps). */
function setup(
  o: {
    hashes?: Map<string, string>;
    attempts?: Map<string, Attempts>;
    at?: { t: number };
    policyAdminHash?: string;
    verifies?: { n: number };
    /** Gives the attempts store an atomic unit, and logs it with each read and write of the count. */
    log?: string[];
  } = {},
) {
  const hashes = o.hashes ?? new Map<string, string>();
  const attempts = o.attempts ?? new Map<string, Attempts>();
  const at = o.at ?? { t: Date.parse('2026-03-02T09:00:00Z') };
  const changes: ActiveProfile[] = [];
  const session = new ProfileSession({
    pins: {
      getPinHash: async (id) => hashes.get(id),
      setPinHash: async (id, h) => {
        if (h === null) hashes.delete(id);
        else hashes.set(id, h);
      },
      getAdminHash: async () =>
        o.policyAdminHash
          ? { hash: o.policyAdminHash, byPolicy: true }
          : hashes.has('admin')
            ? { hash: hashes.get('admin')!, byPolicy: false }
            : undefined,
      setAdminHash: async (h) => {
        hashes.set('admin', h);
      },
    },
    attempts: {
      get: async (s) => {
        o.log?.push('get');
        return attempts.get(s);
      },
      put: async (s, a) => {
        o.log?.push(a === null ? 'clear' : `put ${a.failures}`);
        if (a === null) attempts.delete(s);
        else attempts.set(s, a);
      },
      ...(o.log
        ? {
            atomically: async <T>(fn: () => Promise<T>) => {
              o.log!.push('begin');
              try {
                return await fn();
              } finally {
                o.log!.push('end');
              }
            },
          }
        : {}),
    },
    hashPin,
    verifyPin: async (pin, hash) => {
      if (o.verifies) o.verifies.n++;
      return verifyPin(pin, hash);
    },
    autoLockMinutes: () => 10,
    now: () => at.t,
    onChange: (p) => changes.push(p),
  });
  return { session, hashes, attempts, at, changes, advance: (ms: number) => (at.t += ms) };
}

describe('doctor PINs', () => {
  it('are stored as a salted scrypt hash, never as the PIN', async () => {
    const a = await hashPin('482100');
    const b = await hashPin('482100');
    expect(a).not.toContain('482100');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPin('482100', a)).toBe(true);
    expect(await verifyPin('482101', a)).toBe(false);
    expect(await verifyPin('482100', 'garbage')).toBe(false);
  });
});

describe('profile session', () => {
  it('starts at the front desk and unlocks a doctor only with the right PIN', async () => {
    const { session } = setup();
    expect(session.current()).toEqual({ role: 'front-desk' });
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    await expect(session.unlock('doc-1', '999999')).rejects.toMatchObject({ kind: 'locked' });
    expect(session.unlockedDoctorId()).toBeNull();
    const p = await session.unlock('doc-1', '123456');
    expect(p).toMatchObject({ role: 'doctor', doctorId: 'doc-1' });
  });

  it('says which doctors have a PIN', async () => {
    const { session } = setup();
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    await session.setPin('doc-3', '654321', undefined, ADMIN);
    expect(await session.withPin(['doc-1', 'doc-2', 'doc-3'])).toEqual(new Set(['doc-1', 'doc-3']));
    await session.forgetDoctor('doc-3');
    expect(await session.withPin(['doc-1', 'doc-2', 'doc-3'])).toEqual(new Set(['doc-1']));
  });

  it('refuses to unlock a doctor who has no PIN', async () => {
    const { session } = setup();
    await expect(session.unlock('doc-2', '123456')).rejects.toThrow(/no PIN yet/);
  });

  it('locks itself after inactivity, and activity pushes the lock back', async () => {
    const { session, advance, changes } = setup();
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    await session.unlock('doc-1', '123456');
    advance(9 * 60_000);
    session.touch();
    advance(9 * 60_000);
    expect(session.unlockedDoctorId()).toBe('doc-1');
    advance(60_001);
    expect(session.current()).toEqual({ role: 'front-desk' });
    expect(changes.at(-1)).toEqual({ role: 'front-desk' });
  });

  it('lock() hands the desk back to the front desk at once, and says so', async () => {
    const { session, changes } = setup();
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    await session.unlock('doc-1', '123456');
    expect(session.lock()).toEqual({ role: 'front-desk' });
    expect(session.current()).toEqual({ role: 'front-desk' });
    expect(session.unlockedDoctorId()).toBeNull();
    expect(changes.at(-1)).toEqual({ role: 'front-desk' });
  });
});

describe('PINs that hold', () => {
  it('five free tries, then a wait that doubles, said in words', () => {
    expect([4, 5, 6, 7, 12].map(waitAfter)).toEqual([0, 60_000, 120_000, 240_000, 3_600_000]);
    expect(waitInWords(45_000)).toBe('45 seconds');
    expect(waitInWords(61_000)).toBe('2 minutes');
    expect(waitInWords(60_000)).toBe('1 minute');
  });

  it('400 parallel wrong unlocks: five are verified, the rest refused with the wait, and the right PIN waits too', async () => {
    const verifies = { n: 0 };
    const { session, attempts, advance } = setup({ verifies });
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    const results = await Promise.allSettled(
      Array.from({ length: 400 }, (_, i) => session.unlock('doc-1', String(100000 + i + 1))),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // One verification at a time, each counted before it ran: the count stopped the rest.
    expect(verifies.n).toBe(5);
    const messages = results.map((r) => (r as PromiseRejectedResult).reason.message as string);
    expect(messages.filter((m) => /Too many wrong tries\. Try again in 1 minute\./.test(m))).toHaveLength(
      395,
    );
    expect(attempts.get('doc-1')?.failures).toBe(5);
    await expect(session.unlock('doc-1', '123456')).rejects.toThrow(/Too many wrong tries/);
    advance(60_001);
    await expect(session.unlock('doc-1', '123456')).resolves.toMatchObject({ role: 'doctor' });
    expect(attempts.get('doc-1')).toBeUndefined();
  });

  it('a restart keeps the lockout: the count lives in the store, not in the session', async () => {
    const stores = setup();
    await stores.session.setPin('doc-1', '123456', undefined, ADMIN);
    for (let i = 0; i < 5; i++) await expect(stores.session.unlock('doc-1', '000000')).rejects.toThrow();
    const restarted = setup({ hashes: stores.hashes, attempts: stores.attempts, at: stores.at });
    await expect(restarted.session.unlock('doc-1', '123456')).rejects.toThrow(/Too many wrong tries/);
  });

  it('a crash during the slow hash still counts the try (it is reserved first)', async () => {
    const { session, attempts } = setup();
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    // What the store holds while a verification runs (the moment a crash would hit): counted.
    const racing = session.unlock('doc-1', '000000').catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    const during = attempts.get('doc-1');
    await racing;
    expect(during?.failures).toBe(1);
  });

  it('the count is read and the try reserved in one atomic unit of the store, before the hash runs', async () => {
    const log: string[] = [];
    const verifies = { n: 0 };
    const { session } = setup({ log, verifies });
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    log.length = 0;
    await expect(session.unlock('doc-1', '000000')).rejects.toThrow(/not right/);
    expect(log).toEqual(['begin', 'get', 'put 1', 'end']);
    log.length = 0;
    await session.unlock('doc-1', '123456');
    expect(log).toEqual(['begin', 'get', 'put 2', 'end', 'clear']);
    expect(verifies.n).toBe(2);
  });

  it('changing a PIN: a doctor needs their current one (guesses counted), front desk cannot, the admin resets', async () => {
    const verifies = { n: 0 };
    const { session } = setup({ verifies });
    await expect(session.setPin('doc-1', '123456', undefined, DESK)).rejects.toMatchObject({
      kind: 'not-allowed',
    });
    await session.setPin('doc-1', '123456', undefined, ADMIN);
    await expect(session.setPin('doc-1', '555555', undefined, doctor('doc-1'))).rejects.toMatchObject({
      kind: 'locked',
    });
    await expect(session.setPin('doc-1', '555555', '123456', doctor('doc-2'))).rejects.toMatchObject({
      kind: 'not-allowed',
    });
    // Guessing the current PIN through a change is limited like an unlock.
    verifies.n = 0;
    const guesses = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        session.setPin('doc-1', '777777', String(200000 + i), doctor('doc-1')),
      ),
    );
    expect(guesses.every((g) => g.status === 'rejected')).toBe(true);
    expect(verifies.n).toBe(5);
    await expect(session.unlock('doc-1', '123456')).rejects.toThrow(/Too many wrong tries/);
    // The admin resets it (no current PIN), which also clears the count.
    await session.setPin('doc-1', '246813', undefined, ADMIN);
    await expect(session.unlock('doc-1', '246813')).resolves.toMatchObject({ doctorId: 'doc-1' });
  });

  it('the first admin secret is set by whoever sets up the desk; after that only the admin changes it', async () => {
    const { session } = setup();
    expect(await session.adminSecret()).toEqual({ set: false, byPolicy: false });
    await expect(session.unlockAdmin('anything')).rejects.toThrow(/No admin PIN/);
    expect(await session.setAdminSecret('909090', undefined, DESK)).toMatchObject({ role: 'admin' });
    session.lock();
    await expect(session.setAdminSecret('111111', undefined, DESK)).rejects.toMatchObject({
      kind: 'not-allowed',
    });
    await expect(session.unlockAdmin('909091')).rejects.toThrow(/not right/);
    await session.unlockAdmin('909090');
    await expect(session.setAdminSecret('111111', '000000', ADMIN)).rejects.toThrow(/current admin PIN/);
    await session.setAdminSecret('correct horse battery', '909090', ADMIN);
    session.lock();
    await expect(session.unlockAdmin('correct horse battery')).resolves.toMatchObject({ role: 'admin' });
  });

  it('an admin secret from IT’s policy unlocks the admin and cannot be changed here', async () => {
    const { session } = setup({ policyAdminHash: await hashPin('it-set-secret') });
    expect(await session.adminSecret()).toEqual({ set: true, byPolicy: true });
    await expect(session.setAdminSecret('909090', undefined, DESK)).rejects.toThrow(/IT’s policy/);
    await expect(session.unlockAdmin('it-set-secret')).resolves.toMatchObject({ role: 'admin' });
  });
});
