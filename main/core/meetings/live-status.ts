// What Zoom says a meeting is doing now, kept in memory: started, or over again. Zoom's GET
// /meetings/{id} answers `waiting` or `started`; a scheduled meeting that ended reads `waiting`
// again, so "ended" is a meeting seen started that is waiting once more (or reported finished).
export type LiveState = 'waiting' | 'started' | 'ended';

interface Entry {
  state: LiveState;
  seenAt: number;
  /** When this desktop handed the start link to the doctor's browser. */
  openedAt: number | null;
}

export class MeetingLive {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records Zoom's status; returns whether what the screens show changed. */
  observe(meetingId: string, zoomStatus: string | undefined): boolean {
    const before = this.entries.get(meetingId);
    const state = nextState(before?.state, zoomStatus);
    if (!state) return false;
    this.entries.set(meetingId, { state, seenAt: this.now(), openedAt: before?.openedAt ?? null });
    return before?.state !== state;
  }

  /** The doctor opened the start link from this desktop. */
  opened(meetingId: string): void {
    const e = this.entries.get(meetingId);
    this.entries.set(meetingId, {
      state: e?.state ?? 'waiting',
      seenAt: e?.seenAt ?? this.now(),
      openedAt: this.now(),
    });
  }

  get(meetingId: string | null): { live: LiveState | null; openedAt: string | null } {
    const e = meetingId ? this.entries.get(meetingId) : undefined;
    return {
      live: e ? e.state : null,
      openedAt: e?.openedAt ? new Date(e.openedAt).toISOString() : null,
    };
  }

  /** When Zoom was last asked about this meeting (ms), if ever. */
  seenAt(meetingId: string): number | undefined {
    return this.entries.get(meetingId)?.seenAt;
  }
}

/** Zoom's word, read against what was seen before. Unknown words change nothing. */
export function nextState(
  before: LiveState | undefined,
  zoomStatus: string | undefined,
): LiveState | undefined {
  if (zoomStatus === 'started') return 'started';
  if (zoomStatus === 'finished' || zoomStatus === 'ended') return 'ended';
  if (zoomStatus === 'waiting') return before === 'started' || before === 'ended' ? 'ended' : 'waiting';
  return undefined;
}
