import { seededRandom } from './random';

/** What an injected fault does to a matching request. */
export type FaultEffect =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504; body?: 'json' | 'html' }
  | { kind: 'rate-limit'; retryAfterSeconds?: number; category?: 'Light' | 'Medium' | 'Heavy' }
  | { kind: 'daily-limit' }
  | { kind: 'drop' }
  | { kind: 'malformed'; variant: 'html' | 'truncated-json' | 'wrong-types' }
  /** The server applies the request, then destroys the socket (after `delayMs`, to look like a time-out). */
  | { kind: 'apply-then-drop'; delayMs?: number };

export interface FaultRule {
  /** HTTP method; any when left out. */
  method?: string;
  /** `/v2/users/*\/meetings` (`*` one segment, `**` the rest) or a RegExp on the path. */
  path: string | RegExp;
  /** Only requests whose bearer token belongs to this user (email or id). */
  user?: string;
  /** Chance per matching request (seeded). Defaults to 1. */
  probability?: number;
  /** Fire for the next N matching requests, then retire. Unlimited when left out. */
  count?: number;
  effect: FaultEffect;
}

export interface FaultControl {
  add(rule: FaultRule): string;
  remove(id: string): void;
  clear(): void;
  seed(seed: number): void;
  list(): (FaultRule & { id: string; fired: number })[];
}

interface ActiveRule extends FaultRule {
  id: string;
  fired: number;
  matcher: RegExp;
}

export interface FaultRequest {
  method: string;
  path: string;
  userKeys: string[];
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg === '*' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

export class Faults implements FaultControl {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): string {
    const id = `fault-${this.nextId++}`;
    const matcher = typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path;
    this.rules.push({ ...rule, id, fired: 0, matcher });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  seed(seed: number): void {
    this.random = seededRandom(seed);
  }

  list(): (FaultRule & { id: string; fired: number })[] {
    return this.rules.map(({ matcher: _m, ...r }) => ({ ...r }));
  }

  /** Effects for this request: every matching latency, then at most one other effect (first rule wins). */
  pick(req: FaultRequest): FaultEffect[] {
    const effects: FaultEffect[] = [];
    let terminal = false;
    for (const rule of [...this.rules]) {
      if (rule.method && rule.method.toUpperCase() !== req.method) continue;
      if (!rule.matcher.test(req.path)) continue;
      if (rule.user && !req.userKeys.includes(rule.user.toLowerCase())) continue;
      if (rule.effect.kind !== 'latency' && terminal) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.fired++;
      if (rule.count !== undefined && rule.fired >= rule.count) this.remove(rule.id);
      effects.push(rule.effect);
      if (rule.effect.kind !== 'latency') terminal = true;
    }
    return effects;
  }
}
