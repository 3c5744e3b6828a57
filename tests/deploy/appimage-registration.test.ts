import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPIMAGE_DESKTOP_FILE,
  appImageDesktopEntry,
  appImageRegistration,
  execArgument,
  needsRegistration,
  schemeRegistrar,
} from '../../main/core/deploy/appimage-registration';
import { APP_URL_SCHEME } from '../../main/core/security';

const hasXdgMime = (() => {
  try {
    execFileSync('xdg-mime', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('AppImage scheme registration', () => {
  it('writes a hidden handler entry whose Exec is the AppImage path with %U', () => {
    expect(appImageDesktopEntry('/home/ann/Apps/Clinic-Companion-0.1.0-x86_64.AppImage')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Clinic Companion',
        'Comment=Opens Zoom sign-ins forwarded to Clinic Companion',
        'Exec=/home/ann/Apps/Clinic-Companion-0.1.0-x86_64.AppImage %U',
        'Terminal=false',
        'NoDisplay=true',
        `MimeType=x-scheme-handler/${APP_URL_SCHEME};`,
        'Categories=Office;',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['/home/ann/My Apps/cc.AppImage', '"/home/ann/My Apps/cc.AppImage"'],
    ['/home/ann/$HOME/cc.AppImage', '"/home/ann/\\\\$HOME/cc.AppImage"'],
    ['/home/ann/a"b/cc.AppImage', '"/home/ann/a\\\\"b/cc.AppImage"'],
    ['/home/ann/100%/cc.AppImage', '"/home/ann/100%%/cc.AppImage"'],
  ])('quotes and escapes %s for the Exec line', (file, exec) => {
    expect(execArgument(file)).toBe(exec);
  });

  it('refuses a path with a line break, which would inject keys into the file', () => {
    expect(() => execArgument('/tmp/x\nExec=/bin/evil')).toThrow(/cannot be used/);
  });

  it('applies only to AppImage runs on Linux, in the XDG data folder', () => {
    expect(appImageRegistration({ platform: 'linux', env: {}, home: '/home/ann' })).toBeNull();
    expect(
      appImageRegistration({ platform: 'win32', env: { APPIMAGE: '/x.AppImage' }, home: 'C:\\' }),
    ).toBeNull();
    expect(
      appImageRegistration({ platform: 'linux', env: { APPIMAGE: 'rel.AppImage' }, home: '/h' }),
    ).toBeNull();
    const r = appImageRegistration({
      platform: 'linux',
      env: { APPIMAGE: '/opt/cc.AppImage' },
      home: '/home/ann',
    });
    expect(r?.desktopFilePath).toBe(`/home/ann/.local/share/applications/${APPIMAGE_DESKTOP_FILE}`);
    expect(r?.commands).toEqual([
      {
        file: 'xdg-mime',
        args: ['default', APPIMAGE_DESKTOP_FILE, `x-scheme-handler/${APP_URL_SCHEME}`],
        optional: false,
      },
      { file: 'update-desktop-database', args: ['/home/ann/.local/share/applications'], optional: true },
    ]);
    const xdg = appImageRegistration({
      platform: 'linux',
      env: { APPIMAGE: '/opt/cc.AppImage', XDG_DATA_HOME: '/data' },
      home: '/home/ann',
    });
    expect(xdg?.desktopFilePath).toBe(`/data/applications/${APPIMAGE_DESKTOP_FILE}`);
  });

  it('registers at first start and again only when the AppImage moved', () => {
    const at = (p: string) => appImageRegistration({ platform: 'linux', env: { APPIMAGE: p }, home: '/h' })!;
    expect(needsRegistration(null, at('/a.AppImage'))).toBe(true);
    expect(needsRegistration(at('/a.AppImage').content, at('/a.AppImage'))).toBe(false);
    expect(needsRegistration(at('/a.AppImage').content, at('/b.AppImage'))).toBe(true);
  });

  it("leaves other installs to Electron's own registration", () => {
    expect(schemeRegistrar('linux', { APPIMAGE: '/a.AppImage' })).toBe('appimage-desktop-file');
    expect(schemeRegistrar('linux', {})).toBe('electron');
    expect(schemeRegistrar('win32', { APPIMAGE: '/a.AppImage' })).toBe('electron');
  });

  it.skipIf(!hasXdgMime)('makes the written file the default handler with the real xdg-mime', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cc-xdg-'));
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_DIRS: path.join(home, 'data'),
    };
    const plan = appImageRegistration({
      platform: 'linux',
      env: { ...env, APPIMAGE: '/opt/My Apps/cc.AppImage' },
      home,
    })!;
    mkdirSync(path.dirname(plan.desktopFilePath), { recursive: true });
    mkdirSync(env.XDG_CONFIG_HOME, { recursive: true });
    writeFileSync(plan.desktopFilePath, plan.content);
    const [xdgMime] = plan.commands;
    execFileSync(xdgMime!.file, xdgMime!.args, { env });
    const handler = execFileSync('xdg-mime', ['query', 'default', `x-scheme-handler/${APP_URL_SCHEME}`], {
      env,
      encoding: 'utf8',
    });
    expect(handler.trim()).toBe(APPIMAGE_DESKTOP_FILE);
  });
});
