// One ipcMain.handle per contract channel; every request goes through core's dispatch with the sender's origin.
import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { channelNames, type IpcError, wireChannel } from '../../preload/contract';
import { type Caller, dispatch, type HandlerTable } from '../core/ipc/dispatch';
import { APP_ORIGIN } from '../core/security';

/** The origin of the frame that sent the request; a frame that navigated away or was destroyed has none. */
function senderOrigin(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return null;
  // Subframes never call handlers: our CSP forbids them, and a frame inside the page is not the page.
  if (frame.parent !== null) return null;
  return frame.origin;
}

export function registerIpc(
  handlers: HandlerTable,
  caller: () => Caller,
  onError: (channel: string, error: IpcError, cause?: unknown) => void,
): void {
  for (const channel of channelNames) {
    ipcMain.handle(wireChannel(channel), (event, request: unknown) =>
      dispatch(handlers, channel, request, {
        caller,
        senderOrigin: senderOrigin(event),
        trustedOrigins: [APP_ORIGIN],
        onError,
      }),
    );
  }
}
