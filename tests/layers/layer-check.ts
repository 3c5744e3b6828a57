// Finds imports that cross a layer line (see design.md, "Layers"), using the TypeScript parser so that
// `import type`, export-from, dynamic import() and require() are all seen.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export type Layer = 'core' | 'shell' | 'bridge' | 'ui';

export interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const isNodeBuiltin = (s: string): boolean => s.startsWith('node:') || builtins.has(s.split('/')[0] ?? s);
const isPackage = (s: string, name: string): boolean => s === name || s.startsWith(`${name}/`);
const CONTRACT = 'preload/contract';

export function layerOf(repoPath: string): Layer | null {
  if (repoPath.startsWith('main/core/')) return 'core';
  if (repoPath.startsWith('main/electron/')) return 'shell';
  if (repoPath.startsWith('preload/')) return 'bridge';
  if (repoPath.startsWith('renderer/')) return 'ui';
  return null;
}

/** Every module reference in a source file, with whether it vanishes at runtime. */
export function importsOf(fileName: string, text: string): ImportRef[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    refs.push({ specifier: literal.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === 'require') ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'require');
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** Where a relative specifier points, as a repo-relative path without extension. */
function resolveRelative(fromRepoPath: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRepoPath), specifier));
  return joined.replace(/\.(d\.)?[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

/** The rule an import breaks, or null when it is allowed. */
export function ruleBroken(fromRepoPath: string, ref: ImportRef): string | null {
  const layer = layerOf(fromRepoPath);
  if (!layer) return null;
  const s = ref.specifier;
  const relative = s.startsWith('.') || s.startsWith('/');
  const target = relative ? resolveRelative(fromRepoPath, s) : null;
  const targetLayer = target ? layerOf(`${target}/`) : null;
  const isContract = target === CONTRACT;
  const electron = !relative && isPackage(s, 'electron');
  const node = !relative && isNodeBuiltin(s);
  const react = !relative && ['react', 'react-dom', 'zustand'].some((p) => isPackage(s, p));
  // Relative paths outside the four layers (tests, package.json) are reached only by tooling.
  const outside = relative && targetLayer === null;

  switch (layer) {
    case 'core':
      if (electron) return 'core must not import electron';
      if (react) return 'core must not import React or UI state';
      if (targetLayer === 'shell') return 'core must not import the shell (main/electron)';
      if (targetLayer === 'ui') return 'core must not import the renderer';
      if (targetLayer === 'bridge' && !isContract) return 'core may import only the contract from preload';
      return null;
    case 'shell':
      if (targetLayer === 'ui' || react) return 'the shell must not import the renderer';
      if (targetLayer === 'bridge' && !isContract)
        return 'the shell may import only the contract from preload';
      return null;
    case 'bridge':
      if (targetLayer === 'core' || targetLayer === 'shell') return 'preload must not import main';
      if (targetLayer === 'ui') return 'preload must not import the renderer';
      if (node) return 'preload must not import Node built-ins (it is sandboxed)';
      if (!relative && !electron && !isPackage(s, 'zod')) return 'preload may import only electron and zod';
      if (outside) return 'preload may import only its own folder';
      return null;
    case 'ui':
      if (electron) return 'the renderer must not import electron';
      if (node) return 'the renderer must not import Node built-ins';
      if (targetLayer === 'core' || targetLayer === 'shell') return 'the renderer must not import main';
      if (targetLayer === 'bridge' && !isContract) return 'the renderer must not import the preload';
      if (isContract && !ref.typeOnly) return 'the renderer may import the contract with `import type` only';
      if (outside) return 'the renderer may import only its own folder';
      return null;
  }
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(c|m)?tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Checks main/, preload/ and renderer/ under root; returns every import that crosses a line. */
export function checkLayers(root: string): Violation[] {
  const files = ['main', 'preload', 'renderer'].flatMap((d) => sourceFiles(path.join(root, d)));
  const violations: Violation[] = [];
  for (const file of files) {
    const repoPath = path.relative(root, file).split(path.sep).join('/');
    for (const ref of importsOf(file, readFileSync(file, 'utf8'))) {
      const rule = ruleBroken(repoPath, ref);
      if (rule) violations.push({ file: repoPath, line: ref.line, specifier: ref.specifier, rule });
    }
  }
  return violations;
}

export const formatViolation = (v: Violation): string =>
  `${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`;
