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
  advance(ms: number): void;
}
