// The composition root end to end in Node: the same handler table the shell and the demo serve,
// against the real Zoom sandbox, a real SQLite file and the real (dev) cipher.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Companion, createCompanion } from '../../main/core/app/companion';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { dispatch } from '../../main/core/ipc/dispatch';
import { memoryLogger } from '../../main/core/logging/logger';
import { createDevFileCipher } from '../../main/core/vault';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';

const ORIGIN = 'app://companion';
let companion: Companion;
let dataDir: string;
const opened: string[] = [];
const clipboard: string[] = [];
const wire: string[] = [];
const logger = memoryLogger();

async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const r = await dispatch(companion.handlers, channel, request, {
    caller: companion.caller,
    senderOrigin: ORIGIN,
    trustedOrigins: [ORIGIN],
  });
  wire.push(JSON.stringify(r));
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.value;
}

const tomorrow = () => DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).toISODate()!;

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'cc-app-'));
  companion = await createCompanion({
    appName: 'Clinic Companion',
    version: '0.0.0-test',
    platform: 'linux',
    dataDir,
    env: {},
    policy: { clinicTimeZone: 'Europe/Berlin' },
    cipher: createDevFileCipher(dataDir),
    sandbox: true,
    logger,
    reconcileEveryMs: 0,
    shell: {
      openOutside: async (url) => void opened.push(url),
      writeClipboard: async (text) => void clipboard.push(text),
    },
  });
});

const ADMIN_SECRET = 'clinic-admin-secret';
const DOCTOR_PIN = '246813';

afterAll(async () => {
  await companion?.dispose();
});

describe('the companion core behind the IPC handler table', () => {
  let doctorId: string;
  let patientId: string;
  let appointmentId: string;

  it('reports sandbox mode and names the server', async () => {
    const info = await call('app:getInfo', {});
    expect(info.sandbox).toBe(true);
    const status = await call('app:getStatus', {});
    expect(status.zoomServer).toMatch(/^Zoom sandbox at 127\.0\.0\.1:\d+$/);
    expect(status.clinicTimeZone).toBe('Europe/Berlin');
  });

  it('connects a doctor through the sandbox authorize page and the loopback redirect', async () => {
    // A new desktop: the first admin PIN is set by whoever sets it up, who then adds the doctor.
    await call('profiles:setAdminSecret', { newSecret: ADMIN_SECRET });
    doctorId = (await call('doctors:create', { displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' })).id;
    await call('profiles:setPin', { doctorId, newPin: DOCTOR_PIN });
    // Only the doctor connects their own Zoom, from their unlocked profile.
    await expect(call('connections:connect', { doctorId })).rejects.toMatchObject({ kind: 'not-allowed' });
    await call('profiles:unlock', { doctorId, pin: DOCTOR_PIN });
    await call('connections:connect', { doctorId });
    const authorizeUrl = opened.pop()!;
    expect(authorizeUrl).toContain('code_challenge_method=S256');
    const redirect = await companion.services.sandbox!.approve(authorizeUrl, 'dr.lee@sandbox.test');
    await fetch(redirect);
    const conn = await waitFor(async () => {
      const list = await call('connections:list', {});
      return list.find((c) => c.doctorId === doctorId && c.state === 'connected');
    });
    expect(conn.accountEmail).toBe('dr.lee@sandbox.test');
    await call('profiles:lock', {});
  });

  it('gives a new tele-visit its meeting with no click', async () => {
    patientId = (
      await call('patients:create', { displayName: 'Zebulon Quartermaine', email: 'zq@example.org' })
    ).id;
    const created = await call('appointments:create', {
      doctorId,
      patientId,
      date: tomorrow(),
      time: '10:30',
      durationMin: 20,
      visitType: 'telemed',
      notes: 'chest pain follow-up',
    });
    appointmentId = created.id;
    expect(created.meeting.state).toBe('creating');
    await companion.services.engine.drain();
    const day = await call('appointments:listDay', { date: tomorrow() });
    const a = day.appointments.find((x) => x.id === appointmentId)!;
    expect(a.meeting.state).toBe('ready');
    expect(a.meeting.joinUrl).toMatch(/\/j\/\d+/);
    const [m] = companion.services.sandbox!.meetings();
    expect(m!.topic).not.toContain('Zebulon');
    expect(m!.agenda ?? '').not.toContain('chest');
    expect(m!.settings.waiting_room).toBe(true);
    expect(m!.start_time).toBe(
      `${tomorrow()}T${DateTime.fromISO(`${tomorrow()}T10:30`, { zone: 'Europe/Berlin' }).toUTC().toFormat('HH:mm')}:00Z`,
    );
  });

  it('copies the join link and an invitation through the shell clipboard', async () => {
    await call('meetings:copyJoinLink', { appointmentId });
    expect(clipboard.at(-1)).toMatch(/\/j\/\d+\?pwd=/);
    await call('meetings:copyInvitation', { appointmentId });
    expect(clipboard.at(-1)).toContain('10:30');
    expect(clipboard.at(-1)).toContain('Passcode:');
    await call('meetings:emailInvitation', { appointmentId });
    expect(opened.at(-1)).toMatch(/^mailto:zq@example\.org\?subject=/);
  });

  it('lets only the unlocked doctor start the visit, with a fresh start URL opened by main', async () => {
    await expect(call('meetings:start', { appointmentId })).rejects.toMatchObject({ kind: 'not-allowed' });
    await expect(call('profiles:unlock', { doctorId, pin: '111111' })).rejects.toMatchObject({
      kind: 'locked',
    });
    await call('profiles:unlock', { doctorId, pin: DOCTOR_PIN });
    await call('meetings:start', { appointmentId });
    const startUrl = opened.at(-1)!;
    expect(companion.services.sandbox!.startUrlState(startUrl)).toBe('valid');
    await call('profiles:lock', {});
    // Main's state, not only the answer: the desk is front desk again and Start is refused.
    expect(companion.services.profiles.current()).toEqual({ role: 'front-desk' });
    expect(await call('profiles:get', {})).toEqual({ role: 'front-desk' });
    await expect(call('meetings:start', { appointmentId })).rejects.toMatchObject({ kind: 'not-allowed' });
  });

  it('moves the meeting on reschedule and deletes it on cancel', async () => {
    const day = await call('appointments:listDay', { date: tomorrow() });
    const a = day.appointments.find((x) => x.id === appointmentId)!;
    const moved = await call('appointments:update', { id: a.id, version: a.version, time: '11:00' });
    await companion.services.engine.drain();
    const sandbox = companion.services.sandbox!;
    expect(sandbox.meetings()).toHaveLength(1);
    expect(sandbox.meetings()[0]!.start_time).toBe(moved.startUtc);
    const cancelled = await call('appointments:cancel', { id: a.id, version: moved.version });
    expect(cancelled.status).toBe(0);
    await companion.services.engine.drain();
    expect(sandbox.meetings()).toHaveLength(0);
  });

  it('refuses invalid requests with a clear message and changes nothing', async () => {
    const before = (await call('appointments:listDay', { date: tomorrow() })).appointments.length;
    await expect(
      call('appointments:create', {
        doctorId,
        patientId,
        date: tomorrow(),
        time: '25:99',
        durationMin: 20,
        visitType: 'telemed',
      }),
    ).rejects.toMatchObject({ kind: 'invalid-request' });
    expect((await call('appointments:listDay', { date: tomorrow() })).appointments).toHaveLength(before);
  });

  it('never lets a token or a start URL into IPC responses, logs or the data folder', async () => {
    // The tokens the vault holds right now, read back through the vault itself.
    const records = await companion.services.vault.findCredentials(CONNECTION_SERVICE);
    const secrets = records.flatMap((r) => {
      const t = JSON.parse(r.password).tokens;
      return t ? [t.accessToken, t.refreshToken] : [];
    });
    expect(secrets.length).toBeGreaterThan(0);
    const startUrls = opened.filter((u) => u.includes('/s/'));
    expect(startUrls.length).toBeGreaterThan(0);
    const everything = [...wire, ...logger.lines].join('\n');
    for (const s of [...secrets, ...startUrls]) expect(everything).not.toContain(s);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dataDir);
    for (const f of files) {
      const text = readFileSync(f).toString('latin1');
      for (const t of secrets) expect(text, f).not.toContain(t);
      for (const u of startUrls) expect(text, f).not.toContain(new URL(u).searchParams.get('zak') ?? u);
      expect(text, f).not.toContain('zak=');
    }
  });
});
