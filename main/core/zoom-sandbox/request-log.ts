// What clients sent, as the sandbox received it, and a strict report of what real Zoom tolerates
// but the companion must never do: a create without a passcode, a request of an account inside the
// Retry-After window Zoom gave it, and more requests in a second than Zoom's published limits.
import type { Reply } from './http';
import type { RateCategory } from './rate-limit';
import type { SandboxState } from './state';
import type {
  SandboxRequest,
  StrictOptions,
  StrictReport,
  StrictViolation,
  StrictViolationKind,
} from './types';

/** Zoom Pro / Business per-second limits (zoom.md), independent of what the sandbox enforces. */
export const PUBLISHED_LIMITS = { light: 30, medium: 20, heavy: 10 } as const;

const CREATE_ROUTE = 'POST /v2/users/{userId}/meetings';

interface Pause {
  issuedAt: number;
  until: number;
}

export class RequestLog {
  private entries: SandboxRequest[] = [];
  private violations: StrictViolation[] = [];
  private readonly counts: Record<StrictViolationKind, number> = {
    'create-without-passcode': 0,
    'inside-retry-after': 0,
    'above-rate-limit': 0,
  };
  private readonly pauses = new Map<string, Pause>();
  /** `${account}:${category}` → arrival times within the last window. */
  private readonly arrivals = new Map<string, number[]>();
  private readonly graceMs: number;
  private readonly windowMs: number;
  private readonly limits: { light: number; medium: number; heavy: number };
  private readonly maxEntries: number;

  constructor(
    private readonly state: SandboxState,
    o: StrictOptions = {},
  ) {
    this.graceMs = o.graceMs ?? 250;
    this.windowMs = 1000 - (o.windowSlackMs ?? 100);
    this.limits = o.publishedLimits ?? PUBLISHED_LIMITS;
    this.maxEntries = o.maxLogEntries ?? 20_000;
  }

  /**
   * A request has arrived. `accountId` is known for API routes with a live token. The strict
   * checks run here, on arrival time: that is what Zoom's counters see.
   */
  arrive(e: Omit<SandboxRequest, 'at' | 'seq'>, category: RateCategory | undefined): SandboxRequest {
    const at = this.state.now();
    const entry: SandboxRequest = { seq: this.state.stats.requests, at, ...e };
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.maxEntries / 2);
    const account = e.accountId;
    if (!account || !category) return entry;
    const pause = this.pauses.get(account);
    // Requests already on their way when the 429 left are not the client's fault: a grace period.
    if (pause && at < pause.until && at >= pause.issuedAt + this.graceMs) {
      this.flag('inside-retry-after', entry, `${Math.round(pause.until - at)} ms before Retry-After ends`);
    }
    const key = `${account}:${category}`;
    const times = (this.arrivals.get(key) ?? []).filter((t) => t > at - this.windowMs);
    times.push(at);
    this.arrivals.set(key, times);
    const limit = this.limits[category.toLowerCase() as 'light'];
    if (times.length > limit) {
      this.flag('above-rate-limit', entry, `${times.length} ${category} requests within ${this.windowMs} ms`);
    }
    return entry;
  }

  /** The answer is known (undefined when the connection was dropped); `body` is what was sent. */
  answered(entry: SandboxRequest, reply: Reply | undefined, body: Record<string, unknown> | undefined): void {
    if (body !== undefined) entry.body = structuredClone(body);
    if (reply) entry.status = reply.status;
    if (entry.route === CREATE_ROUTE && body !== undefined) {
      const pw = body.password;
      if (typeof pw !== 'string' || pw === '')
        this.flag('create-without-passcode', entry, 'no password field');
    }
    const retryAfter = reply?.headers?.['retry-after'];
    if (reply?.status === 429 && entry.accountId && retryAfter && /^\d+$/.test(retryAfter)) {
      // Per-second limits pause the whole account; the daily limit (an HTTP-date) is per host.
      const now = this.state.now();
      const until = now + Number(retryAfter) * 1000;
      const old = this.pauses.get(entry.accountId);
      if (!old || old.until < until) this.pauses.set(entry.accountId, { issuedAt: now, until });
    }
  }

  private flag(kind: StrictViolationKind, entry: SandboxRequest, detail: string): void {
    this.counts[kind]++;
    if (this.violations.length < 1000) {
      this.violations.push({
        kind,
        seq: entry.seq,
        at: entry.at,
        route: entry.route,
        accountId: entry.accountId,
        detail,
      });
    }
  }

  requests(): SandboxRequest[] {
    return this.entries.map((e) => structuredClone(e));
  }

  report(): StrictReport {
    return {
      ok: Object.values(this.counts).every((n) => n === 0),
      counts: { ...this.counts },
      violations: this.violations.map((v) => ({ ...v })),
    };
  }

  clear(): void {
    this.entries = [];
    this.violations = [];
    for (const k of Object.keys(this.counts)) this.counts[k as StrictViolationKind] = 0;
    this.pauses.clear();
    this.arrivals.clear();
  }
}
