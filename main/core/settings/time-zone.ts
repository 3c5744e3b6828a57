import { IANAZone } from 'luxon';

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/** The zone this computer is set to, as the default clinic zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
