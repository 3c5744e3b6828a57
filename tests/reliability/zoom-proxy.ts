// A recording, rewriting proxy in front of the Zoom sandbox (not a test file itself): every API
// request reaches the real sandbox; the proxy keeps each request body (to scan for patient data)
// and can replace the answer of the next matching calls (missing fields, huge bodies).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  body: string;
}

export interface Rewrite {
  method: string;
  path: RegExp;
  /** How many matching answers to rewrite. */
  count: number;
  /** Given the sandbox's status and body, what the app receives instead. */
  rewrite(status: number, body: string): { status: number; body: string; contentType?: string };
}

export async function startZoomProxy(target: string) {
  const seen: Seen[] = [];
  const rewrites: Rewrite[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    seen.push({ method, path, body });
    let upstream: Response;
    try {
      upstream = await fetch(target + path, {
        method,
        headers: forwardable(req.headers),
        body: body.length ? body : undefined,
      });
    } catch {
      // The sandbox dropped the connection: so does the proxy.
      req.socket.destroy();
      return;
    }
    const text = await upstream.text();
    const rule = rewrites.find((r) => r.count > 0 && r.method === method && r.path.test(path));
    if (rule) {
      rule.count--;
      const out = rule.rewrite(upstream.status, text);
      res.writeHead(out.status, { 'content-type': out.contentType ?? 'application/json;charset=UTF-8' });
      res.end(out.body);
      return;
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k))
        headers[k] = v;
    });
    res.writeHead(upstream.status, headers);
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBaseUrl: `${origin}/v2`,
    seen,
    rewrite(rule: Rewrite) {
      rewrites.push(rule);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forwardable(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || ['host', 'connection', 'content-length'].includes(k)) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
