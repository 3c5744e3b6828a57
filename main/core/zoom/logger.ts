/** Fields a Zoom log line may carry: never a token, passcode, start URL, email or body. */
export type ZoomLogFields = Record<string, string | number | boolean | undefined>;

export interface ZoomLogger {
  info(event: string, fields: ZoomLogFields): void;
  warn(event: string, fields: ZoomLogFields): void;
}

export const silentZoomLogger: ZoomLogger = { info: () => {}, warn: () => {} };
