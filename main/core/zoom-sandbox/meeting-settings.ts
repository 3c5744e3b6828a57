import { fieldError } from './http';

/** What Zoom echoes for a new meeting when the request leaves a setting out. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  host_video: false,
  participant_video: false,
  cn_meeting: false,
  in_meeting: false,
  join_before_host: false,
  jbh_time: 0,
  mute_upon_entry: false,
  watermark: false,
  use_pmi: false,
  approval_type: 2,
  audio: 'voip',
  auto_recording: 'none',
  enforce_login: false,
  enforce_login_domains: '',
  alternative_hosts: '',
  alternative_hosts_email_notification: true,
  close_registration: false,
  show_share_button: false,
  allow_multiple_devices: false,
  registrants_confirmation_email: true,
  waiting_room: false,
  registrants_email_notification: true,
  meeting_authentication: false,
  encryption_type: 'enhanced_encryption',
  approved_or_denied_countries_or_regions: { enable: false },
  breakout_room: { enable: false },
  internal_meeting: false,
  continuous_meeting_chat: { enable: false, auto_add_invited_external_users: false },
  participant_focused_meeting: false,
  push_change_to_calendar: false,
  email_notification: true,
  host_save_video_order: false,
  alternative_host_update_polls: false,
  focus_mode: false,
  private_meeting: false,
};

const BOOLEAN = new Set(
  Object.entries(DEFAULT_SETTINGS)
    .filter(([, v]) => typeof v === 'boolean')
    .map(([k]) => k),
);
const STRING = new Set([
  'alternative_hosts',
  'authentication_option',
  'authentication_domains',
  'contact_name',
  'contact_email',
  'audio_conference_info',
]);
const OBJECT = new Set([
  'approved_or_denied_countries_or_regions',
  'breakout_room',
  'continuous_meeting_chat',
  'language_interpretation',
  'sign_language_interpretation',
]);
const ENUM: Record<string, readonly unknown[]> = {
  jbh_time: [0, 5, 10],
  approval_type: [0, 1, 2],
  registration_type: [1, 2, 3],
  audio: ['both', 'telephony', 'voip', 'thirdParty'],
  auto_recording: ['local', 'cloud', 'none'],
  encryption_type: ['enhanced_encryption', 'e2ee'],
  calendar_type: [1, 2],
};

/** Checks the settings Zoom knows; others are ignored, as Zoom ignores them. */
export function parseSettings(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw fieldError('settings', 'Invalid field.');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = `settings.${key}`;
    if (BOOLEAN.has(key)) {
      if (typeof value !== 'boolean') throw fieldError(field, 'Invalid field.');
    } else if (ENUM[key]) {
      if (!ENUM[key].includes(value))
        throw fieldError(field, `Invalid value; allowed: ${ENUM[key].join(', ')}.`);
    } else if (STRING.has(key)) {
      if (typeof value !== 'string') throw fieldError(field, 'Invalid field.');
    } else if (OBJECT.has(key)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw fieldError(field, 'Invalid field.');
    } else {
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** A waiting room turns join-before-host off (zoom.md). */
export function mergeSettings(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...base, ...patch };
  if (merged.waiting_room === true) merged.join_before_host = false;
  return merged;
}
