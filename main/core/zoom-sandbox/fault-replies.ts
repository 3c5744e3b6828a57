import type { FaultEffect } from './faults';
import { jsonReply, type Reply } from './http';
import { serverErrorHtml } from './pages';
import { dailyLimitError, rateLimited } from './rate-limit';
import type { SandboxState } from './state';

/** Faults answered instead of the real handler (the request is not applied). */
export function faultReply(
  state: SandboxState,
  effect: FaultEffect,
  category: string | undefined,
): Reply | undefined {
  switch (effect.kind) {
    case 'status':
      return effect.body === 'html'
        ? { status: effect.status, html: serverErrorHtml(effect.status) }
        : jsonReply(effect.status, { code: effect.status, message: 'Internal Server Error' });
    case 'rate-limit': {
      const cat = effect.category ?? (category as 'Light' | 'Medium' | 'Heavy' | undefined) ?? 'Light';
      const limits = state.settings.rateLimits || { light: 30, medium: 20, heavy: 10 };
      return rateLimited(cat, limits[cat.toLowerCase() as 'light'], effect.retryAfterSeconds ?? 1).reply;
    }
    case 'daily-limit':
      return dailyLimitError(state, state.settings.dailyCreateUpdateLimit).reply;
    case 'malformed':
      if (effect.variant === 'html') return { status: 200, html: serverErrorHtml(200) };
      if (effect.variant === 'truncated-json') {
        return {
          status: 200,
          text: '{"id":8123456789,"topic":"',
          headers: { 'content-type': 'application/json;charset=UTF-8' },
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `wrong-types`: the request is applied, then numbers and booleans come back as strings. */
export function scramble(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scramble);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scramble(v)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}
