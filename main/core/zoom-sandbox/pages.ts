import { escapeHtml, type Reply } from './http';

const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  'button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem}.banner{background:#fff3cd;padding:.5rem}';

/** Self-contained HTML: no external scripts, styles or fonts. */
export function page(status: number, title: string, body: string, headers?: Record<string, string>): Reply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><p class="banner">Zoom sandbox (not Zoom)</p>${body}</body></html>`;
  return {
    status,
    html,
    headers: {
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      ...headers,
    },
  };
}

export const errorPage = (status: number, code: number, message: string): Reply =>
  page(
    status,
    'Error',
    `<h1>Something went wrong</h1><p data-error-code="${code}">${escapeHtml(message)} (${code})</p>`,
  );

export const serverErrorHtml = (status: number): string =>
  `<!doctype html><html><head><title>${status} Error</title></head><body><h1>${status} Bad Gateway</h1><p>The server encountered a temporary error.</p></body></html>`;
