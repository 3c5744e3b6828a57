import { describe, expect, it } from 'vitest';
import { electronAppPaths } from '../../main/core/deploy/app-paths';
import { cliRun } from '../../main/core/deploy/check-args';

describe('command line', () => {
  it('starts the app unless IT asks for the check or a diagnostics export', () => {
    expect(cliRun(['/opt/Clinic Companion/clinic-companion'])).toEqual({ kind: 'app' });
    expect(cliRun(['clinic-companion', 'com.cliniccompanion.app://oauth/callback?code=a&state=b'])).toEqual({
      kind: 'app',
    });
    expect(cliRun(['clinic-companion', '--check'])).toEqual({ kind: 'check' });
    expect(cliRun(['clinic-companion', '--export-diagnostics=/tmp/out'])).toEqual({
      kind: 'export-diagnostics',
      targetDir: '/tmp/out',
    });
    expect(cliRun(['clinic-companion', '--export-diagnostics'])).toMatchObject({ kind: 'usage-error' });
    expect(cliRun(['clinic-companion', '--export-diagnostics='])).toMatchObject({ kind: 'usage-error' });
  });

  it("knows Electron's data and log folders on each OS", () => {
    expect(electronAppPaths('linux', '/home/ann', {})).toEqual({
      dataDir: '/home/ann/.config/Clinic Companion',
      logDir: '/home/ann/.config/Clinic Companion/logs',
    });
    expect(electronAppPaths('darwin', '/Users/ann', {})).toEqual({
      dataDir: '/Users/ann/Library/Application Support/Clinic Companion',
      logDir: '/Users/ann/Library/Logs/Clinic Companion',
    });
    expect(
      electronAppPaths('win32', 'C:\\Users\\ann', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }),
    ).toEqual({
      dataDir: 'C:\\Users\\ann\\AppData\\Roaming\\Clinic Companion',
      logDir: 'C:\\Users\\ann\\AppData\\Roaming\\Clinic Companion\\logs',
    });
  });
});
