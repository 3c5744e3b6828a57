// Small response helpers for the test site.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

export const wpError = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { code, message, data: { status } });

export function sendHtml(res: ServerResponse, kind: 'fatal' | 'maintenance') {
  if (kind === 'maintenance') {
    res.writeHead(503, { 'content-type': 'text/html; charset=UTF-8', 'retry-after': '600' });
    res.end(
      '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>',
    );
    return;
  }
  res.writeHead(500, { 'content-type': 'text/html; charset=UTF-8' });
  res.end(
    '<!DOCTYPE html><html><body><p>There has been a critical error on this website.</p><b>Fatal error</b>: Uncaught Error in /var/www/wp-content/plugins/kivicare-clinic-management-system/app/controllers/api/AppointmentsController.php</body></html>',
  );
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export const isDay = (v: string | null): v is string =>
  v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
