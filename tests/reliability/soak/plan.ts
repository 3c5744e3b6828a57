// A clinic week as data, from a seed: who books which visit when, and which visits are moved,
// re-hosted, switched to in-person or cancelled before they happen. Pure, so a run repeats.

export const STEP_MS = 15 * 60_000;
export const WEEK_STEPS = 7 * 96;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Change =
  | { kind: 'reschedule'; toStartMs: number }
  | { kind: 'cancel' }
  | { kind: 'doctor'; doctor: number }
  | { kind: 'in-person' };

export interface PlannedVisit {
  key: number;
  doctor: number;
  patient: number;
  telemed: boolean;
  durationMin: number;
  bookStep: number;
  startMs: number;
  change?: { step: number; change: Change };
}

export interface WeekPlan {
  startMs: number;
  visits: PlannedVisit[];
  patients: number;
  /** Step at which one doctor's Zoom grant is revoked, and the step they reconnect. */
  revoke: { doctor: number; step: number; reconnectStep: number };
  /** Zoom answers nothing but errors from this step for `steps` steps (an hour). */
  outage: { step: number; steps: number };
  /** Steps at which a burst of 429s starts. */
  bursts: number[];
}

/** mulberry32: small, seeded, good enough to spread a schedule. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A visit time in clinic hours (09:00–17:00 New York ≈ 13–21 UTC) on the day of `ms`, on a quarter hour. */
function clinicSlot(ms: number, random: () => number): number {
  const day = Math.floor(ms / DAY) * DAY;
  return day + 13 * HOUR + Math.floor(random() * 32) * STEP_MS;
}

export function planWeek(o: {
  startMs: number;
  doctors: number;
  appointments: number;
  seed: number;
}): WeekPlan {
  const random = seeded(o.seed);
  const patients = Math.max(10, Math.round(o.appointments / 3));
  const pick = (n: number) => Math.floor(random() * n);
  const visits: PlannedVisit[] = [];
  // Bookings stop a day before the end, so every booking has time to settle inside the week.
  const lastBookStep = WEEK_STEPS - 96;
  for (let key = 0; key < o.appointments; key++) {
    const bookStep = pick(lastBookStep);
    const bookedMs = o.startMs + bookStep * STEP_MS;
    // Booked one to five days ahead, at least two hours out.
    let startMs = clinicSlot(bookedMs + DAY + random() * 4 * DAY, random);
    if (startMs < bookedMs + 2 * HOUR) startMs += DAY;
    const v: PlannedVisit = {
      key,
      doctor: key % o.doctors,
      patient: pick(patients),
      telemed: random() < 0.85,
      durationMin: [15, 20, 30, 45][pick(4)]!,
      bookStep,
      startMs,
    };
    const r = random();
    // Realistic rates: 12% moved, 8% cancelled, 2% another doctor, 2% switched to in-person.
    const change: Change | undefined =
      r < 0.12
        ? { kind: 'reschedule', toStartMs: 0 }
        : r < 0.2
          ? { kind: 'cancel' }
          : r < 0.22
            ? { kind: 'doctor', doctor: (v.doctor + 1 + pick(o.doctors - 1)) % o.doctors }
            : r < 0.24 && v.telemed
              ? { kind: 'in-person' }
              : undefined;
    if (change) {
      // Somewhere between the booking and six hours before the visit.
      const lastChangeStep = Math.floor((startMs - 6 * HOUR - o.startMs) / STEP_MS);
      if (lastChangeStep > bookStep) {
        const step = bookStep + 1 + pick(lastChangeStep - bookStep);
        if (change.kind === 'reschedule') {
          const changeMs = o.startMs + step * STEP_MS;
          change.toStartMs = clinicSlot(
            Math.max(changeMs + 6 * HOUR, startMs + (random() - 0.4) * 2 * DAY),
            random,
          );
          if (change.toStartMs < changeMs + 6 * HOUR) change.toStartMs += DAY;
        }
        v.change = { step, change };
      }
    }
    visits.push(v);
  }
  const revokeStep = 3 * 96 + 40;
  const revoke = { doctor: o.doctors > 1 ? 1 : 0, step: revokeStep, reconnectStep: revokeStep + 12 };
  const outage = { step: 4 * 96 + 44, steps: 4 };
  // The front desk keeps working through both events: some bookings (and changes) land inside them.
  const k = Math.max(3, Math.round(o.appointments / 50));
  moveInto(
    visits,
    o.startMs,
    revoke.step,
    revoke.reconnectStep - revoke.step,
    k,
    (v) => v.doctor === revoke.doctor,
  );
  moveInto(visits, o.startMs, outage.step, outage.steps, k, () => true);
  return {
    startMs: o.startMs,
    visits,
    patients,
    revoke,
    outage,
    bursts: [60, 150, 230, 300, 470, 530].map((s) => Math.min(s, WEEK_STEPS - 1)),
  };
}

/** Re-times `count` bookings (of visits far enough ahead, not changed) into steps [from, from+steps). */
function moveInto(
  visits: PlannedVisit[],
  startMs: number,
  from: number,
  steps: number,
  count: number,
  which: (v: PlannedVisit) => boolean,
) {
  const earliestStart = startMs + (from + steps) * STEP_MS + DAY;
  const candidates = visits.filter((v) => which(v) && !v.change && v.telemed && v.startMs > earliestStart);
  for (const [i, v] of candidates.slice(0, count).entries()) v.bookStep = from + (i % steps);
}
