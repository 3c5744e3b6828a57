// Who is at the desk: front desk by default, one doctor who unlocked their profile with a PIN, or the
// clinic admin (IT or the practice manager) with the admin PIN or passphrase. An unlocked profile
// locks itself after inactivity. Wrong secrets are counted per profile in the database (so a
// restart keeps a lockout), and an attempt is reserved before the slow hash runs, one at a time per
// profile, so parallel guesses cannot outrun the count. The stores are the database's, so every
// read and write is awaited; a try's reservation is one atomic read-and-write, so two desktops on
// one clinic database cannot both take the same try.
import { KeyedLock } from '../connections/keyed-lock';
import { AppError } from '../errors';

/** Who asked (the dispatcher's checked caller). */
export type Caller = { role: 'front-desk' } | { role: 'doctor'; doctorId: string } | { role: 'admin' };

export type ActiveProfile =
  | { role: 'front-desk' }
  | { role: 'doctor'; doctorId: string; lockAt: string }
  | { role: 'admin'; lockAt: string };

export interface PinStore {
  getPinHash(doctorId: string): Promise<string | undefined>;
  setPinHash(doctorId: string, hash: string | null): Promise<void>;
  /** Every doctor with a PIN, in one read (a list of doctors); else each is asked on its own. */
  doctorsWithPin?(): Promise<Set<string>>;
  /** The admin secret's hash: IT's policy hash when given (read-only), else the one set here. */
  getAdminHash(): Promise<{ hash: string; byPolicy: boolean } | undefined>;
  setAdminHash(hash: string): Promise<void>;
}

/** Wrong tries per profile ('admin' or a doctor id), kept with the clinic's data. */
export interface AttemptStore {
  get(subject: string): Promise<Attempts | undefined>;
  put(subject: string, attempts: Attempts | null): Promise<void>;
  /**
   * Runs fn (a read of the count and the write of the reserved try) atomically: a database
   * transaction, so another desktop's try waits or runs again on the new count. fn awaits only
   * get and put. Without it, fn just runs (one process, serialised by the session's own lock).
   */
  atomically?<T>(fn: () => Promise<T>): Promise<T>;
}
export interface Attempts {
  /** Wrong (or unfinished) tries since the last right one. */
  failures: number;
  /** No try is verified before this time (ms). */
  waitUntil: number;
}

export interface ProfileSessionOptions {
  pins: PinStore;
  attempts: AttemptStore;
  hashPin(pin: string): Promise<string>;
  verifyPin(pin: string, hash: string): Promise<boolean>;
  autoLockMinutes: () => number;
  now?: () => number;
  onChange?: (profile: ActiveProfile) => void;
}

/** Five free tries, then a wait that doubles with each further wrong one: 1, 2, 4 … 60 minutes. */
export const FREE_ATTEMPTS = 5;
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(60, 2 ** (failures - FREE_ATTEMPTS)) * 60_000;
}

/** "2 minutes", "45 seconds": how long until the next try, in words. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

type Unlocked = { role: 'doctor'; doctorId: string; lockAt: number } | { role: 'admin'; lockAt: number };

export class ProfileSession {
  private active: Unlocked | null = null;
  private readonly verifying = new KeyedLock();
  private readonly now: () => number;

  constructor(private readonly options: ProfileSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current profile; one past its lock time has already locked. */
  current(): ActiveProfile {
    if (this.active && this.now() >= this.active.lockAt) {
      this.active = null;
      this.options.onChange?.({ role: 'front-desk' });
    }
    const a = this.active;
    if (!a) return { role: 'front-desk' };
    const lockAt = new Date(a.lockAt).toISOString();
    return a.role === 'doctor' ? { role: 'doctor', doctorId: a.doctorId, lockAt } : { role: 'admin', lockAt };
  }

  unlockedDoctorId(): string | null {
    const p = this.current();
    return p.role === 'doctor' ? p.doctorId : null;
  }

  async hasPin(doctorId: string): Promise<boolean> {
    return (await this.options.pins.getPinHash(doctorId)) !== undefined;
  }

  /** Which of these doctors have a PIN. */
  async withPin(doctorIds: readonly string[]): Promise<Set<string>> {
    const { pins } = this.options;
    if (pins.doctorsWithPin) {
      const all = await pins.doctorsWithPin();
      return new Set(doctorIds.filter((id) => all.has(id)));
    }
    const out = new Set<string>();
    for (const id of doctorIds) if (await this.hasPin(id)) out.add(id);
    return out;
  }

  async adminSecret(): Promise<{ set: boolean; byPolicy: boolean }> {
    const a = await this.options.pins.getAdminHash();
    return { set: a !== undefined, byPolicy: a?.byPolicy ?? false };
  }

  async unlock(doctorId: string, pin: string): Promise<ActiveProfile> {
    const hash = await this.options.pins.getPinHash(doctorId);
    if (!hash)
      throw new AppError('locked', 'This doctor has no PIN yet. The clinic admin sets the first one.');
    await this.check(doctorId, pin, hash, 'That PIN is not right.');
    return this.open({ role: 'doctor', doctorId, lockAt: 0 });
  }

  async unlockAdmin(secret: string): Promise<ActiveProfile> {
    const admin = await this.options.pins.getAdminHash();
    if (!admin) throw new AppError('locked', 'No admin PIN is set yet. Set one first.');
    await this.check('admin', secret, admin.hash, 'That admin PIN or passphrase is not right.');
    return this.open({ role: 'admin', lockAt: 0 });
  }

  lock(): ActiveProfile {
    const wasActive = this.active !== null;
    this.active = null;
    if (wasActive) this.options.onChange?.({ role: 'front-desk' });
    return { role: 'front-desk' };
  }

  /** Activity in an unlocked profile pushes the lock back. */
  touch(): ActiveProfile {
    const p = this.current();
    if (this.active) this.active.lockAt = this.now() + this.lockAfterMs();
    return p.role === 'front-desk' ? p : this.current();
  }

  /**
   * A doctor changes their own PIN with the current one (counted like an unlock); the admin sets
   * or resets any doctor's without it. Who is asking is the dispatcher's check; this one re-checks.
   */
  async setPin(doctorId: string, newPin: string, currentPin: string | undefined, by: Caller): Promise<void> {
    const existing = await this.options.pins.getPinHash(doctorId);
    if (by.role === 'admin') {
      await this.options.pins.setPinHash(doctorId, await this.options.hashPin(newPin));
      await this.options.attempts.put(doctorId, null);
      return;
    }
    if (by.role !== 'doctor' || by.doctorId !== doctorId || !existing) {
      throw new AppError('not-allowed', 'Only the clinic admin sets a doctor’s first PIN or resets one.');
    }
    if (currentPin === undefined) throw new AppError('locked', 'Enter the current PIN to change it.');
    await this.check(doctorId, currentPin, existing, 'The current PIN is not right.');
    await this.options.pins.setPinHash(doctorId, await this.options.hashPin(newPin));
  }

  /** A doctor removed: their PIN and its count go, and their profile locks if it was open. */
  async forgetDoctor(doctorId: string): Promise<void> {
    await this.options.pins.setPinHash(doctorId, null);
    await this.options.attempts.put(doctorId, null);
    if (this.unlockedDoctorId() === doctorId) this.lock();
  }

  /**
   * The first admin secret needs nothing (whoever sets up the desktop); changing it needs the admin
   * profile and the current one. A secret given by IT's policy is not changed here.
   */
  async setAdminSecret(
    newSecret: string,
    currentSecret: string | undefined,
    by: Caller,
  ): Promise<ActiveProfile> {
    const admin = await this.options.pins.getAdminHash();
    if (admin?.byPolicy) {
      throw new AppError('locked', 'The admin PIN is set by IT’s policy and cannot be changed here.');
    }
    if (admin) {
      if (by.role !== 'admin')
        throw new AppError('not-allowed', 'Only the clinic admin can change the admin PIN.');
      if (currentSecret === undefined)
        throw new AppError('locked', 'Enter the current admin PIN or passphrase to change it.');
      await this.check(
        'admin',
        currentSecret,
        admin.hash,
        'The current admin PIN or passphrase is not right.',
      );
    }
    await this.options.pins.setAdminHash(await this.options.hashPin(newSecret));
    return this.open({ role: 'admin', lockAt: 0 });
  }

  /**
   * One verification at a time per profile, and the try is counted before the hash runs: a crash
   * or a flood of parallel guesses can only use up tries, never skip the count.
   */
  private check(subject: string, secret: string, hash: string, wrong: string): Promise<void> {
    return this.verifying.run(subject, async () => {
      const { attempts } = this.options;
      const atomically = attempts.atomically?.bind(attempts) ?? (<T>(fn: () => Promise<T>) => fn());
      // Counted (and committed) before the hash runs.
      const failures = await atomically(async () => {
        const before = (await attempts.get(subject)) ?? { failures: 0, waitUntil: 0 };
        const left = before.waitUntil - this.now();
        if (left > 0) {
          throw new AppError('locked', `Too many wrong tries. Try again in ${waitInWords(left)}.`, {
            retryInMs: left,
          });
        }
        const n = before.failures + 1;
        await attempts.put(subject, { failures: n, waitUntil: this.now() + waitAfter(n) });
        return n;
      });
      if (await this.options.verifyPin(secret, hash)) {
        await attempts.put(subject, null);
        return;
      }
      const wait = waitAfter(failures);
      throw new AppError(
        'locked',
        wait > 0 ? `${wrong} Try again in ${waitInWords(wait)}.` : wrong,
        wait > 0 ? { retryInMs: wait } : {},
      );
    });
  }

  private open(u: Unlocked): ActiveProfile {
    this.active = { ...u, lockAt: this.now() + this.lockAfterMs() };
    const profile = this.current();
    this.options.onChange?.(profile);
    return profile;
  }

  private lockAfterMs(): number {
    return this.options.autoLockMinutes() * 60_000;
  }
}
