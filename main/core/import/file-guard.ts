import { AppError } from '../errors';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export const fileError = (message: string) => new AppError('invalid-request', message);

/** Turns the uploaded bytes into text, or refuses the whole file with a reason the user can act on. */
export function decodeImportFile(content: string | Uint8Array): string {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    throw fileError(
      `The file is too large (${Math.ceil(size / 1024 / 1024)} MB); the limit is 5 MB. Split it and import the parts.`,
    );
  }
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw fileError(
      'The file is not a text file in UTF-8. Export it again as CSV (UTF-8) or as an .ics calendar.',
    );
  }
  if (text.includes('\u0000'))
    throw fileError('The file contains binary data; it is not a CSV or calendar file.');
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw fileError('The file is empty.');
  return text;
}
