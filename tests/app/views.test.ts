import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asksQueuedProblem, meetingView, overlappingIds } from '../../main/core/app/views';
import type { Appointment, MeetingMapping } from '../../main/core/store/records';

const visit = (
  id: string,
  doctorId: string,
  startMin: number,
  durationMin: number,
  status = 1,
): Appointment =>
  ({
    id,
    doctorId,
    startUtc: new Date(Date.UTC(2030, 0, 1, 8) + startMin * 60_000).toISOString().replace('.000', ''),
    durationMin,
    status,
    deletedAt: null,
  }) as Appointment;

/** The obvious pairwise definition the sweep must agree with. */
function naive(list: Appointment[]): Set<string> {
  const out = new Set<string>();
  const live = list.filter((a) => a.status !== 0 && !a.deletedAt);
  for (const a of live)
    for (const b of live) {
      if (a === b || a.doctorId !== b.doctorId) continue;
      const [as, bs] = [Date.parse(a.startUtc), Date.parse(b.startUtc)];
      if (as < bs + b.durationMin * 60_000 && bs < as + a.durationMin * 60_000) out.add(a.id);
    }
  return out;
}

describe('overlapping appointments', () => {
  it('marks both visits of an overlap, per doctor, ignoring cancelled ones and back-to-back visits', () => {
    const list = [
      visit('a', 'd1', 0, 60),
      visit('b', 'd1', 30, 20),
      visit('c', 'd1', 60, 30),
      visit('d', 'd2', 0, 60),
      visit('e', 'd1', 70, 10, 0),
    ];
    expect(overlappingIds(list)).toEqual(new Set(['a', 'b']));
  });

  it('agrees with the pairwise definition on any day', () => {
    const arb = fc.array(
      fc.record({
        doctor: fc.constantFrom('d1', 'd2', 'd3'),
        start: fc.integer({ min: 0, max: 600 }),
        duration: fc.integer({ min: 5, max: 120 }),
        status: fc.constantFrom(0, 1, 2, 4),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((r, i) => visit(`v${i}`, r.doctor, r.start, r.duration, r.status));
        expect(overlappingIds(list)).toEqual(naive(list));
      }),
    );
  });
});

describe('the outbox read of a day list', () => {
  it('is made for exactly the visits whose view shows the queued problem', () => {
    const arb = fc.record({
      start: fc.integer({ min: 0, max: 600 }),
      duration: fc.integer({ min: 5, max: 120 }),
      now: fc.integer({ min: 0, max: 800 }),
      status: fc.constantFrom(0, 1, 2),
      visitType: fc.constantFrom('telemed', 'in_person'),
      deleted: fc.boolean(),
      mapping: fc.option(
        fc.record({
          state: fc.constantFrom(
            'creating',
            'updating',
            'deleting',
            'ready',
            'deleted',
            'failed',
            'needs-reconnect',
          ),
          provisionedBy: fc.constantFrom('companion', 'kivicare'),
          zoomMeetingId: fc.option(fc.constant('8100'), { nil: null }),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const a = {
          ...visit('v', 'd1', r.start, r.duration, r.status),
          visitType: r.visitType,
          deletedAt: r.deleted ? '2030-01-01T00:00:00Z' : null,
        } as Appointment;
        const m =
          r.mapping && ({ ...r.mapping, lastErrorMessage: null, joinUrl: null } as unknown as MeetingMapping);
        const nowMs = Date.UTC(2030, 0, 1, 8) + r.now * 60_000;
        let asked = false;
        meetingView(
          a,
          m,
          () => {
            asked = true;
            return null;
          },
          nowMs,
        );
        expect(asksQueuedProblem(a, m, nowMs)).toBe(asked);
      }),
      { numRuns: 2000 },
    );
  });
});
