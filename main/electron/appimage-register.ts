// Thin shell over core's AppImage decision: writes the user desktop file and runs xdg-mime when
// this is an AppImage run whose registration is missing or points at an old path.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { appImageRegistration, needsRegistration } from '../core/deploy/appimage-registration';
import type { Logger } from '../core/logging/logger';

const run = promisify(execFile);

export async function registerAppImageScheme(logger: Logger): Promise<void> {
  const plan = appImageRegistration({ platform: process.platform, env: process.env, home: os.homedir() });
  if (!plan) return;
  const existing = await readFile(plan.desktopFilePath, 'utf8').catch(() => null);
  if (!needsRegistration(existing, plan)) return;
  await mkdir(path.dirname(plan.desktopFilePath), { recursive: true });
  await writeFile(plan.desktopFilePath, plan.content, { mode: 0o644 });
  for (const command of plan.commands) {
    try {
      await run(command.file, command.args, { timeout: 15_000 });
    } catch (e) {
      if (command.optional) continue;
      // Removing the file makes the next start try again instead of trusting a half-done registration.
      await rm(plan.desktopFilePath, { force: true });
      logger.warn('appimage.scheme-registration-failed', { command: command.file, error: e });
      return;
    }
  }
  logger.info('appimage.scheme-registered', { desktopFile: plan.desktopFilePath });
}
