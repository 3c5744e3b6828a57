// Packages the macOS app (--dir, arm64) offline on Linux with a placeholder Electron.app, so the
// Info.plist electron-builder writes (URL scheme, bundle id, asar integrity) and the fuses are real.
// Signing and notarization are skipped off macOS; the dmg and zip targets need a Mac.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL_SCHEME } from '../../main/core/security';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version as string;
const temp = mkdtempSync(path.join(tmpdir(), 'companion-mac-'));
const appPath = path.join(temp, 'out', 'mac-arm64', 'Clinic Companion.app');
let plist: Record<string, unknown>;

// The fuse wire @electron/fuses looks for (sentinel, version 1, 8 fuses at Electron's defaults).
const WIRE = Buffer.concat([
  Buffer.from('placeholder dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
  Buffer.from([1, 8]),
  Buffer.from('10011010\n', 'latin1'),
]);

const infoPlist = (exe: string, id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CFBundleExecutable</key><string>${exe}</string>
<key>CFBundleIdentifier</key><string>${id}</string>
<key>CFBundleName</key><string>${exe}</string>
<key>CFBundleIconFile</key><string>electron.icns</string>
<key>CFBundlePackageType</key><string>APPL</string>
</dict></plist>`;

function file(p: string, content: string | Buffer, executable = false) {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  if (executable) chmodSync(p, 0o755);
}

/** Electron.app's layout as electron-builder reads it: plists, executables and the framework binary. */
function placeholderElectronApp(): string {
  const dist = path.join(temp, 'electron-dist');
  const contents = path.join(dist, 'Electron.app', 'Contents');
  file(path.join(contents, 'Info.plist'), infoPlist('Electron', 'com.github.Electron'));
  file(path.join(contents, 'MacOS', 'Electron'), WIRE, true);
  file(path.join(contents, 'Resources', 'electron.icns'), 'placeholder');
  file(path.join(contents, 'Frameworks', 'Electron Framework.framework', 'Electron Framework'), WIRE, true);
  for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
    const helper = path.join(contents, 'Frameworks', `Electron Helper${suffix}.app`, 'Contents');
    file(
      path.join(helper, 'Info.plist'),
      infoPlist(`Electron Helper${suffix}`, 'com.github.Electron.helper'),
    );
    file(path.join(helper, 'MacOS', `Electron Helper${suffix}`), WIRE, true);
  }
  file(path.join(dist, 'version'), electronVersion);
  return dist;
}

beforeAll(async () => {
  const { build, Platform, Arch } = require('electron-builder') as typeof import('electron-builder');
  await build({
    projectDir: path.resolve('.'),
    targets: Platform.MAC.createTarget('dir', Arch.arm64),
    publish: 'never',
    config: {
      electronDist: placeholderElectronApp(),
      electronVersion,
      npmRebuild: false,
      directories: { output: path.join(temp, 'out') },
    },
  });
  const { parsePlistFile } = require('app-builder-lib/out/util/plist');
  plist = await parsePlistFile(path.join(appPath, 'Contents', 'Info.plist'));
}, 180_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('macOS app bundle (electron-builder --dir on Linux)', () => {
  it('registers the sign-in scheme in Info.plist (CFBundleURLTypes)', () => {
    expect(plist.CFBundleURLTypes).toEqual([
      {
        CFBundleURLName: 'Clinic Companion sign-in',
        CFBundleTypeRole: 'Editor',
        CFBundleURLSchemes: [APP_URL_SCHEME],
      },
    ]);
  });

  it('carries the app id, medical category, our icon and the asar integrity hash', () => {
    expect(plist).toMatchObject({
      CFBundleIdentifier: 'com.cliniccompanion.app',
      CFBundleDisplayName: 'Clinic Companion',
      LSApplicationCategoryType: 'public.app-category.medical',
      CFBundleIconFile: 'icon.icns',
    });
    expect(Object.keys(plist.ElectronAsarIntegrity as object)).toEqual(['Resources/app.asar']);
  });

  it('flips the fuses in the framework binary', async () => {
    const wire = await getCurrentFuseWire(appPath);
    expect([wire[FuseV1Options.RunAsNode], wire[FuseV1Options.OnlyLoadAppFromAsar]]).toEqual([48, 49]);
  });
});
