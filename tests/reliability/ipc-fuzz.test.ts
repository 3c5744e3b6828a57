// Every IPC channel under fire: random values and near misses of a valid request, through the real
// dispatcher into a real companion. Each answer is a typed result; refused requests change nothing.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { type Channel, channelNames, channels, ErrorKind, IpcError } from '../../preload/contract';
import { type Fixture, openCompanion } from './companion-fixture';
import { hostileValue, nearMiss, type SampleIds, sampleFor, samples } from './ipc-samples';

let f: Fixture;
let ids: SampleIds;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const fuzzFigures = { requests: 0, refused: 0, accepted: 0 };

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  f = await openCompanion();
  await f.actAs('admin');
  const date = DateTime.now().setZone('Europe/Berlin').plus({ days: 2 }).toISODate()!;
  const doctor = await f.call('doctors:create', { displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' });
  const patient = await f.call('patients:create', { displayName: 'Zebulon Quartermaine' });
  if (!doctor.ok || !patient.ok) throw new Error('seed failed');
  const doctorId = (doctor.value as { id: string }).id;
  const patientId = (patient.value as { id: string }).id;
  const appt = await f.call('appointments:create', {
    doctorId,
    patientId,
    date,
    time: '09:00',
    durationMin: 30,
    visitType: 'in_person',
  });
  if (!appt.ok) throw new Error(appt.error.message);
  ids = { doctorId, patientId, appointmentId: (appt.value as { id: string }).id, date };
  // A connected doctor with a ready meeting, so there are real tokens and start URLs to leak.
  await f.actAs({ doctorId });
  await f.call('connections:connect', { doctorId });
  await fetch(await f.companion.services.sandbox!.approve(f.opened.pop()!, 'dr.lee@sandbox.test'));
  for (
    let i = 0;
    i < 100 && (await f.companion.services.connections.status(doctorId)).state !== 'connected';
    i++
  )
    await new Promise((r) => setTimeout(r, 20));
  await f.call('appointments:create', {
    doctorId,
    patientId,
    date,
    time: '11:00',
    durationMin: 20,
    visitType: 'telemed',
  });
  await f.companion.services.engine.drain();
  await f.actAs('admin');
  // The first KiviCare attempt mints the install's stable site client id (one settings row, kept
  // by design); minted here so the fuzz compares like with like.
  await f.call('kivicare:connect', sampleFor(ids, 'kivicare:connect'));
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await f?.close();
  console.info(`[ipc-fuzz] ${JSON.stringify(fuzzFigures)}`);
});

/** One request: a typed result always; a refused one leaves rows and files exactly as they were. */
async function probe(
  channel: Channel | string,
  request: unknown,
  ...origin: [string | null | undefined] | []
) {
  // As a profile the channel admits (the roles have their own test): the payload is what is fuzzed.
  await f.actForChannel(String(channel), ids.doctorId);
  const before = await f.snapshot();
  const r = await f.call(channel, request, ...origin);
  fuzzFigures.requests++;
  if (r.ok) {
    fuzzFigures.accepted++;
    // Accepted only if the contract accepts it, and the answer matches the response schema.
    expect(channels[channel as Channel].request.safeParse(request ?? {}).success).toBe(true);
    expect(channels[channel as Channel].response.safeParse(r.value).success).toBe(true);
    return r;
  }
  fuzzFigures.refused++;
  expect(IpcError.safeParse(r.error).success).toBe(true);
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(await f.snapshot()).toBe(before);
  return r;
}

describe('fuzzed IPC payloads on every channel', () => {
  it('has a well-formed sample for most channels (the rest are fuzzed from an empty request)', () => {
    const missing = channelNames.filter((c) => !(c in samples(ids)));
    if (missing.length) console.warn(`[ipc-fuzz] channels without a sample: ${missing.join(', ')}`);
    expect(missing.length).toBeLessThan(channelNames.length / 4);
  });

  it.each(channelNames)(
    '%s: random payloads get a typed answer, refused ones change nothing',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(hostileValue, async (payload) => {
          const r = await probe(channel, payload);
          if (!channels[channel].request.safeParse(payload ?? {}).success) {
            expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
          }
        }),
        { numRuns: RUNS, seed: 8 },
      );
    },
  );

  it.each(channelNames)(
    '%s: near misses of a valid request are refused as invalid and change nothing',
    async (channel) => {
      const sample = sampleFor(ids, channel);
      await fc.assert(
        fc.asyncProperty(nearMiss(sample), async (payload) => {
          const r = await probe(channel, payload);
          if (!channels[channel].request.safeParse(payload ?? {}).success) {
            expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
          }
        }),
        { numRuns: RUNS, seed: 8 },
      );
    },
  );

  it('refuses every channel from a foreign or missing sender origin, before any handler runs', async () => {
    const origins = [null, undefined, '', 'null', 'http://127.0.0.1:5173', 'app://companion.evil', 'file://'];
    for (const channel of channelNames) {
      for (const origin of origins) {
        const r = await probe(channel, sampleFor(ids, channel), origin);
        expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      }
    }
  });

  it('answers unknown and prototype channel names as unknown-channel', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:getInfo '),
        ),
        async (name) => {
          fc.pre(!(channelNames as string[]).includes(name));
          const r = await probe(name, {});
          expect(r).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
        },
      ),
      { numRuns: 100, seed: 8 },
    );
  });

  it('no token or start URL crossed IPC or reached a log line during the fuzz', async () => {
    const { services } = f.companion;
    const secrets: string[] = [];
    for (const c of await services.vault.findCredentials(CONNECTION_SERVICE)) {
      const t = JSON.parse(c.password).tokens;
      if (t) secrets.push(t.accessToken, t.refreshToken);
    }
    expect(secrets).toHaveLength(2);
    const [meeting] = services.sandbox!.meetings();
    const ready = (await services.store.row<{ id: string }>(
      `SELECT appointment_id AS id FROM meeting_mappings WHERE state = 'ready'`,
    ))!;
    // The start URL main holds for that visit (cached when the meeting was made).
    const startUrl = await services.engine.startUrl(ready.id, ids.doctorId);
    expect(startUrl).toContain('zak=');
    expect(meeting).toBeDefined();
    const everything = [...f.wire, ...f.logger.lines].join('\n');
    for (const s of secrets) expect(everything).not.toContain(s);
    expect(everything).not.toMatch(/zak=|start_url|access_token|refresh_token/);
    expect(everything).not.toContain(startUrl);
  });

  it('never let a promise reject unhandled, and every error kind is one the UI knows', () => {
    expect(unhandled).toEqual([]);
    for (const line of f.wire) {
      const r = JSON.parse(line);
      if (!r.ok) expect(ErrorKind.options).toContain(r.error.kind);
    }
  });
});
