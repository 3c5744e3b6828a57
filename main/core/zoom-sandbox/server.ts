import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, peekToken, peekUserKeys } from './api-auth';
import { faultReply, scramble } from './fault-replies';
import type { Faults } from './faults';
import { HttpError, jsonReply, type Reply, sentBody, writeReply } from './http';
import { takeRequest } from './rate-limit';
import { matchRoute } from './routes';
import type { SandboxState } from './state';

async function run(state: SandboxState, req: IncomingMessage, url: URL): Promise<Reply> {
  const match = matchRoute(req.method ?? 'GET', url.pathname);
  if (!match) return jsonReply(404, { code: 404, message: 'Not Found' });
  const { route, params } = match;
  if (route.kind === 'plain') return route.handler(state, req, url, params);
  const token = authenticate(state, req);
  const rateHeaders = takeRequest(state, token.accountId, route.category);
  try {
    const reply = await route.handler({ state, req, url, params, token });
    return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
  } catch (e) {
    if (e instanceof HttpError) return { ...e.reply, headers: { ...rateHeaders, ...e.reply.headers } };
    throw e;
  }
}

async function runSafely(state: SandboxState, req: IncomingMessage, url: URL): Promise<Reply> {
  try {
    return await run(state, req, url);
  } catch (e) {
    if (e instanceof HttpError) return e.reply;
    console.error('zoom-sandbox: unexpected error', e);
    return jsonReply(500, { code: 500, message: 'Internal Server Error' });
  }
}

/** One request: count it, apply any fault, run the handler, write (or drop) the answer. */
export function requestHandler(state: SandboxState, faults: Faults) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', state.origin);
    const match = matchRoute(method, url.pathname);
    const name = match?.route.name ?? `${method} (no route)`;
    state.stats.requests++;
    state.stats.byRoute[name] = (state.stats.byRoute[name] ?? 0) + 1;
    const category = match?.route.kind === 'api' ? match.route.category : undefined;
    const token = category ? peekToken(state, req) : undefined;
    const entry = state.log.arrive(
      {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        route: name,
        ...(token ? { accountId: token.accountId, userId: token.userId } : {}),
      },
      category,
    );
    const answer = (reply: Reply | undefined) => state.log.answered(entry, reply, sentBody(req));

    const effects = faults.pick({ method, path: url.pathname, userKeys: peekUserKeys(state, req) });
    state.stats.faultsInjected += effects.length;
    for (const e of effects) if (e.kind === 'latency') await sleep(e.ms);
    const effect = effects.find((e) => e.kind !== 'latency');

    if (effect?.kind === 'drop') {
      answer(undefined);
      req.socket.destroy();
      return;
    }
    const early = effect ? faultReply(state, effect, category) : undefined;
    if (early) {
      answer(early);
      writeReply(res, early);
      return;
    }
    const reply = await runSafely(state, req, url);
    if (effect?.kind === 'apply-then-drop') {
      answer(undefined);
      if (effect.delayMs) await sleep(effect.delayMs);
      req.socket.destroy();
      return;
    }
    answer(reply);
    if (effect?.kind === 'malformed' && effect.variant === 'wrong-types' && reply.json !== undefined) {
      reply.json = scramble(reply.json);
    }
    if (res.destroyed) return;
    writeReply(res, reply);
  };
}
