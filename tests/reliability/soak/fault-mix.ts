// The weather of the week on the Zoom side: background errors on every API call, 429 bursts,
// and one hour in which Zoom answers nothing useful. OAuth stays clear except in the outage
// (a dropped refresh answer loses a rotated token by design; that is the crash suite's subject).
import type { ZoomSandbox } from '../../../main/core/zoom-sandbox';

export function addBackgroundFaults(sandbox: ZoomSandbox): void {
  const api = '/v2/**';
  // 5% server errors (JSON and HTML bodies), 2% dropped connections (half of them after Zoom
  // applied the request: the lost-answer case), latency spikes on 3%.
  sandbox.faults.add({ path: api, probability: 0.03, effect: { kind: 'status', status: 503 } });
  sandbox.faults.add({ path: api, probability: 0.02, effect: { kind: 'status', status: 502, body: 'html' } });
  sandbox.faults.add({ path: api, probability: 0.01, effect: { kind: 'drop' } });
  sandbox.faults.add({ path: api, probability: 0.01, effect: { kind: 'apply-then-drop', delayMs: 20 } });
  sandbox.faults.add({ path: api, probability: 0.03, effect: { kind: 'latency', ms: 400 } });
}

/** The next `size` API calls are answered 429 with Retry-After: 1 (real seconds, as Zoom's are). */
export function addRateLimitBurst(sandbox: ZoomSandbox, size: number): void {
  sandbox.faults.add({ path: '/v2/**', count: size, effect: { kind: 'rate-limit', retryAfterSeconds: 1 } });
}

/** Zoom down: every API and token request fails until the returned function is called. */
export function startOutage(sandbox: ZoomSandbox): () => void {
  const ids = [
    sandbox.faults.add({ path: '/v2/**', effect: { kind: 'status', status: 503, body: 'html' } }),
    sandbox.faults.add({ path: '/oauth/token', effect: { kind: 'status', status: 503 } }),
  ];
  return () => {
    for (const id of ids) sandbox.faults.remove(id);
  };
}
