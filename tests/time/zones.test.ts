import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../main/core/settings/settings';
import { ClinicTimeZone } from '../../main/core/settings/time-zone';
import { listTimeZones, timeZoneProblem, zoneInWords } from '../../main/core/time/zones';

describe('clinic time zones', () => {
  it('lists every zone once, UTC first, each searchable by city, region and name', () => {
    const zones = listTimeZones(new Date('2026-01-15T12:00:00Z'));
    expect(zones[0]?.id).toBe('UTC');
    expect(new Set(zones.map((z) => z.id)).size).toBe(zones.length);
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.find((z) => z.id === 'Europe/Berlin')?.label).toBe(
      'Berlin (Europe) · Central European Time · GMT+01:00',
    );
    expect(zones.find((z) => z.id === 'America/New_York')?.label).toMatch(
      /New York \(America\) · Eastern Time/,
    );
  });

  it('says in words what is wrong with a zone that is not one, and suggests the ones meant', () => {
    expect(timeZoneProblem('Europe/Berlin')).toBeUndefined();
    expect(timeZoneProblem('UTC')).toBeUndefined();
    expect(timeZoneProblem('Berlin')).toBe(
      '“Berlin” is not a time zone name the companion knows. Did you mean Europe/Berlin?',
    );
    expect(timeZoneProblem('+02:00')).toMatch(/offset from UTC, not a time zone/);
    expect(timeZoneProblem('Mars/Olympus')).toMatch(/not a time zone name.*e\.g\. Europe\/Berlin/);
    expect(timeZoneProblem('')).toMatch(/Choose/);
  });

  it('the settings schema refuses with those words, never "Invalid input"', () => {
    const r = ClinicTimeZone.safeParse('new york');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Did you mean America\/New_York/);
    expect(ClinicTimeZone.safeParse('America/New_York').success).toBe(true);
    const store = new SettingsStore(mkdtempSync(join(tmpdir(), 'zones-')), {});
    expect(() => store.update({ clinicTimeZone: 'Berlin' })).toThrow(
      'That setting is not valid: “Berlin” is not a time zone name the companion knows. Did you mean Europe/Berlin?',
    );
    expect(store.update({ clinicTimeZone: 'Europe/Berlin' }).clinicTimeZone).toBe('Europe/Berlin');
  });

  it('names a zone once in words', () => {
    const jan = new Date('2026-01-15T12:00:00Z');
    expect(zoneInWords('Europe/Berlin', jan)).toBe('Central European Time (Berlin)');
    expect(zoneInWords('UTC', jan)).toBe('Coordinated Universal Time');
    expect(zoneInWords('Asia/Kolkata', jan)).toBe('India Standard Time (Kolkata)');
  });
});
