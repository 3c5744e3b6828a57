// `npm run demo`: the real core with the Zoom sandbox and demo data, served to a browser.
// Prints exactly one line `Demo ready: <url>`, then the demo admin's and doctors' PINs.
import { resolve } from 'node:path';
import { buildRenderer } from '../main/core/demo/build-renderer';
import { startDemoCore } from '../main/core/demo/demo-core';
import { demoPinLines, seedDemo } from '../main/core/demo/seed';
import { startDemoServer } from '../main/core/demo/server';

const root = resolve(import.meta.dirname, '..');
const rendererDir = await buildRenderer(root, resolve(root, 'dist/renderer'), process.env.DEMO_BUILD === '1');
const core = await startDemoCore({ version: process.env.npm_package_version ?? '0.0.0-demo' });
let pins: string[] = [];
try {
  pins = demoPinLines(await seedDemo(core.companion.handlers));
} catch (e) {
  // The demo still serves the UI when part of the core is not wired yet; the page explains what is missing.
  console.error(`Demo data not seeded: ${e instanceof Error ? e.message : String(e)}`);
}
const server = await startDemoServer({
  handlers: core.companion.handlers,
  caller: core.companion.caller,
  hub: core.hub,
  rendererDir,
  ...(process.env.DEMO_PORT ? { port: Number(process.env.DEMO_PORT) } : {}),
  onError: (channel, message) => console.error(`[demo] ${channel} → ${message}`),
});
console.log(`Demo ready: ${server.url}`);
for (const line of pins) console.log(line);
if (core.sandbox) console.error(`Zoom sandbox on ${core.sandbox.origin}`);

const stop = async () => {
  await server.close();
  await core.dispose();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
