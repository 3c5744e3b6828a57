// Packages the app with electron-builder (--dir, linux) offline and inspects the result.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL_SCHEME } from '../../main/core/security';
import { asarProblems } from './asar-contents';

const require = createRequire(import.meta.url);
// @electron/fuses' byte values for a fuse's state ('0' and '1'); its FuseState enum is not exported.
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
const repo = path.resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const prodDependencies = Object.keys(pkg.dependencies);
const temp = mkdtempSync(path.join(tmpdir(), 'companion-pack-'));
const out = path.join(temp, 'release');
const appDir = path.join(out, 'linux-unpacked');
// The desktop entry the AppImage and deb targets would install, computed by electron-builder's own
// LinuxTargetHelper during this build (those targets need downloaded tools; --dir does not).
let desktop: { fileName: string; entry: string } | undefined;

// The Electron binary cannot be downloaded here, so electron-builder gets a placeholder distribution: a file
// in the binary's place that carries only the fuse wire (@electron/fuses' sentinel, version 1, 8 fuses at
// Electron's defaults), so the fuse flipping electron-builder does is real and can be read back.
function placeholderElectronDist(): string {
  const dir = path.join(temp, 'electron-dist');
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n# dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
    Buffer.from([1, 8]),
    // Electron 45's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar
    // integrity off, only-asar off, V8 snapshot off, file:// extra privileges on.
    Buffer.from('10110001', 'latin1'),
    Buffer.from('\n', 'latin1'),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), require('electron/package.json').version);
  return dir;
}

beforeAll(async () => {
  if (
    !existsSync('dist/main/index.js') ||
    !existsSync('dist/renderer/index.html') ||
    !existsSync('dist/preload/index.cjs')
  ) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
  const { build, Platform } = require('electron-builder') as typeof import('electron-builder');
  // electron-builder reads electron-builder.yml itself, as the CLI does; passing its contents again would
  // concatenate its lists (protocols twice) and merge publish lists (electron-builder#1847).
  await build({
    projectDir: repo,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      electronDist: placeholderElectronDist(),
      electronVersion: require('electron/package.json').version,
      npmRebuild: false,
      async afterPack(context) {
        const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
        const helper = new LinuxTargetHelper(context.packager);
        desktop = {
          fileName: helper.getDesktopFileName(),
          entry: await helper.computeDesktopEntry(context.packager.platformSpecificBuildOptions),
        };
      },
      directories: { output: out },
    },
  });
}, 120_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('packaged app (electron-builder --dir)', () => {
  it('holds the built app, package.json and the production node_modules, and nothing else of ours', () => {
    const listing = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false });
    expect(asarProblems(listing, prodDependencies)).toEqual([]);
  });

  it('flips the fuses in the executable as the config says', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'clinic-companion'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      asarIntegrity: FuseState.ENABLE,
      onlyAsar: FuseState.ENABLE,
      fileProtocolPrivileges: FuseState.DISABLE,
    });
  });
});

describe('Linux desktop entry (as the AppImage and deb targets write it)', () => {
  const keys = () =>
    Object.fromEntries(
      desktop!.entry.split('\n').flatMap((l) => (l.includes('=') ? [l.split(/=(.*)/s).slice(0, 2)] : [])),
    );

  it('is named after desktopName, so Electron and the desktop agree on the app id', () => {
    expect(desktop?.fileName).toBe('clinic-companion');
    expect(keys().StartupWMClass).toBe('clinic-companion');
  });

  it('opens the app with the URL (%U) and registers the sign-in scheme', () => {
    expect(desktop!.entry.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(keys()).toMatchObject({
      Name: 'Clinic Companion',
      Exec: '"/opt/Clinic Companion/clinic-companion" %U',
      Icon: 'clinic-companion',
      Type: 'Application',
      Categories: 'Office;',
      MimeType: `x-scheme-handler/${APP_URL_SCHEME};`,
    });
  });
});

describe('asar check', () => {
  const good = [
    '/package.json',
    '/dist/main/index.js',
    '/dist/preload/index.cjs',
    '/dist/renderer/index.html',
    ...prodDependencies.map((d) => `/node_modules/${d}/package.json`),
  ];

  it('accepts a good listing', () => {
    expect(asarProblems(good, prodDependencies)).toEqual([]);
  });

  it.each([
    [['/dist/main/index.js.map'], 'source map /dist/main/index.js.map'],
    [['/tests/layers/layers.test.ts'], 'source folder /tests/layers/layers.test.ts'],
    [['/main/electron/main.ts'], 'source folder /main/electron/main.ts'],
    [['/dist/main/extra.ts'], 'TypeScript /dist/main/extra.ts'],
    [['/node_modules/vite/package.json'], 'dev dependency /node_modules/vite/package.json'],
    [['/electron-builder.yml'], 'build config /electron-builder.yml'],
  ])('fails a listing with %j', (extra, problem) => {
    expect(asarProblems([...good, ...extra], prodDependencies)).toContain(problem);
  });

  it('fails a listing without the preload or a production dependency', () => {
    const missing = good.filter(
      (f) => f !== '/dist/preload/index.cjs' && f !== '/node_modules/zod/package.json',
    );
    expect(asarProblems(missing, prodDependencies)).toEqual([
      'missing /dist/preload/index.cjs',
      'missing production dependency zod',
    ]);
  });
});
