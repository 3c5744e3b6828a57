// Zoom's rules under load, with the limiter and the concurrency the app ships with (nothing
// tightened for the test): the sandbox's strict report says whether a stricter Zoom would have
// seen a request too many, one inside a Retry-After window, or a repeated passcode.
import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../main/core/store/records';
import { DOCTORS, type Harness, startHarness } from './harness';

let h: Harness;
afterEach(async () => {
  h.assertNoPatientDataOnZoom();
  await h.close();
});

const CREATES = '/v2/users/*/meetings';
const ready = async (s: Awaited<ReturnType<Harness['open']>>, ids: string[]) => {
  let n = 0;
  for (const id of ids) if ((await s.repos.mappings.get(id))?.state === 'ready') n++;
  return n;
};

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the default limiter and concurrency against Zoom Pro limits', () => {
  it('60 visits for three doctors: no second above the published Medium rate, no 429', async () => {
    h = await startHarness();
    const s = await h.open();
    for (const d of ['lee', 'patel', 'garcia'] as const) await h.connect(s, d);
    const day = await s.book.transaction(async () => {
      const booked: Appointment[] = [];
      for (let i = 0; i < 60; i++) {
        booked.push(
          await h.book(s, {
            doctor: (['lee', 'patel', 'garcia'] as const)[i % 3],
            hoursAhead: 24 + i / 4,
            patient: i,
          }),
        );
      }
      return booked;
    });
    await h.settle(s);
    expect(
      await ready(
        s,
        day.map((a) => a.id),
      ),
    ).toBe(60);
    expect(h.createsSent()).toHaveLength(60);
    expect(h.sandbox.strictReport()).toMatchObject({ ok: true });
    expect(h.sandbox.stats().rateLimited).toBe(0);
  }, 30_000);

  it('a 429 pauses every request of the account, the next doctor’s sign-in (GET /users/me) included', async () => {
    h = await startHarness();
    const s = await h.open();
    await h.connect(s, 'lee');
    h.sandbox.faults.add({
      method: 'POST',
      path: CREATES,
      count: 1,
      effect: { kind: 'rate-limit', retryAfterSeconds: 2, category: 'Medium' },
    });
    const day = await s.book.transaction(async () => {
      const booked: Appointment[] = [];
      for (let i = 0; i < 30; i++) booked.push(await h.book(s, { hoursAhead: 24 + i / 4, patient: i }));
      return booked;
    });
    const drained = s.engine.drain();
    await until(() => h.sandbox.requests().some((r) => r.status === 429), 'the 429');
    const limited = h.sandbox.requests().find((r) => r.status === 429)!;
    await h.connect(s, 'patel');
    await drained;
    await h.settle(s);
    expect(
      await ready(
        s,
        day.map((a) => a.id),
      ),
    ).toBe(30);
    const patel = h.sandbox.users().find((u) => u.email === DOCTORS.patel.email)!;
    const signIn = h.sandbox
      .requests()
      .find((r) => r.route === 'GET /v2/users/{userId}' && r.userId === patel.id)!;
    expect(signIn.status).toBe(200);
    expect(signIn.at - limited.at).toBeGreaterThanOrEqual(1995);
    // Requests already on their way when the 429 left may still arrive; none may be sent after it.
    const inWindow = h.sandbox
      .requests()
      .filter((r) => r.accountId && r.at - limited.at > 250 && r.at - limited.at < 1995);
    expect(inWindow.map((r) => `#${r.seq} ${r.route} +${r.at - limited.at} ms`)).toEqual([]);
    expect(h.sandbox.strictReport()).toMatchObject({ ok: true });
  }, 30_000);
});

describe('passcodes', () => {
  it('stay unique when the random source repeats itself (a forced collision)', async () => {
    // One block of draws spells Aa2Bb3Cc4D; the next passcode starts with the same block again.
    const block = [0, 23, 47, 1, 24, 48, 2, 25, 49, 3];
    let n = 0;
    const repeating = (max: number) =>
      n < 2 * block.length ? block[n++ % block.length]! % max : randomInt(max);
    h = await startHarness();
    const s = await h.open({ passcode: { randomInt: repeating } });
    await h.connect(s, 'lee');
    // Booked together, so the engine makes the meetings side by side: a passcode still on its way
    // to Zoom counts as taken too.
    await s.book.transaction(async () => {
      for (let i = 0; i < 4; i++) await h.book(s, { hoursAhead: 30 + i, patient: i });
    });
    await h.settle(s);
    const codes = h.createsSent().map((b) => b.password);
    expect(codes).toHaveLength(4);
    expect(codes).toContain('Aa2Bb3Cc4D');
    expect(new Set(codes).size).toBe(4);
    expect(h.sandbox.strictReport()).toMatchObject({ ok: true });
  });
});
