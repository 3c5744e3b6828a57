import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, policyPath } from '../../main/core/settings/policy';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cc-policy-'));

describe('managed policy', () => {
  it('lives in the machine-wide location of each OS', () => {
    expect(policyPath('linux', {})).toBe('/etc/clinic-companion/policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/Clinic Companion/policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Clinic Companion\\policy.json');
    expect(policyPath('linux', { CLINIC_COMPANION_POLICY: '/tmp/p.json' })).toBe('/tmp/p.json');
  });

  it('is optional: no file means nothing is locked', () => {
    expect(loadPolicy(path.join(dir(), 'policy.json'))).toMatchObject({ found: false });
  });

  it('reads a valid file', () => {
    const file = path.join(dir(), 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({ clinicTimeZone: 'Europe/Berlin', autoLockMinutes: 5, redirectMode: 'scheme' }),
    );
    expect(loadPolicy(file)).toEqual({
      found: true,
      path: file,
      policy: { clinicTimeZone: 'Europe/Berlin', autoLockMinutes: 5, redirectMode: 'scheme' },
    });
  });

  it.each([
    ['{"autoLockMinutes": 5,', /not valid JSON/],
    ['{"clinicTimeZone": "Mars/Base"}', /"clinicTimeZone".*IANA/],
    ['{"autoLockMinutes": "5"}', /"autoLockMinutes"/],
    ['{"bridgeUrl": "http://clinic.example/bridge"}', /"bridgeUrl"/],
    ['{"autolock": 5}', /"autolock"/],
  ])('a broken file %s stops with the file and the field named', (text, message) => {
    const file = path.join(dir(), 'policy.json');
    writeFileSync(file, text);
    expect(() => loadPolicy(file)).toThrow(message);
    expect(() => loadPolicy(file)).toThrow(file);
  });
});
