// Lenient readers for the loosely typed values both KiviCare APIs send (ids as numbers or strings).
import { z } from 'zod';

export const SiteId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
export const OptText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v)));

/** Reads the id of an item we could not otherwise read, so it is reported rather than cancelled. */
export function readableId(item: unknown): string | undefined {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  const parsed = SiteId.safeParse(id);
  return parsed.success ? parsed.data : undefined;
}

/** Service names as either strings or `{name}` objects, lower-cased. */
export function serviceNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list
    .map((s) =>
      typeof s === 'string'
        ? s
        : s && typeof s === 'object'
          ? String((s as Record<string, unknown>).name ?? (s as Record<string, unknown>).service_name ?? '')
          : '',
    )
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export const isTelemedService = (names: string[]): boolean =>
  names.some((n) => n.replace(/[^a-z]/g, '').includes('telemed'));

/** Visits are stored as 5 to 480 minutes; a site row without a usable end gets the default. */
export function clampDuration(minutes: number | undefined, fallback: number): number {
  if (minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) return fallback;
  return Math.min(480, Math.max(5, Math.round(minutes)));
}
