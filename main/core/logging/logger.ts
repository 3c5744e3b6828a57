// The core's logger: structured events, redacted before they are written. The app writes them to
// rotating files (electron-log's Node transport works without Electron); tests collect them.
import { redactCause, redactText, redactValue } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (level: LogLevel, line: string) => void;

/** Formats one redacted line: `event {"field":…}`. Errors keep their name and message only. */
export function formatLine(event: string, fields: LogFields = {}): string {
  const plain = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      v instanceof Error ? { name: v.name, message: v.message, kind: (v as { kind?: string }).kind } : v,
    ]),
  );
  const redacted = redactValue('', plain) as LogFields;
  const rest = Object.keys(redacted).length ? ` ${JSON.stringify(redacted)}` : '';
  return `${redactText(event)}${rest}`;
}

/** A line for the shell's console log (before the file logger exists, and IPC failures): redacted. */
export function consoleLine(message: string, cause?: unknown): string {
  const why = redactCause(cause);
  return `[companion] ${redactText(message)}${why ? ` ${why}` : ''}`;
}

/** An IPC failure as a log line: the error the window got, and the cause behind it, redacted. */
export function ipcErrorLine(error: { kind: string; message: string }, cause?: unknown): string {
  const why = redactCause(cause);
  return `${error.kind}: ${redactText(error.message)}${why ? ` ${why}` : ''}`;
}

export function createLogger(sink: LogSink): Logger {
  const at = (level: LogLevel) => (event: string, fields?: LogFields) =>
    sink(level, formatLine(event, fields));
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger(() => {});

/** A logger that keeps every line, for tests that scan what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((level, line) => lines.push(`${level} ${line}`)),
    { lines },
  );
}
