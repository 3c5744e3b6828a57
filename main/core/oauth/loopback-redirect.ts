// One-shot loopback redirect listener (RFC 8252 §7.3) on 127.0.0.1 with an ephemeral port.
// Only a GET to the callback path that `accept` approves ends it; anything else is answered and
// ignored, so a stray or forged request cannot end a doctor's sign-in. A time-out closes it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppError } from '../errors';
import { type CallbackParams, parseCallbackParams } from './callback-params';
import { callbackRefused } from './callback-refusal';
import { LOOPBACK_HEADERS, loopbackPage } from './loopback-page';

export const LOOPBACK_CALLBACK_PATH = '/oauth/callback';

export interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the accepted callback; rejects on time-out or close(). */
  result: Promise<CallbackParams>;
  close(): Promise<void>;
}

export interface LoopbackRedirectOptions {
  timeoutMs: number;
  /** Decides whether parsed parameters belong to this sign-in; throw (an AppError) to refuse. */
  accept(params: CallbackParams): void;
}

function reply(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...LOOPBACK_HEADERS, ...extra });
  res.end(loopbackPage(title, text));
}

export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  let settle!: { resolve: (p: CallbackParams) => void; reject: (e: AppError) => void };
  const result = new Promise<CallbackParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Nobody may be awaiting yet; the rejection is still delivered to whoever awaits later.
  result.catch(() => {});
  let done = false;
  let port = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (done) return reply(res, 410, 'Already finished', 'This sign-in has already finished.');
    // Appended to a fixed origin, not resolved against it: a target such as "//x" would otherwise
    // be read as another host (or throw out of this handler).
    let url: URL;
    try {
      url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    } catch {
      return reply(res, 400, 'Not accepted', 'Unexpected address.');
    }
    if (req.headers.host !== `127.0.0.1:${port}`)
      return reply(res, 400, 'Not accepted', 'Unexpected address.');
    if (url.pathname !== LOOPBACK_CALLBACK_PATH) return reply(res, 404, 'Not found', 'Nothing here.');
    if (req.method !== 'GET') {
      return reply(res, 405, 'Not allowed', 'Only the Zoom sign-in reply is accepted here.', {
        Allow: 'GET',
      });
    }
    let params: CallbackParams;
    try {
      params = parseCallbackParams(url.searchParams);
      options.accept(params);
    } catch (e) {
      const message = (e as AppError).message ?? 'The sign-in reply was not accepted.';
      return reply(res, 400, 'Sign-in reply ignored', message);
    }
    done = true;
    if (params.type === 'error') {
      reply(res, 200, 'Zoom sign-in cancelled', 'Nothing was connected. You can close this tab.');
    } else {
      reply(res, 200, 'Zoom sign-in received', 'You can close this tab and return to Clinic Companion.');
    }
    settle.resolve(params);
    void close();
  });

  const timer = setTimeout(() => {
    if (done) return;
    done = true;
    settle.reject(callbackRefused('state-expired', 'loopback timeout'));
    void close();
  }, options.timeoutMs);
  timer.unref();

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      if (!done) {
        done = true;
        settle.reject(callbackRefused('authorization-error', 'closed'));
      }
      server.close(() => resolve());
      // Let the last response flush, then drop keep-alive sockets so close() finishes.
      setImmediate(() => server.closeAllConnections());
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return { redirectUri: `http://127.0.0.1:${port}${LOOPBACK_CALLBACK_PATH}`, result, close };
}
