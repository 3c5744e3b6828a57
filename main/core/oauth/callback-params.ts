// Pure validation of an authorization response's query (shared by the loopback and scheme paths).
import { callbackRefused } from './callback-refusal';

export type CallbackParams =
  | { type: 'code'; code: string; state: string }
  | { type: 'error'; error: string; state: string | undefined };

const ALLOWED = new Set(['code', 'state', 'error', 'error_description', 'error_uri']);
const MAX_VALUE = 2048;
// Visible ASCII only: codes and states are opaque tokens without spaces or controls.
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

function single(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1) throw callbackRefused('malformed', `duplicated ${name}`);
  const v = all[0];
  if (v === undefined) return undefined;
  if (v.length === 0 || v.length > MAX_VALUE) throw callbackRefused('malformed', `bad length of ${name}`);
  return v;
}

function token(params: URLSearchParams, name: string): string | undefined {
  const v = single(params, name);
  if (v !== undefined && !TOKEN_CHARS.test(v))
    throw callbackRefused('malformed', `bad characters in ${name}`);
  return v;
}

export function parseCallbackParams(params: URLSearchParams): CallbackParams {
  for (const key of params.keys()) {
    if (!ALLOWED.has(key)) throw callbackRefused('malformed', 'unexpected parameter');
  }
  const state = token(params, 'state');
  const error = token(params, 'error');
  single(params, 'error_description');
  single(params, 'error_uri');
  const code = token(params, 'code');
  if (error !== undefined) {
    if (code !== undefined) throw callbackRefused('malformed', 'both code and error');
    return { type: 'error', error, state };
  }
  if (code === undefined) throw callbackRefused('malformed', 'missing code');
  if (state === undefined) throw callbackRefused('malformed', 'missing state');
  return { type: 'code', code, state };
}
