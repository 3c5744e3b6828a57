import type { ErrorKind } from '../../preload/contract';

/**
 * An error as a value with a kind the UI can explain. `message` is written for people at the
 * clinic and must never carry a token, a passcode or a start URL.
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, string | number | boolean | undefined> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
