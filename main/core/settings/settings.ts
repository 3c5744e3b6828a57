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

export class SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(
    dataDir: string,
    private readonly policy: Policy,
    private readonly now: () => number = Date.now,
  ) {
    this.conf = openConf(dataDir, now);
  }

  private read(): UserSettings {
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

  update(patch: SettingsPatch): EffectiveSettings {
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
