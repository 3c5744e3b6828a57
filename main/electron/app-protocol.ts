// Serves the renderer from app://companion; which file answers is decided by core's resolveAppRequest.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_PROTOCOL, resolveAppRequest } from '../core/security';

/** Must run before 'ready': a standard, secure scheme gets a real origin, so CSP 'self' and the sender check work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_PROTOCOL,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_PROTOCOL, async (request) => {
    const resolved = resolveAppRequest(request.url, rendererDir);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      return new Response(await readFile(resolved.filePath), { status: 200, headers: resolved.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
