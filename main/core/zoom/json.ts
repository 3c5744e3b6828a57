// Zoom ids are int64: a JSON number above 2^53 would be rounded by JSON.parse, so ids are read
// from the raw source text (JSON.parse source access, V8 ≥ 11.4 / Node ≥ 21) and kept as strings.

/** Keys whose numeric values are identifiers, always handed on as digit strings. */
const ID_KEYS = new Set(['id', 'pmi', 'meeting_id', 'account_number']);

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepIdsExact: Reviver = (key, value, context) => {
  if (typeof value !== 'number') return value;
  const source = context?.source;
  const integral = source !== undefined && /^-?\d+$/.test(source);
  if (ID_KEYS.has(key)) {
    if (integral) return source;
    if (source === undefined && Number.isSafeInteger(value)) return String(value);
    // An id that is not an integer, or one this runtime could not read exactly: refuse it.
    throw new UnsafeIdError();
  }
  // Any other integer too large for a double stays exact as text; the schema decides if that is fine.
  if (integral && !Number.isSafeInteger(value)) return source;
  return value;
};

export class UnsafeIdError extends Error {
  constructor() {
    super('A Zoom id could not be read exactly');
    this.name = 'UnsafeIdError';
  }
}

/** JSON.parse for Zoom bodies: ids (and any oversized integer) arrive as exact strings. */
export function parseZoomJson(text: string): unknown {
  return (JSON.parse as (text: string, reviver: Reviver) => unknown)(text, keepIdsExact);
}
