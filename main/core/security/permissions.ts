// The renderer needs no browser permission (camera, notifications, clipboard...): the visit runs in Zoom,
// and clipboard/notifications go through main. Every request and check is refused.

export function mayGrantPermission(_permission: string, _requestingOrigin?: string): boolean {
  return false;
}

/** Device access (USB, HID, serial, Bluetooth) is never granted to a page. */
export function mayGrantDevice(_deviceType: string): boolean {
  return false;
}
