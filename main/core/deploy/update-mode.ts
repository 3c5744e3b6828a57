// Whether and how the app updates itself: IT's policy decides; nothing happens without a feed.
import type { Policy } from '../settings/policy';

export type UpdateDecision =
  | { mode: 'off'; reason: string }
  | { mode: 'auto' | 'notify'; feedUrl: string; checkEveryMs: number };

export const UPDATE_CHECK_EVERY_MS = 4 * 3_600_000;

export function decideUpdates(input: {
  updates: Policy['updates'];
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}): UpdateDecision {
  const { updates } = input;
  if (!input.isPackaged) return { mode: 'off', reason: 'development run (not packaged)' };
  if (!updates || updates.mode === 'off') return { mode: 'off', reason: 'turned off by policy' };
  if (!updates.feedUrl) return { mode: 'off', reason: 'no update feed configured in the policy' };
  let url: URL;
  try {
    url = new URL(updates.feedUrl);
  } catch {
    return { mode: 'off', reason: 'the update feed is not a URL' };
  }
  // The feed's metadata names the installer and its hash, so it must come over TLS.
  if (url.protocol !== 'https:') return { mode: 'off', reason: 'the update feed must be https' };
  // A deb belongs to apt (electron-updater would ask each user for root); only an AppImage self-updates.
  if (input.platform === 'linux' && !input.env.APPIMAGE) {
    return { mode: 'off', reason: 'this Linux install is updated by the package manager' };
  }
  return { mode: updates.mode, feedUrl: url.toString(), checkEveryMs: UPDATE_CHECK_EVERY_MS };
}
