#!/usr/bin/env node
// Electronegativity over the shell, core, preload and the renderer's HTML, offline.
// Fails on any medium/high finding with firm/certain confidence; every other finding must be listed,
// with the reason it is safe, in electronegativity-allowlist.json next to this script.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Copies only the files we mean to scan; electronegativity scans whole folders. */
function stage() {
  const dir = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
  const copyTree = (from) => {
    const src = path.join(repo, from);
    if (!existsSync(src)) return;
    cpSync(src, path.join(dir, from), {
      recursive: true,
      filter: (p) => statSync(p).isDirectory() || /\.(ts|tsx|html)$/.test(p),
    });
  };
  copyTree('main');
  copyTree('preload');
  for (const name of readdirSync(path.join(repo, 'renderer')).filter((n) => n.endsWith('.html'))) {
    cpSync(path.join(repo, 'renderer', name), path.join(dir, 'renderer', name));
  }
  return dir;
}

const explicitInput = arg('--input');
const input = explicitInput ? path.resolve(explicitInput) : stage();
const allowlistPath = path.resolve(arg('--allowlist') ?? path.join(here, 'electronegativity-allowlist.json'));

try {
  // Offline: the library fetches translations and Electron's release list with `got`. We hand it a
  // `got` that fails at once (no request leaves the machine) and exclude the release-list check.
  const enRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'));
  const gotPath = enRequire.resolve('got');
  const offline = () => Promise.reject(new Error('electronegativity runs offline'));
  offline.head = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  process.env.LANG = 'en-US';
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const origLog = console.log;
  // The library prints progress chatter through console.log even in programmatic mode.
  console.log = () => {};
  let result;
  try {
    result = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      severitySet: 'informational',
      confidenceSet: 'tentative',
    });
  } finally {
    console.log = origLog;
  }

  const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8'));
  const listed = (issue) =>
    allowlist.find((a) => a.check === issue.id && a.file === issue.file && a.reason?.trim());
  const where = (i) => `${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line}`;
  // The scanner downgrades some of these when it sees no remote content; they stay fatal here,
  // because the window settings they guard are what keeps a compromised page away from Node.
  const neverAllowed = new Set([
    'NODE_INTEGRATION_JS_CHECK',
    'NODE_INTEGRATION_HTML_CHECK',
    'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
    'CONTEXT_ISOLATION_JS_CHECK',
    'SANDBOX_JS_CHECK',
    'WEB_SECURITY_JS_CHECK',
    'WEB_SECURITY_HTML_CHECK',
    'INSECURE_CONTENT_JS_CHECK',
    'INSECURE_CONTENT_HTML_CHECK',
    'EXPERIMENTAL_FEATURES_JS_CHECK',
    'BLINK_FEATURES_JS_CHECK',
    'REMOTE_MODULE_JS_CHECK',
    'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  ]);
  const firm = (i) => neverAllowed.has(i.id) || (i.severity.value >= 2 && i.confidence.value >= 1);

  const blocking = result.issues.filter(firm);
  const unlisted = result.issues.filter((i) => !firm(i) && !listed(i));
  const accepted = result.issues.filter((i) => !firm(i) && listed(i));
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  const used = new Set(accepted.map((i) => `${i.id} ${i.file}`));
  const stale = allowlist.filter((a) => !used.has(`${a.check} ${a.file}`));

  console.log(
    `electronegativity: ${result.atomicChecks + result.globalChecks} checks, ${result.issues.length} findings`,
  );
  for (const i of accepted) console.log(`  accepted (reason in allowlist)  ${where(i)}`);
  for (const a of stale)
    console.log(`  note: allowlist entry ${a.check} ${a.file} matched nothing; remove it`);
  for (const e of parseErrors) console.error(`  could not parse ${e.file}: ${e.message}`);
  for (const i of blocking) console.error(`  FAIL  ${where(i)}: ${i.description}`);
  for (const i of unlisted) {
    console.error(
      `  FAIL  ${where(i)} is not in ${path.basename(allowlistPath)} (add it with a reason, or fix it)`,
    );
  }
  if (blocking.length || unlisted.length || parseErrors.length) {
    console.error('electronegativity: failed');
    process.exitCode = 1;
  } else {
    console.log('electronegativity: ok');
  }
} finally {
  if (!explicitInput) rmSync(input, { recursive: true, force: true });
}
