import { IANAZone } from 'luxon';

/** True for IANA zone names the runtime knows ('Europe/Berlin'); offsets like '+02:00' are not zones. */
export const isValidTimeZone = (zone: string): boolean =>
  zone.includes('/') || zone === 'UTC' ? IANAZone.isValidZone(zone) : false;

export interface TimeZoneChoice {
  /** The IANA name that is stored, e.g. 'Europe/Berlin'. */
  id: string;
  /** What a person reads and searches: 'Berlin (Europe) · Central European Time · GMT+01:00'. */
  label: string;
}

const part = (zone: string, at: Date, style: 'longGeneric' | 'long' | 'longOffset', locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

const city = (zone: string) => zone.split('/').at(-1)!.replace(/_/g, ' ');

/**
 * The zone in words, said once: "Central European Time (Berlin)", "Eastern Time (New York)",
 * "Coordinated Universal Time". Zones with no name of their own read "Dubai time (GMT+04:00)".
 */
export function zoneInWords(zone: string, at: Date = new Date(), locale = 'en-GB'): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'Coordinated Universal Time';
  const generic = part(zone, at, 'longGeneric', locale);
  const name = /^GMT|^UTC/.test(generic) ? part(zone, at, 'long', locale) : generic;
  if (!name || /^GMT|^UTC/.test(name)) return `${city(zone)} time (${part(zone, at, 'longOffset', locale)})`;
  return `${name} (${city(zone)})`;
}

/** Every zone the runtime knows, for a searchable picker; UTC first. */
export function listTimeZones(at: Date = new Date(), locale = 'en-GB'): TimeZoneChoice[] {
  const ids = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC' && isValidTimeZone(z))];
  return ids.map((id) => {
    if (id === 'UTC') return { id, label: 'UTC · Coordinated Universal Time · GMT+00:00' };
    const region = id.split('/').slice(0, -1).join('/').replace(/_/g, ' ');
    const generic = part(id, at, 'longGeneric', locale);
    const words = /^GMT|^UTC/.test(generic) ? '' : ` · ${generic}`;
    return { id, label: `${city(id)} (${region})${words} · ${part(id, at, 'longOffset', locale)}` };
  });
}

/** Why a text is not a time zone, in words, with the zones it may have meant; undefined when it is one. */
export function timeZoneProblem(text: string): string | undefined {
  const t = text.trim();
  if (isValidTimeZone(t)) return undefined;
  if (t === '') return 'Choose the clinic’s time zone from the list.';
  const wanted = t.toLowerCase().replace(/[\s_]+/g, ' ');
  const near = listTimeZones()
    .map((z) => z.id)
    .filter((id) => {
      const c = city(id).toLowerCase();
      return c === wanted || c.includes(wanted) || wanted.includes(c) || id.toLowerCase() === wanted;
    })
    .slice(0, 3);
  const hint = near.length
    ? ` Did you mean ${near.join(' or ')}?`
    : ' Choose one from the list, e.g. Europe/Berlin.';
  if (/^(utc|gmt)?\s*[+-]\d/i.test(t))
    return `“${t}” is an offset from UTC, not a time zone: an offset does not follow the clocks changing in summer. Choose the city the clinic is in.`;
  return `“${t}” is not a time zone name the companion knows.${hint}`;
}
