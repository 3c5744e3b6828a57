import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../main/core/settings/settings';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cc-settings-'));

describe('settings', () => {
  it('persist what the user changes', () => {
    const d = dir();
    new SettingsStore(d, {}).update({ clinicTimeZone: 'America/New_York', autoLockMinutes: 15 });
    const s = new SettingsStore(d, {}).get();
    expect(s).toMatchObject({
      clinicTimeZone: 'America/New_York',
      autoLockMinutes: 15,
      redirectMode: 'loopback',
    });
    expect(s.locked.clinicTimeZone).toBe(false);
  });

  it('show a policy-locked setting as locked with the policy value, and refuse to change it', () => {
    const d = dir();
    const store = new SettingsStore(d, { clinicTimeZone: 'Europe/Berlin' });
    expect(store.get()).toMatchObject({ clinicTimeZone: 'Europe/Berlin', locked: { clinicTimeZone: true } });
    expect(() => store.update({ clinicTimeZone: 'UTC' })).toThrow(/locked/);
    expect(store.update({ autoLockMinutes: 3 }).autoLockMinutes).toBe(3);
  });

  it('refuse an invalid value and keep the old one', () => {
    const store = new SettingsStore(dir(), {});
    expect(() => store.update({ clinicTimeZone: 'Nowhere/Else' })).toThrow(/not valid/);
    expect(store.get().clinicTimeZone).not.toBe('Nowhere/Else');
  });

  it('set a corrupted settings file aside and say so, never resetting it silently', () => {
    const d = dir();
    writeFileSync(path.join(d, 'settings.json'), '{"clinicTimeZone": "Europe/Ber');
    expect(() => new SettingsStore(d, {})).toThrow(/damaged.*set aside/);
    expect(existsSync(path.join(d, 'settings.json'))).toBe(false);
    expect(readdirSync(d).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});
