// The site's Zoom meeting for an appointment, with the doctor's start URL left behind here.
import { z } from 'zod';
import { OptText } from './item-fields';
import type { SiteMeeting } from './source';

const MeetingFields = z.object({ zoomId: OptText, zoomUuid: OptText, joinUrl: OptText, password: OptText });

/**
 * Takes the add-on's mapping as `toArray()` gives it (camelCase: zoomId, zoomUUID, joinUrl) or as
 * the raw table row (snake_case), a one-row list of either, or PHP's empty array for "none";
 * anything without an https join link is "no meeting". Only whitelisted fields are copied:
 * the start URL never passes.
 */
export function readSiteMeeting(raw: unknown): SiteMeeting | null {
  if (Array.isArray(raw)) return raw.length === 1 ? readSiteMeeting(raw[0]) : null;
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const parsed = MeetingFields.safeParse({
    zoomId: r.zoomId ?? r.zoom_id,
    zoomUuid: r.zoomUUID ?? r.zoomUuid ?? r.zoom_uuid,
    joinUrl: r.joinUrl ?? r.join_url,
    password: r.password,
  });
  if (!parsed.success || !parsed.data.joinUrl) return null;
  let join: URL;
  try {
    join = new URL(parsed.data.joinUrl);
  } catch {
    return null;
  }
  if (join.protocol !== 'https:') return null;
  return {
    zoomMeetingId: parsed.data.zoomId,
    zoomUuid: parsed.data.zoomUuid,
    joinUrl: join.href,
    password: parsed.data.password,
  };
}
