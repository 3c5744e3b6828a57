// The page side of the demo transport, served as a same-origin file (the CSP forbids inline
// scripts). It implements CompanionApi over fetch (requests) and Server-Sent Events (events).
export const BRIDGE_JS = `'use strict';
(() => {
  const rpcUrl = new URL('rpc', location.href).href;
  const listeners = new Map();
  const events = new EventSource(new URL('events', location.href).href);
  events.onmessage = (m) => {
    let data;
    try { data = JSON.parse(m.data); } catch { return; }
    if (data.event === 'demo:open') {
      // The browser is the demo's "system shell": a mailto: goes to the browser's mail handler
      // (the page stays), other URLs main would open go to a new tab.
      const url = String(data.payload.url);
      if (url.startsWith('mailto:')) {
        const a = document.createElement('a');
        a.href = url;
        a.rel = 'noopener';
        a.click();
        return;
      }
      const w = window.open(url, '_blank');
      if (w) w.opener = null;
      return;
    }
    if (data.event === 'demo:clipboard') {
      // What main put on "the clipboard" goes on the browser's, while the click's activation lasts.
      navigator.clipboard.writeText(String(data.payload.text)).catch((e) => console.warn('clipboard:', e));
      return;
    }
    for (const l of listeners.get(data.event) ?? []) {
      try { l(data.payload); } catch (e) { console.error(e); }
    }
  };
  const api = {
    invoke(channel, request) {
      return fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, request }),
        credentials: 'same-origin',
        cache: 'no-store',
      })
        .then((r) => r.json())
        .catch(() => ({ ok: false, error: { kind: 'internal', message: 'The demo server did not answer.' } }));
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'companion', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
