import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { APP_URL_SCHEME } from '../../main/core/security';
import { type BuilderConfig, builderSchemaErrors, loadBuilderConfig } from './builder-config';

const require = createRequire(import.meta.url);
const config = loadBuilderConfig();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(builderSchemaErrors(config)).toEqual([]);
  });

  it('fails the schema when broken', () => {
    expect(builderSchemaErrors({ ...config, asar: 'yes' })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, appIdentifier: 'x' })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, electronFuses: { runAsNode: 'no' } })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, protocols: [{ schemes: [APP_URL_SCHEME] }] })).not.toEqual([]);
  });

  it('names the app by its reverse-DNS id and registers the callback scheme with the OS', () => {
    expect(config.appId).toBe('com.cliniccompanion.app');
    expect(config.productName).toBe('Clinic Companion');
    expect(config.protocols).toEqual([{ name: expect.any(String), schemes: [APP_URL_SCHEME] }]);
    const linux = config.linux as { desktop: { entry: Record<string, string> } };
    expect(linux.desktop.entry.MimeType).toBe(`x-scheme-handler/${APP_URL_SCHEME};`);
  });

  it('ships only the built app inside an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**/*', 'package.json', '!**/*.map', '!**/*.ts']);
  });

  it('flips the fuses that stop the binary being used as a generic Node or loading code from outside the asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    } satisfies BuilderConfig);
  });

  it('makes Windows updates verify the publisher of their signature (an unsigned update is refused)', () => {
    const win = config.win as {
      signtoolOptions?: { publisherName?: unknown };
      verifyUpdateCodeSignature?: unknown;
    };
    expect(win.verifyUpdateCodeSignature).not.toBe(false);
    expect(win.signtoolOptions?.publisherName).toEqual(expect.stringMatching(/\S/));
  });
});

describe('installers IT deploys', () => {
  const targets = (platform: string) =>
    ((config[platform] as { target: { target: string; arch: string[] }[] }).target ?? []).map(
      (t) => t.target,
    );

  it('builds NSIS and MSI for Windows, dmg and zip for macOS, AppImage and deb for Linux', () => {
    expect(targets('win')).toEqual(['nsis', 'msi']);
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });

  it('names every artifact with its version and architecture', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's own macro syntax
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
  });

  it('lets NSIS install for all users (silent: /S /allusers) and registers the scheme for that scope', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      include: 'build/installer.nsh',
    });
    const nsh = readFileSync('build/installer.nsh', 'utf8');
    expect(nsh).toContain(`WriteRegStr SHCTX "Software\\Classes\\${APP_URL_SCHEME}" "URL Protocol" ""`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an NSIS define, not a JS template
    expect(nsh).toContain('"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"');
    expect(nsh).toContain(`DeleteRegKey SHCTX "Software\\Classes\\${APP_URL_SCHEME}"`);
    expect(config.msi).toMatchObject({ perMachine: true });
  });

  it('signs macOS with the hardened runtime and the entitlements file, and notarizes in afterSign', () => {
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      notarize: false,
    });
    expect(readFileSync('build/entitlements.mac.plist', 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(config.afterSign).toBe('scripts/notarize.cjs');
  });

  it('ships icons in every format: 1024 px PNG, ICNS, ICO and the Linux size set', () => {
    const pngSize = (file: string) => {
      const b = readFileSync(file);
      expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    expect(pngSize('build/icon.png')).toEqual([1024, 1024]);
    for (const s of [16, 32, 48, 64, 128, 256, 512])
      expect(pngSize(`build/icons/${s}x${s}.png`)).toEqual([s, s]);
    expect(readFileSync('build/icon.icns').subarray(0, 4).toString('latin1')).toBe('icns');
    expect(readFileSync('build/icon.ico').readUInt16LE(2)).toBe(1);
    expect(config.mac).toMatchObject({ icon: 'build/icon.icns' });
    expect(config.win).toMatchObject({ icon: 'build/icon.ico' });
    expect(config.linux).toMatchObject({ icon: 'build/icons' });
  });

  it('gives Linux a desktop name Electron uses as the app id', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { desktopName: string };
    expect(pkg.desktopName).toBe('clinic-companion.desktop');
    expect(config.linux).toMatchObject({ executableName: 'clinic-companion', syncDesktopName: true });
  });

  it('skips notarization with a clear message when no Apple credentials are set (the hook really runs)', () => {
    const script =
      "require('./scripts/notarize.cjs').default({electronPlatformName:'darwin',appOutDir:'/tmp',packager:{appInfo:{productFilename:'Clinic Companion'}}}).then((r)=>console.log('result:'+r))";
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APPLE_')));
    const out = execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    expect(out).toMatch(
      /^Notarization skipped: no Apple credentials in the environment\. Set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID/,
    );
    expect(out).toContain('result:skipped');
    const linux = execFileSync(process.execPath, ['-e', script.replace("'darwin'", "'linux'")], {
      env,
      encoding: 'utf8',
    });
    expect(linux).toBe('result:not-mac\n');
  });

  it('finds notarytool credentials in either form and never half a set', () => {
    const { notaryCredentials } = require('../../scripts/notarize.cjs') as {
      notaryCredentials(env: Record<string, string>): Record<string, string> | null;
    };
    expect(
      notaryCredentials({ APPLE_ID: 'it@clinic.test', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' }),
    ).toEqual({
      appleId: 'it@clinic.test',
      appleIdPassword: 'x',
      teamId: 'T',
    });
    expect(
      notaryCredentials({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' }),
    ).toEqual({
      appleApiKey: '/k.p8',
      appleApiKeyId: 'K',
      appleApiIssuer: 'I',
    });
    expect(notaryCredentials({ APPLE_ID: 'it@clinic.test', APPLE_TEAM_ID: 'T' })).toBeNull();
  });
});
