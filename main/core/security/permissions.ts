// The renderer needs no browser permission (camera, notifications, clipboard...): the visit runs in Zoom,
// and clipboard/notifications go through main. Every request and check is refused.

export function mayGrantPermission(_permission: string, _requestingOrigin?: string): boolean {
  return false;
}

/** Device access (USB, HID, serial, Bluetooth) is never granted to a page. */
export function mayGrantDevice(_deviceType: string): boolean {
  return false;
}

/** URL patterns of network requests a companion page might attempt; all of them are cancelled. */
export const RENDERER_NETWORK_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'];

/** The page reaches Zoom only through main; a network request from it means something is wrong. */
export function mayRendererUseNetwork(_url: string): boolean {
  return false;
}
