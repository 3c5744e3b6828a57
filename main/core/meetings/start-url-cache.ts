// Start URLs carry host rights and expire two hours after Zoom issued them. They live only in
// memory, and only while younger than the reuse window (zoom.md: keep one < ~90 minutes old).
export const START_URL_REUSE_MS = 90 * 60_000;

export class StartUrlCache {
  private readonly entries = new Map<string, { url: string; fetchedAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = START_URL_REUSE_MS,
  ) {}

  get(meetingId: string): string | undefined {
    const e = this.entries.get(meetingId);
    if (!e) return undefined;
    if (this.now() - e.fetchedAt >= this.maxAgeMs) {
      this.entries.delete(meetingId);
      return undefined;
    }
    return e.url;
  }

  put(meetingId: string, url: string): void {
    this.entries.set(meetingId, { url, fetchedAt: this.now() });
  }

  /** How old the kept link is, in ms; undefined when none is kept (or it is too old to reuse). */
  ageMs(meetingId: string): number | undefined {
    return this.get(meetingId) === undefined
      ? undefined
      : this.now() - this.entries.get(meetingId)!.fetchedAt;
  }

  forget(meetingId: string): void {
    this.entries.delete(meetingId);
  }

  clear(): void {
    this.entries.clear();
  }
}
