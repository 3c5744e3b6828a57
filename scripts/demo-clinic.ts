// `npm run demo:clinic`: a clinic of two desktops side by side on one throwaway PostgreSQL, as
// `npm run demo` runs one. Reception and Room 1 each have their own core, data folder and page;
// they share the clinic database and one Zoom server (the built-in sandbox unless
// ZOOM_OAUTH_BASE_URL and ZOOM_API_BASE_URL are set, decided as `npm run demo` decides).
// Dr. Grace Lee's Zoom sign-in is on Room 1 only: reception books, Room 1 makes the meeting, and
// reception copies its join link.
//
// Prints exactly `Demo ready: <url> (Reception)` and `Demo ready: <url> (Room 1)`, then the PINs.
// Ctrl-C / SIGTERM stops both desktops, the sandbox and PostgreSQL, and removes their folders.
// DEMO_PORT puts Reception on that port and Room 1 on the next; DEMO_RENDERER_DIR serves an
// already built renderer (the end-to-end tests' shared build) instead of building dist/renderer.
import { resolve } from 'node:path';
import { SANDBOX_CLIENT_ID } from '../main/core/app/zoom-endpoints';
import { buildRenderer } from '../main/core/demo/build-renderer';
import { type DemoCore, startDemoCore, usesRealZoom } from '../main/core/demo/demo-core';
import { type DemoDoctor, demoPinLines, seedDemo } from '../main/core/demo/seed';
import { startDemoServer } from '../main/core/demo/server';
import type { PostgresConfig } from '../main/core/store/postgres';
import { startZoomSandbox, type ZoomSandbox } from '../main/core/zoom-sandbox';
import { postgresUnavailableReason, startThrowawayPostgres } from './throwaway-postgres';

const RECEPTION = 'Reception';
const ROOM = 'Room 1';
const startedAt = performance.now();
const root = resolve(import.meta.dirname, '..');
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

// What is running, stopped in reverse order (pages, desktops, Zoom sandbox, PostgreSQL).
const running: Array<{ name: string; stop(): Promise<void> }> = [];
let stopping: Promise<never> | undefined;
function own(name: string, stop: () => Promise<void>): void {
  running.push({ name, stop });
}
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    for (const r of running.splice(0).reverse()) {
      await r.stop().catch((e) => console.error(`Could not stop ${r.name}: ${message(e)}`));
    }
    process.exit(code);
  })();
  return stopping;
}

/** The throwaway server, or a clear reason why there is none and exit 1. */
async function startDatabase(): Promise<PostgresConfig> {
  const reason = postgresUnavailableReason();
  if (reason)
    throw new Error(`demo:clinic needs a throwaway PostgreSQL server and cannot start one: ${reason}.`);
  try {
    const pg = await startThrowawayPostgres({ name: 'demo-clinic' });
    own('PostgreSQL', () => pg.stop());
    return { host: pg.host, port: pg.port, database: pg.database, user: pg.user, password: pg.password };
  } catch (e) {
    throw new Error(`demo:clinic could not start its PostgreSQL server: ${message(e)}`);
  }
}

/**
 * One Zoom server for both desktops: the one the environment names, else one sandbox started here
 * and handed to both cores as if it were that server (a core's own sandbox would be its alone).
 */
async function startZoom(env: Record<string, string | undefined>): Promise<ZoomSandbox | null> {
  if (usesRealZoom(env)) return null;
  const sandbox = await startZoomSandbox();
  own('the Zoom sandbox', () => sandbox.close());
  env.ZOOM_OAUTH_BASE_URL = sandbox.oauthBaseUrl;
  env.ZOOM_API_BASE_URL = sandbox.apiBaseUrl;
  env.ZOOM_CLIENT_ID = SANDBOX_CLIENT_ID;
  return sandbox;
}

/** The doctor signs in to Zoom on this desktop only (the sandbox's consent, "Allow", the callback). */
async function connectZoom(core: DemoCore, sandbox: ZoomSandbox, doctor: DemoDoctor): Promise<void> {
  const { services } = core.companion;
  // Read first, as the page's Connect does: the account Zoom names is checked against her e-mail.
  await services.doctor(doctor.id);
  const { authorizeUrl, completion } = await services.connections.beginConnect(doctor.id, {
    redirectMode: 'loopback',
  });
  await fetch(await sandbox.approve(authorizeUrl, doctor.email), { redirect: 'manual' });
  await completion;
}

async function start(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  const version = process.env.npm_package_version ?? '0.0.0-demo';
  const [rendererDir, database, sandbox] = await Promise.all([
    process.env.DEMO_RENDERER_DIR ||
      buildRenderer(root, resolve(root, 'dist/renderer'), process.env.DEMO_BUILD === '1'),
    startDatabase(),
    startZoom(env),
  ]);
  const desktop = async (desktopName: string) => {
    const core = await startDemoCore({ env, version, database, desktopName });
    own(desktopName, () => core.dispose());
    return core;
  };
  // Reception first: it migrates the new database, then seeds it once for the whole clinic.
  const reception = await desktop(RECEPTION);
  const [room, seeded] = await Promise.all([
    desktop(ROOM),
    seedDemo(reception.companion.handlers).catch((e: unknown) => {
      // As in `npm run demo`: the pages still open, and say what is missing.
      console.error(`Demo data not seeded: ${message(e)}`);
      return null;
    }),
  ]);
  const lee: DemoDoctor | undefined = seeded?.doctors[0];
  let roomNote: string | null = null;
  if (lee && sandbox) {
    await connectZoom(room, sandbox, lee);
    roomNote = `  ${ROOM} is ${lee.displayName}'s desktop: her Zoom sign-in is there, so ${ROOM} makes her meetings.`;
  } else if (lee) {
    roomNote = `  ${ROOM} is ${lee.displayName}'s desktop: unlock her profile there and connect her Zoom (Zoom connections); ${ROOM} then makes her meetings.`;
  }

  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  const page = async (core: DemoCore, name: string, at: number | undefined) => {
    const server = await startDemoServer({
      handlers: core.companion.handlers,
      caller: core.companion.caller,
      hub: core.hub,
      rendererDir,
      ...(at ? { port: at } : {}),
      onError: (channel, text) => console.error(`[demo:clinic ${name}] ${channel} → ${text}`),
    });
    own(`the ${name} page`, () => server.close());
    return server;
  };
  const pages = [
    { name: RECEPTION, server: await page(reception, RECEPTION, port) },
    { name: ROOM, server: await page(room, ROOM, port ? port + 1 : undefined) },
  ];
  for (const p of pages) console.log(`Demo ready: ${p.server.url} (${p.name})`);
  for (const line of seeded ? demoPinLines(seeded) : []) console.log(line);
  if (roomNote) console.log(roomNote);
  console.error(
    [
      `Clinic database: PostgreSQL on ${database.host}:${database.port} (removed on exit)`,
      sandbox ? `Zoom sandbox on ${sandbox.origin}` : `Zoom server: ${env.ZOOM_API_BASE_URL}`,
      `Ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C stops both desktops.`,
    ].join('\n'),
  );
}

// A signal during start-up waits for it to finish, then everything stops. Later signals are
// ignored rather than taken as "quit now": a dependency (when-exit, under conf) raises the signal
// again itself, and tsx relays a terminal's Ctrl-C a second time. A stop that hangs ends anyway.
let signalled = false;
const onSignal = () => {
  if (signalled) return;
  signalled = true;
  setTimeout(() => {
    console.error('demo:clinic did not stop within 20 s; exiting anyway.');
    process.exit(1);
  }, 20_000).unref();
  void starting.finally(() => stopAll(0));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const starting = start().catch(async (e: unknown) => {
  console.error(message(e));
  await stopAll(1);
});
