// The renderer's index.html as the demo serves it: CSP loosened only to connect-src 'self', and
// the bridge script loaded before the app's module.
import { parseCsp } from '../security/csp';

export const BRIDGE_FILE = 'demo-bridge.js';

export function demoCsp(original: string): string {
  const map = parseCsp(original);
  map.set('connect-src', ["'self'"]);
  return [...map].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** Returns the rewritten page and the policy it now carries (sent as a header too). */
export function rewriteIndex(html: string): { html: string; csp: string } {
  const match = META_CSP.exec(html);
  if (!match?.[1]) throw new Error('The renderer page has no Content-Security-Policy meta tag.');
  const csp = demoCsp(match[1]);
  const withCsp = html.replace(match[0], `<meta http-equiv="Content-Security-Policy" content="${csp}" />`);
  const bridge = `<script src="./${BRIDGE_FILE}"></script>`;
  const firstScript = withCsp.search(/<script\b/i);
  const out =
    firstScript === -1
      ? withCsp.replace('</head>', `${bridge}</head>`)
      : `${withCsp.slice(0, firstScript)}${bridge}\n    ${withCsp.slice(firstScript)}`;
  return { html: out, csp };
}
