import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteIndex } from '../../main/core/demo/page';
import { parseCsp, RENDERER_CSP } from '../../main/core/security/csp';

const source = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

describe('the demo page rewrite', () => {
  it('changes only connect-src, to self', () => {
    const { csp } = rewriteIndex(source);
    const before = parseCsp(RENDERER_CSP);
    const after = parseCsp(csp);
    expect(after.get('connect-src')).toEqual(["'self'"]);
    after.delete('connect-src');
    before.delete('connect-src');
    expect(after).toEqual(before);
  });

  it('loads the bridge as a same-origin file before the app module', () => {
    const { html } = rewriteIndex(source);
    const bridge = html.indexOf('<script src="./demo-bridge.js"></script>');
    expect(bridge).toBeGreaterThan(-1);
    expect(bridge).toBeLessThan(html.indexOf('type="module"'));
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('keeps the renderer page CSP equal to the one the app protocol sends', () => {
    const meta = /content="([^"]+)"/.exec(source.slice(source.indexOf('Content-Security-Policy')))![1]!;
    expect(parseCsp(meta)).toEqual(parseCsp(RENDERER_CSP));
  });
});
