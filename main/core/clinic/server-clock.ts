// The clinic server's clock, as this desktop reads it. The desktops' own clocks may disagree by
// minutes (a PC without time sync); what they compare with each other, such as when a desktop was
// last seen, must be written and read on one clock, or a desktop whose clock runs ahead takes a
// living desktop for away (and parks its doctors' meetings as "reconnect Zoom"). Measured at start
// and at every heartbeat, half the round trip taken off.
import type { PostgresStore } from '../store/postgres';

export class ServerClock {
  private offsetMs = 0;

  constructor(
    private readonly store: Pick<PostgresStore, 'row'>,
    private readonly local: () => Date,
  ) {}

  /** Now on the server's clock (this desktop's clock until the first reading). */
  readonly now = (): Date => new Date(this.local().getTime() + this.offsetMs);

  /** How far the server's clock is ahead of this desktop's, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  private firstReading: Promise<void> | null = null;

  /** Resolves once the server's clock has been read (reading it now if it never was). */
  first(): Promise<void> {
    this.firstReading ??= this.sync().catch((e: unknown) => {
      this.firstReading = null; // the server did not answer: the next caller asks again
      throw e;
    });
    return this.firstReading;
  }

  async sync(): Promise<void> {
    const sent = this.local().getTime();
    const r = await this.store.row<{ ms: number }>(
      'SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS double precision) AS ms',
    );
    const back = this.local().getTime();
    if (r && Number.isFinite(Number(r.ms))) this.offsetMs = Number(r.ms) - (sent + back) / 2;
  }
}
