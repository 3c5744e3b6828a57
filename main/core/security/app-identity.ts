// Names the app is known by on the OS and inside Electron; the builder config and tests use the same values.

/** Reverse-DNS private-use scheme (RFC 8252 §7.1) for OAuth callbacks forwarded by the https bridge page. */
export const APP_URL_SCHEME = 'com.cliniccompanion.app';

/** Privileged scheme that serves the renderer's files; never a network origin. */
export const APP_PROTOCOL = 'app';
export const APP_HOST = 'companion';
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
