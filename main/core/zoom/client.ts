// The Zoom Meeting API as the companion uses it. One client per connected account (doctor or
// clinic); clients of the same Zoom account share the rate limiter through `accountKey`.
import type { z } from 'zod';
import { type CallContext, type CallRequest, type CallResult, callZoom } from './call';
import { fieldWord, listWords } from './error-words';
import { ZoomApiError } from './errors';
import { silentZoomLogger, type ZoomLogger } from './logger';
import { MeetingInput, MeetingPatch } from './meeting-input';
import type { ZoomOperation } from './operations';
import type { ZoomRateLimiter } from './rate-limiter';
import { DEFAULT_RETRY, type ZoomRetryOptions } from './retry-policy';
import {
  ZoomCreatedMeeting,
  ZoomMeeting,
  type ZoomMeetingListItem,
  ZoomMeetingListPage,
  ZoomUser,
} from './schemas';
import type { AccessTokenProvider } from './token-provider';

export interface ZoomClientOptions {
  /** e.g. https://api.zoom.us/v2, or the sandbox's apiBaseUrl. */
  apiBaseUrl: string;
  tokens: AccessTokenProvider;
  /** The Zoom account the token acts on (its account_id): the rate limiter's unit. */
  accountKey: string;
  limiter: ZoomRateLimiter;
  timeoutMs?: number;
  retry?: Partial<ZoomRetryOptions>;
  /** Largest response body read, in bytes. */
  maxBodyBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: ZoomLogger;
}

export type MeetingListType = 'scheduled' | 'upcoming';

export interface ListMeetingsOptions {
  type?: MeetingListType;
  /** Up to 300 (Zoom's maximum). */
  pageSize?: number;
}

export interface ZoomClient {
  getMe(): Promise<ZoomUser>;
  /** `me`, the user's email or Zoom user id. */
  getUser(userId: string): Promise<ZoomUser>;
  /** Never retried once the request may have reached Zoom: see reason 'outcome-unknown'. */
  createMeeting(userId: string, input: MeetingInput): Promise<ZoomCreatedMeeting>;
  getMeeting(meetingId: string): Promise<ZoomMeeting>;
  updateMeeting(meetingId: string, patch: MeetingPatch): Promise<void>;
  /**
   * With `ifExists`, a meeting Zoom no longer has counts as done (`deleted: false`). Use it when
   * cleaning up: a retried DELETE whose first attempt Zoom applied answers 3001.
   */
  deleteMeeting(meetingId: string, options?: { ifExists?: boolean }): Promise<{ deleted: boolean }>;
  /** Every meeting across all pages, following next_page_token. */
  iterateMeetings(userId: string, options?: ListMeetingsOptions): AsyncGenerator<ZoomMeetingListItem>;
  listMeetings(userId: string, options?: ListMeetingsOptions): Promise<ZoomMeetingListItem[]>;
}

// Zoom's page token lives 15 minutes; this bounds a runaway listing (300 × 200 meetings).
const MAX_PAGES = 200;

const invalid = (message: string) =>
  new ZoomApiError({ kind: 'invalid-request', reason: 'invalid-input', message });

function meetingPath(meetingId: string): string {
  if (!/^\d{1,20}$/.test(meetingId)) throw invalid('That is not a Zoom meeting ID.');
  return `/meetings/${meetingId}`;
}

function userPath(userId: string): string {
  if (userId.length === 0 || userId.length > 128 || /[\s/]/.test(userId))
    throw invalid('That is not a Zoom user.');
  return `/users/${encodeURIComponent(userId)}`;
}

function validated<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const words = listWords(parsed.error.issues.map((i) => fieldWord(i.path.map(String).join('.'))));
  throw invalid(`The meeting details are not valid (${words || 'details'}).`);
}

export function createZoomClient(options: ZoomClientOptions): ZoomClient {
  const ctx: CallContext = {
    apiBaseUrl: options.apiBaseUrl,
    tokens: options.tokens,
    accountKey: options.accountKey,
    limiter: options.limiter,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    logger: options.logger ?? silentZoomLogger,
  };
  const call = <S extends z.ZodType | undefined>(
    op: ZoomOperation,
    req: CallRequest<S>,
  ): Promise<CallResult<S>> => callZoom(ctx, op, req);

  const getUser = async (userId: string) => call('get-user', { path: userPath(userId), schema: ZoomUser });

  async function* iterateMeetings(userId: string, opts: ListMeetingsOptions = {}) {
    const pageSize = Math.min(300, Math.max(1, Math.floor(opts.pageSize ?? 300)));
    const seen = new Set<string>();
    let nextPageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await call('list-meetings', {
        path: `${userPath(userId)}/meetings`,
        query: { type: opts.type ?? 'scheduled', page_size: pageSize, next_page_token: nextPageToken },
        schema: ZoomMeetingListPage,
      });
      yield* body.meetings;
      nextPageToken = body.next_page_token || undefined;
      // A token seen before would loop forever: stop rather than hammer Zoom.
      if (nextPageToken === undefined || seen.has(nextPageToken)) return;
      seen.add(nextPageToken);
    }
  }

  return {
    getMe: () => getUser('me'),
    getUser,
    async createMeeting(userId, input) {
      const body = validated(MeetingInput, input);
      return call('create-meeting', {
        path: `${userPath(userId)}/meetings`,
        body,
        schema: ZoomCreatedMeeting,
      });
    },
    getMeeting: async (meetingId) =>
      call('get-meeting', { path: meetingPath(meetingId), schema: ZoomMeeting }),
    async updateMeeting(meetingId, patch) {
      const body = validated(MeetingPatch, patch);
      await call('update-meeting', { path: meetingPath(meetingId), body, schema: undefined });
    },
    async deleteMeeting(meetingId, opts = {}) {
      try {
        await call('delete-meeting', { path: meetingPath(meetingId), schema: undefined });
        return { deleted: true };
      } catch (e) {
        if (opts.ifExists && e instanceof ZoomApiError && e.reason === 'meeting-not-found')
          return { deleted: false };
        throw e;
      }
    },
    iterateMeetings,
    async listMeetings(userId, opts) {
      const all: ZoomMeetingListItem[] = [];
      for await (const m of iterateMeetings(userId, opts)) all.push(m);
      return all;
    },
  };
}
