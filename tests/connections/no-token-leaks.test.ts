import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveViaLoopback, bridgeToScheme, connectLoopback, type Harness, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('tokens never leave the connection layer', () => {
  it('no token string appears in any log line, status, event or error during a full run', async () => {
    const tokens = new Set<string>();
    const outputs: unknown[] = [];
    const snap = async () => {
      for (const t of await h.vaultTokens()) tokens.add(t);
    };
    const keep = async <T>(p: Promise<T>) => {
      try {
        const v = await p;
        outputs.push(v);
        return v;
      } catch (e) {
        const err = e as { message: string; details?: unknown; kind?: string };
        outputs.push({
          message: err.message,
          details: err.details,
          kind: err.kind,
          stack: String((e as Error).stack),
        });
        return undefined;
      }
    };
    h.manager.onChange((s) => outputs.push(s));

    const lee = await keep(h.manager.beginConnect('lee', { redirectMode: 'loopback' }));
    outputs.push(lee?.authorizeUrl);
    await approveViaLoopback(h, lee!.authorizeUrl, 'dr.lee@sandbox.test');
    await keep(lee!.completion);
    await snap();
    const patel = await h.manager.beginConnect('patel', { redirectMode: 'scheme' });
    const url = bridgeToScheme(await h.sandbox.approve(patel.authorizeUrl, 'dr.patel@sandbox.test'));
    await keep(h.manager.handleProtocolUrl(url));
    await keep(h.manager.handleProtocolUrl(url));
    await snap();

    const provider = h.manager.tokenProvider('lee');
    tokens.add(await provider.getAccessToken());
    h.clock.advance(3600_000);
    tokens.add(await provider.getAccessToken());
    await snap();
    tokens.add(await provider.refreshAfterUnauthorized([...tokens][0]!));
    await snap();
    h.sandbox.faults.add({ path: '/oauth/token', count: 1, effect: { kind: 'status', status: 503 } });
    h.clock.advance(3600_000);
    await keep(provider.getAccessToken());
    await snap();
    h.sandbox.revokeUserTokens('dr.lee@sandbox.test');
    await keep(provider.getAccessToken());
    await keep(h.manager.status('lee'));
    await keep(h.manager.list());
    await keep(connectLoopback(h, 'garcia', 'dr.garcia@sandbox.test'));
    await snap();
    await keep(h.manager.disconnect('patel'));
    await h.sandbox.close();
    await keep(h.manager.disconnect('garcia'));
    await keep(h.manager.status('garcia'));
    await new Promise((r) => setTimeout(r, 20));

    expect(tokens.size).toBeGreaterThanOrEqual(8);
    expect(h.logs.length).toBeGreaterThan(5);
    const haystack = [...h.logs, ...outputs.map((o) => JSON.stringify(o))].join('\n');
    for (const t of tokens) expect(haystack.includes(t), 'a token leaked').toBe(false);
  });
});
