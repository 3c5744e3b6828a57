// The client logs through the core's logger (one definition); it passes only method, path template,
// status, duration, Zoom code and reason, never a token, passcode, start URL, email or body.
import type { Logger } from '../logging/logger';

export type ZoomLogger = Pick<Logger, 'info' | 'warn'>;

export const silentZoomLogger: ZoomLogger = { info: () => {}, warn: () => {} };
