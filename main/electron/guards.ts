// Session and web-contents guards: every page request for more power is answered by a core decision.
import type { App, Session, WebContents } from 'electron';
import {
  decideWindowOpen,
  mayGrantDevice,
  mayGrantPermission,
  mayNavigate,
  mayRendererUseNetwork,
  RENDERER_NETWORK_PATTERNS,
} from '../core/security';

export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(mayGrantPermission(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_wc, permission, origin) => mayGrantPermission(permission, origin));
  session.setDevicePermissionHandler((details) => mayGrantDevice(details.deviceType));
  session.webRequest.onBeforeRequest({ urls: RENDERER_NETWORK_PATTERNS }, (details, callback) => {
    callback({ cancel: !mayRendererUseNetwork(details.url) });
  });
}

function guardContents(contents: WebContents): void {
  const refuseUnlessSamePage = (event: { url: string; preventDefault(): void }) => {
    if (!mayNavigate(event.url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', refuseUnlessSamePage);
  contents.on('will-redirect', refuseUnlessSamePage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
}

/** Applies the guards to every web contents the app ever creates, including ones we did not expect. */
export function guardAllContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}
