// Rotating log files with electron-log's Node build (no Electron needed, so the same code serves
// the app, `npm run check` and the demo). One file, rotated to `.old` at maxSize.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { createLogger, type Logger } from './logger';

export const LOG_FILE_NAME = 'companion.log';

export function createFileLogger(logDir: string, maxSizeBytes = 5 * 1024 * 1024): Logger & { file: string } {
  const instance = log.create({ logId: `companion-${logDir}` });
  const file = path.join(logDir, LOG_FILE_NAME);
  instance.transports.file.resolvePathFn = () => file;
  // Logs are redacted, but still name doctors and times: readable by the app's OS user only.
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  instance.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  instance.transports.file.maxSize = maxSizeBytes;
  instance.transports.file.format = '[{iso}] [{level}] {text}';
  instance.transports.console.level = false;
  const logger = createLogger((level, line) => instance[level](line));
  return Object.assign(logger, { file });
}

/** Where each OS keeps an app's logs when the shell does not say otherwise. */
export function defaultLogDir(
  platform: NodeJS.Platform,
  home: string,
  env: Record<string, string | undefined>,
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', 'Clinic Companion');
  if (platform === 'win32') {
    return path.win32.join(
      env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'),
      'Clinic Companion',
      'logs',
    );
  }
  return path.join(env.XDG_STATE_HOME ?? path.join(home, '.local', 'state'), 'clinic-companion', 'logs');
}
