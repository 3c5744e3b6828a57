import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers, formatViolation, importsOf } from './layer-check';

const fixtures = path.resolve('tests/fixtures/layers');

describe('layer rule', () => {
  it('holds for the real tree: no file imports across a line it may not cross', () => {
    expect(checkLayers(path.resolve('.')).map(formatViolation)).toEqual([]);
  });

  it('allows what the design allows (core→contract, shell→core/electron, preload→contract, renderer→contract types)', () => {
    expect(checkLayers(path.join(fixtures, 'good')).map(formatViolation)).toEqual([]);
  });

  it.each([
    ['core-electron', 'main/core/a.ts', 'electron', 'core must not import electron'],
    ['core-electron-type', 'main/core/a.ts', 'electron', 'core must not import electron'],
    ['core-require-electron', 'main/core/a.ts', 'electron', 'core must not import electron'],
    ['core-shell', 'main/core/a.ts', '../electron/main', 'core must not import the shell (main/electron)'],
    [
      'core-renderer-dynamic',
      'main/core/a.ts',
      '../../renderer/src/app',
      'core must not import the renderer',
    ],
    ['core-react', 'main/core/a.tsx', 'react', 'core must not import React or UI state'],
    ['renderer-node-fs', 'renderer/src/a.ts', 'node:fs', 'the renderer must not import Node built-ins'],
    ['renderer-require-fs', 'renderer/src/a.ts', 'fs', 'the renderer must not import Node built-ins'],
    ['renderer-electron', 'renderer/src/a.ts', 'electron', 'the renderer must not import electron'],
    ['renderer-core', 'renderer/src/a.ts', '../../main/core/errors', 'the renderer must not import main'],
    [
      'renderer-contract-value',
      'renderer/src/a.ts',
      '../../preload/contract',
      'the renderer may import the contract with `import type` only',
    ],
    [
      'renderer-contract-inline-type',
      'renderer/src/a.ts',
      '../../preload/contract',
      'the renderer may import the contract with `import type` only',
    ],
    [
      'renderer-preload',
      'renderer/src/a.ts',
      '../../preload/index',
      'the renderer must not import the preload',
    ],
    ['preload-core', 'preload/index.ts', '../main/core/ipc/dispatch', 'preload must not import main'],
    ['preload-node', 'preload/index.ts', 'fs', 'preload must not import Node built-ins (it is sandboxed)'],
    [
      'preload-child-process',
      'preload/index.ts',
      'node:child_process',
      'preload must not import Node built-ins (it is sandboxed)',
    ],
    [
      'shell-renderer',
      'main/electron/a.ts',
      '../../renderer/src/app',
      'the shell must not import the renderer',
    ],
  ])('fails on the %s fixture', (fixture, file, specifier, rule) => {
    const found = checkLayers(path.join(fixtures, fixture));
    expect(found).toEqual([expect.objectContaining({ file, specifier, rule })]);
  });
});

describe('import extraction', () => {
  it('sees static, type-only, export-from, dynamic, require and import-type references', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export { c } from 'c';",
      "export type { D } from 'd';",
      "const e = await import('e');",
      "const f = require('f');",
      "type G = typeof import('g');",
      "import h = require('h');",
      "import 'i';",
    ].join('\n');
    expect(importsOf('x.ts', text).map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
      ['d', true],
      ['e', false],
      ['f', false],
      ['g', true],
      ['h', false],
      ['i', false],
    ]);
  });
});
