// The doctor's Start: a start URL Zoom accepts, reused for less than 90 minutes, fetched fresh
// after that, only for the visit's own doctor, and never written to disk.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/app/services';
import { DOCTORS, type Harness, startHarness } from './harness';

let h: Harness;
let s: Services;
beforeAll(async () => {
  h = await startHarness();
  s = await h.open();
  await h.connect(s, 'lee');
  await h.connect(s, 'patel');
});
afterAll(async () => {
  h.assertNoPatientDataOnZoom();
  // After everything the suite did, including a restart on the same folder.
  h.assertNoStartUrlOnDisk();
  await h.close();
});

const gets = () => h.sandbox.stats().byRoute['GET /v2/meetings/{meetingId}'] ?? 0;
const start = async (id: string, doctorId: string = DOCTORS.lee.id) => {
  const url = await s.engine.startUrl(id, doctorId);
  h.seenStartUrls.push(url);
  return url;
};

describe('starting a visit', () => {
  it('hands over a start URL Zoom accepts, reused within 90 minutes and fetched fresh after', async () => {
    const a = await h.book(s, { hoursAhead: 3 });
    await s.engine.drain();
    const before = gets();
    const first = await start(a.id);
    expect(h.sandbox.startUrlState(first)).toBe('valid');
    h.clock.advance(89 * 60_000);
    expect(await start(a.id)).toBe(first);
    expect(gets()).toBe(before);

    h.clock.advance(2 * 60_000);
    const fresh = await start(a.id);
    expect(gets()).toBe(before + 1);
    expect(fresh).not.toBe(first);
    expect(h.sandbox.startUrlState(fresh)).toBe('valid');
    // The reuse window keeps well inside Zoom's two hours: the old URL still worked when dropped.
    expect(h.sandbox.startUrlState(first)).toBe('valid');
    h.clock.advance(40 * 60_000);
    expect(h.sandbox.startUrlState(first)).toBe('expired');
    expect(h.sandbox.startUrlState(await start(a.id))).toBe('valid');
  });

  it('another doctor cannot start it', async () => {
    const a = await h.book(s, { hoursAhead: 4 });
    await s.engine.drain();
    const requests = h.sandbox.stats().requests;
    await expect(s.engine.startUrl(a.id, DOCTORS.patel.id)).rejects.toMatchObject({
      kind: 'locked',
      message: expect.stringMatching(/Only Dr\. Lee can start this visit/),
    });
    expect(h.sandbox.stats().requests).toBe(requests);
  });

  it('after a restart the start URL is fetched from Zoom: nothing was kept on disk', async () => {
    const a = await h.book(s, { hoursAhead: 5 });
    await s.engine.drain();
    await start(a.id);
    await s.dispose();
    s = await h.open({ dataDir: s.dataDir });
    const before = gets();
    expect(h.sandbox.startUrlState(await start(a.id))).toBe('valid');
    expect(gets()).toBe(before + 1);
  });

  it('a visit whose meeting is not ready yet says so instead of handing over anything', async () => {
    h.sandbox.revokeUserTokens(DOCTORS.lee.email);
    const a = await h.book(s, { hoursAhead: 6 });
    await s.engine.drain();
    await expect(s.engine.startUrl(a.id, DOCTORS.lee.id)).rejects.toMatchObject({ kind: 'not-found' });
    await h.connect(s, 'lee');
  });

  it('a meeting removed on Zoom is noticed at Start and set up again', async () => {
    const a = await h.book(s, { hoursAhead: 7 });
    await s.engine.drain();
    const m = (await s.repos.mappings.get(a.id))!;
    h.clock.advance(91 * 60_000);
    h.sandbox.deleteMeetingAsZoom(m.zoomMeetingId!);
    await expect(s.engine.startUrl(a.id, DOCTORS.lee.id)).rejects.toMatchObject({ kind: 'not-found' });
    await h.settle(s);
    expect(h.meetingsFor(a.reference)).toHaveLength(1);
    expect(h.sandbox.startUrlState(await start(a.id))).toBe('valid');
  });
});

describe('the disk scan itself', () => {
  it('would catch a start URL written anywhere under a data folder', async () => {
    const a = await h.book(s, { hoursAhead: 8 });
    await s.engine.drain();
    const url = await start(a.id);
    const file = join(s.dataDir, 'logs', 'leak-probe.txt');
    writeFileSync(file, JSON.stringify({ url }));
    expect(() => h.assertNoStartUrlOnDisk()).toThrow(/start URL/);
    rmSync(file);
    expect(() => h.assertNoStartUrlOnDisk()).not.toThrow();
  });
});

describe('a change of doctor not yet carried out on Zoom', () => {
  it("the new doctor is not handed the previous doctor's start URL", async () => {
    const a = await h.book(s, { hoursAhead: 9 });
    await s.engine.drain();
    const leeMeeting = (await s.repos.mappings.get(a.id))!.zoomMeetingId!;
    // Zoom is slow for another visit, so the engine is busy when the doctor changes.
    const slow = h.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      effect: { kind: 'latency', ms: 500 },
    });
    await h.book(s, { hoursAhead: 10, doctor: 'patel' });
    const busy = s.engine.drain();
    const current = await s.book.get(a.id);
    await s.book.changeDoctor(a.id, current.version, DOCTORS.patel.id, { actor: 'front-desk' });
    expect((await s.repos.mappings.get(a.id))?.zoomMeetingId).toBe(leeMeeting);
    await expect(s.engine.startUrl(a.id, DOCTORS.patel.id)).rejects.toMatchObject({ kind: 'not-found' });
    await busy;
    h.sandbox.faults.remove(slow);
    await h.settle(s);
    const url = await start(a.id, DOCTORS.patel.id);
    const m = (await s.repos.mappings.get(a.id))!;
    expect(m.doctorId).toBe(DOCTORS.patel.id);
    expect(url).toContain(m.zoomMeetingId!);
    expect(h.sandbox.startUrlState(url)).toBe('valid');
  });
});
