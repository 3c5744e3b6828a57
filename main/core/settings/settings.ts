// User settings (conf, a JSON file in the data folder) under the managed policy. A locked setting
// always reads the policy's value and cannot be changed; a corrupted file is set aside and
// reported, never silently reset.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { AppError } from '../errors';
import type { Policy } from './policy';
import { ClinicTimeZone, systemTimeZone } from './time-zone';

const UserSettings = z.object({
  clinicName: z.string().min(1).max(120).default('Our clinic'),
  clinicTimeZone: ClinicTimeZone.optional(),
  autoLockMinutes: z.number().int().min(1).max(240).default(10),
  redirectMode: z.enum(['loopback', 'scheme']).default('loopback'),
  zoomClientId: z.string().min(1).max(200).optional(),
});
type UserSettings = z.infer<typeof UserSettings>;

export interface EffectiveSettings {
  clinicName: string;
  clinicTimeZone: string;
  autoLockMinutes: number;
  redirectMode: 'loopback' | 'scheme';
  zoomClientId: string | undefined;
  locked: { clinicTimeZone: boolean; autoLockMinutes: boolean; zoomClientId: boolean; redirectMode: boolean };
}

export type SettingsPatch = Partial<
  Pick<UserSettings, 'clinicTimeZone' | 'autoLockMinutes' | 'redirectMode' | 'clinicName'>
>;

/** Settings of the clinic rather than of one desktop: shared by every desktop on a clinic server. */
export const SHARED_KEYS = ['clinicName', 'clinicTimeZone', 'autoLockMinutes'] as const;
type SharedKey = (typeof SHARED_KEYS)[number];
export type SharedValues = Partial<Pick<UserSettings, SharedKey>>;

/** Where the clinic's shared settings live (the clinic database); absent on a single desktop. */
export interface SharedSettingsPort {
  read(): Promise<Record<string, unknown>>;
  write(key: SharedKey, value: unknown): Promise<void>;
}

export class SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(
    dataDir: string,
    private readonly policy: Policy,
    private readonly now: () => number = Date.now,
  ) {
    this.conf = openConf(dataDir, now);
  }

  private shared: SharedSettingsPort | undefined;
  private sharedValues: SharedValues = {};

  /**
   * A clinic of desktops: the clinic's settings come from the shared database from now on. Values
   * the server does not have yet are taken from this desktop's file (the first desktop brings them).
   */
  async attachShared(port: SharedSettingsPort): Promise<void> {
    this.shared = port;
    const local = this.readLocal();
    const onServer = await port.read();
    for (const key of SHARED_KEYS) {
      if (onServer[key] === undefined && local[key] !== undefined && this.conf.has(key))
        await port.write(key, local[key]);
    }
    await this.refreshShared();
  }

  /** Reads the shared values again (another desktop changed them). */
  async refreshShared(): Promise<void> {
    if (!this.shared) return;
    const raw = await this.shared.read();
    const parsed = UserSettings.partial()
      .pick({ clinicName: true, clinicTimeZone: true, autoLockMinutes: true })
      .safeParse(raw);
    // A value the schema refuses (written by a newer app?) is ignored rather than trusted.
    this.sharedValues = parsed.success ? parsed.data : {};
    this.cached = undefined;
  }

  private read(): UserSettings {
    const local = this.readLocal();
    if (!this.shared) return local;
    const merged = { ...local };
    for (const key of SHARED_KEYS) {
      const value = this.sharedValues[key];
      (merged as Record<string, unknown>)[key] = value ?? UserSettings.shape[key].parse(undefined);
    }
    return merged;
  }

  private readLocal(): UserSettings {
    const parsed = UserSettings.safeParse(this.conf.store);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? '';
      throw new AppError(
        'internal',
        `The settings file ${this.conf.path} has an invalid value for "${field}".`,
      );
    }
    return parsed.data;
  }

  /**
   * Read once and kept: conf reads and parses the file on every access (about 0.1 ms), and every
   * day list asks for the clinic's zone. Only this process writes the file, through update().
   */
  private cached: EffectiveSettings | undefined;

  get(): EffectiveSettings {
    this.cached ??= this.effective();
    return this.cached;
  }

  private effective(): EffectiveSettings {
    const s = this.read();
    const p = this.policy;
    return {
      clinicName: s.clinicName,
      clinicTimeZone: p.clinicTimeZone ?? s.clinicTimeZone ?? systemTimeZone(),
      autoLockMinutes: p.autoLockMinutes ?? s.autoLockMinutes,
      redirectMode: p.redirectMode ?? s.redirectMode,
      zoomClientId: p.zoomClientId ?? s.zoomClientId,
      locked: {
        clinicTimeZone: p.clinicTimeZone !== undefined,
        autoLockMinutes: p.autoLockMinutes !== undefined,
        zoomClientId: p.zoomClientId !== undefined,
        redirectMode: p.redirectMode !== undefined,
      },
    };
  }

  /**
   * Applies a patch: the clinic's settings go to the shared database when there is one (every
   * desktop then reads them), this desktop's own to its file.
   */
  async apply(patch: SettingsPatch): Promise<EffectiveSettings> {
    if (!this.shared) return this.update(patch);
    this.check(patch);
    const local: SettingsPatch = {};
    for (const [k, v] of Object.entries(patch) as [keyof SettingsPatch, unknown][]) {
      if (v === undefined) continue;
      if ((SHARED_KEYS as readonly string[]).includes(k)) await this.shared.write(k as SharedKey, v);
      else (local as Record<string, unknown>)[k] = v;
    }
    for (const [k, v] of Object.entries(local)) this.conf.set(k, v);
    await this.refreshShared();
    return this.get();
  }

  private check(patch: SettingsPatch): void {
    const locked = this.get().locked;
    for (const key of Object.keys(patch) as (keyof SettingsPatch)[]) {
      if (key in locked && locked[key as keyof typeof locked]) {
        throw new AppError('locked', `Your IT department has locked the ${key} setting.`);
      }
    }
    const next = UserSettings.safeParse({ ...this.read(), ...patch });
    if (!next.success) {
      throw new AppError('invalid-request', `That setting is not valid: ${next.error.issues[0]?.message}`);
    }
  }

  /** This desktop's file only (a single desktop; see apply() for a clinic of desktops). */
  update(patch: SettingsPatch): EffectiveSettings {
    this.check(patch);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.conf.set(k, v);
    this.cached = undefined;
    return this.get();
  }
}

function openConf(dataDir: string, now: () => number): Conf<Record<string, unknown>> {
  const options = {
    cwd: dataDir,
    configName: 'settings',
    projectName: 'clinic-companion',
    // Only the OS user who runs the app reads the clinic's settings.
    configFileMode: 0o600,
  } as const;
  try {
    return new Conf<Record<string, unknown>>(options);
  } catch (e) {
    const file = path.join(dataDir, 'settings.json');
    if (!existsSync(file)) throw e;
    const aside = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    throw new AppError(
      'internal',
      `The settings file was damaged and has been set aside as ${path.basename(aside)}. ` +
        'Restart the companion to continue with default settings, or ask IT to restore the file.',
      { file: aside },
    );
  }
}
