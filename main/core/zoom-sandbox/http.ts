import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers; written by the router so faults can alter or drop it first. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  html?: string;
  text?: string;
}

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export const jsonReply = (status: number, json: unknown, headers?: Record<string, string>): Reply => ({
  status,
  json,
  ...(headers ? { headers } : {}),
});

/** Zoom API error body: `{"code":N,"message":"..."}` plus optional `errors`. */
export const zoomError = (status: number, code: number, message: string, extra?: object): HttpError =>
  new HttpError(jsonReply(status, { code, message, ...extra }));

export const fieldError = (field: string, message: string): HttpError =>
  zoomError(400, 300, 'Validation Failed.', { errors: [{ field, message }] });

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError({
        ...jsonReply(413, { code: 413, message: 'Request Entity Too Large' }),
        headers: { connection: 'close' },
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON body each request carried, as parsed: the request log records what was sent. */
const sentBodies = new WeakMap<IncomingMessage, Record<string, unknown>>();
export const sentBody = (req: IncomingMessage): Record<string, unknown> | undefined => sentBodies.get(req);

export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, limit)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw zoomError(400, 300, 'Request Body should be a valid JSON object.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw zoomError(400, 300, 'Request Body should be a valid JSON object.');
  }
  sentBodies.set(req, parsed as Record<string, unknown>);
  return parsed as Record<string, unknown>;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | undefined;
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  } else if (reply.html !== undefined) {
    body = reply.html;
    headers['content-type'] ??= 'text/html;charset=utf-8';
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers['content-type'] ??= 'text/plain;charset=utf-8';
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
