// Test helper: a real HTTP server on 127.0.0.1 answering fixed raw bodies, for answers the
// sandbox does not produce (int64 ids above 2^53, multi-megabyte bodies).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export async function startRawServer(answer: (req: IncomingMessage) => RawAnswer) {
  const seen: { method: string; path: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '' });
    const a = answer(req);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}/v2`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
