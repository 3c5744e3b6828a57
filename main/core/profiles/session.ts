// Who is at the desk: front desk by default, or one doctor who unlocked their profile with a PIN.
// The doctor's profile locks itself after inactivity; repeated wrong PINs slow the next try.
import { AppError } from '../errors';

export type ActiveProfile = { role: 'front-desk' } | { role: 'doctor'; doctorId: string; lockAt: string };

export interface PinStore {
  getPinHash(doctorId: string): string | undefined;
  setPinHash(doctorId: string, hash: string): void;
}

export interface ProfileSessionOptions {
  pins: PinStore;
  hashPin(pin: string): Promise<string>;
  verifyPin(pin: string, hash: string): Promise<boolean>;
  autoLockMinutes: () => number;
  now?: () => number;
  onChange?: (profile: ActiveProfile) => void;
}

const MAX_FREE_ATTEMPTS = 5;
const LOCKOUT_MS = 60_000;

export class ProfileSession {
  private active: { doctorId: string; lockAt: number } | null = null;
  private failures = new Map<string, { count: number; until: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ProfileSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current profile; a doctor's profile past its lock time has already locked. */
  current(): ActiveProfile {
    if (this.active && this.now() >= this.active.lockAt) {
      this.active = null;
      this.options.onChange?.({ role: 'front-desk' });
    }
    if (!this.active) return { role: 'front-desk' };
    return {
      role: 'doctor',
      doctorId: this.active.doctorId,
      lockAt: new Date(this.active.lockAt).toISOString(),
    };
  }

  unlockedDoctorId(): string | null {
    const p = this.current();
    return p.role === 'doctor' ? p.doctorId : null;
  }

  async unlock(doctorId: string, pin: string): Promise<ActiveProfile> {
    const hash = this.options.pins.getPinHash(doctorId);
    if (!hash) throw new AppError('locked', 'This doctor has no PIN yet. Set one first.');
    const f = this.failures.get(doctorId);
    if (f && f.count >= MAX_FREE_ATTEMPTS && this.now() < f.until) {
      throw new AppError('locked', 'Too many wrong PINs. Wait a minute and try again.');
    }
    if (!(await this.options.verifyPin(pin, hash))) {
      const count = (f?.count ?? 0) + 1;
      this.failures.set(doctorId, { count, until: this.now() + LOCKOUT_MS });
      throw new AppError('locked', 'That PIN is not right.');
    }
    this.failures.delete(doctorId);
    this.active = { doctorId, lockAt: this.now() + this.options.autoLockMinutes() * 60_000 };
    const profile = this.current();
    this.options.onChange?.(profile);
    return profile;
  }

  lock(): ActiveProfile {
    const wasActive = this.active !== null;
    this.active = null;
    if (wasActive) this.options.onChange?.({ role: 'front-desk' });
    return { role: 'front-desk' };
  }

  /** Activity in the doctor's profile pushes the lock back. */
  touch(): ActiveProfile {
    const p = this.current();
    if (this.active) this.active.lockAt = this.now() + this.options.autoLockMinutes() * 60_000;
    return p.role === 'doctor' ? this.current() : p;
  }

  async setPin(doctorId: string, newPin: string, currentPin?: string): Promise<void> {
    const existing = this.options.pins.getPinHash(doctorId);
    if (existing) {
      // Changing a PIN needs the old one, or the doctor's own unlocked profile.
      const ownProfile = this.unlockedDoctorId() === doctorId;
      const oldOk = currentPin !== undefined && (await this.options.verifyPin(currentPin, existing));
      if (!ownProfile && !oldOk) throw new AppError('locked', 'Enter the current PIN to change it.');
    }
    this.options.pins.setPinHash(doctorId, await this.options.hashPin(newPin));
  }
}
