/** Structured log port. Fields are ids, reasons and times only: never tokens, codes or secrets. */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean | undefined>): void;
  warn(message: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export const silentLogger: Logger = { info() {}, warn() {} };
