import type { FaultControl } from './faults';

export interface SandboxUserInit {
  email: string;
  first_name?: string;
  last_name?: string;
  timezone?: string;
  id?: string;
  account_id?: string;
  type?: 1 | 2 | 99;
}

/** Shaped like Zoom's GET /users/{userId} body so tests can compare it with API answers. */
export interface SandboxUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  display_name: string;
  account_id: string;
  account_number: number;
  type: 1 | 2 | 99;
  timezone: string;
  pmi: number;
  use_pmi: boolean;
  status: 'active';
  role_name: string;
  language: string;
  verified: number;
  created_at: string;
  user_created_at: string;
  personal_meeting_url: string;
}

/** `ended` is kept internally (DELETE answers 3007); the API shows it as `waiting`, as Zoom does for type 2. */
export type MeetingStatus = 'waiting' | 'started' | 'ended';

export interface SandboxMeeting {
  id: string;
  uuid: string;
  host_id: string;
  host_email: string;
  account_id: string;
  topic: string;
  type: 1 | 2 | 3 | 8;
  agenda: string;
  start_time: string;
  timezone: string;
  duration: number;
  password: string;
  h323_password: string;
  pstn_password: string;
  encrypted_password: string;
  settings: Record<string, unknown>;
  recurrence?: Record<string, unknown>;
  pre_schedule: boolean;
  status: MeetingStatus;
  created_at: string;
  updated_at: string;
  deleted_at?: string;
}

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  /** Scopes the Zoom app was given in the Marketplace; default every scope the companion uses. */
  scopes?: string[];
}

export interface S2SAccountConfig extends ClientConfig {
  accountId: string;
}

export interface SandboxOptions {
  port?: number;
  now?: () => number;
  publicClientId?: string;
  publicClientScopes?: string[];
  confidentialClients?: ClientConfig[];
  s2sAccounts?: S2SAccountConfig[];
  users?: SandboxUserInit[];
  /** Redirect URL allow list; a `http://127.0.0.1/...` entry matches any port (RFC 8252 §7.3). */
  redirectAllowList?: string[];
  rateLimits?: { light: number; medium: number; heavy: number } | false;
  dailyCreateUpdateLimit?: number;
  accessTokenTtlSeconds?: number;
  startUrlTtlSeconds?: number;
  /** Seed for fault probabilities and generated ids, so runs repeat. */
  seed?: number;
  /** Largest accepted request body in bytes; larger ones get 413. */
  maxBodyBytes?: number;
  /** How strictly the request log judges clients (see `strictReport`). */
  strict?: StrictOptions;
}

export interface StrictOptions {
  /** After a 429, requests arriving this soon were already on their way: not flagged. Default 250. */
  graceMs?: number;
  /** Rate window = 1000 ms minus this, so delivery jitter is not flagged. Default 100. */
  windowSlackMs?: number;
  /** Limits a client must keep to; default Zoom Pro's published 30 / 20 / 10 per second. */
  publishedLimits?: { light: number; medium: number; heavy: number };
  /** Oldest half of the log is dropped beyond this many requests. Default 20,000. */
  maxLogEntries?: number;
}

/** One request as the sandbox received it: what the client sent, not what the sandbox filled in. */
export interface SandboxRequest {
  /** 1-based arrival order. */
  seq: number;
  /** Sandbox clock at arrival, ms. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Route name, e.g. `POST /v2/users/{userId}/meetings`, or `GET (no route)`. */
  route: string;
  /** The account and user of the bearer token (API routes with a known token). */
  accountId?: string;
  userId?: string;
  /** The JSON body as sent, when the handler read one. */
  body?: Record<string, unknown>;
  /** Status answered; absent when the connection was dropped. */
  status?: number;
}

export type StrictViolationKind = 'create-without-passcode' | 'inside-retry-after' | 'above-rate-limit';

export interface StrictViolation {
  kind: StrictViolationKind;
  seq: number;
  at: number;
  route: string;
  accountId?: string;
  detail: string;
}

/** What real Zoom would let through but the companion must never do. */
export interface StrictReport {
  ok: boolean;
  counts: Record<StrictViolationKind, number>;
  /** The first 1,000 violations. */
  violations: StrictViolation[];
}

export interface SandboxStats {
  requests: number;
  byRoute: Record<string, number>;
  creates: number;
  updates: number;
  deletes: number;
  refreshes: number;
  tokensIssued: number;
  rateLimited: number;
  faultsInjected: number;
}

export type StartUrlState = 'valid' | 'expired' | 'unknown';

export interface ZoomSandbox {
  origin: string;
  oauthBaseUrl: string;
  apiBaseUrl: string;
  close(): Promise<void>;
  users(): SandboxUser[];
  addUser(init: SandboxUserInit): SandboxUser;
  approve(authorizeUrl: string, userEmail: string): Promise<string>;
  deny(authorizeUrl: string): Promise<string>;
  revokeUserTokens(userEmail: string): void;
  meetings(): SandboxMeeting[];
  deletedMeetings(): SandboxMeeting[];
  deleteMeetingAsZoom(id: string): void;
  updateMeetingAsZoom(id: string, patch: Partial<Omit<SandboxMeeting, 'id'>>): void;
  setMeetingStatus(id: string, status: MeetingStatus): void;
  startUrlState(startUrl: string): StartUrlState;
  faults: FaultControl;
  stats(): SandboxStats;
  /** Every request received (newest last), with the body the client sent. */
  requests(): SandboxRequest[];
  /** Violations of Zoom's rules that Zoom itself would tolerate (see `StrictOptions`). */
  strictReport(): StrictReport;
  /** Forgets the request log and the strict report (not the stats). */
  clearRequests(): void;
  advance(ms: number): void;
}
