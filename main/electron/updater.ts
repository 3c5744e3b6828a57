// Thin shell over core's update decision: electron-updater against IT's generic feed. `auto`
// downloads in the background and installs on quit; `notify` only tells the user.
import { Notification } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdateDecision } from '../core/deploy/update-mode';
import type { Logger } from '../core/logging/logger';

const notify = (title: string, body: string) => {
  if (Notification.isSupported()) new Notification({ title, body }).show();
};

/** Starts periodic checks; returns a stop function. */
export function startUpdates(decision: UpdateDecision, logger: Logger): () => void {
  if (decision.mode === 'off') {
    logger.info('updates.off', { reason: decision.reason });
    return () => {};
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
  autoUpdater.autoDownload = decision.mode === 'auto';
  autoUpdater.autoInstallOnAppQuit = decision.mode === 'auto';
  autoUpdater.logger = {
    info: (m?: unknown) => logger.info('updates', { message: String(m) }),
    warn: (m?: unknown) => logger.warn('updates', { message: String(m) }),
    error: (m?: unknown) => logger.error('updates', { message: String(m) }),
    debug: (m: string) => logger.debug('updates', { message: m }),
  };
  autoUpdater.on('update-available', (info) => {
    if (decision.mode === 'notify')
      notify(
        'Clinic Companion update available',
        `Version ${info.version} is ready. Your IT team will install it.`,
      );
  });
  autoUpdater.on('update-downloaded', (info) => {
    notify(
      'Clinic Companion will update',
      `Version ${info.version} installs the next time the companion is closed.`,
    );
  });
  autoUpdater.on('error', (e) => logger.warn('updates.failed', { error: e }));
  const check = () =>
    void autoUpdater.checkForUpdates().catch((e) => logger.warn('updates.failed', { error: e }));
  check();
  const timer = setInterval(check, decision.checkEveryMs);
  return () => clearInterval(timer);
}
