import type { IncomingMessage } from 'node:http';
import { readBody } from './http';
import type { OAuthClient, SandboxState } from './state';
import { invalidClient, tokenError } from './token-errors';

/** Token and revoke parameters: Zoom reads both the query string and a form body. */
export async function readOAuthParams(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
): Promise<URLSearchParams> {
  const raw = (await readBody(req, state.settings.maxBodyBytes)).toString('utf8');
  const params = new URLSearchParams(url.search);
  if (raw.length > 0) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      throw tokenError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    for (const [k, v] of new URLSearchParams(raw)) params.set(k, v);
  }
  return params;
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) throw invalidClient();
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient();
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/**
 * Confidential and S2S clients authenticate with Basic only (Zoom has no client_secret_post);
 * the public client names itself with `client_id` in the body and sends no secret and no header.
 */
export function authenticateClient(
  state: SandboxState,
  req: IncomingMessage,
  params: URLSearchParams,
): OAuthClient {
  const basic = basicCredentials(req);
  if (basic) {
    const client = state.clients.get(basic.id);
    if (!client?.clientSecret || client.clientSecret !== basic.secret) throw invalidClient();
    return client;
  }
  if (params.has('client_secret')) throw invalidClient();
  const clientId = params.get('client_id');
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (client?.kind !== 'public') throw invalidClient();
  return client;
}
