// The ShellPorts core asks for: opening a URL (only after core's policy) and writing the clipboard.
import { clipboard, shell } from 'electron';
import type { ShellPorts } from '../core/app/companion';
import { AppError } from '../core/errors';
import { decideExternalUrl } from '../core/security';

export function createShellPorts(
  zoomHosts: () => readonly string[],
  sandboxOrigins: () => readonly string[] = () => [],
): ShellPorts {
  return {
    async openOutside(url) {
      const decision = decideExternalUrl(url, zoomHosts(), sandboxOrigins());
      if (!decision.allowed)
        throw new AppError('invalid-request', 'The companion does not open this kind of link.');
      await shell.openExternal(decision.url);
    },
    async writeClipboard(text) {
      await clipboard.writeText(text);
    },
  };
}
