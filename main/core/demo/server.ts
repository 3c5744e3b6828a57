// The browser demo's server: the built renderer plus a bridge to the SAME handler table the
// Electron shell serves, on 127.0.0.1 only, under a per-run secret checked on every request.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { events as eventSchemas } from '../../../preload/contract';
import { type Caller, dispatch, type HandlerTable } from '../ipc/dispatch';
import { ipcErrorLine } from '../logging/logger';
import { BRIDGE_JS } from './bridge-script';
import type { EventHub } from './event-hub';
import { BRIDGE_FILE, rewriteIndex } from './page';
import { readAsset } from './static-files';

export interface DemoServerOptions {
  handlers: HandlerTable;
  /** Who is asking: the profile unlocked in the core (never taken from the page). */
  caller: () => Caller;
  hub: EventHub;
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  secret?: string;
  onError?: (channel: string, message: string) => void;
}

export interface DemoServer {
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY = 6_000_000;

const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}): void {
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, ...extra });
  res.end(body);
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const secret = options.secret ?? randomBytes(18).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const page = rewriteIndex(await readFile(resolve(rendererDir, 'index.html'), 'utf8'));
  const sockets = new Set<ServerResponse>();
  let origin = '';

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      const [, given = '', ...rest] = url.pathname.split('/');
      // Nothing is served without the run's secret: another local user or page cannot drive the core.
      if (!sameSecret(given, secret)) return send(res, 404, 'text/plain', 'Not found');
      const path = rest.join('/');
      if (req.method === 'GET' && rest.length === 0) {
        res.writeHead(308, { ...baseHeaders, Location: `/${secret}/` });
        return res.end();
      }
      if (req.method === 'GET' && (path === '' || path === 'index.html')) {
        return send(res, 200, 'text/html; charset=utf-8', page.html, {
          'Content-Security-Policy': page.csp,
        });
      }
      if (req.method === 'GET' && path === BRIDGE_FILE) {
        return send(res, 200, 'text/javascript; charset=utf-8', BRIDGE_JS);
      }
      if (req.method === 'POST' && path === 'rpc') return await rpc(req, res);
      if (req.method === 'GET' && path === 'events') return events(req, res);
      if (req.method === 'GET') {
        const asset = await readAsset(rendererDir, path);
        if (asset) return send(res, 200, asset.type, asset.body);
      }
      return send(res, 404, 'text/plain', 'Not found');
    } catch {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Demo server error');
    }
  });

  async function rpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Browsers always send Origin on POST; a request without ours did not come from the demo page.
    const sender = req.headers.origin ?? null;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain', 'JSON only');
    }
    let body: { channel?: unknown; request?: unknown };
    try {
      body = (await readJson(req)) as typeof body;
    } catch {
      return send(res, 400, 'text/plain', 'Bad request');
    }
    const result = await dispatch(options.handlers, String(body.channel ?? ''), body.request, {
      caller: options.caller,
      senderOrigin: sender,
      trustedOrigins: [origin],
      onError: (channel, error, cause) => options.onError?.(channel, ipcErrorLine(error, cause)),
    });
    send(res, 200, 'application/json', JSON.stringify(result));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sockets.add(res);
    const unsubscribe = options.hub.subscribe((event, payload) => {
      let out = payload;
      if (event !== 'demo:open' && event !== 'demo:clipboard') {
        // Same allow-list as IPC: only contract events, only their schema's fields.
        const schema = eventSchemas[event as keyof typeof eventSchemas];
        const parsed = schema?.safeParse(payload);
        if (!parsed?.success) return;
        out = parsed.data;
      }
      res.write(`data: ${JSON.stringify({ event, payload: out })}\n\n`);
    });
    req.on('close', () => {
      unsubscribe();
      sockets.delete(res);
    });
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/${secret}/`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.end();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
