// Zoom response bodies we rely on. Unknown keys are stripped (Zoom adds fields over time); the
// fields we use must have the right type or the whole response is refused as malformed.
import { z } from 'zod';

/** Meeting and user ids arrive as exact digit strings (see json.ts). */
export const ZoomMeetingId = z.string().regex(/^\d{1,20}$/);

const ZoomDateTime = z.iso.datetime({ offset: true });

export const ZoomUser = z.object({
  id: z.string().min(1),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  display_name: z.string().optional(),
  timezone: z.string().optional(),
  type: z.number().int().optional(),
  account_id: z.string().optional(),
  role_name: z.string().optional(),
  status: z.string().optional(),
  pmi: z.string().optional(),
});
export type ZoomUser = z.infer<typeof ZoomUser>;

/**
 * A link Zoom hands out for a meeting: https only (http just for a loopback test server), so a
 * `javascript:` or `file:` value can never become something the app offers to open.
 */
const MeetingUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  // zod runs this even when the URL check above failed, so it must not throw on non-URLs.
  const url = URL.canParse(u) ? new URL(u) : null;
  return url !== null && (url.protocol === 'https:' || url.hostname === '127.0.0.1');
}, 'must be an https link');

export const ZoomMeetingSettings = z.object({
  waiting_room: z.boolean().optional(),
  join_before_host: z.boolean().optional(),
  jbh_time: z.number().int().optional(),
  meeting_authentication: z.boolean().optional(),
  host_video: z.boolean().optional(),
  participant_video: z.boolean().optional(),
  mute_upon_entry: z.boolean().optional(),
  approval_type: z.number().int().optional(),
  auto_recording: z.string().optional(),
  encryption_type: z.string().optional(),
});

const meetingCore = {
  id: ZoomMeetingId,
  uuid: z.string().optional(),
  host_id: z.string().optional(),
  host_email: z.string().optional(),
  topic: z.string().optional(),
  agenda: z.string().optional(),
  type: z.number().int().optional(),
  start_time: ZoomDateTime.optional(),
  duration: z.number().int().optional(),
  timezone: z.string().optional(),
  created_at: ZoomDateTime.optional(),
  join_url: MeetingUrl,
};

/** POST /users/{userId}/meetings → 201. Carries the host's start URL: never log or show it. */
export const ZoomCreatedMeeting = z.object({
  ...meetingCore,
  start_url: MeetingUrl,
  password: z.string().optional(),
  h323_password: z.string().optional(),
  encrypted_password: z.string().optional(),
  settings: ZoomMeetingSettings.optional(),
});
export type ZoomCreatedMeeting = z.infer<typeof ZoomCreatedMeeting>;

/** GET /meetings/{meetingId} → 200, with a fresh start URL and the live status. */
export const ZoomMeeting = ZoomCreatedMeeting.extend({
  status: z.string().optional(),
});
export type ZoomMeeting = z.infer<typeof ZoomMeeting>;

/** One entry of GET /users/{userId}/meetings (no start URL, agenda truncated by Zoom). */
export const ZoomMeetingListItem = z.object(meetingCore);
export type ZoomMeetingListItem = z.infer<typeof ZoomMeetingListItem>;

export const ZoomMeetingListPage = z.object({
  next_page_token: z.string().optional(),
  page_size: z.number().int().optional(),
  total_records: z.number().int().optional(),
  meetings: z.array(ZoomMeetingListItem).default([]),
});
export type ZoomMeetingListPage = z.infer<typeof ZoomMeetingListPage>;

/** Zoom's error body; OAuth-style bodies (`error`, `reason`) appear on some 401s. */
export const ZoomErrorBody = z.object({
  code: z.coerce.number().int().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  errors: z
    .array(z.object({ field: z.string(), message: z.string().optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});
export type ZoomErrorBody = z.infer<typeof ZoomErrorBody>;
