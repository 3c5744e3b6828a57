// "Export diagnostics": a plain folder (logs, versions, the health check) IT can attach to a ticket.
// Every file passes through the log redaction again and has known patient names scrubbed, so a
// line that slipped past redaction at write time still never leaves the desktop.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redactText } from '../logging/redact';
import type { HealthReport } from './health';

export interface DiagnosticsInput {
  /** The folder the user chose; the bundle is a new folder inside it. */
  targetDir: string;
  logDir: string;
  report: HealthReport;
  versions: Record<string, string>;
  now: Date;
  /** Patient names from the database, replaced wherever they appear. */
  scrubNames: readonly string[];
}

export interface DiagnosticsBundle {
  folder: string;
  files: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Redacts secrets and replaces each known patient name (whole words, any case). */
export function sanitizeForBundle(text: string, scrubNames: readonly string[]): string {
  let out = redactText(text);
  // Longest first, so "Ann Lee" goes before "Ann".
  const names = [...new Set(scrubNames.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'),
      '[patient]',
    );
  }
  return out;
}

export function bundleFolderName(now: Date): string {
  return `clinic-companion-diagnostics-${now.toISOString().replace(/[:.]/g, '-')}`;
}

function logFiles(logDir: string): string[] {
  try {
    return readdirSync(logDir)
      .filter((f) => f.endsWith('.log'))
      .sort();
  } catch {
    return [];
  }
}

export function exportDiagnostics(input: DiagnosticsInput): DiagnosticsBundle {
  const folder = path.join(input.targetDir, bundleFolderName(input.now));
  mkdirSync(path.join(folder, 'logs'), { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    writeFileSync(path.join(folder, name), sanitizeForBundle(text, input.scrubNames), { mode: 0o600 });
    files.push(name);
  };
  write('health-check.txt', input.report.text);
  write('versions.json', `${JSON.stringify(input.versions, null, 2)}\n`);
  for (const log of logFiles(input.logDir)) {
    write(path.join('logs', log), readFileSync(path.join(input.logDir, log), 'utf8'));
  }
  write(
    'README.txt',
    'Clinic Companion diagnostics. Tokens, passcodes, start URLs and patient names have been removed.\n' +
      `Created ${input.now.toISOString()}. Files: ${files.join(', ')}\n`,
  );
  return { folder, files };
}
