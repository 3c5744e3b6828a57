// Maps app://companion/<path> to a file under the renderer's dist folder, refusing anything else.
import path from 'node:path';
import { APP_HOST, APP_PROTOCOL } from './app-identity';
import { appResponseHeaders } from './csp';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppFileResolution =
  | { ok: true; filePath: string; headers: Record<string, string> }
  | { ok: false; status: 400 | 403 | 404 };

export function contentTypeFor(filePath: string): string | undefined {
  return contentTypes[path.extname(filePath).toLowerCase()];
}

/** Decides which file (if any) answers an app:// request; the shell only reads the file it names. */
export function resolveAppRequest(requestUrl: string, rendererRoot: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_PROTOCOL}:` || url.hostname !== APP_HOST) return { ok: false, status: 403 };
  if (url.username || url.password || url.port) return { ok: false, status: 403 };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // Encoded dot segments and backslashes survive URL parsing; refuse them rather than normalise them.
  if (relative.includes('\0') || relative.includes('\\')) return { ok: false, status: 400 };
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403 };
  }
  if (relative === '' || relative === '/') relative = '/index.html';
  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, `.${relative}`);
  if (!filePath.startsWith(root + path.sep)) return { ok: false, status: 403 };
  const type = contentTypeFor(filePath);
  if (!type) return { ok: false, status: 404 };
  return { ok: true, filePath, headers: appResponseHeaders(type) };
}
