import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { localToUtc } from '../time/utc';
import { isValidTimeZone } from '../time/zones';
import { fileError, MAX_IMPORT_ROWS } from './file-guard';
import type { RawRow } from './types';

const fmt = (dt: DateTime) => dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
const mailto = (v: unknown) =>
  (typeof v === 'string' ? v.replace(/^mailto:/i, '').trim() : undefined) || undefined;

/** Reads the VEVENTs of a calendar file into raw rows; recurring events are refused, not expanded. */
export function parseIcs(text: string, clinicTimeZone: string): RawRow[] {
  if (!/^BEGIN:VCALENDAR/i.test(text.trimStart())) {
    throw fileError('This is not a calendar file: an .ics file starts with BEGIN:VCALENDAR.');
  }
  if (!/END:VCALENDAR\s*$/i.test(text))
    throw fileError('The calendar file is cut off (it does not end with END:VCALENDAR).');
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    throw fileError(`The calendar file could not be read: ${(e as Error).message}`);
  }
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length === 0) throw fileError('The calendar file has no events.');
  if (events.length > MAX_IMPORT_ROWS)
    throw fileError(`The file has more than ${MAX_IMPORT_ROWS} events; split it.`);
  return events.map((vevent, i) => readEvent(vevent, i + 1, clinicTimeZone));
}

function readEvent(vevent: ICAL.Component, rowNumber: number, clinicTimeZone: string): RawRow {
  const row: RawRow = { rowNumber, timeZone: clinicTimeZone, errors: [], warnings: [] };
  try {
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid === 'string' && uid.trim()) row.sourceId = `ics:${uid.trim()}`;
    if (['rrule', 'rdate', 'recurrence-id'].some((p) => vevent.hasProperty(p))) {
      row.errors.push('Recurring events are not supported: export the single appointments instead.');
      return row;
    }
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      row.errors.push('This event is cancelled in the calendar; it is not imported.');
    }
    const start = instant(vevent.getFirstProperty('dtstart'), clinicTimeZone, row, 'start');
    if (start) {
      row.startUtc = fmt(start.at);
      row.timeZone = start.zone;
      const end = vevent.hasProperty('dtend')
        ? instant(vevent.getFirstProperty('dtend'), clinicTimeZone, row, 'end')
        : undefined;
      const duration = vevent.getFirstPropertyValue('duration');
      if (end) row.durationMin = Math.round(end.at.diff(start.at, 'minutes').minutes);
      else if (duration instanceof ICAL.Duration) row.durationMin = Math.round(duration.toSeconds() / 60);
      else if (!vevent.hasProperty('dtend')) row.errors.push('The event has no end time or duration.');
    }
    const organizer = vevent.getFirstProperty('organizer');
    row.doctor = mailto(organizer?.getFirstValue()) ?? paramOf(organizer, 'cn');
    const patient = vevent
      .getAllProperties('attendee')
      .find((a) => mailto(a.getFirstValue())?.toLowerCase() !== row.doctor?.toLowerCase());
    row.patientName = paramOf(patient, 'cn') ?? mailto(patient?.getFirstValue());
    row.patientEmail = mailto(patient?.getFirstValue());
    const explicit = vevent.getFirstPropertyValue('x-cc-visit-type');
    row.visitType = typeof explicit === 'string' ? explicit : isVideoVisit(vevent) ? 'telemed' : undefined;
  } catch (e) {
    row.errors.push(`The event could not be read: ${(e as Error).message}`);
  }
  return row;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const VIDEO_WORDS = /\b(tele[\s-]?(visit|med\w*|health|consult\w*)|video|zoom|virtual)\b/i;
const ZOOM_URL = /\bhttps?:\/\/([\w-]+\.)*zoom\.(us|com)\//i;

/**
 * A calendar's video visit: its categories, summary or location say so ("Video visit", LOCATION Zoom),
 * its URL or description carries a Zoom link, or the description speaks of a video call.
 */
function isVideoVisit(vevent: ICAL.Component): boolean {
  const categories = vevent
    .getAllProperties('categories')
    .flatMap((p) => p.getValues())
    .join(',');
  const words = [
    categories,
    text(vevent.getFirstPropertyValue('summary')),
    text(vevent.getFirstPropertyValue('location')),
    text(vevent.getFirstPropertyValue('description')),
  ];
  const links = [text(vevent.getFirstPropertyValue('url')), ...words];
  return words.some((w) => VIDEO_WORDS.test(w)) || links.some((l) => ZOOM_URL.test(l));
}

function paramOf(prop: ICAL.Property | null | undefined, name: string): string | undefined {
  const v = prop?.getParameter(name);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** DTSTART/DTEND as an instant plus the IANA zone the visit is shown in. */
function instant(
  prop: ICAL.Property | null,
  clinicTimeZone: string,
  row: RawRow,
  which: 'start' | 'end',
): { at: DateTime; zone: string } | undefined {
  const value = prop?.getFirstValue();
  if (!(value instanceof ICAL.Time)) {
    row.errors.push(`The event has no ${which} time.`);
    return undefined;
  }
  if (value.isDate) {
    row.errors.push('All-day events have no time of day; they are not imported.');
    return undefined;
  }
  const fields = {
    year: value.year,
    month: value.month,
    day: value.day,
    hour: value.hour,
    minute: value.minute,
    second: value.second,
  };
  const tzid = prop?.getParameter('tzid');
  if (value.zone === ICAL.Timezone.utcTimezone) {
    return { at: DateTime.fromSeconds(value.toUnixTime(), { zone: 'UTC' }), zone: clinicTimeZone };
  }
  if (typeof tzid === 'string' && isValidTimeZone(tzid)) {
    // The runtime's tz database is more current than a VTIMEZONE copied into an old export.
    return onClock(fields, tzid, row);
  }
  if (typeof tzid === 'string') {
    if (value.zone && value.zone.tzid === tzid) {
      return { at: DateTime.fromSeconds(value.toUnixTime(), { zone: 'UTC' }), zone: clinicTimeZone };
    }
    row.errors.push(`Unknown time zone "${tzid}" (no VTIMEZONE for it in the file).`);
    return undefined;
  }
  // Floating time: read on the clinic's clocks.
  return onClock(fields, clinicTimeZone, row);
}

/** A wall-clock time in a zone, by the same rule as a CSV row: a skipped hour refused, a doubled one said. */
function onClock(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second: number },
  zone: string,
  row: RawRow,
): { at: DateTime; zone: string } | undefined {
  const local = DateTime.fromObject(fields, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const said = local.replace('T', ' ').slice(0, 16);
  const r = localToUtc(local, zone);
  if (!r.ok) {
    row.errors.push(
      r.reason === 'nonexistent'
        ? `${said} does not exist in ${zone} (the clocks change that night).`
        : `${said} is not a valid date and time.`,
    );
    return undefined;
  }
  if (r.ambiguous && !row.warnings.some((w) => w.startsWith(said)))
    row.warnings.push(`${said} happens twice in ${zone} (clocks go back); the first one was used.`);
  return { at: DateTime.fromISO(r.utc, { zone: 'UTC' }), zone };
}
