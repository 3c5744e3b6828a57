// Patient data never goes to Zoom: a provisioning day with distinctive patient names, reasons and
// notes (bookings, moves, re-hosts, cancellations, a reconnect), with every request body the
// sandbox received recorded by a proxy; no body, topic or agenda carries any of those words.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DOCTORS,
  type Harness,
  PATIENTS,
  PRIVATE_NOTES,
  PRIVATE_REASON,
  startHarness,
} from '../provisioning/harness';
import { startZoomProxy } from '../reliability/zoom-proxy';

const WORDS = [
  ...PATIENTS.flatMap((p) => p.displayName.split(' ')),
  ...PATIENTS.flatMap((p) => (p.email ? [p.email] : [])),
  ...PRIVATE_REASON.split(' ').filter((w) => w.length > 5),
  ...PRIVATE_NOTES.split(/[ ;()]+/).filter((w) => w.length > 8),
];

let h: Harness;
let proxy: Awaited<ReturnType<typeof startZoomProxy>>;
beforeAll(async () => {
  h = await startHarness({ rateLimits: false });
  proxy = await startZoomProxy(h.sandbox.origin);
  h.env.ZOOM_API_BASE_URL = proxy.apiBaseUrl;
});
afterAll(async () => {
  await proxy?.close();
  await h?.close();
});

it('a provisioning day sends Zoom no patient name, e-mail, reason or note', { timeout: 60_000 }, async () => {
  const s = await h.open();
  await h.connect(s, 'lee');
  await h.connect(s, 'patel');
  const ctx = { actor: 'front-desk' } as const;
  const booked = [];
  for (let i = 0; i < 24; i++)
    booked.push(await h.book(s, { doctor: i % 2 ? 'patel' : 'lee', hoursAhead: 20 + i, patient: i }));
  await h.settle(s);
  for (const [i, a] of booked.entries()) {
    const cur = await s.book.get(a.id);
    if (i % 4 === 0)
      await s.book.reschedule(
        a.id,
        cur.version,
        { startUtc: new Date(Date.parse(cur.startUtc) + 1_800_000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        ctx,
      );
    else if (i % 4 === 1)
      await s.book.changeDoctor(a.id, cur.version, i % 2 ? DOCTORS.lee.id : DOCTORS.patel.id, ctx);
    else if (i % 4 === 2) await s.book.cancel(a.id, cur.version, ctx);
  }
  await h.settle(s);
  // Start URLs fetched for every ready visit (a GET per meeting).
  for (const a of booked) {
    const cur = await s.book.get(a.id);
    if (cur.status !== 0) await s.engine.startUrl(a.id, cur.doctorId).catch(() => undefined);
  }
  const bodies = proxy.seen.filter((r) => r.body.length > 0);
  expect(bodies.length).toBeGreaterThan(24);
  const everything = [
    ...proxy.seen.map((r) => `${r.method} ${decodeURIComponent(r.path)}\n${r.body}`),
    ...[...h.sandbox.meetings(), ...h.sandbox.deletedMeetings()].map((m) => `${m.topic}\n${m.agenda}`),
  ]
    .join('\n')
    .toLowerCase();
  for (const w of WORDS) expect(everything, w).not.toContain(w.toLowerCase());
  h.assertNoPatientDataOnZoom();
});
